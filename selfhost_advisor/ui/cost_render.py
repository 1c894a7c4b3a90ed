"""The ``advisor cost`` card: a finished cost report laid out with Rich.

Everything shown comes from the report built by :mod:`selfhost_advisor.ui.cost_report`: its
document's sentences, and its amounts formatted there once, so the card and ``--json`` cannot
disagree; labels come from the catalog. Nothing here computes or rounds.
"""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.text import Text

from selfhost_advisor.cost.figures import BY_ID, FIGURES, Unit
from selfhost_advisor.i18n.catalogs import Catalog
from selfhost_advisor.ui.cost_report import CostReport
from selfhost_advisor.ui.widgets import DASH, NOTE, bullets, rows, section

# A value whose unit its text does not carry ("3,400.4", unlike "$2.69" or "50%") is written
# with it on the card's figure rows: the catalog key of that pattern, by unit.
WITH_UNIT = {Unit.TOKENS_PER_SECOND: "cost.format.throughput"}


def _amount(catalog: Catalog, money: str, detail: str) -> Text:
    text = Text(catalog.text("cost.labels.per_month", amount=money), style="bold")
    text.append(f"  {detail}", style="")
    return text


def _figures(report: CostReport, catalog: Catalog) -> list[tuple[str, Text | str]]:
    document = report.document
    figures: list[tuple[str, Text | str]] = []
    for figure in FIGURES:
        value = report.shown.inputs[figure.id]
        if figure.unit in WITH_UNIT:
            value = catalog.text(WITH_UNIT[figure.unit], n=value)
        origin = document["origins"][figure.id]
        if origin == "preset":
            origin_text = catalog.text("cost.labels.from_preset", preset=document["preset"])
        else:
            origin_text = catalog.text(f"cost.labels.{origin}")
        figures.append(
            (
                catalog.text(figure.label_key),
                Text(value, style="bold").append(f"  ({origin_text})", style="dim"),
            )
        )
    return figures


def card(report: CostReport, catalog: Catalog) -> RenderableType:
    """The cost card for an ``advisor cost`` report."""
    document, shown = report.document, report.shown
    explain = document["explain"]
    winner = "bold green" if document["verdict"] == "self-host" else "bold cyan"
    parts: list[RenderableType] = [Text(document["verdict_text"], style=winner)]
    summary = [
        (
            catalog.text("cost.labels.api"),
            _amount(catalog, shown.api_monthly, explain["api"]),
        ),
        (
            catalog.text("cost.labels.selfhost"),
            _amount(catalog, shown.selfhost_monthly, explain["selfhost"]),
        ),
        (
            catalog.text("cost.labels.gpus"),
            Text(f"{shown.gpus}  ", style="bold").append(explain["gpus"], style=""),
        ),
        (catalog.text("cost.labels.breakeven"), explain["breakeven"]),
        (catalog.text("cost.labels.utilization_needed"), explain["utilization_needed"]),
    ]
    parts.append(Padding(rows(summary), (1, 0, 0, 0)))
    parts.append(
        section(catalog.text("cost.labels.flips"), bullets(f["text"] for f in document["flips"]))
    )
    parts.append(section(catalog.text("cost.labels.figures"), rows(_figures(report, catalog))))
    if document["sources"]:
        lines = []
        for source in document["sources"]:
            names = ", ".join(catalog.text(BY_ID[f].label_key) for f in source["inputs"])
            where = f" {source['url']}" if source["url"] else ""
            lines.append(
                f"{names}: {source['publisher']}, {source['title']} ({source['date']}){where}"
            )
        parts.append(section(catalog.text("cost.labels.sources"), bullets(lines)))
    parts.append(
        section(catalog.text("cost.labels.leaves_out"), bullets(document["leaves_out"], DASH))
    )
    parts.append(Text(""))
    parts.append(bullets((n["text"] for n in document["notes"]), NOTE))
    return Panel(
        Group(*parts),
        title=Text(catalog.text("cost.labels.title")),
        title_align="left",
        box=box.ROUNDED,
        padding=(0, 1),
    )
