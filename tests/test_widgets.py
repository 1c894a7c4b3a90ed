"""``widgets.Marked`` draws and measures exactly what the ``Table.grid`` it stands for does.

Cards and lists are mostly marked lines; ``Marked`` draws them without loading ``rich.table``
(docs/performance.md). Any difference from the table, in colour or plain, alone or inside a
table's cell, a panel or padding, at any width, is a difference a user would see.
"""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st
from rich import box
from rich.console import Console, Group, RenderableType
from rich.measure import Measurement
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from selfhost_advisor.ui.widgets import BULLET, DASH, MET, NOTE, UNMET, WARN, Marked

WORDS = st.one_of(
    st.sampled_from(["a", "GPU", "fine-tune", "in-house", "vLLM", "—", "80%", "[bold]x[/]"]),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=30),
    st.sampled_from(["データ", "模型", "ñandú", "\u26a0\ufe0f", "\U0001f680"]),
)
LINES = st.lists(WORDS, min_size=0, max_size=25).map(" ".join)
MARKS = st.sampled_from([BULLET, DASH, WARN, NOTE, MET, UNMET, "1.", "->", "", "\u6f22"])
STYLES = st.sampled_from(["", "dim", "bold green", "red on white"])


@st.composite
def items(draw: st.DrawFn) -> list[tuple[Text | str, Text | str]]:
    count = draw(st.integers(min_value=0, max_value=5))
    rows: list[tuple[Text | str, Text | str]] = []
    for _ in range(count):
        mark, line = draw(MARKS), draw(LINES)
        text_style = draw(STYLES)
        rows.append(
            (
                Text(mark, style=draw(STYLES)) if draw(st.booleans()) else mark,
                Text(line, style=text_style) if draw(st.booleans()) else line,
            )
        )
    return rows


def _draw(renderable: RenderableType, width: int, color: bool) -> str:
    console = Console(
        file=io.StringIO(),
        width=width,
        force_terminal=color,
        color_system="truecolor" if color else None,
        emoji=False,
    )
    console.print(renderable)
    out = console.file
    assert isinstance(out, io.StringIO)
    return out.getvalue()


def _around(inner: RenderableType, how: str) -> RenderableType:
    if how == "panel":
        return Panel(Group(Text("heading"), Padding(inner, (0, 0, 0, 1))), box=box.ROUNDED)
    if how == "cell":
        # As in the wide list: beside other columns of a table that shares out the width.
        table = Table(box=box.ROUNDED, show_lines=True, expand=True, padding=(0, 1))
        table.add_column("one", ratio=1)
        table.add_column("two", ratio=1)
        table.add_row(inner, Text("the other column's text, long enough to wrap a little"))
        return table
    return inner


@settings(max_examples=300, deadline=None)
@given(
    rows=items(),
    style=STYLES,
    width=st.integers(min_value=1, max_value=160),
    color=st.booleans(),
    how=st.sampled_from(["alone", "panel", "cell"]),
)
def test_marked_lines_are_drawn_as_the_table_draws_them(
    rows: list[tuple[Text | str, Text | str]], style: str, width: int, color: bool, how: str
) -> None:
    marked = Marked(rows, style)
    assert _draw(_around(marked, how), width, color) == _draw(
        _around(marked.table(), how), width, color
    )


@settings(max_examples=200, deadline=None)
@given(rows=items(), style=STYLES, width=st.integers(min_value=0, max_value=160))
def test_marked_lines_measure_as_the_table_measures(
    rows: list[tuple[Text | str, Text | str]], style: str, width: int
) -> None:
    console = Console(file=io.StringIO(), width=max(width, 1))
    options = console.options.update_width(width)
    marked = Marked(rows, style)
    assert Measurement.get(console, options, marked) == Measurement.get(
        console, options, marked.table()
    )
