"""The ``advisor cost`` card: a finished cost report laid out with Rich.

Everything shown comes from the report built by :mod:`selfhost_advisor.ui.cost_report`: its
document's sentences, and its amounts formatted there once, so the card and ``--json`` cannot
disagree; labels come from the catalog. Nothing here computes or rounds.
"""

from __future__ import annotations

from rich.console import RenderableType
from rich.padding import Padding
from rich.text import Text

from selfhost_advisor.cost.figures import BY_ID, FIGURES, Unit
from selfhost_advisor.i18n.catalogs import Catalog
from selfhost_advisor.ui.cost_report import CostReport, tier_text
from selfhost_advisor.ui.render import CARD_MAX_WIDTH
from selfhost_advisor.ui.widgets import DASH, NOTE, WARN, bullets, card_panel, rows, section

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
        origin = document["origins"][figure.id]
        if figure.id == "sensitive_share" and document["hybrid"] is None:
            continue  # no traffic that must stay private: the option is off, nothing to read
        if origin == "unused":
            figures.append(
                (
                    catalog.text(figure.label_key),
                    Text(catalog.text("cost.labels.unused"), style="dim"),
                )
            )
            continue
        value = report.shown.inputs[figure.id]
        if figure.unit in WITH_UNIT:
            value = catalog.text(WITH_UNIT[figure.unit], n=value)
        if origin == "preset":
            fitted = figure.id == "gpu_throughput" and document["shape"] is not None
            origin_text = catalog.text(
                "cost.labels.fitted" if fitted else "cost.labels.from_preset",
                preset=document["preset"],
            )
        elif origin == "api_model":
            found = document["api_model"]
            origin_text = catalog.text(
                "cost.labels.looked_up", model=f"{found['provider']}:{found['model']}"
            )
        else:
            origin_text = catalog.text(f"cost.labels.{origin}")
        figures.append(
            (
                catalog.text(figure.label_key),
                Text(value, style="bold").append(f"  ({origin_text})", style="dim"),
            )
        )
    return figures


def _sources(report: CostReport, catalog: Catalog) -> list[Text]:
    lines = []
    for source in report.document["sources"]:
        names = ", ".join(catalog.text(BY_ID[f].label_key) for f in source["inputs"])
        tier = tier_text(source["tier"], catalog)
        where = f" {source['url']}" if source["url"] else ""
        date = source["day"] or source["date"]
        line = Text(f"{names}: {source['publisher']}, {source['title']} ({date}{tier})")
        line.append(where)
        if source["stale"]:
            line.append(f"  {WARN} {catalog.text('cost.labels.stale')}", style="bold yellow")
        lines.append(line)
    return lines


def _hybrid_rows(report: CostReport, catalog: Catalog) -> list[tuple[str, Text | str]]:
    hybrid = report.document["hybrid"]
    explain = hybrid["explain"]
    shown = report.shown
    assert shown.hybrid_monthly is not None
    return [
        (catalog.text("cost.labels.api_ruled_out"), Text(explain["api"], style="dim")),
        (
            catalog.text("cost.labels.hybrid"),
            _amount(catalog, shown.hybrid_monthly, explain["hybrid"]),
        ),
        (catalog.text("cost.labels.share_flip"), explain["share_flip"]),
    ]


def card(report: CostReport, catalog: Catalog) -> RenderableType:
    """The cost card for an ``advisor cost`` report."""
    document, shown = report.document, report.shown
    explain = document["explain"]
    hybrid = document["hybrid"]
    parts: list[RenderableType] = []
    if hybrid is not None:
        winner = "bold green" if hybrid["verdict"] == "hybrid" else "bold cyan"
        parts.append(Text(hybrid["verdict_text"], style=winner))
    else:
        winner = "bold green" if document["verdict"] == "self-host" else "bold cyan"
        parts.append(Text(document["verdict_text"], style=winner))
    summary: list[tuple[str, Text | str]] = []
    if hybrid is not None:
        summary += _hybrid_rows(report, catalog)
    else:
        summary.append(
            (
                catalog.text("cost.labels.api"),
                _amount(catalog, shown.api_monthly, explain["api"]),
            )
        )
    summary += [
        (
            catalog.text("cost.labels.selfhost_all" if hybrid else "cost.labels.selfhost"),
            _amount(catalog, shown.selfhost_monthly, explain["selfhost"]),
        ),
        (
            catalog.text("cost.labels.gpus"),
            Text(f"{shown.gpus}  ", style="bold")
            .append(explain["gpus"], style="")
            .append(f"; {explain['redundancy']}", style=""),
        ),
    ]
    if document["shape"] is not None:
        summary.append((catalog.text("cost.labels.shape"), document["shape"]["text"]))
    summary += [
        (catalog.text("cost.labels.breakeven"), explain["breakeven"]),
        (catalog.text("cost.labels.utilization_needed"), explain["utilization_needed"]),
    ]
    parts.append(Padding(rows(summary), (1, 0, 0, 0)))
    if hybrid is not None:
        parts.append(Padding(Text(document["verdict_text"], style="dim"), (1, 0, 0, 0)))
    parts.append(
        section(catalog.text("cost.labels.flips"), bullets(f["text"] for f in document["flips"]))
    )
    parts.append(section(catalog.text("cost.labels.figures"), rows(_figures(report, catalog))))
    if document["sources"]:
        parts.append(
            section(catalog.text("cost.labels.sources"), bullets(_sources(report, catalog)))
        )
    parts.append(
        section(catalog.text("cost.labels.leaves_out"), bullets(document["leaves_out"], DASH))
    )
    parts.append(Text(""))
    parts.append(bullets((n["text"] for n in document["notes"]), NOTE))
    return card_panel(parts, Text(catalog.text("cost.labels.title")), CARD_MAX_WIDTH)
