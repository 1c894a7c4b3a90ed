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

import datetime
import math
from dataclasses import dataclass, field
from fractions import Fraction

from selfhost_advisor.cost.figures import BY_ID, FIGURES, IDS, Unit
from selfhost_advisor.cost.inputs import Known, Source
from selfhost_advisor.cost.model import (
    HOURS_PER_MONTH,
    Estimate,
    Flip,
    Hybrid,
    Side,
    request_shape,
)
from selfhost_advisor.i18n.catalogs import Catalog
from selfhost_advisor.schema import SCHEMA_VERSIONS, Document

UP, DOWN, NEAREST = "up", "down", "nearest"


def number(value: Fraction | int) -> int | float:
    """A JSON number: whole values as integers, the rest as the nearest float."""
    value = Fraction(value)
    return value.numerator if value.denominator == 1 else float(value)


def _half_up(scaled: Fraction) -> int:
    # Half a unit goes up, as a bill rounds ($29,818.50 reads $29,819); Python's round()
    # would take it to the even neighbour.
    return math.floor(scaled + Fraction(1, 2))


def _rounded(value: Fraction, places: int, direction: str) -> Fraction:
    scaled = value * 10**places
    whole = {UP: math.ceil, DOWN: math.floor}.get(direction, _half_up)(scaled)
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
        """US dollars: whole from $1,000 (and for nothing at all: $0), cents below, four
        decimals under a cent."""
        places = (
            0 if abs(value) >= 1000 or value == 0 else 2 if abs(value) >= Fraction(1, 100) else 4
        )
        return self.catalog.text("cost.format.money", amount=self.plain(value, places, direction))

    def gpus(self, count: int) -> str:
        """A number of GPUs with the noun: 1 GPU, 2 GPUs."""
        form = "one" if count == 1 else "other"
        return self.catalog.text(f"cost.format.gpus.{form}", n=self.plain(Fraction(count), 0))

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
        if unit in (Unit.GPUS, Unit.TOKENS_PER_REQUEST):
            return self.plain(value, 0, direction)
        if unit is Unit.TOKENS_PER_SECOND:
            return self.plain(value, 0 if value.denominator == 1 else 1, direction)
        return self.money(value, direction)


@dataclass(frozen=True)
class Shown:
    """The amounts the card shows, each formatted once from its exact value."""

    api_monthly: str
    selfhost_monthly: str
    gpus: str  # "2 GPUs"
    inputs: dict[str, str]  # figure id -> its value in its unit, as :meth:`Formatter.value`
    hybrid_monthly: str | None = None
    stale: frozenset[str] = field(default_factory=frozenset)  # source ids older than 6 months


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
    if flip.side is Side.SOMETIMES:
        assert flip.value is not None
        return catalog.text(
            "cost.flip.sometimes",
            label=catalog.text(figure.label_key),
            value=fmt.value(flip.input, flip.value),
        )
    if flip.value is None:
        return catalog.text(f"cost.flip.{flip.side.value}", label=catalog.text(figure.label_key))
    return catalog.text(figure.win_key, value=fmt.value(flip.input, flip.value, _direction(flip)))


def tier_text(tier: str | None, catalog: Catalog) -> str:
    """ ", <price tier>" in the reader's words, or nothing for a figure that is not a price."""
    if tier is None:
        return ""
    return ", " + catalog.text("cost.labels.tier", tier=catalog.text(f"cost.tiers.{tier}"))


def _sources(sources: dict[str, Source], catalog: Catalog, today: datetime.date) -> list[Document]:
    grouped: dict[str, Document] = {}
    for figure_id in IDS:
        if figure_id not in sources:
            continue
        source = sources[figure_id]
        entry = grouped.setdefault(
            source.id,
            {
                "id": source.id,
                "inputs": [],
                "publisher": source.publisher,
                "title": catalog.text(f"cost.sources.{source.id}"),
                "url": source.url or None,
                "date": source.date[:7],
                "day": source.date if len(source.date) > 7 else None,
                "tier": source.tier,
                "stale": source.stale(today),
            },
        )
        entry["inputs"].append(figure_id)
    return list(grouped.values())


# The measured shapes a fitted GPU time holds within its tolerance (docs/cost-model.md).
_FIT_PROMPTS = (128, 8192)
_FIT_OUTPUTS = (128, 2048)
_FIT_CONTEXT = 16384


def _shape(result: Estimate, known: Known, fmt: Formatter) -> tuple[Document | None, str | None]:
    shape = request_shape(result.inputs) if known.uses_fit else None
    if shape is None:
        return None, None
    prompt, output = shape
    within = (
        _FIT_PROMPTS[0] <= prompt <= _FIT_PROMPTS[1]
        and _FIT_OUTPUTS[0] <= output <= _FIT_OUTPUTS[1]
        and prompt + output <= _FIT_CONTEXT
    )
    text = fmt.catalog.text(
        "cost.explain.shape" if within else "cost.explain.shape_outside",
        prompt=fmt.plain(prompt, 0),
        output=fmt.plain(output, 0),
    )
    assert known.fit is not None
    gpu_time = known.fit.gpu_time
    document: Document = {
        "prompt_tokens": number(prompt),
        "output_tokens": number(output),
        "within_measured": within,
        "gpu_time": {
            "id": known.fit.id,
            "prompt": number(gpu_time.prompt),
            "output": number(gpu_time.output),
            "context": number(gpu_time.context),
            "source": known.fit.source.id,
        },
        "text": text,
    }
    return document, text


def _hybrid(
    hybrid: Hybrid | None, result: Estimate, fmt: Formatter
) -> tuple[Document | None, str | None]:
    if hybrid is None:
        return None, None
    catalog = fmt.catalog
    share = fmt.share(hybrid.share)
    shown = fmt.money(hybrid.monthly)
    selfhost = fmt.money(hybrid.selfhost_monthly)
    share_flip = (
        catalog.text("cost.hybrid.share_flip_none")
        if hybrid.share_flip is None
        else catalog.text("cost.hybrid.share_flip", share=fmt.share(hybrid.share_flip, DOWN))
    )
    document: Document = {
        "sensitive_share": number(hybrid.share),
        "verdict": hybrid.verdict.value,
        "verdict_text": catalog.text(
            f"cost.hybrid.{hybrid.verdict.value}", share=share, hybrid=shown, selfhost=selfhost
        ),
        "hybrid_monthly": number(hybrid.monthly),
        "hybrid_gpus": hybrid.gpus,
        "hybrid_gpu_monthly": number(hybrid.gpu_monthly),
        "hybrid_api_monthly": number(hybrid.api_monthly),
        "selfhost_monthly": number(hybrid.selfhost_monthly),
        "api_ruled_out": True,
        "share_flip": None if hybrid.share_flip is None else number(hybrid.share_flip),
        "explain": {
            "hybrid": catalog.text(
                "cost.hybrid.explain",
                gpus=fmt.gpus(hybrid.gpus),
                gpu_monthly=fmt.money(result.gpu_monthly),
                ops=fmt.money(result.inputs.ops_monthly),
                api=fmt.money(hybrid.api_monthly),
            ),
            "api": catalog.text(
                "cost.hybrid.ruled_out", share=share, api=fmt.money(result.api_monthly)
            ),
            "share_flip": share_flip,
        },
    }
    return document, shown


def cost_report(
    result: Estimate,
    catalog: Catalog,
    known: Known,
    today: datetime.date | None = None,
    api_model: Document | None = None,
) -> CostReport:
    """The ``advisor cost`` document and the amounts the card shows, for the figures ``known``.

    ``today`` dates the run (a figure older than six months on it is flagged); ``api_model``
    says where the API prices came from when ``--api-model`` looked them up.
    """
    today = today or datetime.date.today()
    fmt = Formatter(catalog)
    x = result.inputs
    origins = known.origins()
    sources = _sources(known.sources, catalog, today)
    hybrid, hybrid_shown = _hybrid(result.hybrid, result, fmt)
    shown = Shown(
        api_monthly=fmt.money(result.api_monthly),
        selfhost_monthly=fmt.money(result.selfhost_monthly),
        gpus=fmt.gpus(result.gpus),
        inputs={
            f.id: fmt.value(f.id, Fraction(getattr(x, f.id)))
            for f in FIGURES
            if getattr(x, f.id) is not None
        },
        hybrid_monthly=hybrid_shown,
        stale=frozenset(s["id"] for s in sources if s["stale"]),
    )
    value_of = shown.inputs
    shape, _ = _shape(result, known, fmt)
    redundancy = "redundancy" if x.gpus_min >= 2 else "no_redundancy"
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
        ),
        "redundancy": catalog.text(f"cost.explain.{redundancy}", minimum=value_of["gpus_min"]),
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
    notes = [{"id": "hours", "text": catalog.text("cost.notes.hours", hours=HOURS_PER_MONTH)}]
    if known.sources:
        notes.insert(0, {"id": "examples", "text": catalog.text("cost.notes.examples")})
    if shown.stale:
        notes.insert(0, {"id": "stale", "text": catalog.text("cost.notes.stale")})
    if api_model is not None:
        notes.insert(0, {"id": "api_model", "text": api_model["text"]})
    document = {
        "schema_version": SCHEMA_VERSIONS["cost"],
        "locale": catalog.code,
        "locale_complete": catalog.complete,
        "date": today.isoformat(),
        "inputs": {f: None if getattr(x, f) is None else number(getattr(x, f)) for f in IDS},
        "origins": {f: origins[f] for f in IDS},
        "preset": known.preset,
        "sources": sources,
        "stale": bool(shown.stale),
        "api_model": api_model,
        "shape": shape,
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
        "hybrid": hybrid,
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
