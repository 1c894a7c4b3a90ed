"""``advisor ask`` answered at its prompts in a real pseudo-terminal, as a person would.

The installed console script is driven with arrow keys and read through a terminal emulator
(``harness.Terminal``). A terminal merges stdout and stderr, so where the product matters the
shell sends stdout to a file or a pipe: what lands there is exactly what a script would read,
while the prompts, drawn on stderr, stay on the screen.
"""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest
from harness import (
    CTRL_C,
    CTRL_D,
    DOWN,
    ENTER,
    Terminal,
    answer,
    catalog,
    environment,
    last_choice,
)

from selfhost_advisor.advice.questions import BY_ID, QUESTION_IDS

EN = catalog("en")
ES = catalog("es")


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """A file for the advisor's stdout ($OUT in a script) while stderr stays on the terminal."""
    path = tmp_path / "out"
    path.write_text("")
    return path


def test_four_prompts_answered_with_arrow_keys_give_one_json_document(out: Path) -> None:
    answers = {"data": "restricted", "control": "part", "volume": "spiky", "ops": "none"}
    terminal = Terminal('exec "$ADVISOR" ask --json >"$OUT"', environment(OUT=str(out)))
    for question in QUESTION_IDS:
        terminal.wait_for_screen(last_choice(question))
        # Each prompt shows its question and every choice before it takes a key.
        assert terminal.shows(EN.text(f"questions.{question}.prompt"))
        for value in BY_ID[question].values:
            assert terminal.shows(EN.text(f"questions.{question}.choices.{value}"))
        terminal.send(DOWN * BY_ID[question].values.index(answers[question]) + ENTER)
    assert terminal.finish() == 0
    text = out.read_text(encoding="utf-8")
    document, end = json.JSONDecoder().raw_decode(text)
    assert text[end:] == "\n"  # exactly one document, nothing before or after it
    assert document["answers"] == answers
    assert document["recommendation"]["id"] == "self-host"
    assert [w["id"] for w in document["warnings"]] == ["capacity-gap-none"]
    # The cursor-position request is what makes prompt_toolkit print "WARNING: your terminal
    # doesn't support cursor position requests" when no answer comes; it is never sent.
    assert "\x1b[6n" not in terminal.transcript
    assert "WARNING" not in terminal.text()


def test_piped_into_a_reader_the_prompts_stay_on_the_terminal() -> None:
    """`advisor ask --json | jq .recommendation.id`, with Python standing in for jq."""
    reader = "import json, sys; print('id=' + json.load(sys.stdin)['recommendation']['id'])"
    terminal = Terminal(f'"$ADVISOR" ask --json | python3 -c {shlex.quote(reader)}')
    answer(terminal, {"data": "mixed", "control": "none", "volume": "modest", "ops": "focused"})
    terminal.wait_for_screen("id=hybrid")
    assert terminal.finish() == 0
    # The reader got the document whole: no prompt, intro or answer line reached it.
    assert not terminal.shows('"answers"')


def test_flags_skip_their_prompts(out: Path) -> None:
    terminal = Terminal(
        'exec "$ADVISOR" ask --data mixed --volume modest --json >"$OUT"',
        environment(OUT=str(out)),
    )
    answer(terminal, {"control": "none", "ops": "platform"})
    assert terminal.finish() == 0
    assert not terminal.shows(EN.text("questions.data.prompt"))
    assert not terminal.shows(EN.text("questions.volume.prompt"))
    answers = json.loads(out.read_text(encoding="utf-8"))["answers"]
    assert answers == {"data": "mixed", "control": "none", "volume": "modest", "ops": "platform"}


def test_the_card_follows_the_prompts_on_the_screen() -> None:
    terminal = Terminal('exec "$ADVISOR" ask', rows=80)
    answer(terminal, {"data": "shareable", "control": "none", "volume": "growing"})
    terminal.wait_for_screen(last_choice("ops"))
    terminal.send(ENTER)  # the first choice: none
    assert terminal.finish() == 0
    screen = terminal.lines()
    last_prompt = max(i for i, row in enumerate(screen) if EN.text("questions.ops.prompt") in row)
    title = next(i for i, row in enumerate(screen) if EN.text("options.api.title") in row)
    assert last_prompt < title
    assert terminal.shows(EN.text("labels.seam"))
    assert terminal.shows(EN.text("advice.seam"))


@pytest.mark.parametrize("position", range(4), ids=QUESTION_IDS)
@pytest.mark.parametrize(
    ("key", "status", "notice"),
    [(CTRL_C, 130, "notices.cancelled"), (CTRL_D, 1, "notices.eof")],
    ids=["ctrl-c", "ctrl-d"],
)
def test_cancelling_at_each_prompt(
    position: int, key: str, status: int, notice: str, out: Path
) -> None:
    question = QUESTION_IDS[position]
    terminal = Terminal('exec "$ADVISOR" ask --json >"$OUT"', environment(OUT=str(out)))
    answer(terminal, {q: BY_ID[q].values[0] for q in QUESTION_IDS[:position]})
    terminal.wait_for_screen(last_choice(question))
    terminal.send(key)
    assert terminal.finish() == status
    assert out.read_text() == ""
    # Below the question that was open: the one line, and nothing else.
    rows = terminal.lines()
    prompt = max(i for i, row in enumerate(rows) if EN.text(f"questions.{question}.prompt") in row)
    assert [row for row in rows[prompt + 1 :] if row.strip()] == [EN.text(notice)]
    assert "Traceback" not in terminal.transcript


# -- Spanish, from the first prompt to the last line of the card --------------------------------

CARD_LABELS = ("recommendation", "why", "warnings", "choose_when", "tradeoffs", "seam")


def _english_phrases() -> list[str]:
    """English labels, intro lines, questions and explanations that must not show in Spanish.

    Each text up to its first placeholder; short ones ("No", "Why") are words Spanish shares
    or that hide inside other words, so only phrases longer than three letters count.
    """
    return [
        text
        for key, value in EN.strings.items()
        if key.startswith(("labels.", "intro.", "questions.", "explain."))
        and isinstance(value, str)
        and len(text := EN.text(key).split("{")[0].strip()) > 3
    ]


def _english_on(screen: str) -> list[str]:
    return [
        words
        for words in _english_phrases()
        if re.search(rf"(?<!\w){re.escape(words)}(?!\w)", " ".join(screen.split()))
    ]


def test_spanish_from_the_first_prompt_to_the_last_line_of_the_card() -> None:
    answers = {"data": "mixed", "control": "none", "volume": "growing", "ops": "none"}
    terminal = Terminal(
        'exec "$ADVISOR" ask', environment(LANG="es_ES.UTF-8", NO_COLOR="1"), rows=100, columns=100
    )
    terminal.wait_for_screen(ES.text("intro.title"))
    terminal.wait_for_screen(ES.text("intro.keys"))
    leaked = []
    for question, value in answers.items():
        terminal.wait_for_screen(last_choice(question, "es"))
        assert terminal.shows(ES.text(f"questions.{question}.prompt"))
        leaked += _english_on(terminal.text())  # every prompt, while it is on the screen
        terminal.send(DOWN * BY_ID[question].values.index(value) + ENTER)
    assert terminal.finish() == 0
    rows = terminal.lines()
    first_prompt = next(i for i, r in enumerate(rows) if ES.text("questions.data.prompt") in r)
    card = rows[next(i for i, r in enumerate(rows) if ES.text("labels.recommendation") in r) :]
    assert first_prompt < len(rows) - len(card)
    assert card[0].startswith("╭")
    assert card[-1].startswith("╰")  # the whole card, its last line included
    card_text = "\n".join(card)
    for label in CARD_LABELS:
        assert ES.text(f"labels.{label}") in card_text, label
    assert ES.text("options.hybrid.title") in card_text
    # The answers chosen with the arrow keys, as the card shows them (the first words of
    # each: the tree may wrap a long one).
    for question, value in answers.items():
        start = " ".join(ES.text(f"questions.{question}.choices.{value}").split()[:2])
        assert start in card_text, start
    # Not one English label, heading or prompt anywhere, whatever the card grows to show.
    leaked += _english_on(terminal.text())
    assert leaked == []
