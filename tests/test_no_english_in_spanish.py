"""Under ``LANG=es_ES.UTF-8`` the advisor says nothing in English.

The installed ``advisor`` runs every command a user meets (the card, its JSON and its decision
record, the list, the cost card with a preset, the languages, every help page, installing
shell completion) with a Spanish locale, and what it writes is scanned for English: any run of
four words in a row from an English catalog string, or from Click's and Typer's own English
phrases, is English leaking through. Runs that the Spanish catalog shares with English
(product names, versions, code spans, flags) are not English; URLs and ids are not in any
catalog sentence.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from harness import environment, run

from selfhost_advisor.i18n import catalogs as i18n

EN = i18n.load("en")
ES = i18n.load("es")

# Click's and Typer's English a help page, a usage error or completion can show.
CLICK_AND_TYPER = [
    "Show this message and exit.",
    "Install completion for the current shell.",
    "Show completion for the current shell, to copy it or customize the installation.",
    "bash completion installed in",
    "Completion will take effect once you restart the terminal",
    "Try 'advisor --help' for help",
    "Did you mean",
    "does not take a value",
    "requires an argument",
    "Got unexpected extra argument",
    "No such option",
    "No such command",
    "Missing command",
    "is not supported",
    "Shell bash",
]
WINDOW = 4


def _words(text: str) -> list[str]:
    # Letters and digits only: a phrase wrapped across lines, panel borders or Markdown markup
    # reads the same.
    return re.findall(r"[^\W_]+", text.lower())


def _strings(catalog: i18n.Catalog) -> list[str]:
    texts: list[str] = []
    for value in catalog.strings.values():
        texts += value if isinstance(value, list) else [value]
    # A placeholder is filled with something else: the words on each side are separate runs.
    return [part for text in texts for part in re.split(r"\{[^}]*\}", text)]


def _runs(words: list[str], size: int) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


SPANISH_RUNS = {run for text in _strings(ES) for run in _runs(_words(text), WINDOW)}
ENGLISH_RUNS = {run for text in _strings(EN) for run in _runs(_words(text), WINDOW)} - SPANISH_RUNS
# Click's shorter phrases are English whole, whatever their length.
ENGLISH_PHRASES = [tuple(_words(phrase)) for phrase in CLICK_AND_TYPER]


def english_in(text: str) -> list[str]:
    """The English runs of words in ``text``, as found."""
    words = _words(text)
    found = {" ".join(run) for run in _runs(words, WINDOW) & ENGLISH_RUNS}
    for phrase in ENGLISH_PHRASES:
        if any(tuple(words[i : i + len(phrase)]) == phrase for i in range(len(words))):
            found.add(" ".join(phrase))
    return sorted(found)


def _json_texts(value: Any) -> str:
    if isinstance(value, dict):
        return "\n".join(_json_texts(item) for item in value.values())
    if isinstance(value, list):
        return "\n".join(_json_texts(item) for item in value)
    return value if isinstance(value, str) else ""


ANSWERS = [
    ["--data", "shareable", "--control", "full", "--volume", "high-steady", "--ops", "none"],
    ["--data", "mixed", "--control", "part", "--volume", "growing", "--ops", "focused"],
    ["--data", "restricted", "--control", "none", "--volume", "spiky", "--ops", "platform"],
    ["--data", "shareable", "--control", "part", "--volume", "modest", "--ops", "focused"],
]
COST = [
    "cost",
    "--preset",
    "h100-qwen3-8b-hyperscaler",
    "--input-tokens",
    "160e9",
    "--output-tokens",
    "5e9",
    "--api-input-price",
    "0,15",
    "--api-output-price",
    "0,6",
    "--ops-monthly",
    "20000",
    "--prompt-tokens",
    "2048",
]
COMMANDS = (
    [["ask", *answers] for answers in ANSWERS]
    + [["ask", *answers, "--markdown"] for answers in ANSWERS]
    + [
        ["list"],
        COST,
        [*COST, "--sensitive-share", "20 %"],
        ["cost", "--presets"],
        ["languages"],
        ["--help"],
        *([command, "--help"] for command in ("ask", "list", "cost", "languages")),
    ]
)
MISTAKES = [
    ["ask", "--data", "restrcted"],
    ["ask", "--json=1"],
    ["ask", "--data"],
    ["frobnicate"],
    ["cost", "--input-tokens", "lots"],
]


def _spanish(*args: str, home: Path) -> tuple[int, str]:
    env = environment(LANG="es_ES.UTF-8", COLUMNS="120", HOME=str(home), SHELL="/bin/bash")
    done = run(args, env=env)
    return done.returncode, done.stdout.decode("utf-8") + done.stderr.decode("utf-8")


def test_the_scan_finds_english() -> None:
    # The scan is only worth something if it would catch a leak: English text and Click's own.
    assert english_in(EN.text("advice.seam")) != []
    assert english_in("│ Options │\n│  --help  Show this message and │\n│ exit. │") != []
    assert english_in(ES.text("advice.seam")) == []


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_spanish_runs_say_nothing_in_english(args: list[str], tmp_path: Path) -> None:
    status, said = _spanish(*args, home=tmp_path)
    assert status == 0, said
    assert english_in(said) == []


@pytest.mark.parametrize("args", MISTAKES, ids=" ".join)
def test_spanish_usage_errors_say_nothing_in_english(args: list[str], tmp_path: Path) -> None:
    status, said = _spanish(*args, home=tmp_path)
    assert status == 2
    assert said.strip()
    assert english_in(said) == []


JSON_RUNS = [["ask", *answers, "--json"] for answers in ANSWERS] + [[*COST, "--json"]]


@pytest.mark.parametrize("args", JSON_RUNS)
def test_spanish_json_texts_are_spanish(args: list[str], tmp_path: Path) -> None:
    status, said = _spanish(*args, home=tmp_path)
    assert status == 0, said
    assert english_in(_json_texts(json.loads(said))) == []


@pytest.mark.parametrize("flag", ["--install-completion", "--show-completion"])
def test_completion_answers_in_spanish(flag: str, tmp_path: Path) -> None:
    status, said = _spanish(flag, home=tmp_path)
    assert status == 0, said
    assert english_in(said) == []
    if flag == "--install-completion":
        assert "Autocompletado de bash instalado en" in said
        assert (tmp_path / ".bash_completions" / "advisor.sh").is_file()
