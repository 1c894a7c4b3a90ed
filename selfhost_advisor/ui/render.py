"""Rich presentation for people: the recommendation card and the options at a glance.

Renderers take a finished document (see :mod:`selfhost_advisor.ui.report`), the catalog for
labels, and a console, so tests render into a ``Console(file=StringIO())`` and read the text.
Nothing here decides anything; markers never rely on colour alone.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Callable
from typing import IO

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.constrain import Constrain
from rich.panel import Panel
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
    Marked,
    bullets,
    card_panel,
    heading,
    marked,
    section,
)

SIDE_BY_SIDE_MIN_WIDTH = 120  # three readable columns of about 38 characters each
# Prose wider than this is hard to read; a wide terminal gets a card of this width, not a banner.
CARD_MAX_WIDTH = 100
# The wide card's two columns of prose stop gaining from width here; like the list, it is capped.
WIDE_CARD_MAX_WIDTH = 140
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


def console(file: IO[str] | None = None, *, stderr: bool = False, color: bool = True) -> Console:
    """A console that follows the terminal: colour only on a terminal, never with NO_COLOR
    nor without ``color``.

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
        # No text here is markup for emoji, and printing with emoji on loads Rich's table of
        # them (docs/performance.md).
        emoji=False,
        # A file is never coloured, whatever FORCE_COLOR says (``-o``).
        color_system="auto" if color else None,
        force_terminal=None if color else False,
    )


def _choose_when(items: list[dict[str, object]]) -> Marked:
    return marked(
        (Text(MET, style="bold green"), Text(str(item["text"])))
        if item.get("matched")
        else (Text(UNMET, style="dim"), Text(str(item["text"]), style="dim"))
        for item in items
    )


def _option_title(catalog: Catalog, option_id: str, split: str | None = None) -> str:
    return catalog.text(f"{option_key(option_id, split)}.title")


def _answers_in_words(question: str, values: list[str], catalog: Catalog) -> str:
    quoted = [
        catalog.text("explain.quoted", answer=catalog.text(f"questions.{question}.short.{v}"))
        for v in values
    ]
    if len(quoted) == 1:
        return quoted[0]
    return ", ".join(quoted[:-1]) + catalog.text("explain.or") + quoted[-1]


def _change_lines(question: str, changes: list[Document], catalog: Catalog) -> list[Text]:
    """The other answers to ``question`` that change the advice, in words, one line per
    option they would give: "With “Modest” or “Spiky: …”: Call a hosted API"."""
    by_option: dict[tuple[str, str | None], list[str]] = {}
    for change in changes:
        if change["question"] == question:
            option = (change["recommendation"], change.get("split"))
            by_option.setdefault(option, []).append(change["answer"])
    return [
        Text(
            catalog.text(
                "explain.change_to",
                answers=_answers_in_words(question, values, catalog),
                option=_option_title(catalog, recommendation, split),
            )
        )
        for (recommendation, split), values in by_option.items()
    ]


def answer_path(document: Document, catalog: Catalog) -> Tree:
    """The four answers, each through the factor it raises, with what another answer would give.

    An answer mattered when changing it alone changes the advice (``what_would_change`` has an
    entry for its question); the others are marked so, not hidden, because "this did not
    matter" is half of the explanation. Under an answer that mattered, each other answer that
    changes the advice is named in words with the option it would give: the tree and "what
    would change" are one section, so the reader sees which answer each change is about.
    """

    changes = document["what_would_change"]
    tree = Tree(Text(document["recommendation"]["title"], style="bold"), guide_style="dim")
    tree.hide_root = True
    for question in QUESTIONS:
        value = document["answers"][question.id]
        own = _change_lines(question.id, changes, catalog)
        mattered = bool(own)
        line = Text()
        line.append(MATTERED if mattered else IDLE, style="bold" if mattered else "dim")
        line.append(" ")
        line.append(catalog.text(f"explain.factors.{FACTOR_OF[question.id]}"), style="bold")
        line.append(": ")
        line.append(catalog.text(f"questions.{question.id}.choices.{value}"))
        branch = tree.add(line)
        for change in own:
            branch.add(change)
    return tree


def explanation(document: Document, catalog: Catalog) -> RenderableType:
    """The tree of answers and their changes, or the tree and why no single answer changes it."""
    if document["what_would_change"]:
        return answer_path(document, catalog)
    return Group(answer_path(document, catalog), Text(catalog.text("explain.no_single_change")))


def deployment(path: Document) -> RenderableType:
    """How to do it: what to run, and the named examples with what each gives."""
    examples = []
    for example in path["examples"]:
        line = Text(example["name"], style="bold")
        line.append(": ")
        line.append(example["text"])
        examples.append(line)
    return Group(Text(path["text"]), bullets(examples))


def _with_legend(label: str, legend: str) -> Text:
    # A legend on its heading line: under a list it read as one more item.
    title = heading(label)
    title.append(f"  ({legend})", style="dim")
    return title


def _side_by_side(
    *columns: RenderableType | None, ratios: tuple[int, ...] = (1, 1)
) -> RenderableType:
    """The given columns as one row, sharing the width by ``ratios``; a lone one takes it all."""
    present = [column for column in columns if column is not None]
    if len(present) == 1:
        return present[0]
    from rich.table import Table  # only the wide card: see widgets.Marked

    grid = Table.grid(padding=(0, 2), expand=True)
    for ratio in ratios[: len(present)]:
        grid.add_column(ratio=ratio)
    grid.add_row(*present)
    return grid


def _stack(*parts: RenderableType | None) -> RenderableType:
    return Group(*(part for part in parts if part is not None))


def card(document: Document, catalog: Catalog) -> RenderableType:
    """The recommendation card for an ``advisor ask`` document, laid out for the screen's width.

    What the reader came for comes first: the title, why, and what to watch out for, so on an
    80x24 screen (or a pager's first page) they are what is seen. Then how to do it and the
    next step; then the option as such (its summary, when to choose it, its trade-offs); then
    how the answers led here. At :data:`SIDE_BY_SIDE_MIN_WIDTH` columns or more, sections that
    are read side by side sit in columns, so the whole card fits a 120x40 window.
    """
    wide = _WhenDrawn(lambda: _card(document, catalog, wide=True))
    return _ByWidth(SIDE_BY_SIDE_MIN_WIDTH, wide, _card(document, catalog))


def _card(document: Document, catalog: Catalog, *, wide: bool = False) -> RenderableType:
    option = document["recommendation"]
    # On the wide card the title is on the border, so the first row needs no blank above it.
    why = section(
        catalog.text("labels.why"), bullets(r["text"] for r in document["reasons"]), first=wide
    )
    warnings = (
        section(
            catalog.text("labels.warnings"),
            bullets((w["text"] for w in document["warnings"]), WARN, "bold yellow"),
        )
        if document["warnings"]
        else None
    )
    path_to_run = document.get("deployment")
    how = (
        section(
            # When the names were checked, on the heading: a line of its own under the
            # examples cost the card a row it needs at 80x24.
            _with_legend(
                catalog.text("labels.deployment"),
                catalog.text("labels.checked_short", date=path_to_run["checked"]),
            ),
            deployment(path_to_run),
            first=wide,
        )
        if path_to_run
        else None
    )
    next_steps = (
        section(
            catalog.text("labels.next_steps"),
            bullets(step["text"] for step in document["next_steps"]),
        )
        if document.get("next_steps")
        else None
    )
    choose = section(
        _with_legend(catalog.text("labels.choose_when"), catalog.text("labels.matched_legend")),
        _choose_when(option["choose_when"]),
    )
    tradeoffs = section(catalog.text("labels.tradeoffs"), bullets(option["tradeoffs"], DASH))
    seam = Text.assemble(("", ""), (catalog.text("labels.seam"), "bold"), ": ", document["seam"])
    path = section(
        _with_legend(catalog.text("explain.path"), catalog.text("explain.legend")),
        explanation(document, catalog),
    )
    title = Text(option["title"], style="bold cyan")
    summary = Text(option["summary"])
    if wide:
        # Two columns: what to know beside what to do; the option's criteria beside its
        # trade-offs; then the answers, whose lines are short, across. Where the next step
        # goes (under why, under how, or across) is whichever makes the card shortest.
        uppers = (
            _side_by_side(_stack(why, warnings, next_steps), how),
            _side_by_side(_stack(why, warnings), _stack(how, next_steps)),
            _stack(_side_by_side(_stack(why, warnings), how), next_steps),
        )
        lowers = (
            _stack(_side_by_side(choose, tradeoffs), path),
            _side_by_side(_stack(choose, tradeoffs), path),
        )
        across = Group(Text(""), seam)
        body = _Shortest(
            *(_stack(upper, lower, across) for upper in uppers for lower in lowers),
            # Two columns all the way down, for the cards with the most to say.
            _side_by_side(
                _stack(why, warnings, next_steps, choose, tradeoffs), _stack(how, path, across)
            ),
            _side_by_side(
                _stack(why, warnings, next_steps, choose), _stack(how, tradeoffs, path, across)
            ),
        )
        # The option's title on the border: it is the card's headline, and a row of its own
        # is one of the 39 a 120x40 window has.
        headline = Text.assemble(
            (catalog.text("labels.recommendation") + ": ", ""), (option["title"], "bold cyan")
        )
        return card_panel([body], headline, WIDE_CARD_MAX_WIDTH)
    parts: list[RenderableType] = [title, why]
    parts += [part for part in (warnings, how, next_steps) if part is not None]
    parts += [Group(Text(""), summary), choose, tradeoffs, path, Group(Text(""), seam)]
    return card_panel(parts, Text(catalog.text("labels.recommendation")), CARD_MAX_WIDTH)


class _Shortest:
    """Lays out as whichever of ``layouts`` takes the fewest rows at the width it is drawn."""

    def __init__(self, *layouts: RenderableType) -> None:
        self.layouts = layouts

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield min(self.layouts, key=lambda layout: len(console.render_lines(layout, options)))


class _WhenDrawn:
    """What ``build()`` returns, built only if it is drawn: the wide card's columns are a table,
    and a narrow window need not load ``rich.table`` for a card it does not show."""

    def __init__(self, build: Callable[[], RenderableType]) -> None:
        self.build = build

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.build()


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


def _options_in_columns(document: Document, catalog: Catalog) -> RenderableType:
    """The options as columns of one table, so each kind of content lines up across them."""
    from rich.table import Table  # only the wide list: see widgets.Marked

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
        return Constrain(
            Group(heading, _options_in_columns(document, catalog)), width=LIST_MAX_WIDTH
        )
    return Group(heading, *(option_panel(o, catalog) for o in document["options"]))
