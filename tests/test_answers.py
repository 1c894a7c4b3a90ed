"""Answers however they arrive: flags typed loosely, answers files good and bad, standard input,
and the prompts, all giving the same document.

Run on the installed ``advisor`` with real pipes and files (the in-process flag and file cases
are in ``test_cli.py``).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from harness import (
    ANSWERS,
    FLAGS,
    Terminal,
    answer,
    catalog,
    environment,
    pattern,
    run,
    usage_error,
)

from selfhost_advisor.advice import questions
from selfhost_advisor.advice.questions import BY_ID, QUESTION_IDS, UnknownValue, normalize

EN = catalog("en")


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
    accepted = ", ".join(BY_ID["volume"].values)
    expected = usage_error(
        "errors.bad_value", question="volume", given=repr(value), accepted=accepted
    )
    assert result.stderr.decode().splitlines() == [expected]


def test_normalize_refuses_an_ambiguous_prefix(monkeypatch: pytest.MonkeyPatch) -> None:
    # No two values of the real questions share three letters, so a made-up question shows it.
    made_up = questions.Question("size", ("high-steady", "high-spiky", "low"))
    monkeypatch.setitem(questions.BY_ID, "size", made_up)
    assert normalize("size", "HIGH-ST") == "high-steady"
    assert normalize("size", "low") == "low"
    with pytest.raises(UnknownValue) as raised:
        normalize("size", "high")
    assert raised.value.accepted == ("high-steady", "high-spiky", "low")


# -- answers files ------------------------------------------------------------------------------

ACCEPTED_KEYS = ", ".join(QUESTION_IDS)
DATA_VALUES = ", ".join(BY_ID["data"].values)


@pytest.mark.parametrize(
    ("content", "fault", "params"),
    [
        (None, "not_found", {}),
        ("<dir>", "is_directory", {}),
        ("", "empty", {}),
        ("{data: mixed}", "not_json", {}),
        ('["mixed"]', "not_object", {"kind": "a list"}),
        ('{"colour": "blue"}', "unknown_key", {"key": "'colour'", "accepted": ACCEPTED_KEYS}),
        ('{"data": 3}', "not_text", {"key": "data", "accepted": DATA_VALUES}),
        ("<10MB>", "too_large", {}),
    ],
    ids=["missing", "directory", "empty", "not-json", "list", "unknown-key", "number", "10mb"],
)
def test_a_bad_answers_file_is_one_line_naming_it(
    content: str | None, fault: str, params: dict[str, str], tmp_path: Path
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
    [line] = result.stderr.decode().splitlines()
    head = usage_error("errors.answers_file", file=str(path), problem="")
    assert line.startswith(head), line
    assert pattern(f"errors.file.{fault}", **params).fullmatch(line[len(head) :]), line


def test_ten_megabytes_on_stdin_is_one_line_too() -> None:
    result = run(["ask", "--answers", "-"], stdin=b'{"data": "' + b"x" * 10_000_000 + b'"}')
    assert result.returncode == 2
    [line] = result.stderr.decode().splitlines()
    head = usage_error("errors.answers_file", file=EN.text("labels.stdin"), problem="")
    assert line.startswith(head), line
    assert pattern("errors.file.too_large").fullmatch(line[len(head) :]), line


# -- the same answers, however they arrive ------------------------------------------------------


def test_flags_file_stdin_and_prompts_give_the_same_document(tmp_path: Path) -> None:
    by_flags = run(["ask", "--json", *FLAGS])
    answers_file = tmp_path / "answers.json"
    answers_file.write_text(json.dumps(ANSWERS))
    by_file = run(["ask", "--json", "--answers", str(answers_file)])
    by_stdin = run(["ask", "--json", "--answers", "-"], stdin=json.dumps(ANSWERS).encode())
    replayed = run(["ask", "--json", "--answers", "-"], stdin=by_flags.stdout)
    out = tmp_path / "out"
    terminal = Terminal('exec "$ADVISOR" ask --json >"$OUT"', environment(OUT=str(out)))
    answer(terminal, ANSWERS)
    assert terminal.finish() == 0
    assert by_flags.returncode == 0
    assert json.loads(by_flags.stdout)["answers"] == ANSWERS
    for other in (by_file.stdout, by_stdin.stdout, replayed.stdout, out.read_bytes()):
        assert other == by_flags.stdout
