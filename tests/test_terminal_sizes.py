"""Every word at every width: the card and list at any COLUMNS, the prompts in any window.

A window too small to show a question whole is refused with one line; the smallest one that
fits shows every choice; a narrow one wraps choices at word boundaries instead of cutting them
at its edge. Run on the installed ``advisor``, in a pseudo-terminal of each size.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from harness import (
    DOWN,
    ENTER,
    FLAGS,
    Terminal,
    catalog,
    environment,
    flag_hint,
    run,
    said,
    usage_error,
    words,
)

from selfhost_advisor.advice.questions import BY_ID, QUESTION_IDS
from selfhost_advisor.ui import prompts

EN = catalog("en")
# Words longer than this may be folded over two lines in the narrowest column of a narrow card.
_FOLDABLE = 6


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


@pytest.mark.parametrize("columns", ["20", "40", "500"])
def test_every_word_survives_any_width(columns: str) -> None:
    env = environment(COLUMNS=columns)
    card = run(["ask", *FLAGS], env=env)
    listing = run(["list"], env=env)
    assert card.returncode == listing.returncode == 0
    document = json.loads(run(["ask", "--json", *FLAGS]).stdout)
    # The wide card (120 columns and more) leaves the option's summary to `advisor list`.
    summary = document["recommendation"]["summary"] if int(columns) >= 120 else None
    card_texts = [text for text in said(document) if text != summary] + [
        EN.text(f"questions.{q}.choices.{v}") for q, v in document["answers"].items()
    ]
    list_texts = said(json.loads(run(["list", "--json"]).stdout))
    assert _lost(card_texts, card.stdout.decode("utf-8")) == []
    assert _lost(list_texts, listing.stdout.decode("utf-8")) == []
    assert "\u2026" not in card.stdout.decode("utf-8") + listing.stdout.decode("utf-8")


def test_a_tiny_window_says_to_widen_it_or_pass_flags() -> None:
    terminal = Terminal('exec "$ADVISOR" ask', rows=6, columns=20)
    assert terminal.finish() == 2
    expected = usage_error("errors.window_too_small", size="20x6", flags=flag_hint(QUESTION_IDS))
    # The line is longer than the window: read back from the scrollback, it is the only one.
    assert terminal.lines() == terminal.drawn(expected)


def test_the_smallest_window_that_fits_reaches_every_last_choice(tmp_path: Path) -> None:
    # The size check is exact: the window it accepts shows the last choice, and one row
    # fewer is refused.
    out = tmp_path / "out"
    rows = max(prompts.rows_needed(q, EN, 40) for q in QUESTION_IDS)
    terminal = Terminal(
        'exec "$ADVISOR" ask --json >"$OUT"', environment(OUT=str(out)), rows=rows, columns=40
    )
    for question in QUESTION_IDS:
        # Each choice highlighted in turn: the question, its place, every choice and the
        # highlighted one's description are all on the screen at once.
        values = BY_ID[question].values
        for position, value in enumerate(values):
            terminal.send(DOWN if position else "")
            terminal.wait_for_screen(EN.text(f"questions.{question}.describe.{value}"))
            for text in [
                EN.text(f"questions.{question}.prompt"),
                f"{QUESTION_IDS.index(question) + 1}/{len(QUESTION_IDS)}",
            ]:
                assert terminal.shows(text, scrollback=False), text
            for choice in values:
                assert terminal.shows(
                    EN.text(f"questions.{question}.choices.{choice}"), scrollback=False
                ), choice
        terminal.send(ENTER)
    assert terminal.finish() == 0
    assert json.loads(out.read_text())["answers"] == {q: BY_ID[q].values[-1] for q in QUESTION_IDS}
    smaller = Terminal('exec "$ADVISOR" ask', rows=rows - 1, columns=40)
    assert smaller.finish() == 2
    expected = usage_error(
        "errors.window_too_small", size=f"40x{rows - 1}", flags=flag_hint(QUESTION_IDS)
    )
    assert smaller.lines() == smaller.drawn(expected)


def test_a_narrow_window_wraps_the_choices_instead_of_cutting_them(tmp_path: Path) -> None:
    out = tmp_path / "out"
    terminal = Terminal(
        'exec "$ADVISOR" ask --json >"$OUT"', environment(OUT=str(out)), rows=16, columns=40
    )
    for question in QUESTION_IDS:
        texts = [EN.text(f"questions.{question}.choices.{v}") for v in BY_ID[question].values]
        terminal.wait_for_screen(texts[-1])
        # Every word of every choice is on the screen whole, none cut off at the window's edge.
        expected = Counter(word for text in texts for word in text.split())
        assert expected - Counter(words("\n".join(terminal.screen()))) == Counter(), question
        terminal.send(ENTER)
    assert terminal.finish() == 0
    assert json.loads(out.read_text())["answers"] == {q: BY_ID[q].values[0] for q in QUESTION_IDS}
