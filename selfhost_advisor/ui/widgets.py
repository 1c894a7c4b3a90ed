"""The small pieces every card is built from: marks, bullet lists, labelled rows, sections.

Shared by the recommendation card and list (:mod:`render`) and the cost card
(:mod:`cost_render`), so both look alike and a change of mark is made once.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.constrain import Constrain
from rich.measure import Measurement
from rich.padding import Padding
from rich.panel import Panel
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

if TYPE_CHECKING:
    from rich.console import OverflowMethod
    from rich.table import Table

# Marks are shapes, not words: they carry meaning without colour and need no translation.
BULLET = "\u2022"  # an item
DASH = "\u2013"  # a trade-off, a limitation
WARN = "\u26a0"  # a warning
NOTE = "\u2139"  # a note under a card
MET, UNMET = "\u2714", "\u00b7"  # a criterion the answers meet, and one they do not
# An answer that decided the advice, and one that did not: filled and hollow, so the difference
# survives without colour; the legend under the tree (explain.legend) says it in words.
MATTERED, IDLE = "\u25cf", "\u25cb"


def heading(label: str) -> Text:
    return Text(label, style="bold")


def section(label: str | Text, body: RenderableType, *, first: bool = False) -> Group:
    """A blank line (none if ``first``), a bold heading and the body indented by one."""
    title = label if isinstance(label, Text) else heading(label)
    indented = Padding(body, (0, 0, 0, 1))
    return Group(title, indented) if first else Group(Text(""), title, indented)


class Marked:
    """One line per ``(mark, text)``; wrapped lines stay clear of the marks' column.

    It draws, cell for cell, what a two-column ``Table.grid(padding=(0, 1))`` draws (a no-wrap
    mark column, a folding text column), and measures as that table does, so it sits in a
    table's cell the same way; ``tests/test_widgets.py`` holds it to the table's output. It
    exists because ``rich.table`` imports ``fractions`` and with it ``decimal``, a sizeable
    share of ``advisor list`` (docs/performance.md), and lists and cards are mostly marked
    lines. Whatever the simple layout below does not cover is drawn by the table itself.
    """

    # The table's cells: the mark padded by one on its right, the text as it is.
    _MARK_PAD = (0, 1, 0, 0)
    _TEXT_PAD = (0, 0, 0, 0)

    def __init__(self, items: Iterable[tuple[Text | str, Text | str]], style: str = "") -> None:
        self.items = list(items)
        self.style = style

    def table(self) -> Table:
        """The same lines as the ``Table.grid`` this stands for."""
        from rich.table import Table

        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True, style=self.style)
        grid.add_column(ratio=1, overflow="fold")
        for mark, line in self.items:
            grid.add_row(mark, line)
        return grid

    def _column(self, console: Console, options: ConsoleOptions, index: int) -> Measurement:
        # Table._measure_column for a column of cells with no width settings.
        if options.max_width < 1:
            return Measurement(0, 0)
        pad = self._MARK_PAD if index == 0 else self._TEXT_PAD
        sizes = [Measurement.get(console, options, Padding(i[index], pad)) for i in self.items]
        low = max(size.minimum for size in sizes)
        high = max(size.maximum for size in sizes)
        return Measurement(low, high).with_maximum(options.max_width)

    def _widths(self, console: Console, options: ConsoleOptions) -> tuple[int, int] | None:
        """The columns' widths as the table lays them out, or None where it would do more."""
        if not self.items or options.max_width < 2:
            return None
        mark = self._column(console, options, 0).maximum or 1
        text = self._column(console, options, 1).maximum or 1
        if mark + text <= options.max_width:
            return mark, text
        # Too wide: the table narrows the text column (the only one that wraps) to what is
        # left, then measures both again at their new widths.
        text = options.max_width - mark
        if text < 1:
            return None
        mark = self._column(console, options.update_width(mark), 0).maximum
        text = self._column(console, options.update_width(text), 1).maximum
        return mark, text

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        widths = self._widths(console, options) if options.max_width >= 0 else None
        if widths is None:
            return Measurement.get(console, options, self.table())
        within = options.update_width(sum(widths))
        columns = [self._column(console, within, index) for index in (0, 1)]
        return Measurement(sum(c.minimum for c in columns), sum(c.maximum for c in columns))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        widths = self._widths(console, options)
        if widths is None:
            yield self.table()
            return
        styles = (console.get_style(self.style or ""), console.get_style(""))
        # The columns' settings: (no_wrap, overflow, the cell's padding); justify is left.
        settings: tuple[tuple[bool, OverflowMethod, tuple[int, int, int, int]], ...] = (
            (True, "ellipsis", self._MARK_PAD),
            (False, "fold", self._TEXT_PAD),
        )
        new_line = Segment.line()
        for item in self.items:
            cells = []
            for index, (no_wrap, overflow, pad) in enumerate(settings):
                cell = options.update(
                    width=widths[index],
                    justify="left",
                    no_wrap=no_wrap,
                    overflow=overflow,
                    height=None,
                    highlight=False,
                )
                style = styles[index] + Style.null()
                lines = console.render_lines(Padding(item[index], pad), cell, style=style)
                cells.append((lines, style))
            height = max(1, *(len(lines) for lines, _style in cells))
            shaped = [
                Segment.set_shape(Segment.align_top(lines, width, height, style), width, height)
                for (lines, style), width in zip(cells, widths, strict=True)
            ]
            for row in range(height):
                for lines in shaped:
                    yield from lines[row]
                yield new_line


def marked(items: Iterable[tuple[Text | str, Text | str]], style: str = "") -> Marked:
    """One line per ``(mark, text)``; wrapped lines stay clear of the marks' column."""
    return Marked(items, style)


def bullets(lines: Iterable[Text | str], mark: str = BULLET, style: str = "") -> Marked:
    """One line per item, each after the same ``mark``."""
    return marked(((mark, line) for line in lines), style)


def rows(pairs: Iterable[tuple[str, Text | str]], label_style: str = "dim") -> Table:
    """Labels in one column, their values beside them."""
    from rich.table import Table

    grid = Table.grid(padding=(0, 2))
    grid.add_column(style=label_style, no_wrap=True)
    grid.add_column(ratio=1)
    for label, value in pairs:
        grid.add_row(label, value)
    return grid


def card_panel(parts: Iterable[RenderableType], title: Text, width: int) -> RenderableType:
    """A card: ``parts`` in a rounded panel titled at its top left, never wider than ``width``.

    Capped, not as wide as the terminal: prose gets hard to read wider, and COLUMNS=999999
    once made a 48 MB card.
    """
    panel = Panel(Group(*parts), title=title, title_align="left", box=box.ROUNDED, padding=(0, 1))
    return Constrain(panel, width=width)
