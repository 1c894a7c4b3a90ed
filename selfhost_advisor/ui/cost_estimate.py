"""``advisor cost`` from what the user gave: flags, a preset, then the prompts, to a report.

The figures a flag or the preset did not give are asked when a person is there, each checked
as it is typed; with nobody there the error names the flags and presets that would give them.
Numbers are read as the user's language writes them. ``--api-model`` fills the API prices from
the price data (:mod:`api_prices`, loaded only then).
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Mapping
from typing import TYPE_CHECKING

from selfhost_advisor.errors import AdvisorError
from selfhost_advisor.i18n.catalogs import Catalog
from selfhost_advisor.ui import output, terminal

if TYPE_CHECKING:
    from selfhost_advisor.cost.inputs import NumberFormat
    from selfhost_advisor.ui.cost_report import CostReport

_API_PRICES = ("api_input_price", "api_output_price")


def run_date() -> datetime.date:
    """The day of the run, which a figure's age is judged by.

    ``ADVISOR_TODAY`` (YYYY-MM-DD) pins it, so a test reads the same card next year; anything
    else in it is ignored.
    """
    pinned = os.environ.get("ADVISOR_TODAY", "")
    try:
        return datetime.date.fromisoformat(pinned) if pinned else datetime.date.today()
    except ValueError:
        return datetime.date.today()


def estimate_report(
    figures: Mapping[str, str | None],
    preset: str | None,
    *,
    no_input: bool,
    catalog: Catalog,
    api_model: str | None = None,
    today: datetime.date | None = None,
) -> CostReport:
    """The estimate for the figures typed (None: not given), ``preset``, and the prompts."""
    from selfhost_advisor.cost import inputs as cost_inputs
    from selfhost_advisor.cost.model import estimate
    from selfhost_advisor.ui.cost_report import cost_report

    today = today or run_date()
    numbers = cost_inputs.NumberFormat.of(catalog)
    looked_up = None
    if api_model is not None:
        given = [f for f in _API_PRICES if figures.get(f) is not None]
        if given:
            raise AdvisorError(
                "errors.cost_api_model_and_prices",
                flags=" ".join("--" + f.replace("_", "-") for f in given),
            )
        from selfhost_advisor.ui.api_prices import look_up

        looked_up = look_up(api_model, datetime.datetime.combine(today, datetime.time()))
    known = cost_inputs.gather(figures, preset, numbers)
    if looked_up is not None:
        known.values.update(api_input_price=looked_up.input_price)
        known.values.update(api_output_price=looked_up.output_price)
        known.looked_up.update(_API_PRICES)
    if known.missing:
        if no_input or not terminal.person_present():
            raise cost_inputs.missing_error(known.missing, no_input)
        known.add_typed(_prompt_figures(known.missing, catalog, numbers))
    api_document = None if looked_up is None else looked_up.document(catalog)
    return cost_report(estimate(known.inputs()), catalog, known, today, api_document)


def _prompt_figures(fields: list[str], catalog: Catalog, numbers: NumberFormat) -> dict[str, str]:
    from selfhost_advisor.cost import inputs as cost_inputs
    from selfhost_advisor.cost.figures import BY_ID

    def check(field: str, text: str) -> str | None:
        try:
            cost_inputs.parse(field, text, numbers)
        except AdvisorError as error:
            # At a prompt the figure is named in words, not by a flag nobody typed.
            error.params["flag"] = catalog.text(BY_ID[field].label_key)
            return output.describe(error)
        return None

    prompts = [(f, catalog.text(BY_ID[f].prompt_key)) for f in fields]
    return terminal.ask_figures(prompts, check, catalog)
