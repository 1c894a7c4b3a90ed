"""The result as a document: the one structure behind ``--json``, the Rich card and Markdown.

Building the words into a plain dict once means every output says the same thing; the
renderers only lay it out. Documents follow the JSON Schemas in ``selfhost_advisor/schema``.
"""

from __future__ import annotations

from selfhost_advisor.advice.decision import (
    Advice,
    Answers,
    Recommendation,
    Split,
    card_criteria,
)
from selfhost_advisor.advice.deployment import EXAMPLES
from selfhost_advisor.advice.explain import what_would_change
from selfhost_advisor.i18n.catalogs import Catalog
from selfhost_advisor.schema import SCHEMA_VERSIONS, Document

TYPE_CHECKING = False  # not typing's: see launcher.py
if TYPE_CHECKING:
    from selfhost_advisor.advice.costfile import CostEvidence

# The reasons that state a cost estimate's two monthly figures.
COST_REASONS = frozenset({"cost-api-cheaper", "cost-self-host-cheaper", "cost-not-deciding"})


def option_key(recommendation: str, split: str | None = None) -> str:
    """The catalog table of an option's card: a hybrid split by control has its own words."""
    if recommendation == Recommendation.HYBRID and split == Split.CONTROL:
        return "options.hybrid-control"
    return f"options.{recommendation}"


def option(
    catalog: Catalog, recommendation: Recommendation, split: Split | None = None
) -> Document:
    """One option's card: id, title, summary, "choose this when" and trade-offs."""
    base = option_key(recommendation.value, split)
    card: Document = {
        "id": recommendation.value,
        "title": catalog.text(f"{base}.title"),
        "summary": catalog.text(f"{base}.summary"),
        "choose_when": [
            {"id": criterion, "text": catalog.text(f"{base}.choose_when.{criterion}")}
            for criterion in card_criteria(recommendation, split)
        ],
        "tradeoffs": catalog.items(f"{base}.tradeoffs"),
    }
    if split is not None:
        card["split"] = split.value
    return card


def _header(kind: str, catalog: Catalog) -> Document:
    return {
        "schema_version": SCHEMA_VERSIONS[kind],
        "locale": catalog.code,
        "locale_complete": catalog.complete,
    }


def _deployment(advice: Advice, catalog: Catalog) -> Document | None:
    if advice.deployment is None:
        return None
    base = f"deployment.{advice.deployment.value}"
    return {
        "id": advice.deployment.value,
        "text": catalog.text(f"{base}.text"),
        "examples": [
            {
                "name": catalog.text(f"{base}.examples.{example}.name"),
                "text": catalog.text(f"{base}.examples.{example}.text"),
            }
            for example in EXAMPLES[advice.deployment]
        ],
        # When the names and claims were last checked against their public documentation.
        "checked": catalog.text(f"{base}.checked"),
    }


def _cost(cost: CostEvidence, advice: Advice) -> Document:
    from selfhost_advisor.advice.costfile import as_number

    return {
        "api_monthly": as_number(cost.api_monthly),
        "selfhost_monthly": as_number(cost.selfhost_monthly),
        "cheaper": cost.cheaper.value,
        "settled": advice.settled_by_cost,
        "preset": cost.preset,
        "inputs": {field: as_number(value) for field, value in cost.inputs.items()},
    }


def _reason(reason: str, catalog: Catalog, cost: CostEvidence | None) -> Document:
    if reason in COST_REASONS and cost is not None:
        # Money is formatted where `advisor cost` formats it, so both say the same figure.
        from selfhost_advisor.ui.cost_report import Formatter

        money = Formatter(catalog).money
        text = catalog.text(
            f"reasons.{reason}",
            api=money(cost.api_monthly),
            selfhost=money(cost.selfhost_monthly),
        )
        return {"id": reason, "text": text}
    return {"id": reason, "text": catalog.text(f"reasons.{reason}")}


def ask_document(
    answers: Answers, advice: Advice, catalog: Catalog, cost: CostEvidence | None = None
) -> Document:
    """The ``advisor ask --json`` document; ``cost`` is the estimate read with ``--cost``."""
    recommendation = option(catalog, advice.recommendation, advice.split)
    for criterion in recommendation["choose_when"]:
        criterion["matched"] = criterion["id"] in advice.matched
    cheaper = cost.cheaper if cost is not None else None
    return {
        **_header("ask", catalog),
        "answers": answers.as_ids(),
        "recommendation": recommendation,
        "reasons": [_reason(r, catalog, cost) for r in advice.reasons],
        "warnings": [{"id": w, "text": catalog.text(f"warnings.{w}")} for w in advice.warnings],
        "deployment": _deployment(advice, catalog),
        "seam": catalog.text("advice.seam"),
        # Ids only, like "answers": the words for them are already in the catalog and the card.
        "what_would_change": [change.as_ids() for change in what_would_change(answers, cheaper)],
        "next_steps": [
            {"id": step, "text": catalog.text(f"next_steps.{step}")} for step in advice.next_steps
        ],
        "cost": None if cost is None else _cost(cost, advice),
    }


def list_document(catalog: Catalog) -> Document:
    """The ``advisor list --json`` document."""
    return {**_header("list", catalog), "options": [option(catalog, r) for r in Recommendation]}
