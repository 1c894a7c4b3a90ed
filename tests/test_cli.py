"""The command line as a script or a person uses it: flags, answers files, errors, exit codes.

Commands run through Typer's ``CliRunner`` (click 8.5 keeps ``result.stdout`` and
``result.stderr`` apart, so each stream is asserted on its own). Where a prompt would be shown,
only the prompt is replaced: everything else is the real command.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import click
import pytest
import typer
from typer.testing import CliRunner

from selfhost_advisor import __version__
from selfhost_advisor.advice.questions import BY_ID, QUESTION_IDS
from selfhost_advisor.cli.app import app
from selfhost_advisor.errors import ExitCode
from selfhost_advisor.ui import prompts
from selfhost_advisor.ui import terminal as terminal_rules

runner = CliRunner()

ALL_FLAGS = ["--data=mixed", "--control=part", "--volume=spiky", "--ops=focused"]
ALL_ANSWERS = {"data": "mixed", "control": "part", "volume": "spiky", "ops": "focused"}
ESCAPE = "\x1b"


def invoke(*args: str, input: str | None = None, env: dict[str, str] | None = None) -> Any:
    return runner.invoke(app, list(args), input=input, env=env)


def one_error_line(result: Any) -> str:
    """The single stderr line of a failed run, after checking stdout stayed empty."""
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    line: str = lines[0]
    return line


def ask_json(*args: str, input: str | None = None) -> dict[str, Any]:
    result = invoke("ask", *args, "--json", input=input)
    assert result.exit_code == 0, result.stderr
    document: dict[str, Any] = json.loads(result.stdout)
    return document


class FakePrompts:
    """Stands in for the questionary adapter: records what is asked, answers or cancels."""

    def __init__(self, answers: dict[str, str] | None = None, raises: type | None = None) -> None:
        self.asked: list[str] = []
        self.answers = answers or ALL_ANSWERS
        self.raises = raises

    def __call__(self, questions: list[str], catalog: object, **_: object) -> dict[str, str]:
        self.asked.extend(questions)
        if self.raises is not None:
            raise self.raises()
        return {q: self.answers[q] for q in questions}


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> FakePrompts:
    """A person at a terminal, answering with ALL_ANSWERS."""
    fake = FakePrompts()
    monkeypatch.setattr(terminal_rules, "person_present", lambda: True)
    monkeypatch.setattr(prompts, "ask", fake)
    return fake


# Flags and prompts


def test_flags_answer_every_question_and_nothing_is_asked(terminal: FakePrompts) -> None:
    document = ask_json(*ALL_FLAGS)
    assert terminal.asked == []
    assert document["answers"] == ALL_ANSWERS


def test_only_the_unanswered_questions_are_asked_in_order(terminal: FakePrompts) -> None:
    document = ask_json("--volume=spiky", "--data=mixed")
    assert terminal.asked == ["control", "ops"]
    assert document["answers"] == ALL_ANSWERS


def test_prompts_and_intro_never_reach_stdout(terminal: FakePrompts) -> None:
    result = invoke("ask", "--json")
    assert result.exit_code == 0
    assert terminal.asked == list(QUESTION_IDS)
    json.loads(result.stdout)  # nothing but the document
    assert "Four questions" in result.stderr


def test_flag_values_are_forgiving_about_case_and_separators() -> None:
    document = ask_json(
        "--data", " Restricted", "--control=FULL", "--volume=HIGH_STEADY", "--ops=plat"
    )
    assert document["answers"] == {
        "data": "restricted",
        "control": "full",
        "volume": "high-steady",
        "ops": "platform",
    }


def test_card_is_the_default_output() -> None:
    result = invoke("ask", *ALL_FLAGS)
    assert result.exit_code == 0
    assert result.stderr == ""
    assert "Hybrid" in result.stdout
    assert not result.stdout.lstrip().startswith("{")


# Answers files


def test_answers_file_answers_everything(tmp_path: Path) -> None:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(ALL_ANSWERS), encoding="utf-8")
    assert ask_json("--answers", str(path))["answers"] == ALL_ANSWERS


def test_answers_from_standard_input() -> None:
    assert ask_json("--answers", "-", input=json.dumps(ALL_ANSWERS))["answers"] == ALL_ANSWERS


def test_answers_file_and_flags_together(tmp_path: Path) -> None:
    path = tmp_path / "some.json"
    path.write_text('{"data": "mixed", "control": "part"}', encoding="utf-8")
    document = ask_json("--answers", str(path), "--volume=spiky", "--ops=focused")
    assert document["answers"] == ALL_ANSWERS


def test_flags_win_over_the_file(tmp_path: Path) -> None:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(ALL_ANSWERS), encoding="utf-8")
    document = ask_json("--answers", str(path), "--data=restricted", "--ops=platform")
    assert document["answers"] == {**ALL_ANSWERS, "data": "restricted", "ops": "platform"}
    assert document["recommendation"]["id"] == "self-host"


def test_a_previous_json_output_replays(tmp_path: Path) -> None:
    first = invoke(
        "ask", "--data=shareable", "--control=full", "--volume=growing", "--ops=focused", "--json"
    )
    path = tmp_path / "previous.json"
    path.write_text(first.stdout, encoding="utf-8")
    replayed = invoke("ask", "--answers", str(path), "--json")
    assert replayed.exit_code == 0, replayed.stderr
    assert replayed.stdout == first.stdout
    assert json.loads(replayed.stdout)["recommendation"]["id"] == "hybrid"


def test_a_previous_json_output_replays_from_standard_input() -> None:
    first = invoke("ask", *ALL_FLAGS, "--json")
    replayed = invoke("ask", "--answers", "-", "--json", input=first.stdout)
    assert replayed.stdout == first.stdout


def test_a_partial_file_still_prompts_for_the_rest(tmp_path: Path, terminal: FakePrompts) -> None:
    path = tmp_path / "answers.json"
    path.write_text('{"ops": "focused"}', encoding="utf-8")
    assert ask_json("--answers", str(path))["answers"] == ALL_ANSWERS
    assert terminal.asked == ["data", "control", "volume"]


@pytest.mark.parametrize(
    ("content", "fault"),
    [
        ('{"data": "mixed",}', "is not valid JSON (line 1, column 18"),
        ("", "is empty; expected a JSON object"),
        ('["mixed"]', "must hold a JSON object"),
        ('{"colour": "red"}', "unknown key 'colour'; accepted keys: data, control, volume, ops"),
        ('{"volume": "huge"}', "volume: 'huge' is not a valid answer; accepted: modest, spiky"),
        ('{"ops": 3}', "ops must be text, one of: none, focused, platform"),
    ],
)
def test_bad_answers_file_names_the_file_and_the_fault(
    tmp_path: Path, content: str, fault: str
) -> None:
    path = tmp_path / "answers.json"
    path.write_text(content, encoding="utf-8")
    result = invoke("ask", "--answers", str(path), "--no-input")
    assert result.exit_code == ExitCode.USAGE
    line = one_error_line(result)
    assert line.startswith(f"advisor: error: answers file {path}: ")
    assert fault in line


def test_bad_answers_on_standard_input_are_named_too() -> None:
    result = invoke("ask", "--answers", "-", "--no-input", input='{"data":')
    assert result.exit_code == ExitCode.USAGE
    assert "answers file - (standard input): is not valid JSON" in one_error_line(result)


@pytest.mark.parametrize(
    ("make", "fault"),
    [
        (lambda p: p / "absent.json", "no such file"),
        (lambda p: p, "is a directory, not a file"),
    ],
)
def test_unreadable_answers_file(tmp_path: Path, make: Any, fault: str) -> None:
    path = make(tmp_path)
    result = invoke("ask", "--answers", str(path))
    assert result.exit_code == ExitCode.USAGE
    assert one_error_line(result) == f"advisor: error: answers file {path}: {fault}"


def test_answers_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.json"
    path.write_bytes(b'{"data": "\xe9"}')
    result = invoke("ask", "--answers", str(path))
    assert result.exit_code == ExitCode.USAGE
    assert one_error_line(result).startswith(f"advisor: error: answers file {path}: cannot be read")


# Missing answers and bad values


def test_no_input_names_every_missing_flag_and_its_values() -> None:
    result = invoke("ask", "--no-input", "--data=mixed")
    assert result.exit_code == ExitCode.USAGE
    line = one_error_line(result)
    assert "--no-input" in line
    assert line.endswith(
        "pass --control {none,part,full} --volume {modest,spiky,growing,high-steady}"
        " --ops {none,focused,platform}"
    )
    assert "--data" not in line


def test_no_input_wins_even_at_a_terminal(terminal: FakePrompts) -> None:
    result = invoke("ask", "--no-input", "--data=mixed", "--control=part", "--volume=spiky")
    assert result.exit_code == ExitCode.USAGE
    assert one_error_line(result).endswith("pass --ops {none,focused,platform}")
    assert terminal.asked == []


def test_no_terminal_means_no_prompt_and_a_clear_error() -> None:
    # CliRunner's stdin is not a terminal, as in `advisor ask < /dev/null` or under cron.
    result = invoke("ask", "--ops=none")
    assert result.exit_code == ExitCode.USAGE
    line = one_error_line(result)
    assert "no terminal" in line
    for question in ("data", "control", "volume"):
        assert f"--{question} {{{','.join(BY_ID[question].values)}}}" in line


def test_answers_on_stdin_cannot_also_be_prompted_for(terminal: FakePrompts) -> None:
    result = invoke("ask", "--answers", "-", input='{"data": "mixed"}')
    assert result.exit_code == ExitCode.USAGE
    assert one_error_line(result).endswith(
        "pass --control {none,part,full} --volume {modest,spiky,growing,high-steady}"
        " --ops {none,focused,platform}"
    )
    assert terminal.asked == []


@pytest.mark.parametrize("question", QUESTION_IDS)
def test_invalid_value_names_the_accepted_values(question: str) -> None:
    result = invoke("ask", f"--{question}", "huge")
    assert result.exit_code == ExitCode.USAGE
    accepted = ", ".join(BY_ID[question].values)
    assert one_error_line(result) == (
        f"advisor: error: --{question}: 'huge' is not a valid answer; accepted: {accepted}"
    )


def test_ambiguous_prefix_is_refused() -> None:
    # "no" could be none; two letters are too few to be sure of anything.
    result = invoke("ask", "--ops=no", "--no-input")
    assert result.exit_code == ExitCode.USAGE
    assert "accepted: none, focused, platform" in one_error_line(result)


def test_unknown_option_and_command_are_usage_errors() -> None:
    for args in (["ask", "--colour"], ["recommend"]):
        result = invoke(*args)
        assert result.exit_code == ExitCode.USAGE
        line = one_error_line(result)
        assert line.startswith("advisor: error: ")
        assert "--help" in line


def test_unknown_language_names_the_available_ones() -> None:
    result = invoke("list", "--lang", "tlh")
    assert result.exit_code == ExitCode.USAGE
    line = one_error_line(result)
    assert line.startswith("advisor: error: --lang: 'tlh' is not available; choose one of: en, ")


# Cancelled prompts


def test_ctrl_c_at_a_prompt(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(terminal_rules, "person_present", lambda: True)
    monkeypatch.setattr(prompts, "ask", FakePrompts(raises=KeyboardInterrupt))
    result = invoke("ask", "--json")
    assert result.exit_code == ExitCode.INTERRUPTED == 130
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == "Cancelled: no recommendation was made."
    assert "Traceback" not in result.stderr


def test_ctrl_d_at_a_prompt(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(terminal_rules, "person_present", lambda: True)
    monkeypatch.setattr(prompts, "ask", FakePrompts(raises=EOFError))
    result = invoke("ask")
    assert result.exit_code == ExitCode.CANCELLED == 1
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1].startswith("No answer (end of input)")


# Version and help


def test_version() -> None:
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout == f"advisor {__version__}\n"
    assert result.stderr == ""


def test_no_arguments_shows_help_on_stdout_and_succeeds() -> None:
    result = invoke()
    assert result.exit_code == 0
    assert result.stderr == ""
    # The same page as `advisor --help`, where a person reads help and `| less` pages it.
    assert result.stdout.strip() == invoke("--help").stdout.strip()
    assert "ask" in result.stdout


@pytest.mark.parametrize(
    ("question", "typed", "meant"),
    [
        ("data", "restrcted", "restricted"),
        ("data", "sharable", "shareable"),
        ("volume", "hihg-steady", "high-steady"),
        ("ops", "platfrom", "platform"),
        ("control", "nonee", "none"),
    ],
)
def test_a_close_misspelling_gets_did_you_mean(question: str, typed: str, meant: str) -> None:
    flags = [f"--{q}={ALL_ANSWERS[q]}" for q in QUESTION_IDS if q != question]
    line = one_error_line(invoke("ask", *flags, f"--{question}", typed))
    assert f"did you mean {meant!r}?" in line
    assert ", ".join(BY_ID[question].values) in line


def test_a_value_close_to_nothing_gets_no_guess() -> None:
    line = one_error_line(invoke("ask", "--data", "xyz", "--json"))
    assert "did you mean" not in line
    assert "shareable, mixed, restricted" in line


def test_an_answers_file_misspelling_gets_did_you_mean(tmp_path: Path) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text('{"data": "restrcted"}', encoding="utf-8")
    line = one_error_line(invoke("ask", "--answers", str(answers), "--json"))
    assert str(answers) in line
    assert "did you mean 'restricted'?" in line


def test_did_you_mean_in_spanish() -> None:
    line = one_error_line(invoke("ask", "--data", "restrcted", "--lang", "es"))
    assert "¿querías decir 'restricted'?" in line


@pytest.mark.parametrize("question", QUESTION_IDS)
def test_a_flag_missing_its_value_lists_the_values(question: str) -> None:
    result = invoke("ask", f"--{question}")
    assert result.exit_code == ExitCode.USAGE
    line = one_error_line(result)
    assert f"--{question} needs a value, one of: {', '.join(BY_ID[question].values)}" in line
    assert "advisor ask --help" in line


def test_preset_missing_its_value_lists_the_presets() -> None:
    line = one_error_line(invoke("cost", "--preset"))
    assert "--preset needs a value, one of: h100-8b," in line


def test_a_flag_given_a_value_it_does_not_take_keeps_clicks_words() -> None:
    line = one_error_line(invoke("ask", "--json=yes"))
    assert "does not take a value" in line


def _commands() -> list[list[str]]:
    group = typer.main.get_command(app)
    assert isinstance(group, click.Group)
    return [[]] + [[name] for name in group.commands]


@pytest.mark.parametrize("command", _commands(), ids=lambda c: " ".join(c) or "advisor")
@pytest.mark.parametrize("flag", ["-h", "--help"])
def test_help_on_every_command(command: list[str], flag: str) -> None:
    result = invoke(*command, flag)
    assert result.exit_code == 0
    assert result.stderr == ""
    assert f"Usage: advisor {' '.join(command)}".rstrip() in result.stdout


def test_ask_help_lists_every_flag_with_its_values() -> None:
    text = " ".join(invoke("ask", "--help").stdout.split())
    for question in QUESTION_IDS:
        assert f"--{question}" in text
        assert "{" + ",".join(BY_ID[question].values) + "}" in text
    for flag in ("--answers", "--no-input", "--json", "--lang"):
        assert flag in text


# The module entry point and the streams of a real process


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "selfhost_advisor", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        check=False,
    )


def test_python_dash_m_works_like_advisor() -> None:
    for args in (["list", "--json"], ["ask", *ALL_FLAGS, "--json"], ["--version"]):
        process = _run(*args)
        result = invoke(*args)
        assert (process.returncode, process.stdout) == (result.exit_code, result.stdout), args
    process = _run("ask", "--volume", "huge")
    assert process.returncode == ExitCode.USAGE
    assert process.stdout == ""
    assert process.stderr.startswith("advisor: error: --volume: 'huge'")


# Colour


_COLOUR = re.compile(r"\x1b\[[0-9;]*(3[0-9]|9[0-7]|38;)[0-9;]*m")


def test_no_escape_codes_when_piped() -> None:
    for args in (["ask", *ALL_FLAGS], ["list"]):
        result = invoke(*args)
        assert result.exit_code == 0
        assert ESCAPE not in result.stdout


def test_force_color_colours_the_card_but_never_the_json() -> None:
    forced = {"FORCE_COLOR": "1"}
    card = invoke("ask", *ALL_FLAGS, env=forced)
    assert _COLOUR.search(card.stdout), "FORCE_COLOR should colour the card"
    for args in (["ask", *ALL_FLAGS, "--json"], ["list", "--json"]):
        result = invoke(*args, env=forced)
        assert ESCAPE not in result.stdout
        json.loads(result.stdout)


def test_no_color_wins_over_force_color() -> None:
    result = invoke("ask", *ALL_FLAGS, env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert result.exit_code == 0
    assert not _COLOUR.search(result.stdout)
    listed = invoke("list", env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert not _COLOUR.search(listed.stdout)


# When stdout cannot be written: real processes, because the streams are the point.


def _reader_gone(*args: str) -> tuple[int, str]:
    """Run with stdout a pipe whose reader has already gone, as in `advisor list | true`."""
    with subprocess.Popen(
        [sys.executable, "-m", "selfhost_advisor", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        process.stdout.close()
        stderr = process.stderr.read().decode()
        return process.wait(), stderr


@pytest.mark.parametrize(
    "args",
    [
        ["list"],
        ["list", "--json"],
        ["ask", *ALL_FLAGS],
        ["ask", *ALL_FLAGS, "--json"],
        ["--version"],
    ],
    ids=" ".join,
)
def test_a_gone_reader_is_141_and_silent(args: list[str]) -> None:
    status, stderr = _reader_gone(*args)
    assert status == ExitCode.BROKEN_PIPE == 141
    assert stderr == ""


@pytest.mark.parametrize(
    "args", [["list"], ["ask", *ALL_FLAGS, "--json"], ["--version"]], ids=" ".join
)
def test_a_closed_stdout_is_74_with_one_line(args: list[str]) -> None:
    process = subprocess.run(
        [sys.executable, "-m", "selfhost_advisor", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
        # The child starts with file descriptor 1 closed, as after `>&-` in a shell.
        preexec_fn=lambda: os.close(1),
    )
    assert process.returncode == ExitCode.OUTPUT == 74
    assert process.stderr.splitlines() == ["cannot write the output: Bad file descriptor"]


def test_a_full_disk_is_74_with_one_line() -> None:
    # Linux's /dev/full: every write fails with ENOSPC.
    with open("/dev/full", "w") as full:
        process = subprocess.run(
            [sys.executable, "-m", "selfhost_advisor", "list", "--json"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    assert process.returncode == ExitCode.OUTPUT
    assert process.stderr.splitlines() == ["cannot write the output: No space left on device"]


# A broken presets file


@pytest.fixture
def presets_gone(monkeypatch: pytest.MonkeyPatch) -> Any:
    """presets.toml cannot be read (deleted from the install, say); every other file can."""
    from selfhost_advisor import shipped
    from selfhost_advisor.cost import presets

    real = shipped.read

    def read(source: Path, name: str | None = None) -> dict[str, Any]:
        if source.name == "presets.toml":
            raise FileNotFoundError(2, "No such file or directory", str(source))
        return real(source, name)

    monkeypatch.setattr(shipped, "read", read)
    presets.presets_file.cache_clear()
    yield
    presets.presets_file.cache_clear()


@pytest.mark.parametrize(
    "args",
    [["--version"], ["--help"], ["ask", *ALL_FLAGS, "--json"], ["list", "--json"], ["languages"]],
)
def test_a_missing_presets_file_breaks_no_other_command(presets_gone: Any, args: list[str]) -> None:
    result = invoke(*args)
    assert result.exit_code == 0, result.stderr
    assert result.stdout


def test_a_missing_presets_file_breaks_cost_with_one_line(presets_gone: Any) -> None:
    result = invoke("cost", "--preset", "h100-8b", "--json")
    assert result.exit_code != 0
    one_error_line(result)
