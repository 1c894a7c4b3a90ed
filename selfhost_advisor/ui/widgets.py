"""The small pieces every card is built from: marks, bullet lists, labelled rows, sections.

Shared by the recommendation card and list (:mod:`render`) and the cost card
(:mod:`cost_render`), so both look alike and a change of mark is made once.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich import box
from rich.console import Group, RenderableType
from rich.constrain import Constrain
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

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


def marked(items: Iterable[tuple[Text | str, Text | str]], style: str = "") -> Table:
    """One line per ``(mark, text)``; wrapped lines stay clear of the marks' column."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, style=style)
    grid.add_column(ratio=1, overflow="fold")
    for mark, line in items:
        grid.add_row(mark, line)
    return grid


def bullets(lines: Iterable[Text | str], mark: str = BULLET, style: str = "") -> Table:
    """One line per item, each after the same ``mark``."""
    return marked(((mark, line) for line in lines), style)


def rows(pairs: Iterable[tuple[str, Text | str]], label_style: str = "dim") -> Table:
    """Labels in one column, their values beside them."""
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
