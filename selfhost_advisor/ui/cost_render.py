"""The ``advisor cost`` card: a finished cost document laid out with Rich.

Everything shown comes from the document built by :mod:`selfhost_advisor.ui.cost_report`, so the
card and ``--json`` cannot disagree; labels come from the catalog. Nothing here computes.
"""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from selfhost_advisor.cost.model import INPUT_IDS
from selfhost_advisor.i18n.catalogs import Catalog
from selfhost_advisor.ui.cost_report import Document, Formatter

BULLET, DASH, NOTE = "\u2022", "\u2013", "\u2139"


def _section(label: str, body: RenderableType) -> Group:
    return Group(Text(""), Text(label, style="bold"), Padding(body, (0, 0, 0, 1)))


def _rows(rows: list[tuple[str, Text | str]], label_style: str = "dim") -> Table:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style=label_style, no_wrap=True)
    grid.add_column(ratio=1)
    for label, value in rows:
        grid.add_row(label, value)
    return grid


def _bullets(lines: list[str], marker: str = BULLET) -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    for line in lines:
        grid.add_row(marker, line)
    return grid


def _amount(catalog: Catalog, fmt: Formatter, value: float | int, detail: str) -> Text:
    from fractions import Fraction

    money = fmt.money(Fraction(value))
    text = Text(catalog.text("cost.labels.per_month", amount=money), style="bold")
    text.append(f"  {detail}", style="")
    return text


def card(document: Document, catalog: Catalog) -> RenderableType:
    """The cost card for an ``advisor cost`` document."""
    from fractions import Fraction

    fmt = Formatter(catalog)
    explain = document["explain"]
    winner = "bold green" if document["verdict"] == "self-host" else "bold cyan"
    parts: list[RenderableType] = [Text(document["verdict_text"], style=winner)]
    parts.append(
        Padding(
            _rows(
                [
                    (
                        catalog.text("cost.labels.api"),
                        _amount(catalog, fmt, document["api_monthly"], explain["api"]),
                    ),
                    (
                        catalog.text("cost.labels.selfhost"),
                        _amount(catalog, fmt, document["selfhost_monthly"], explain["selfhost"]),
                    ),
                    (
                        catalog.text("cost.labels.gpus"),
                        Text(f"{document['gpus']}  ", style="bold").append(
                            explain["gpus"], style=""
                        ),
                    ),
                    (catalog.text("cost.labels.breakeven"), explain["breakeven"]),
                    (
                        catalog.text("cost.labels.utilization_needed"),
                        explain["utilization_needed"],
                    ),
                ]
            ),
            (1, 0, 0, 0),
        )
    )
    parts.append(
        _section(
            catalog.text("cost.labels.flips"), _bullets([f["text"] for f in document["flips"]])
        )
    )
    figures: list[tuple[str, Text | str]] = []
    for field in INPUT_IDS:
        value = fmt.value(field, Fraction(document["inputs"][field]))
        if field == "gpu_throughput":
            value = catalog.text("cost.format.throughput", n=value)
        origin = document["origins"][field]
        if origin == "preset":
            origin_text = catalog.text("cost.labels.from_preset", preset=document["preset"])
        else:
            origin_text = catalog.text(f"cost.labels.{origin}")
        figures.append(
            (
                catalog.text(f"cost.inputs.{field}.label"),
                Text(value, style="bold").append(f"  ({origin_text})", style="dim"),
            )
        )
    parts.append(_section(catalog.text("cost.labels.figures"), _rows(figures)))
    if document["sources"]:
        lines = []
        for source in document["sources"]:
            names = ", ".join(catalog.text(f"cost.inputs.{f}.label") for f in source["inputs"])
            where = f" {source['url']}" if source["url"] else ""
            lines.append(
                f"{names}: {source['publisher']}, {source['title']} ({source['date']}){where}"
            )
        parts.append(_section(catalog.text("cost.labels.sources"), _bullets(lines)))
    parts.append(
        _section(catalog.text("cost.labels.leaves_out"), _bullets(document["leaves_out"], DASH))
    )
    parts.append(Text(""))
    parts.append(_bullets([n["text"] for n in document["notes"]], NOTE))
    return Panel(
        Group(*parts),
        title=Text(catalog.text("cost.labels.title")),
        title_align="left",
        box=box.ROUNDED,
        padding=(0, 1),
    )
