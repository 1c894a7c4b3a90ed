"""Help pages as a user reads them: Click's plain help, worded in the user's language.

Run through a real process because the help language is chosen when the CLI module loads
(from ``--lang`` in argv), before Click parses anything.
"""

from __future__ import annotations

import os
import subprocess
import sys

from selfhost_advisor.advice.questions import BY_ID, QUESTION_IDS


def _help(*args: str, columns: int = 100) -> str:
    env = {**os.environ, "COLUMNS": str(columns)}
    process = subprocess.run(
        [sys.executable, "-m", "selfhost_advisor", *args, "--help"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        check=False,
    )
    assert process.returncode == 0, process.stderr
    assert process.stderr == ""
    return process.stdout


def test_each_question_lists_its_answers_whole_even_in_a_narrow_terminal() -> None:
    lines = _help("ask", columns=50).splitlines()
    for question in QUESTION_IDS:
        choices = "{" + ",".join(BY_ID[question].values) + "}"
        # On the flag's own line, never wrapped: `high-steady` must not split at its hyphen.
        assert any(line.split()[:2] == [f"--{question}", choices] for line in lines if line.strip())


def test_help_is_plain_text_in_a_pipe() -> None:
    text = _help("ask")
    assert "\x1b[" not in text
    assert not set(text) & set("╭╮╰╯│─")  # no Rich panels: Click's help, drawn without Rich


def test_spanish_help_has_spanish_headings() -> None:
    text = _help("ask", "--lang", "es")
    assert text.startswith("Uso: advisor ask")
    assert "Opciones:" in text
    assert "Options:" not in text
    assert "Hace las cuatro preguntas" in text


def _flat(text: str) -> str:
    # Click wraps help at spaces and after hyphens ("high-" / "steady"); joined back up.
    return " ".join(text.split()).replace("- ", "-")


def test_ask_help_says_what_each_answer_means() -> None:
    text = _flat(_help("ask", columns=200))
    assert "Answers: shareable (yes), mixed (partly), restricted (no)." in text
    assert "none (no), part (for part of the system), full (yes)." in text
    # A meaning that would only repeat the value is left out; a choice's name is not repeated.
    assert "Answers: modest, spiky (bursts and quiet spells)," in text
    assert "high-steady (high and steady)." in text
    assert "platform (a real MLOps team)." in text


def test_the_meanings_are_in_the_users_language() -> None:
    text = _flat(_help("ask", "--lang", "es", columns=200))
    assert "Respuestas: shareable («sí»), mixed («en parte»), restricted («no»)." in text
    assert "Answers:" not in text
