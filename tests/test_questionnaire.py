"""The questionnaire at 80x24 as a person meets it: where am I, what does this answer mean, go back.

The installed ``advisor ask`` in a pseudo-terminal read through a terminal emulator: each
question shows its place ("2/4") and what the highlighted answer means; the left arrow goes back
to the previous question with its answer highlighted; the answer changed there is the one the
card is built on; and the card's title and every reason are in its first screenful (22 rows:
what a pager's first page shows). ``ADVISOR_PAGER``/``PAGER`` are ``cat`` so that a pager, where
one is used, lets the whole card through for the screen to be read.
"""

from __future__ import annotations

import json

import pytest
from harness import DOWN, ENTER, LEFT, UP, Terminal, catalog, environment, last_choice, reads, run

from selfhost_advisor.advice.questions import BY_ID, QUESTION_IDS

# The first answer given, then changed after going back: the card must follow the change.
FIRST = {"data": "shareable", "control": "part"}
FINAL = {"data": "restricted", "control": "part", "volume": "high-steady", "ops": "none"}
# What a reader sees of a card before scrolling or paging, at 24 rows.
FIRST_PAGE = 22


def _describe(code: str, question: str, value: str) -> str:
    return catalog(code).text(f"questions.{question}.describe.{value}")


def _progress(code: str, number: int) -> str:
    return catalog(code).text("intro.progress", number=number, total=len(QUESTION_IDS))


def _document(answers: dict[str, str], code: str) -> dict[str, object]:
    flags = [part for q, v in answers.items() for part in (f"--{q}", v)]
    lang = "es_ES.UTF-8" if code == "es" else "C.UTF-8"
    result = run(["ask", "--json", *flags], env=environment(LANG=lang))
    assert result.returncode == 0
    document: dict[str, object] = json.loads(result.stdout)
    return document


def _choose(terminal: Terminal, code: str, question: str, start: str, value: str) -> None:
    """From the highlighted ``start``, move to ``value`` (its description shown) and Enter."""
    values = BY_ID[question].values
    steps = values.index(value) - values.index(start)
    terminal.send((DOWN if steps > 0 else UP) * abs(steps))
    terminal.wait_for_screen(_describe(code, question, value))
    terminal.send(ENTER)


@pytest.mark.parametrize("code", ["en", "es"])
def test_two_answers_back_twice_change_the_first_and_the_card_follows(code: str) -> None:
    words = catalog(code)
    lang = "es_ES.UTF-8" if code == "es" else "C.UTF-8"
    env = environment(LANG=lang, ADVISOR_PAGER="cat", PAGER="cat", NO_COLOR="1")
    terminal = Terminal('exec "$ADVISOR" ask', env, rows=24, columns=80)
    terminal.wait_for_screen(words.text("intro.keys"))

    # 1/4, the first choice highlighted and described; the description follows the highlight.
    terminal.wait_for_screen(last_choice("data", code))
    assert terminal.shows(_progress(code, 1), scrollback=False)
    terminal.wait_for_screen(_describe(code, "data", "shareable"))
    terminal.send(DOWN)
    terminal.wait_for_screen(_describe(code, "data", "mixed"))
    assert not terminal.shows(_describe(code, "data", "shareable"), scrollback=False)
    _choose(terminal, code, "data", "mixed", FIRST["data"])

    terminal.wait_for_screen(last_choice("control", code))
    assert terminal.shows(_progress(code, 2), scrollback=False)
    _choose(terminal, code, "control", "none", FIRST["control"])

    # At 3/4, back twice: each question comes back with its answer highlighted and described.
    terminal.wait_for_screen(last_choice("volume", code))
    assert terminal.shows(_progress(code, 3), scrollback=False)
    terminal.send(LEFT)
    terminal.wait_for_screen(_describe(code, "control", FIRST["control"]))
    assert terminal.shows(_progress(code, 2), scrollback=False)
    assert not terminal.shows(_progress(code, 3), scrollback=False)
    terminal.send(LEFT)
    terminal.wait_for_screen(_describe(code, "data", FIRST["data"]))
    # The question asked again replaces its answered line: it is on the screen once.
    prompt = words.text("questions.data.prompt")
    assert sum(prompt in row for row in terminal.screen()) == 1
    _choose(terminal, code, "data", FIRST["data"], FINAL["data"])

    # Forward again: the second answer given before is still the highlighted one.
    terminal.wait_for_screen(_describe(code, "control", FIRST["control"]))
    terminal.send(ENTER)
    terminal.wait_for_screen(last_choice("volume", code))
    _choose(terminal, code, "volume", "modest", FINAL["volume"])
    terminal.wait_for_screen(last_choice("ops", code))
    assert terminal.shows(_progress(code, 4), scrollback=False)
    _choose(terminal, code, "ops", "none", FINAL["ops"])
    assert terminal.finish() == 0

    # The card is the one for the changed answer, not the first one.
    document = _document(FINAL, code)
    before = _document({**FINAL, "data": FIRST["data"]}, code)
    title = document["recommendation"]["title"]  # type: ignore[index]
    assert title != before["recommendation"]["title"]  # type: ignore[index]
    rows = terminal.lines()
    start = next(i for i, row in enumerate(rows) if row.startswith("╭"))
    card = "\n".join(rows[start:])
    assert reads(words.text(f"questions.data.choices.{FINAL['data']}"), card)
    assert not reads(words.text(f"questions.data.choices.{FIRST['data']}"), card)
    # Its first screenful holds the title and every reason.
    page = "\n".join(rows[start : start + FIRST_PAGE])
    assert reads(str(title), page)
    reasons = document["reasons"]
    assert isinstance(reasons, list)
    assert reasons
    for reason in reasons:
        assert reads(reason["text"], page), reason["id"]
    # Each answered line is whole words at 80 columns: none broken at the window's edge.
    answered = [row for row in rows[:start] if row.startswith("? ")]
    assert len(answered) == len(QUESTION_IDS)
    assert all(len(row) < terminal.columns for row in rows[:start])
