"""When the advisor may prompt, and the one line it prints when it may not.

Prompts need a person at a keyboard and a terminal that can draw them: stdin a terminal, no CI
job, a ``TERM`` that can move the cursor, a console prompt_toolkit can open, somewhere for the
answer to go. Each case runs the installed ``advisor`` in a real pseudo-terminal where a
terminal is part of it (the window-size cases are in ``test_terminal_sizes.py``).
"""

from __future__ import annotations

import errno
import os
import re
from pathlib import Path

import pytest
from harness import (
    Terminal,
    catalog,
    environment,
    flag_hint,
    patched,
    run,
    usage_error,
)

from selfhost_advisor.advice.questions import QUESTION_IDS

EN = catalog("en")


@pytest.mark.parametrize(
    ("script", "ci"),
    [
        ('exec "$ADVISOR" ask </dev/null', None),
        ('echo x | "$ADVISOR" ask', None),
        ('exec "$ADVISOR" ask', "true"),
    ],
    ids=["stdin-devnull", "stdin-piped", "ci"],
)
def test_no_keyboard_means_no_prompt_and_exit_2_naming_every_flag(
    script: str, ci: str | None
) -> None:
    # In a terminal (stderr is one) so that only stdin, or CI, can be what stops the prompts.
    terminal = Terminal(script, environment(CI=ci))
    assert terminal.finish() == 2
    # One line and nothing else: no question, no prompt_toolkit "Input is not a terminal".
    expected = usage_error("errors.missing_answers", flags=flag_hint(QUESTION_IDS))
    assert terminal.lines() == terminal.drawn(expected)


def test_no_keyboard_in_pipes_names_only_the_missing_flags() -> None:
    result = run(["ask", "--data", "mixed", "--ops", "none"], env=environment(CI="true"))
    assert result.returncode == 2
    assert result.stdout == b""
    expected = usage_error("errors.missing_answers", flags=flag_hint(["control", "volume"]))
    assert result.stderr.decode().splitlines() == [expected]


def test_piped_keystrokes_are_never_taken_as_answers(tmp_path: Path) -> None:
    # Four Enters would answer all four questions if prompt_toolkit read the pipe as keys.
    out = tmp_path / "out"
    terminal = Terminal(
        'printf \'\\r\\r\\r\\r\' | "$ADVISOR" ask --json >"$OUT"', environment(OUT=str(out))
    )
    assert terminal.finish() == 2
    assert not terminal.shows(EN.text("questions.data.prompt"))
    assert out.read_text() == ""


def test_a_dumb_terminal_says_to_use_another_or_pass_flags() -> None:
    # TERM=dumb cannot move the cursor, so a list of choices would print as garbage.
    terminal = Terminal('exec "$ADVISOR" ask --data mixed', environment(TERM="dumb"))
    assert terminal.finish() == 2
    expected = usage_error("errors.no_console", flags=flag_hint(QUESTION_IDS[1:]))
    assert terminal.lines() == terminal.drawn(expected)


def test_closed_stdout_fails_before_any_question_is_asked() -> None:
    # In a terminal the prompts could run, but their answer would have nowhere to go.
    terminal = Terminal('exec "$ADVISOR" ask >&-')
    assert terminal.finish() == 74
    assert terminal.lines() == terminal.drawn(
        EN.text("errors.output", problem=os.strerror(errno.EBADF))
    )


# -- prompt_toolkit failing to draw: simulated in the installed advisor --------------------------


# Where prompt_toolkit raises on Windows without a console: making the terminal's output.
_CANNOT_DRAW = """
import prompt_toolkit.output

class {name}(Exception):
    pass

{name}.__module__ = "{module}"

def cannot_draw(*args, **kwargs):
    raise {name}("No Windows console found. Are you running cmd.exe?")

prompt_toolkit.output.create_output = cannot_draw
"""


def test_a_windows_console_that_cannot_draw_says_what_to_do(tmp_path: Path) -> None:
    # The real class imports only on Windows; this one has its name and module.
    code = _CANNOT_DRAW.format(
        name="NoConsoleScreenBufferError", module="prompt_toolkit.output.win32"
    )
    terminal = Terminal('exec "$ADVISOR" ask --data mixed', patched(tmp_path, code))
    assert terminal.finish() == 2
    expected = usage_error("errors.no_console", flags=flag_hint(QUESTION_IDS[1:]))
    assert terminal.lines() == terminal.drawn(expected)


def test_another_failure_to_draw_is_not_mistaken_for_a_windows_console(tmp_path: Path) -> None:
    code = _CANNOT_DRAW.format(name="SomethingElse", module="somewhere.else")
    terminal = Terminal('exec "$ADVISOR" ask --data mixed', patched(tmp_path, code))
    assert terminal.finish() == 70
    # The one line of an unexpected error, naming it, not the advice to change terminals.
    url = re.search(r"https://[^\s;]+", "".join(terminal.lines()))
    assert url is not None, terminal.text()
    problem = "SomethingElse: No Windows console found. Are you running cmd.exe?"
    expected = EN.text("errors.internal", problem=problem, url=url.group())
    assert terminal.lines() == terminal.drawn(expected)
