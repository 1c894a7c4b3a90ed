"""The result as a document: the one structure behind ``--json``, the Rich card and Markdown.

Building the words into a plain dict once means every output says the same thing; the
renderers only lay it out. Documents follow the JSON Schemas in ``selfhost_advisor/schema``.
"""

from __future__ import annotations

from typing import Any

from selfhost_advisor.advice.decision import CRITERIA, Advice, Answers, Recommendation
from selfhost_advisor.advice.explain import what_would_change
from selfhost_advisor.advice.questions import Volume
from selfhost_advisor.i18n.catalogs import Catalog

SCHEMA_VERSION = 1
Document = dict[str, Any]


def option(catalog: Catalog, recommendation: Recommendation) -> Document:
    """One option's card: id, title, summary, "choose this when" and trade-offs."""
    base = f"options.{recommendation.value}"
    return {
        "id": recommendation.value,
        "title": catalog.text(f"{base}.title"),
        "summary": catalog.text(f"{base}.summary"),
        "choose_when": [
            {"id": criterion, "text": catalog.text(f"{base}.choose_when.{criterion}")}
            for criterion in CRITERIA[recommendation]
        ],
        "tradeoffs": catalog.items(f"{base}.tradeoffs"),
    }


def _header(catalog: Catalog) -> Document:
    return {
        "schema_version": SCHEMA_VERSION,
        "locale": catalog.code,
        "locale_complete": catalog.complete,
    }


def ask_document(answers: Answers, advice: Advice, catalog: Catalog) -> Document:
    """The ``advisor ask --json`` document."""
    recommendation = option(catalog, advice.recommendation)
    for criterion in recommendation["choose_when"]:
        criterion["matched"] = criterion["id"] in advice.matched
    return {
        **_header(catalog),
        "answers": answers.as_ids(),
        "recommendation": recommendation,
        "reasons": [{"id": r, "text": catalog.text(f"reasons.{r}")} for r in advice.reasons],
        "warnings": [{"id": w, "text": catalog.text(f"warnings.{w}")} for w in advice.warnings],
        "seam": catalog.text("advice.seam"),
        # Ids only, like "answers": the words for them are already in the catalog and the card.
        "what_would_change": [change.as_ids() for change in what_would_change(answers)],
        "next_steps": [
            {"id": step, "text": catalog.text(f"next_steps.{step}")} for step in next_steps(answers)
        ],
    }


def next_steps(answers: Answers) -> list[str]:
    """Ids of the follow-ups worth pointing to: at high, steady volume, put numbers on it."""
    return ["cost-estimate"] if answers.volume is Volume.HIGH_STEADY else []


def list_document(catalog: Catalog) -> Document:
    """The ``advisor list --json`` document."""
    return {**_header(catalog), "options": [option(catalog, r) for r in Recommendation]}
