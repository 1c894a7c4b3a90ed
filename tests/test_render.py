"""The card and the options list as people read them, at 80 columns and in a wide terminal.

Rendered into a plain console (no colour), then read as text: every text of the document must
be on the card (words may wrap, so whitespace and box-drawing are set aside before comparing),
and each "choose this when" criterion carries the marker that says whether it was met.
"""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from rich.cells import cell_len
from rich.console import Console, RenderableType
from typer.testing import CliRunner

from selfhost_advisor.advice.decision import Answers, decide, every_answers
from selfhost_advisor.cli.app import app
from selfhost_advisor.i18n import catalogs as i18n
from selfhost_advisor.schema import Document
from selfhost_advisor.ui import render
from selfhost_advisor.ui.report import ask_document, list_document
from selfhost_advisor.ui.widgets import MET, UNMET, WARN

runner = CliRunner()
ALL = list(every_answers())
NARROW, WIDE = 80, 140
_BOX = re.compile("[\u2500-\u257f]")  # borders, rules and tree guides


def draw(renderable: RenderableType, width: int) -> str:
    out = io.StringIO()
    Console(file=out, width=width, color_system=None, legacy_windows=False).print(renderable)
    return out.getvalue()


def flat(text: str) -> str:
    """The words in reading order: box-drawing gone, runs of whitespace made one space."""
    return " ".join(_BOX.sub(" ", text).split())


def said(document: Document, *, wide: bool = False) -> list[str]:
    """Every text the ask document says, the card has to say too.

    The wide card leaves out the option's summary: what the option is in general is what
    ``advisor list`` shows, and its rows are what lets the whole card fit a 120x40 window.
    """
    option = document["recommendation"]
    return [
        option["title"],
        *([] if wide else [option["summary"]]),
        *(item["text"] for item in option["choose_when"]),
        *option["tradeoffs"],
        *(reason["text"] for reason in document["reasons"]),
        *(warning["text"] for warning in document["warnings"]),
        document["seam"],
    ]


def _document(answers: Answers, catalog: i18n.Catalog) -> Document:
    return ask_document(answers, decide(answers), catalog)


ENGLISH = i18n.load("en")


def reads_in_order(text: str, card: str) -> bool:
    """Whether the words of ``text`` appear in ``card`` in order, other words between them
    allowed: read row by row, a card with columns interleaves them, but each column's words
    keep their order."""
    remaining = iter(flat(card).split())
    return all(word in remaining for word in flat(text).split())


@pytest.mark.parametrize("width", [NARROW, WIDE])
@pytest.mark.parametrize("answers", ALL, ids=str)
def test_the_card_says_everything_the_document_says(answers: Answers, width: int) -> None:
    document = _document(answers, ENGLISH)
    card = draw(render.card(document, ENGLISH), width)
    wide = width >= render.SIDE_BY_SIDE_MIN_WIDTH
    for text in said(document, wide=wide):
        assert reads_in_order(text, card) if wide else flat(text) in flat(card), text


@pytest.mark.parametrize("code", [c for c in i18n.available() if c != "en"])
def test_the_card_says_everything_in_every_language(code: str) -> None:
    catalog = i18n.load(code)
    for answers in ALL:
        document = _document(answers, catalog)
        card = flat(draw(render.card(document, catalog), NARROW))
        missing = [text for text in said(document) if flat(text) not in card]
        assert not missing, (answers, missing)


def _marker_of(card: str, criterion: str) -> str:
    """The marker in front of ``criterion`` in the card's "choose this when" section."""
    lines = [flat(line) for line in card.splitlines()]
    heading = next(
        i for i, line in enumerate(lines) if line.startswith(ENGLISH.text("labels.choose_when"))
    )
    section = lines[heading + 1 : lines.index("", heading)]
    start = flat(criterion)[:24]
    for content in section:
        if start in content:
            return content.split(start, 1)[0].strip()
    raise AssertionError(f"criterion not on the card: {criterion}")


@pytest.mark.parametrize("width", [NARROW, WIDE])
@pytest.mark.parametrize("answers", ALL, ids=str)
def test_met_criteria_are_marked_and_the_rest_are_not(answers: Answers, width: int) -> None:
    document = _document(answers, ENGLISH)
    card = draw(render.card(document, ENGLISH), width)
    for item in document["recommendation"]["choose_when"]:
        expected = MET if item["matched"] else UNMET
        assert _marker_of(card, item["text"]) == expected, item


def test_the_legend_is_not_mistaken_for_a_criterion() -> None:
    answers = Answers.from_ids(
        {"data": "shareable", "control": "none", "volume": "modest", "ops": "none"}
    )
    card = draw(render.card(_document(answers, ENGLISH), ENGLISH), NARROW)
    met_lines = [line for line in card.splitlines() if flat(line).startswith(MET)]
    assert len(met_lines) == 3  # the three api criteria, all met; the legend is elsewhere
    assert "your answers meet this" in flat(card)


def test_warnings_stand_out_and_only_when_there_are_some() -> None:
    gap = Answers.from_ids(
        {"data": "restricted", "control": "none", "volume": "modest", "ops": "none"}
    )
    calm = Answers.from_ids(
        {"data": "shareable", "control": "none", "volume": "modest", "ops": "platform"}
    )
    with_warning = draw(render.card(_document(gap, ENGLISH), ENGLISH), NARROW)
    without = draw(render.card(_document(calm, ENGLISH), ENGLISH), NARROW)
    label = ENGLISH.text("labels.warnings")
    assert label in with_warning
    assert f"{WARN} This needs operational capacity" in flat(with_warning)
    assert label not in without
    assert WARN not in without


@pytest.mark.parametrize("answers", ALL[::7], ids=str)
def test_the_card_fits_80_columns_and_stays_readable_when_wide(answers: Answers) -> None:
    document = _document(answers, ENGLISH)
    narrow = draw(render.card(document, ENGLISH), NARROW).splitlines()
    wide = draw(render.card(document, ENGLISH), WIDE).splitlines()
    assert max(cell_len(line) for line in narrow) <= NARROW
    # A wide terminal gets columns: the card spans it, shorter than the narrow one.
    assert max(cell_len(line.rstrip()) for line in wide) == WIDE
    assert len(wide) < len(narrow)


# advisor list


def _columns(text: str) -> list[str]:
    """The side-by-side table read column by column."""
    cells: list[list[str]] = []
    for line in text.splitlines():
        parts = line.split("\u2502")
        if len(parts) < 3:
            continue
        inner = parts[1:-1]
        cells.extend([] for _ in range(len(inner) - len(cells)))
        for index, part in enumerate(inner):
            cells[index].append(part)
    return [flat(" ".join(column)) for column in cells]


def _said_by(option: dict[str, Any]) -> list[str]:
    return [
        option["title"],
        option["summary"],
        *(c["text"] for c in option["choose_when"]),
        *option["tradeoffs"],
    ]


def test_list_side_by_side_when_wide() -> None:
    document = list_document(ENGLISH)
    text = draw(render.options(document, ENGLISH, WIDE), WIDE)
    titles = [o["title"] for o in document["options"]]
    assert any(all(title in line for title in titles) for line in text.splitlines())
    columns = _columns(text)
    assert len(columns) == 3
    for option, column in zip(document["options"], columns, strict=True):
        for said_text in _said_by(option):
            assert flat(said_text) in column, said_text


def test_list_stacked_when_narrow() -> None:
    document = list_document(ENGLISH)
    text = draw(render.options(document, ENGLISH, NARROW), NARROW)
    lines = text.splitlines()
    assert max(cell_len(line) for line in lines) <= NARROW
    title_lines = [
        next(i for i, line in enumerate(lines) if o["title"] in line) for o in document["options"]
    ]
    assert title_lines == sorted(set(title_lines))  # one after another, in order
    body = flat(text)
    for option in document["options"]:
        for said_text in _said_by(option):
            assert flat(said_text) in body


@pytest.mark.parametrize(("columns", "side_by_side"), [(80, False), (119, False), (120, True)])
def test_advisor_list_follows_the_terminal_width(columns: int, side_by_side: bool) -> None:
    result = runner.invoke(app, ["list"], env={"COLUMNS": str(columns)})
    assert result.exit_code == 0
    titles = [ENGLISH.text(f"options.{o}.title") for o in ("api", "self-host", "hybrid")]
    together = any(all(t in line for t in titles) for line in result.stdout.splitlines())
    assert together is side_by_side
    assert max(cell_len(line) for line in result.stdout.splitlines()) <= columns


def test_advisor_ask_card_at_the_terminal_width() -> None:
    args = ["ask", "--data=mixed", "--control=part", "--volume=spiky", "--ops=focused"]
    narrow = runner.invoke(app, args, env={"COLUMNS": "80"}).stdout
    wide = runner.invoke(app, args, env={"COLUMNS": "140"}).stdout
    assert max(cell_len(line) for line in narrow.splitlines()) <= 80
    assert max(cell_len(line.rstrip()) for line in wide.splitlines()) == 140
