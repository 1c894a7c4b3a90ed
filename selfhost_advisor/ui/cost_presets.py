"""``advisor cost --presets``: every preset with its figures, each with source, date and tier.

The listing is read from ``presets.toml`` through :func:`cost.inputs.load_preset` and drawn
with the shared card widgets; a figure older than six months on the day of the run is marked.
"""

from __future__ import annotations

import datetime
from fractions import Fraction

from rich import box
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.text import Text

from selfhost_advisor.cost.figures import BY_ID, Unit
from selfhost_advisor.cost.inputs import Fit, Source, load_preset
from selfhost_advisor.cost.presets import preset_ids
from selfhost_advisor.i18n.catalogs import Catalog
from selfhost_advisor.ui.cost_report import Formatter, tier_text
from selfhost_advisor.ui.widgets import WARN, bullets, section


def _source_line(source: Source, catalog: Catalog, today: datetime.date) -> Text:
    tier = tier_text(source.tier, catalog)
    title = catalog.text(f"cost.sources.{source.id}")
    line = Text(f"{source.publisher}, {title} ({source.date}{tier})")
    if source.url:
        line.append(f" {source.url}")
    if source.stale(today):
        line.append(f"  {WARN} {catalog.text('cost.labels.stale')}", style="bold yellow")
    return line


def _fit_text(fit: Fit, fmt: Formatter) -> str:
    gpu_time = fit.gpu_time
    # The fitted throughput at two measured shapes, so a reader sees what the fit implies.
    chat = gpu_time.throughput(Fraction(128), Fraction(128))
    longctx = gpu_time.throughput(Fraction(8192), Fraction(512))
    return fmt.catalog.text(
        "cost.presets.fit",
        chat=fmt.plain(chat, 0),
        longctx=fmt.plain(longctx, 0),
    )


def card(catalog: Catalog, today: datetime.date) -> RenderableType:
    """The presets, one section each: figures with their sources."""
    fmt = Formatter(catalog)
    parts: list[RenderableType] = []
    for name in preset_ids():
        preset = load_preset(name)
        lines: list[Text | str] = []
        for figure_id, source in preset.sources.items():
            figure = BY_ID[figure_id]
            amount = preset.figures.get(figure_id)
            if amount is None:
                assert preset.fit is not None
                value = _fit_text(preset.fit, fmt)
            else:
                value = fmt.value(figure_id, amount)
                if figure.unit is Unit.TOKENS_PER_SECOND:
                    value = catalog.text("cost.format.throughput", n=value)
            line = Text(f"{catalog.text(figure.label_key)}: ", style="dim")
            line.append(value, style="bold").append("\n")
            line.append(_source_line(source, catalog, today))
            lines.append(line)
        parts.append(section(preset.id, bullets(lines)))
    return Panel(
        Group(*parts),
        title=Text(catalog.text("cost.labels.presets_title")),
        title_align="left",
        box=box.ROUNDED,
        padding=(0, 1),
    )
