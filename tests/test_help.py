"""Help pages as a user reads them: Click's plain help, worded in the user's language.

Run through a real process because the help language is chosen when the CLI module loads
(from ``--lang`` in argv), before Click parses anything.
"""

from __future__ import annotations

import os
import subprocess
import sys

from selfhost_advisor.advice.questions import BY_ID, QUESTION_IDS
from selfhost_advisor.i18n import catalogs as i18n


def catalog(code: str) -> i18n.Catalog:
    return i18n.load(code, {})


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
    english = catalog("en")
    text = _flat(_help("ask", columns=200))
    # Each value with its short answer and the description the prompt shows for it.
    for value, short in (("shareable", "yes"), ("mixed", "partly"), ("restricted", "no")):
        described = english.text(f"questions.data.describe.{value}")
        assert f"{value} ({short}): {described}" in text
    for question in QUESTION_IDS:
        for value in BY_ID[question].values:
            assert english.text(f"questions.{question}.describe.{value}") in text
    # A short answer that only repeats the value is left out; "MLOps" keeps its capitals.
    assert "modest: Light" in text
    assert "platform (a real MLOps team): " in text


def test_the_meanings_are_in_the_users_language() -> None:
    spanish = catalog("es")
    text = _flat(_help("ask", "--lang", "es", columns=200))
    assert f"shareable («sí»): {spanish.text('questions.data.describe.shareable')}" in text
    assert catalog("en").text("questions.data.describe.shareable") not in text
