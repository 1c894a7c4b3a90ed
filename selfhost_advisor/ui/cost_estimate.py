"""``advisor cost`` from what the user gave: flags, a preset, then the prompts, to a report.

The figures a flag or the preset did not give are asked when a person is there, each checked
as it is typed; with nobody there the error names the flags and presets that would give them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from selfhost_advisor.errors import AdvisorError
from selfhost_advisor.i18n.catalogs import Catalog
from selfhost_advisor.ui import output, terminal

if TYPE_CHECKING:
    from selfhost_advisor.ui.cost_report import CostReport


def estimate_report(
    figures: Mapping[str, str | None], preset: str | None, *, no_input: bool, catalog: Catalog
) -> CostReport:
    """The estimate for the figures typed (None: not given), ``preset``, and the prompts."""
    from selfhost_advisor.cost import inputs as cost_inputs
    from selfhost_advisor.cost.model import estimate
    from selfhost_advisor.ui.cost_report import cost_report

    known = cost_inputs.gather(figures, preset)
    if known.missing:
        if no_input or not terminal.person_present():
            raise cost_inputs.missing_error(known.missing, no_input)
        known.add_typed(_prompt_figures(known.missing, catalog))
    return cost_report(estimate(known.inputs()), catalog, known)


def _prompt_figures(fields: list[str], catalog: Catalog) -> dict[str, str]:
    from selfhost_advisor.cost import inputs as cost_inputs
    from selfhost_advisor.cost.figures import BY_ID

    def check(field: str, text: str) -> str | None:
        try:
            cost_inputs.parse(field, text)
        except AdvisorError as error:
            return output.describe(error)
        return None

    prompts = [(f, catalog.text(BY_ID[f].prompt_key)) for f in fields]
    return terminal.ask_figures(prompts, check, catalog)
