"""The ``advisor cost`` result as a document: numbers for machines, sentences for people.

One dict (see ``schema/cost.schema.json``) behind both ``--json`` and the Rich card, so the
card can only show what the JSON says. Money is USD per month unless a field says otherwise.

Numbers for people are formatted here and only here, from the exact values (never from the
JSON's floats), with the catalog's separators and units. Each amount is formatted once
(:class:`Shown`): the document's sentences and the card's rows use the same string. A rounded
flip point is rounded towards the side where its sentence stays true (a "falls under" value
rounds down, an "exceeds" value rounds up).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

from selfhost_advisor.cost.figures import BY_ID, FIGURES, IDS, Unit
from selfhost_advisor.cost.inputs import Known, Source
from selfhost_advisor.cost.model import HOURS_PER_MONTH, Estimate, Flip, Side
from selfhost_advisor.i18n.catalogs import Catalog
from selfhost_advisor.schema import SCHEMA_VERSIONS, Document

UP, DOWN, NEAREST = "up", "down", "nearest"


def number(value: Fraction | int) -> int | float:
    """A JSON number: whole values as integers, the rest as the nearest float."""
    value = Fraction(value)
    return value.numerator if value.denominator == 1 else float(value)


def _rounded(value: Fraction, places: int, direction: str) -> Fraction:
    scaled = value * 10**places
    whole = {UP: math.ceil, DOWN: math.floor}.get(direction, round)(scaled)
    return Fraction(whole, 10**places)


class Formatter:
    """Numbers for people in the catalog's language: $12,345, 5.0B, 37.5%."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.decimal = catalog.text("cost.format.decimal")
        self.thousands = catalog.text("cost.format.thousands")

    def plain(self, value: Fraction, places: int, direction: str = NEAREST) -> str:
        """``value`` with ``places`` decimals and grouped thousands."""
        scaled = int(_rounded(value, places, direction) * 10**places)
        sign, scaled = ("-" if scaled < 0 else ""), abs(scaled)
        whole, part = divmod(scaled, 10**places)
        text = f"{sign}{whole:,}" + (f".{part:0{places}d}" if places else "")
        return text.replace(",", "\0").replace(".", self.decimal).replace("\0", self.thousands)

    def money(self, value: Fraction, direction: str = NEAREST) -> str:
        """US dollars: whole from $1,000, cents below, four decimals under a cent."""
        places = 0 if abs(value) >= 1000 else 2 if abs(value) >= Fraction(1, 100) else 4
        return self.catalog.text("cost.format.money", amount=self.plain(value, places, direction))

    def tokens(self, value: Fraction, direction: str = NEAREST) -> str:
        """A token count with a unit: 800M, 5.0B, 46.3B, 140B."""
        for unit, size in (("trillion", 10**12), ("billion", 10**9), ("million", 10**6)):
            if value >= size:
                scaled = value / size
                places = 0 if scaled >= 100 else 1
                return self.catalog.text(
                    f"cost.format.{unit}", n=self.plain(scaled, places, direction)
                )
        return self.plain(value, 0, direction)

    def share(self, value: Fraction, direction: str = NEAREST) -> str:
        """A share of 1 as a percentage: 50%, 37.3%."""
        percent = value * 100
        places = 0 if percent.denominator == 1 else 1
        return self.catalog.text("cost.format.percent", n=self.plain(percent, places, direction))

    def value(self, field: str, value: Fraction, direction: str = NEAREST) -> str:
        """A figure's value in its own unit (bare for a rate or a count: the text names it)."""
        unit = BY_ID[field].unit
        if unit is Unit.TOKENS:
            return self.tokens(value, direction)
        if unit is Unit.SHARE:
            return self.share(value, direction)
        if unit is Unit.GPUS:
            return self.plain(value, 0, direction)
        if unit is Unit.TOKENS_PER_SECOND:
            return self.plain(value, 0 if value.denominator == 1 else 1, direction)
        return self.money(value, direction)


@dataclass(frozen=True)
class Shown:
    """The amounts the card shows, each formatted once from its exact value."""

    api_monthly: str
    selfhost_monthly: str
    gpus: str
    inputs: dict[str, str]  # figure id -> its value in its unit, as :meth:`Formatter.value`


@dataclass(frozen=True)
class CostReport:
    """One estimate for machines (``document``, what ``--json`` writes) and for the card."""

    document: Document
    shown: Shown


def _direction(flip: Flip) -> str:
    return UP if flip.side in (Side.ABOVE, Side.AT_OR_ABOVE) else DOWN


def flip_text(flip: Flip, fmt: Formatter) -> str:
    """The sentence for one flip point."""
    catalog = fmt.catalog
    figure = BY_ID[flip.input]
    if flip.value is None:
        return catalog.text(f"cost.flip.{flip.side.value}", label=catalog.text(figure.label_key))
    return catalog.text(figure.win_key, value=fmt.value(flip.input, flip.value, _direction(flip)))


def _sources(sources: dict[str, Source]) -> list[Document]:
    grouped: dict[str, Document] = {}
    for field in IDS:
        if field not in sources:
            continue
        source = sources[field]
        entry = grouped.setdefault(
            source.id,
            {
                "id": source.id,
                "inputs": [],
                "publisher": source.publisher,
                "title": source.title,
                "url": source.url or None,
                "date": source.date,
            },
        )
        entry["inputs"].append(field)
    return list(grouped.values())


def cost_report(result: Estimate, catalog: Catalog, known: Known) -> CostReport:
    """The ``advisor cost`` document and the amounts the card shows, for the figures ``known``."""
    fmt = Formatter(catalog)
    x = result.inputs
    shown = Shown(
        api_monthly=fmt.money(result.api_monthly),
        selfhost_monthly=fmt.money(result.selfhost_monthly),
        gpus=fmt.plain(Fraction(result.gpus), 0),
        inputs={f.id: fmt.value(f.id, Fraction(getattr(x, f.id))) for f in FIGURES},
    )
    value_of = shown.inputs
    explain = {
        "api": catalog.text(
            "cost.explain.api",
            input=value_of["input_tokens"],
            output=value_of["output_tokens"],
            input_price=value_of["api_input_price"],
            output_price=value_of["api_output_price"],
        ),
        "selfhost": catalog.text(
            "cost.explain.selfhost",
            gpus=shown.gpus,
            gpu_monthly=fmt.money(result.gpu_monthly),
            hourly=value_of["gpu_hourly"],
            hours=HOURS_PER_MONTH,
            ops=value_of["ops_monthly"],
        ),
        "gpus": catalog.text(
            "cost.explain.gpus",
            capacity=fmt.tokens(result.capacity_per_gpu),
            throughput=value_of["gpu_throughput"],
            utilization=value_of["utilization"],
            minimum=value_of["gpus_min"],
        ),
        "breakeven": (
            catalog.text("cost.explain.breakeven_none")
            if result.breakeven_output_tokens is None
            else catalog.text(
                "cost.explain.breakeven",
                volume=fmt.tokens(result.breakeven_output_tokens, UP),
            )
        ),
        "utilization_needed": (
            catalog.text("cost.explain.utilization_none")
            if result.utilization_needed is None
            else catalog.text(
                "cost.explain.utilization_needed",
                share=fmt.share(result.utilization_needed, UP),
            )
        ),
    }
    origins = known.origins()
    notes = [{"id": "hours", "text": catalog.text("cost.notes.hours", hours=HOURS_PER_MONTH)}]
    if known.sources:
        notes.insert(0, {"id": "examples", "text": catalog.text("cost.notes.examples")})
    document = {
        "schema_version": SCHEMA_VERSIONS["cost"],
        "locale": catalog.code,
        "locale_complete": catalog.complete,
        "inputs": {field: number(getattr(x, field)) for field in IDS},
        "origins": {field: origins[field] for field in IDS},
        "preset": known.preset,
        "sources": _sources(known.sources),
        "api_monthly": number(result.api_monthly),
        "selfhost_monthly": number(result.selfhost_monthly),
        "gpu_monthly": number(result.gpu_monthly),
        "capacity_per_gpu": number(result.capacity_per_gpu),
        "gpus": result.gpus,
        "breakeven_output_tokens": (
            None
            if result.breakeven_output_tokens is None
            else number(result.breakeven_output_tokens)
        ),
        "utilization_needed": (
            None if result.utilization_needed is None else number(result.utilization_needed)
        ),
        "verdict": result.verdict.value,
        "verdict_text": catalog.text(
            f"cost.verdict.{result.verdict.value}",
            api=shown.api_monthly,
            selfhost=shown.selfhost_monthly,
        ),
        "flips": [
            {
                "input": flip.input,
                "self_host_wins": flip.side.value,
                "value": None if flip.value is None else number(flip.value),
                "text": flip_text(flip, fmt),
            }
            for flip in result.flips
        ],
        "explain": explain,
        "assumptions": {"hours_per_month": HOURS_PER_MONTH},
        "leaves_out": catalog.items("cost.leaves_out"),
        "notes": notes,
    }
    return CostReport(document, shown)
