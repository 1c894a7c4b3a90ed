"""The stream contract of the installed ``advisor``: stdout carries only the product, stderr one
line per failure, with its exit code.

Colour never in JSON and never where it was turned off; a reader that goes away is quiet
(141); an output that cannot be written is one line (74); a bug is one line with where to
report it (70), the traceback only when ADVISOR_DEBUG asks. Real processes and real pipes,
because the streams are the point; a pseudo-terminal where a terminal is part of the case.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest
from harness import (
    ANSWERS,
    FLAGS,
    TIMEOUT,
    Terminal,
    advisor,
    catalog,
    environment,
    patched,
    reads,
    run,
    said,
    shell,
)

EN = catalog("en")


def _card_texts() -> list[str]:
    """What the card must show for FLAGS: the document's sentences and the answers' words."""
    document = json.loads(run(["ask", "--json", *FLAGS]).stdout)
    texts = said(document)
    for question, value in document["answers"].items():
        texts.append(EN.text(f"questions.{question}.choices.{value}"))
    return texts


# -- colour: never in JSON, never where it was turned off ---------------------------------------


@pytest.mark.parametrize(
    "setting", ["FORCE_COLOR=1", "GITHUB_ACTIONS=true", "TTY_COMPATIBLE=1"], ids=str
)
@pytest.mark.parametrize("stdout", ["piped", "terminal"])
def test_json_never_carries_escape_codes(setting: str, stdout: str) -> None:
    name, value = setting.split("=")
    env = environment(**{name: value})
    if stdout == "piped":
        result = run(["ask", "--json", *FLAGS], env=env)
        assert result.returncode == 0
        text = result.stdout.decode("utf-8")
    else:
        terminal = Terminal('exec "$ADVISOR" ask --json ' + " ".join(FLAGS), env)
        assert terminal.finish() == 0
        # The bytes, not the screen: a script capturing the terminal reads these.
        text = terminal.transcript.replace("\r\n", "\n")
    assert "\x1b" not in text
    assert json.loads(text)["answers"] == ANSWERS


@pytest.mark.parametrize("setting", ["NO_COLOR=1", "TERM=dumb"], ids=str)
def test_no_colour_in_a_terminal_that_asked_for_none(setting: str) -> None:
    name, value = setting.split("=")
    terminal = Terminal(
        'exec "$ADVISOR" ask ' + " ".join(FLAGS), environment(**{name: value}), rows=80
    )
    assert terminal.finish() == 0
    assert terminal.colours() == set()
    missing = [text for text in _card_texts() if not terminal.shows(text)]
    assert missing == []
    # Met criteria keep their mark without colour.
    assert terminal.shows("\u2714")


def test_a_terminal_shows_the_card_in_colour() -> None:
    # The other side of the test above: proof that colour is seen where it is allowed.
    terminal = Terminal('exec "$ADVISOR" ask ' + " ".join(FLAGS), rows=80)
    assert terminal.finish() == 0
    assert terminal.colours()


def test_no_colour_when_stdout_is_piped() -> None:
    result = run(["ask", *FLAGS])
    assert result.returncode == 0
    text = result.stdout.decode("utf-8")
    assert "\x1b" not in text
    assert [t for t in _card_texts() if not reads(t, text)] == []


# -- the reader goes away -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "script",
    [
        '"$ADVISOR" list 2>"$OUT" | head -1',
        '"$ADVISOR" ask --json ' + " ".join(FLAGS) + ' 2>"$OUT" | head -c 10',
    ],
    ids=["list-head-1", "json-head-c"],
)
def test_head_closing_the_pipe_is_quiet(script: str, tmp_path: Path) -> None:
    err = tmp_path / "err"
    result = shell(script, environment(OUT=str(err)))
    assert result.returncode == 0
    assert result.stdout
    assert err.read_text() == ""  # no traceback, no "Exception ignored"


@pytest.mark.parametrize("args", [["list"], ["ask", "--json", *FLAGS], ["ask", *FLAGS]])
def test_a_reader_gone_before_the_first_byte_exits_141_silently(args: list[str]) -> None:
    # The read end is closed before the advisor starts, so its very first write breaks.
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        child = subprocess.run(
            [advisor(), *args],
            stdin=subprocess.DEVNULL,
            stdout=write_end,
            stderr=subprocess.PIPE,
            env=environment(),
            timeout=TIMEOUT * 2,
            check=False,
        )
    finally:
        os.close(write_end)
    assert child.returncode == 141
    assert child.stderr == b""


# -- output that cannot be written --------------------------------------------------------------


@pytest.mark.parametrize("args", [["ask", *FLAGS], ["ask", "--json", *FLAGS], ["list"]])
@pytest.mark.parametrize(
    ("redirect", "problem"),
    [(">&-", "Bad file descriptor"), (">/dev/full", "No space left on device")],
)
def test_unwritable_stdout_is_exit_74_and_one_line(
    args: list[str], redirect: str, problem: str
) -> None:
    result = shell(f'exec "$ADVISOR" {" ".join(args)} {redirect}')
    assert result.returncode == 74
    assert result.stderr.decode().splitlines() == [EN.text("errors.output", problem=problem)]


# -- a bug: simulated in the installed advisor --------------------------------------------------

_BUG = """
import selfhost_advisor.advice.decision as decision

def decide(*args, **kwargs):
    raise ZeroDivisionError("a simulated bug")

decision.decide = decide
"""


def _internal_error(problem: str) -> re.Pattern[str]:
    """The catalog's line for a bug, with whatever address it gives for reports."""
    text = re.escape(EN.text("errors.internal", problem=problem, url="\0"))
    return re.compile(text.replace("\0", r"https://\S+"))


def test_a_bug_is_one_line_with_where_to_report_it(tmp_path: Path) -> None:
    result = run(["ask", *FLAGS], env=patched(tmp_path, _BUG))
    assert result.returncode == 70
    assert result.stdout == b""
    [line] = result.stderr.decode().splitlines()
    assert _internal_error("ZeroDivisionError: a simulated bug").fullmatch(line), line


def test_advisor_debug_shows_the_traceback_too(tmp_path: Path) -> None:
    result = run(["ask", *FLAGS], env=patched(tmp_path, _BUG, ADVISOR_DEBUG="1"))
    assert result.returncode == 70
    assert result.stdout == b""
    lines = result.stderr.decode().splitlines()
    assert lines[0] == "Traceback (most recent call last):"
    assert any("sitecustomize.py" in line and "in decide" in line for line in lines)
    assert _internal_error("ZeroDivisionError: a simulated bug").fullmatch(lines[-1])
