"""The advisor in every terminal and pipe a user can put it in (issue 5's table, row by row).

Each test runs the installed ``advisor``: in a real pseudo-terminal where a terminal is part of
the case, as a subprocess with pipes where it is not. The few cases no Linux machine can produce
(a Windows console, a bug) are simulated in-process through :func:`selfhost_advisor.cli.app.run`.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from terminal_helpers import (
    CTRL_C,
    CTRL_D,
    ENTER,
    FLAGS,
    Terminal,
    answer,
    catalog,
    environment,
    last_choice,
    plain,
    run,
    shell,
    words,
)

from selfhost_advisor.advice import questions
from selfhost_advisor.advice.questions import BY_ID, QUESTION_IDS, UnknownValue, normalize
from selfhost_advisor.cli import app as cli

EN = catalog("en")
ALL_FLAGS_HINT = [f"--{q} {{{','.join(BY_ID[q].values)}}}" for q in QUESTION_IDS]
ANSWERS = {"data": "mixed", "control": "part", "volume": "high-steady", "ops": "none"}
# Words longer than this may be folded over two lines in the narrowest column of a narrow card.
_FOLDABLE = 6
# SGR parameters that choose a colour: 30-38 and 40-48 (foreground, background), 90-107.
_COLOUR_SGR = re.compile(r"\x1b\[([0-9;]*)m")


def _colours(text: str) -> list[str]:
    found = []
    for match in _COLOUR_SGR.finditer(text):
        for param in match.group(1).split(";"):
            if param and (30 <= int(param) <= 48 or 90 <= int(param) <= 107):
                found.append(match.group(0))
    return found


def _lines(data: bytes) -> list[str]:
    return data.decode("utf-8").splitlines()


def _one_error_line(stderr: bytes, *fragments: str) -> str:
    lines = _lines(stderr)
    assert len(lines) == 1, lines
    for fragment in fragments:
        assert fragment in lines[0]
    assert "Traceback" not in lines[0]
    return lines[0]


# -- no one at the keyboard: stdin from /dev/null, a pipe, or a CI job -------------------------


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
    status = terminal.finish()
    assert status == 2
    screen = plain(terminal.transcript)
    assert EN.text("questions.data.prompt") not in screen
    assert "Warning" not in screen  # prompt_toolkit's "Input is not a terminal"
    line = _one_error_line(screen.encode(), *ALL_FLAGS_HINT)
    assert line.startswith("advisor: error: missing answers")


def test_no_keyboard_in_pipes_names_only_the_missing_flags() -> None:
    result = run(["ask", "--data", "mixed", "--ops", "none"], env=environment(CI="true"))
    assert result.returncode == 2
    assert result.stdout == b""
    line = _one_error_line(result.stderr, *ALL_FLAGS_HINT[1:3])
    assert "--data" not in line
    assert "--ops" not in line


def test_piped_keystrokes_are_never_taken_as_answers(out: Path) -> None:
    # Four Enters would answer all four questions if prompt_toolkit read the pipe as keys.
    terminal = Terminal('printf \'\\r\\r\\r\\r\' | "$ADVISOR" ask --json >"$OUT"', _env_with(out))
    assert terminal.finish() == 2
    assert EN.text("questions.data.prompt") not in plain(terminal.transcript)
    assert out.read_text() == ""


# -- a terminal for the prompts, a file for the product ---------------------------------------


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """A file for the advisor's stdout ($OUT in a script) while stderr stays on the terminal."""
    path = tmp_path / "out"
    path.write_text("")
    return path


def _env_with(out: Path, **overrides: str | None) -> dict[str, str]:
    return environment(OUT=str(out), **overrides)


def test_json_to_a_file_prompts_on_the_terminal(out: Path) -> None:
    terminal = Terminal('exec "$ADVISOR" ask --json >"$OUT"', _env_with(out))
    answer(terminal, ANSWERS)
    assert terminal.finish() == 0
    text = out.read_text(encoding="utf-8")
    document, end = json.JSONDecoder().raw_decode(text)
    assert text[end:] == "\n"  # exactly one document, nothing before or after it
    assert document["answers"] == ANSWERS
    screen = plain(terminal.transcript)
    for question in QUESTION_IDS:
        assert EN.text(f"questions.{question}.prompt") in screen
    # The cursor-position request is what makes prompt_toolkit print "WARNING: your terminal
    # doesn't support cursor position requests" when no answer comes; it is never sent.
    assert "\x1b[6n" not in terminal.transcript
    assert "WARNING" not in screen


@pytest.mark.parametrize("position", range(4), ids=QUESTION_IDS)
@pytest.mark.parametrize(
    ("key", "status", "notice"),
    [(CTRL_C, 130, "notices.cancelled"), (CTRL_D, 1, "notices.eof")],
    ids=["ctrl-c", "ctrl-d"],
)
def test_cancelling_at_each_prompt(
    position: int, key: str, status: int, notice: str, out: Path
) -> None:
    terminal = Terminal('exec "$ADVISOR" ask >"$OUT"', _env_with(out))
    answer(terminal, {q: BY_ID[q].values[0] for q in QUESTION_IDS[:position]})
    terminal.wait_for(last_choice(QUESTION_IDS[position]))
    terminal.send(key)
    assert terminal.finish() == status
    assert out.read_text() == ""
    # After prompt_toolkit hands the terminal back, stderr carries one line and nothing else.
    assert terminal.after_prompts().splitlines() == [EN.text(notice)]
    assert "Traceback" not in terminal.transcript


# -- colour: never in JSON, never where it was turned off ------------------------------------


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
        text = terminal.transcript.replace("\r\n", "\n")
    assert "\x1b" not in text
    assert json.loads(text)["answers"] == ANSWERS


def _texts(document: object) -> list[str]:
    """Every sentence a document carries for people (ids and flags left out)."""
    if isinstance(document, list):
        return [text for item in document for text in _texts(item)]
    if not isinstance(document, dict):
        return []
    found = []
    for key, value in document.items():
        if key in ("title", "summary", "text", "seam") and isinstance(value, str):
            found.append(value)
        elif key == "tradeoffs":
            found += value
        else:
            found += _texts(value)
    return found


def _card_texts() -> list[str]:
    """What the card must show for FLAGS: the document's sentences and the answers' words."""
    document = json.loads(run(["ask", "--json", *FLAGS]).stdout)
    texts = _texts(document)
    for question, value in document["answers"].items():
        texts.append(EN.text(f"questions.{question}.choices.{value}"))
    return texts


def _list_texts() -> list[str]:
    return _texts(json.loads(run(["list", "--json"]).stdout))


def _lost(texts: list[str], shown: str) -> list[str]:
    """Words of ``texts`` that ``shown`` lacks.

    A word counts as shown when it stands whole, or when it was folded over lines: a word
    longer than a narrow column (the narrowest, deep in the card at 20 columns, holds about
    ten characters) continues on the next line, so it is whole in the stream of characters
    with white space and box lines taken out. Short words must stand whole: as substrings of
    the stream they would be found anywhere.
    """
    tokens = Counter(words(shown))
    stream = "".join(words(shown))
    needed = Counter(word for text in texts for word in text.split())
    return sorted(word for word in needed - tokens if len(word) <= _FOLDABLE or word not in stream)


@pytest.mark.parametrize("setting", ["NO_COLOR=1", "TERM=dumb"], ids=str)
def test_no_colour_in_a_terminal_that_asked_for_none(setting: str) -> None:
    name, value = setting.split("=")
    terminal = Terminal('exec "$ADVISOR" ask ' + " ".join(FLAGS), environment(**{name: value}))
    assert terminal.finish() == 0
    assert _colours(terminal.transcript) == []
    assert _lost(_card_texts(), terminal.transcript) == []
    # Met criteria keep their mark without colour.
    assert "\u2714" in terminal.transcript


def test_no_colour_when_stdout_is_piped() -> None:
    result = run(["ask", *FLAGS])
    assert result.returncode == 0
    text = result.stdout.decode("utf-8")
    assert "\x1b" not in text
    assert _lost(_card_texts(), text) == []


# -- the reader goes away ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "script",
    [
        '"$ADVISOR" list 2>"$OUT" | head -1',
        '"$ADVISOR" ask --json ' + " ".join(FLAGS) + ' 2>"$OUT" | head -c 10',
    ],
    ids=["list-head-1", "json-head-c"],
)
def test_head_closing_the_pipe_is_quiet(script: str, out: Path) -> None:
    result = shell(script, _env_with(out))
    assert result.returncode == 0
    assert result.stdout
    assert out.read_text() == ""  # no traceback, no "Exception ignored"


@pytest.mark.parametrize("args", [["list"], ["ask", "--json", *FLAGS], ["ask", *FLAGS]])
def test_a_reader_gone_before_the_first_byte_exits_141_silently(args: list[str]) -> None:
    # The read end is closed before the advisor starts, so its very first write breaks.
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        child = subprocess.run(
            [environment()["ADVISOR"], *args],
            stdin=subprocess.DEVNULL,
            stdout=write_end,
            stderr=subprocess.PIPE,
            env=environment(),
            timeout=60,
            check=False,
        )
    finally:
        os.close(write_end)
    assert child.returncode == 141
    assert child.stderr == b""


# -- widths -----------------------------------------------------------------------------------


@pytest.mark.parametrize("columns", ["20", "40", "500"])
def test_every_word_survives_any_width(columns: str) -> None:
    env = environment(COLUMNS=columns)
    card = run(["ask", *FLAGS], env=env)
    listing = run(["list"], env=env)
    assert card.returncode == listing.returncode == 0
    assert _lost(_card_texts(), card.stdout.decode("utf-8")) == []
    assert _lost(_list_texts(), listing.stdout.decode("utf-8")) == []
    assert "\u2026" not in card.stdout.decode("utf-8") + listing.stdout.decode("utf-8")


def test_a_tiny_window_says_to_widen_it_or_pass_flags() -> None:
    terminal = Terminal('exec "$ADVISOR" ask', rows=6, columns=20)
    assert terminal.finish() == 2
    screen = plain(terminal.transcript)
    assert EN.text("questions.data.prompt") not in screen
    assert "20x6" in screen
    assert "too small" in screen
    for hint in ALL_FLAGS_HINT:
        assert hint in screen.replace("\r\n", "")


def test_the_smallest_window_that_fits_reaches_every_last_choice(out: Path) -> None:
    # The size check is exact: the window it accepts shows the last choice, and one row
    # fewer is refused.
    from selfhost_advisor.ui import prompts

    rows = max(prompts.rows_needed(q, EN, 40) for q in QUESTION_IDS)
    terminal = Terminal('exec "$ADVISOR" ask --json >"$OUT"', _env_with(out), rows=rows, columns=40)
    answer(terminal, {q: BY_ID[q].values[-1] for q in QUESTION_IDS})
    assert terminal.finish() == 0
    assert json.loads(out.read_text())["answers"] == {q: BY_ID[q].values[-1] for q in QUESTION_IDS}
    smaller = Terminal('exec "$ADVISOR" ask', rows=rows - 1, columns=40)
    assert smaller.finish() == 2
    assert f"40x{rows - 1}" in plain(smaller.transcript)


def test_a_dumb_terminal_says_to_use_another_or_pass_flags() -> None:
    # TERM=dumb cannot move the cursor, so a list of choices would print as garbage.
    terminal = Terminal('exec "$ADVISOR" ask --data mixed', environment(TERM="dumb"))
    assert terminal.finish() == 2
    screen = plain(terminal.transcript)
    assert EN.text("questions.control.prompt") not in screen
    line = _one_error_line(screen.encode(), "use another terminal", *ALL_FLAGS_HINT[1:])
    assert "--data" not in line


def test_a_narrow_window_wraps_the_choices_instead_of_cutting_them(out: Path) -> None:
    terminal = Terminal('exec "$ADVISOR" ask --json >"$OUT"', _env_with(out), rows=16, columns=40)
    choices = []
    for question in QUESTION_IDS:
        texts = [EN.text(f"questions.{question}.choices.{v}") for v in BY_ID[question].values]
        choices += texts
        terminal.wait_for(texts[-1])
        terminal.send(ENTER)
    assert terminal.finish() == 0
    # Every word of every choice was drawn, none cut off at the window's edge.
    expected = Counter(word for text in choices for word in text.split())
    assert expected - Counter(words(terminal.transcript)) == Counter()
    assert json.loads(out.read_text())["answers"] == {q: BY_ID[q].values[0] for q in QUESTION_IDS}


# -- values typed loosely ---------------------------------------------------------------------


def test_odd_case_and_spacing_are_accepted() -> None:
    loose = ["--data", " mixed", "--control", "PART ", "--volume", "HIGH-STEADY"]
    result = run(["ask", "--json", *loose, "--ops", "None"])
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["answers"] == ANSWERS
    spaced = run(["ask", "--json", *FLAGS[:4], "--volume", "high  steady", "--ops", "none"])
    assert json.loads(spaced.stdout)["answers"]["volume"] == "high-steady"


@pytest.mark.parametrize("value", ["m", "hi", "xyz", "steady", ""])
def test_a_value_naming_nothing_exits_2_naming_the_accepted_ones(value: str) -> None:
    result = run(["ask", *FLAGS[:4], "--volume", value, "--ops", "none"])
    assert result.returncode == 2
    assert result.stdout == b""
    _one_error_line(result.stderr, "--volume", "modest, spiky, growing, high-steady")


def test_normalize_refuses_an_ambiguous_prefix(monkeypatch: pytest.MonkeyPatch) -> None:
    # No two values of the real questions share three letters, so a made-up question shows it.
    made_up = questions.Question("size", ("high-steady", "high-spiky", "low"))
    monkeypatch.setitem(questions.BY_ID, "size", made_up)
    assert normalize("size", "HIGH-ST") == "high-steady"
    assert normalize("size", "low") == "low"
    with pytest.raises(UnknownValue) as raised:
        normalize("size", "high")
    assert raised.value.accepted == ("high-steady", "high-spiky", "low")


# -- answers files ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "fault"),
    [
        (None, "no such file"),
        ("<dir>", "is a directory"),
        ("", "is empty"),
        ("{data: mixed}", "is not valid JSON"),
        ('["mixed"]', "not a list"),
        ('{"colour": "blue"}', "unknown key 'colour'"),
        ('{"data": 3}', "data must be text"),
        ("<10MB>", "is larger than"),
    ],
    ids=["missing", "directory", "empty", "not-json", "list", "unknown-key", "number", "10mb"],
)
def test_a_bad_answers_file_is_one_line_naming_it(
    content: str | None, fault: str, tmp_path: Path
) -> None:
    path = tmp_path / "answers.json"
    if content == "<dir>":
        path.mkdir()
    elif content == "<10MB>":
        path.write_text('{"data": "' + "x" * (10 * 1024 * 1024) + '"}')
    elif content is not None:
        path.write_text(content)
    result = run(["ask", "--answers", str(path)])
    assert result.returncode == 2
    assert result.stdout == b""
    _one_error_line(result.stderr, str(path), fault)


def test_ten_megabytes_on_stdin_is_one_line_too() -> None:
    result = run(["ask", "--answers", "-"], stdin=b'{"data": "' + b"x" * 10_000_000 + b'"}')
    assert result.returncode == 2
    _one_error_line(result.stderr, "answers file - (standard input)", "is larger than")


# -- output that cannot be written ------------------------------------------------------------


@pytest.mark.parametrize("args", [["ask", *FLAGS], ["ask", "--json", *FLAGS], ["list"]])
@pytest.mark.parametrize("redirect", [">&-", ">/dev/full"])
def test_unwritable_stdout_is_exit_74_and_one_line(args: list[str], redirect: str) -> None:
    result = shell(f'exec "$ADVISOR" {" ".join(args)} {redirect}', environment())
    assert result.returncode == 74
    _one_error_line(result.stderr, "cannot write the output")


def test_closed_stdout_fails_before_any_question_is_asked() -> None:
    # In a terminal the prompts could run, but their answer would have nowhere to go.
    terminal = Terminal('exec "$ADVISOR" ask >&-')
    assert terminal.finish() == 74
    screen = plain(terminal.transcript)
    assert EN.text("questions.data.prompt") not in screen
    assert screen.splitlines() == ["cannot write the output: Bad file descriptor"]


# -- locales the machine does not have --------------------------------------------------------


@pytest.mark.parametrize(
    "setting", ["LANG=es_ZZ.UTF-8", "LC_ALL=xx_YY.UTF-8", "LANG=de_DE.ISO-8859-1"], ids=str
)
def test_a_locale_that_is_not_installed_still_works(setting: str) -> None:
    name, value = setting.split("=")
    result = run(["ask", *FLAGS], env=environment(**{name: value}))
    assert result.returncode == 0
    assert result.stderr == b""
    title = catalog("es" if value.startswith("es") else "en").text("options.hybrid.title")
    assert title in result.stdout.decode("utf-8")


# -- the same answers, however they arrive ----------------------------------------------------


def test_flags_file_stdin_and_prompts_give_the_same_document(tmp_path: Path, out: Path) -> None:
    by_flags = run(["ask", "--json", *FLAGS])
    answers_file = tmp_path / "answers.json"
    answers_file.write_text(json.dumps(ANSWERS))
    by_file = run(["ask", "--json", "--answers", str(answers_file)])
    by_stdin = run(["ask", "--json", "--answers", "-"], stdin=json.dumps(ANSWERS).encode())
    replayed = run(["ask", "--json", "--answers", "-"], stdin=by_flags.stdout)
    terminal = Terminal('exec "$ADVISOR" ask --json >"$OUT"', _env_with(out))
    answer(terminal, ANSWERS)
    assert terminal.finish() == 0
    by_prompts = out.read_bytes()
    assert by_flags.returncode == 0
    assert by_flags.stdout
    for other in (by_file.stdout, by_stdin.stdout, replayed.stdout, by_prompts):
        assert other == by_flags.stdout


# -- simulated in-process: a Windows console, a bug -------------------------------------------


def _terminal_everywhere(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "_terminal", lambda: True)
    monkeypatch.setattr(cli, "_window_size", lambda: os.terminal_size((80, 24)))


def test_a_windows_console_that_cannot_draw_says_what_to_do(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # The real class imports only on Windows; this one has its name and module.
    no_console = type("NoConsoleScreenBufferError", (Exception,), {})
    no_console.__module__ = "prompt_toolkit.output.win32"

    def cannot_draw(*args: object, **kwargs: object) -> object:
        raise no_console("No Windows console found. Are you running cmd.exe?")

    _terminal_everywhere(monkeypatch)
    import prompt_toolkit.output

    # Where prompt_toolkit raises it on Windows: making the output for the terminal.
    monkeypatch.setattr(prompt_toolkit.output, "create_output", cannot_draw)
    assert cli.run(["ask", "--data", "mixed"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    line = _one_error_line(captured.err.encode(), *ALL_FLAGS_HINT[1:])
    assert "use another terminal" in line
    assert "--data" not in line


def test_another_prompt_failure_is_not_mistaken_for_a_windows_console(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*args: object, **kwargs: object) -> dict[str, str]:
        raise RuntimeError("something else")

    _terminal_everywhere(monkeypatch)
    from selfhost_advisor.ui import prompts

    monkeypatch.setattr(prompts, "ask", broken)
    assert cli.run(["ask"]) == 70


def _bug(*args: object) -> object:
    raise ZeroDivisionError("a simulated bug")


def test_a_bug_is_one_line_with_where_to_report_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(cli, "decide", _bug)
    assert cli.run(["ask", *FLAGS]) == 70
    captured = capsys.readouterr()
    assert captured.out == ""
    _one_error_line(captured.err.encode(), "a simulated bug", cli.ISSUES_URL, "ADVISOR_DEBUG=1")


def test_advisor_debug_shows_the_traceback_too(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(cli, "decide", _bug)
    monkeypatch.setenv("ADVISOR_DEBUG", "1")
    assert cli.run(["ask", *FLAGS]) == 70
    err = capsys.readouterr().err
    assert err.startswith("Traceback (most recent call last):")
    assert "_bug" in err
    assert cli.ISSUES_URL in err.splitlines()[-1]
