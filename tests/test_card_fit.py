"""The card fits the screen it lands on, for every one of the 108 answer combinations.

Rendered as a terminal of that width shows it (Rich's lines at that width, colour off), then
counted in rows:

- at 80x24, the title, every reason and every warning are in the first 22 rows: what a reader
  sees first, on the screen or on a pager's first page, is the answer and why;
- at 120x40, the whole card (the deployment section included) is at most 39 rows, so it is
  seen whole with the shell's prompt under it.

Both hold in English and Spanish: a longer translation has to fit the same screen.
"""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from selfhost_advisor.advice.decision import Answers, decide, every_answers
from selfhost_advisor.i18n import catalogs as i18n
from selfhost_advisor.schema import Document
from selfhost_advisor.ui import render
from selfhost_advisor.ui.report import ask_document

ALL = list(every_answers())


def _rows(document: Document, catalog: i18n.Catalog, columns: int) -> list[str]:
    out = io.StringIO()
    Console(file=out, width=columns, color_system=None, legacy_windows=False).print(
        render.card(document, catalog)
    )
    return out.getvalue().splitlines()


def _flat(text: str) -> str:
    return " ".join(text.replace("│", " ").split())


def _first_rows_holding(texts: list[str], rows: list[str]) -> int:
    """How many rows from the top it takes before every one of ``texts`` has been shown."""
    for count in range(1, len(rows) + 1):
        shown = _flat("\n".join(rows[:count]))
        if all(_flat(text) in shown for text in texts):
            return count
    raise AssertionError(f"not all on the card: {texts}")


@pytest.mark.parametrize("code", ["en", "es"])
def test_at_80x24_the_title_reasons_and_warnings_are_in_the_first_22_rows(code: str) -> None:
    catalog = i18n.load(code)
    late = {}
    for answers in ALL:
        document = ask_document(answers, decide(answers), catalog)
        needed = [
            document["recommendation"]["title"],
            *(reason["text"] for reason in document["reasons"]),
            *(warning["text"] for warning in document["warnings"]),
        ]
        rows = _rows(document, catalog, 80)
        assert max(len(row) for row in rows) <= 80
        used = _first_rows_holding(needed, rows)
        if used > 22:
            late[str(answers)] = used
    assert late == {}


@pytest.mark.parametrize("code", ["en", "es"])
def test_at_120x40_the_whole_card_fits_39_rows(code: str) -> None:
    catalog = i18n.load(code)
    tall = {}
    for answers in ALL:
        document = ask_document(answers, decide(answers), catalog)
        rows = _rows(document, catalog, 120)
        assert max(len(row) for row in rows) <= 120
        assert document.get("deployment") is None or any(
            catalog.text("labels.deployment") in row for row in rows
        )
        if len(rows) > 39:
            tall[str(answers)] = len(rows)
    assert tall == {}


def test_the_wide_card_is_chosen_at_120_columns_and_the_narrow_one_below() -> None:
    catalog = i18n.load("en")
    answers = Answers.from_ids(
        {"data": "mixed", "control": "part", "volume": "modest", "ops": "focused"}
    )
    document = ask_document(answers, decide(answers), catalog)
    title = document["recommendation"]["title"]
    # The wide card carries its title on the border; the narrow one on a row of its own.
    assert title in _rows(document, catalog, 120)[0]
    assert title not in _rows(document, catalog, 119)[0]
