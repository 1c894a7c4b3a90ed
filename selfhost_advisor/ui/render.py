"""Rich presentation for people: the recommendation card and the options at a glance.

Renderers take a finished document (see :mod:`selfhost_advisor.ui.report`), the catalog for
labels, and a console, so tests render into a ``Console(file=StringIO())`` and read the text.
Nothing here decides anything; markers never rely on colour alone.
"""

from __future__ import annotations

import errno
import os
import sys
from typing import IO

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.constrain import Constrain
from rich.panel import Panel
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from selfhost_advisor.advice.explain import FACTOR_OF
from selfhost_advisor.advice.questions import QUESTIONS
from selfhost_advisor.i18n.catalogs import Catalog
from selfhost_advisor.schema import Document
from selfhost_advisor.ui.output import encodable
from selfhost_advisor.ui.report import option_key
from selfhost_advisor.ui.widgets import (
    DASH,
    IDLE,
    MATTERED,
    MET,
    UNMET,
    WARN,
    bullets,
    heading,
    marked,
    section,
)

SIDE_BY_SIDE_MIN_WIDTH = 120  # three readable columns of about 38 characters each
# Prose wider than this is hard to read; a wide terminal gets a card of this width, not a banner.
CARD_MAX_WIDTH = 100
# Three columns of prose stop gaining from width well before this.
LIST_MAX_WIDTH = 160
# COLUMNS or LINES outside these cannot be meant: COLUMNS=0 drew nothing at all, COLUMNS=1 two
# corners, COLUMNS=999999 a 25 MB list. Such a value is ignored, as an unset one is.
MIN_WIDTH, MAX_WIDTH = 20, 1000
MIN_HEIGHT, MAX_HEIGHT = 5, 1000
DEFAULT_SIZE = (80, 25)  # Rich's, and a terminal's, when nothing says otherwise


class _Console(Console):
    def on_broken_pipe(self) -> None:
        # Rich would exit 1 itself; the CLI owns exit codes and reports a gone reader as 141.
        raise BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE))


def _setting(name: str, low: int, high: int) -> int | None:
    text = os.environ.get(name, "").strip()
    if not (text.isascii() and text.isdigit()) or len(text) > len(str(high)):
        return None
    return int(text) if low <= int(text) <= high else None


def _measured() -> tuple[int, int] | None:
    # As Rich measures: the first standard stream that is a terminal, so `advisor list > f`
    # typed in a terminal lays out for that terminal.
    for fd in (0, 1, 2):
        try:
            return tuple(os.get_terminal_size(fd))  # type: ignore[return-value]
        except (OSError, ValueError):
            continue
    return None


def window_size() -> tuple[int, int]:
    """The width and height to lay out for: COLUMNS and LINES when they can be meant, else
    the terminal's size (kept within the same bounds), else 80x25."""
    measured = _measured() or DEFAULT_SIZE
    width = _setting("COLUMNS", MIN_WIDTH, MAX_WIDTH)
    height = _setting("LINES", MIN_HEIGHT, MAX_HEIGHT)
    if width is None:
        width = min(max(measured[0], MIN_WIDTH), MAX_WIDTH) if measured[0] else DEFAULT_SIZE[0]
    if height is None:
        height = min(max(measured[1], MIN_HEIGHT), MAX_HEIGHT) if measured[1] else DEFAULT_SIZE[1]
    return width, height


def console(file: IO[str] | None = None, *, stderr: bool = False) -> Console:
    """A console that follows the terminal: colour only on a terminal, never with NO_COLOR.

    Its size is :func:`window_size`, never Rich's own reading of COLUMNS, which takes 0 or
    999999 at its word. On a stream that is not UTF-8 it draws in what the stream can encode.
    """
    stream = encodable(file or (sys.stderr if stderr else sys.stdout))
    width, height = window_size()
    return _Console(
        file=stream,
        stderr=stderr,
        width=width,
        height=height,
        highlight=False,
        no_color="NO_COLOR" in os.environ and os.environ["NO_COLOR"] != "",
        soft_wrap=False,
    )


def _choose_when(items: list[dict[str, object]]) -> Table:
    return marked(
        (Text(MET, style="bold green"), Text(str(item["text"])))
        if item.get("matched")
        else (Text(UNMET, style="dim"), Text(str(item["text"]), style="dim"))
        for item in items
    )


def _option_title(catalog: Catalog, option_id: str, split: str | None = None) -> str:
    return catalog.text(f"{option_key(option_id, split)}.title")


def answer_path(document: Document, catalog: Catalog) -> Tree:
    """The four answers, each through the factor it raises, up to the recommendation.

    An answer mattered when changing it alone changes the advice (``what_would_change`` has an
    entry for its question); the others are marked so, not hidden, because "this did not
    matter" is half of the explanation. The legend (``explain.legend``) goes under it.
    """

    deciding = {change["question"] for change in document["what_would_change"]}
    tree = Tree(Text(document["recommendation"]["title"], style="bold"), guide_style="dim")
    for question in QUESTIONS:
        value = document["answers"][question.id]
        mattered = question.id in deciding
        line = Text()
        line.append(MATTERED if mattered else IDLE, style="bold" if mattered else "dim")
        line.append(" ")
        line.append(catalog.text(f"explain.factors.{FACTOR_OF[question.id]}"), style="bold")
        line.append(": ")
        line.append(catalog.text(f"questions.{question.id}.choices.{value}"))
        tree.add(line)
    return tree


def what_would_change(document: Document, catalog: Catalog) -> RenderableType:
    """One line per single answer that would change the advice, or why there is none."""
    changes = document["what_would_change"]
    if not changes:
        return Text(catalog.text("explain.no_single_change"))
    return bullets(
        catalog.text(
            "explain.change",
            answer=f"{change['question']}={change['answer']}",
            option=_option_title(catalog, change["recommendation"], change.get("split")),
        )
        for change in changes
    )


def deployment(path: Document, catalog: Catalog) -> RenderableType:
    """How to do it: what to run, the named examples and what each gives, when they were checked."""
    examples = []
    for example in path["examples"]:
        line = Text(example["name"], style="bold")
        line.append(": ")
        line.append(example["text"])
        examples.append(line)
    return Group(
        Text(path["text"]),
        bullets(examples),
        Text(catalog.text("labels.checked", date=path["checked"]), style="dim"),
    )


def card(document: Document, catalog: Catalog) -> RenderableType:
    """The recommendation card for an ``advisor ask`` document."""

    option = document["recommendation"]
    parts: list[RenderableType] = [
        Text(option["title"], style="bold cyan"),
        Text(option["summary"]),
    ]
    parts.append(
        section(catalog.text("labels.why"), bullets(r["text"] for r in document["reasons"]))
    )
    if document["warnings"]:
        parts.append(
            section(
                catalog.text("labels.warnings"),
                bullets((w["text"] for w in document["warnings"]), WARN, "bold yellow"),
            )
        )
    if document.get("deployment"):
        parts.append(
            section(catalog.text("labels.deployment"), deployment(document["deployment"], catalog))
        )
    if document.get("next_steps"):
        parts.append(
            section(
                catalog.text("labels.next_steps"),
                bullets(step["text"] for step in document["next_steps"]),
            )
        )
    # The legend sits on the heading line: under the list it read as one more criterion met.
    choose_heading = heading(catalog.text("labels.choose_when"))
    choose_heading.append(f"  ({catalog.text('labels.matched_legend')})", style="dim")
    parts.append(section(choose_heading, _choose_when(option["choose_when"])))
    parts.append(section(catalog.text("labels.tradeoffs"), bullets(option["tradeoffs"], DASH)))
    parts.append(section(catalog.text("labels.seam"), Text(document["seam"])))
    # The path shows every answer given, so it stands in for a separate answers table.
    parts.append(
        section(
            catalog.text("explain.path"),
            Group(
                answer_path(document, catalog),
                Text(catalog.text("explain.legend"), style="dim italic"),
            ),
        )
    )
    parts.append(
        section(catalog.text("explain.what_would_change"), what_would_change(document, catalog))
    )
    panel = Panel(
        Group(*parts),
        title=Text(catalog.text("labels.recommendation")),
        title_align="left",
        box=box.ROUNDED,
        padding=(0, 1),
    )
    return Constrain(panel, width=CARD_MAX_WIDTH)


class _ByWidth:
    """Lays out as ``wide`` where there is room for it and as ``narrow`` where there is not.

    Rich knows the width only while printing, so the choice is made there.
    """

    def __init__(self, min_width: int, wide: RenderableType, narrow: RenderableType) -> None:
        self.min_width = min_width
        self.wide = wide
        self.narrow = narrow

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.wide if options.max_width >= self.min_width else self.narrow


def option_panel(option: Document, catalog: Catalog) -> RenderableType:
    """One option as a compact panel for ``advisor list``; the title moves inside when narrow."""

    title = Text(option["title"], style="bold cyan")
    sections = (
        section(
            catalog.text("labels.choose_when"), bullets(c["text"] for c in option["choose_when"])
        ),
        section(catalog.text("labels.tradeoffs"), bullets(option["tradeoffs"], DASH)),
    )
    in_border = Panel(
        Group(Text(option["summary"]), *sections),
        title=title,
        title_align="left",
        box=box.ROUNDED,
        padding=(0, 1),
    )
    # A border title that does not fit is cut short with an ellipsis; inside, it wraps.
    inside = Panel(
        Group(title, Text(option["summary"]), *sections), box=box.ROUNDED, padding=(0, 1)
    )
    return _ByWidth(title.cell_len + 6, in_border, inside)


def _side_by_side(document: Document, catalog: Catalog) -> Table:
    """The options as columns of one table, so each kind of content lines up across them."""

    table = Table(box=box.ROUNDED, show_lines=True, expand=True, padding=(0, 1))
    for option in document["options"]:
        table.add_column(Text(option["title"], style="bold cyan"), ratio=1)
    table.add_row(*(Text(o["summary"]) for o in document["options"]))
    table.add_row(
        *(
            Group(
                heading(catalog.text("labels.choose_when")),
                bullets(c["text"] for c in o["choose_when"]),
            )
            for o in document["options"]
        )
    )
    table.add_row(
        *(
            Group(heading(catalog.text("labels.tradeoffs")), bullets(o["tradeoffs"], DASH))
            for o in document["options"]
        )
    )
    return table


def options(document: Document, catalog: Catalog, width: int) -> RenderableType:
    """All options: side by side when the terminal is wide enough, stacked when not."""
    heading = Text(catalog.text("labels.all_options"), style="bold")
    if width >= SIDE_BY_SIDE_MIN_WIDTH:
        return Constrain(Group(heading, _side_by_side(document, catalog)), width=LIST_MAX_WIDTH)
    return Group(heading, *(option_panel(o, catalog) for o in document["options"]))
