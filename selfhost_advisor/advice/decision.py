"""The decision: a pure, total function from four answers to one piece of advice.

This module owns the product's position, taken from its source text: the hosted API is the
honest default; self-hosting is something a team is *forced* into (data that legally can't
leave, a real need to own the model's lifecycle, or economics at very high steady volume) and
only with the operational muscle to run it; when only part of the traffic is sensitive the
answer is a split. It returns ids, never sentences, and imports nothing that draws or reads.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from selfhost_advisor.advice.questions import Control, Data, Ops, Volume


class Recommendation(StrEnum):
    """The three paths, in the order they are listed."""

    API = "api"
    SELF_HOST = "self-host"
    HYBRID = "hybrid"


# Each option's "choose this when" criteria, in the order its card lists them.
CRITERIA: dict[Recommendation, tuple[str, ...]] = {
    Recommendation.API: ("data-shareable", "volume-not-steady", "rather-build-product"),
    Recommendation.SELF_HOST: ("data-cannot-leave", "own-lifecycle", "steady-volume-pays"),
    Recommendation.HYBRID: ("some-data-sensitive", "control-part", "focused-capacity"),
}


@dataclass(frozen=True)
class Answers:
    """A team's answers to the four questions."""

    data: Data
    control: Control
    volume: Volume
    ops: Ops

    @classmethod
    def from_ids(cls, values: dict[str, str]) -> Answers:
        """Build from canonical value ids keyed by question id (raises ValueError on a bad one)."""
        return cls(
            data=Data(values["data"]),
            control=Control(values["control"]),
            volume=Volume(values["volume"]),
            ops=Ops(values["ops"]),
        )

    def as_ids(self) -> dict[str, str]:
        """The answers as ``{question id: value id}``, in question order."""
        return {
            "data": self.data.value,
            "control": self.control.value,
            "volume": self.volume.value,
            "ops": self.ops.value,
        }


@dataclass(frozen=True)
class Advice:
    """What the advisor recommends and why, as ids for the presentation layer to word.

    ``reasons`` are what drove the recommendation, most important first (never empty);
    ``warnings`` are what the team must not miss; ``matched`` are the ids of the recommended
    option's criteria (see :data:`CRITERIA`) that the answers meet.
    """

    recommendation: Recommendation
    reasons: tuple[str, ...]
    warnings: tuple[str, ...]
    matched: frozenset[str]


def criteria_met(answers: Answers) -> frozenset[str]:
    """Every criterion, of any option, that these answers meet."""
    met = {
        "data-shareable": answers.data is Data.SHAREABLE,
        "volume-not-steady": answers.volume is not Volume.HIGH_STEADY,
        "rather-build-product": answers.ops is Ops.NONE,
        "data-cannot-leave": answers.data is Data.RESTRICTED,
        "own-lifecycle": answers.control is Control.FULL,
        "steady-volume-pays": answers.volume is Volume.HIGH_STEADY,
        "some-data-sensitive": answers.data is Data.MIXED,
        "control-part": answers.control is Control.PART,
        "focused-capacity": answers.ops is Ops.FOCUSED,
    }
    return frozenset(criterion for criterion, holds in met.items() if holds)


def decide(answers: Answers) -> Advice:
    """Recommend a path for these answers. Pure and total: every combination has an answer.

    The rules, first match wins (``docs/decision-table.md`` lists every combination):

    1. Data that legally can't leave forces self-hosting, whatever else is true.
    2. Owning the whole lifecycle forces self-hosting, but only with someone to run it:
       with no ops capacity the need cannot be met by running models yourself.
    3. High, steady volume with a real platform team: the economics can flip to self-hosting.
       Without that team, the savings evaporate into ops cost and downtime.
    4. Partly sensitive data: split, so the sensitive slice never reaches a vendor (fail closed).
    5. Control over part of the system, with capacity for a focused deployment: split.
    6. Otherwise nothing forces you: the hosted API.
    """
    has_capacity = answers.ops is not Ops.NONE
    economics = answers.volume is Volume.HIGH_STEADY and answers.ops is Ops.PLATFORM
    reasons: list[str] = []

    if answers.data is Data.RESTRICTED:
        recommendation = Recommendation.SELF_HOST
        reasons.append("data-restricted")
    elif answers.control is Control.FULL and has_capacity:
        recommendation = Recommendation.SELF_HOST
        reasons.append("control-full")
    elif economics:
        recommendation = Recommendation.SELF_HOST
        reasons.append("economics-at-scale")
    elif answers.data is Data.MIXED:
        recommendation = Recommendation.HYBRID
        reasons.append("data-mixed")
    elif answers.control is Control.PART and has_capacity:
        recommendation = Recommendation.HYBRID
        reasons.append("control-part")
    else:
        recommendation = Recommendation.API
        reasons.append("data-shareable")

    # Secondary reasons: the other answers that push the same way, so the card shows them.
    if recommendation is Recommendation.SELF_HOST:
        if answers.control is Control.FULL and has_capacity and "control-full" not in reasons:
            reasons.append("control-full")
        if economics and "economics-at-scale" not in reasons:
            reasons.append("economics-at-scale")
    elif recommendation is Recommendation.HYBRID:
        if answers.control is Control.PART and has_capacity and "control-part" not in reasons:
            reasons.append("control-part")
    elif answers.volume is Volume.HIGH_STEADY:
        reasons.append("volume-needs-platform")
    else:
        reasons.append("volume-pay-per-use")
    if recommendation is Recommendation.API and not has_capacity:
        reasons.append("no-ops-capacity")

    warnings: list[str] = []
    if recommendation is not Recommendation.API and answers.ops is Ops.NONE:
        warnings.append("capacity-gap-none")
    if recommendation is Recommendation.SELF_HOST and answers.ops is Ops.FOCUSED:
        warnings.append("capacity-gap-focused")
    # The stopgap for unmet control is vendor-side (dated versions, deprecation terms); it
    # has nothing to say when nothing goes to a vendor, and the capacity gap covers that case.
    if (
        answers.control is not Control.NONE
        and not has_capacity
        and recommendation is not Recommendation.SELF_HOST
    ):
        warnings.append("control-unmet")

    matched = criteria_met(answers) & frozenset(CRITERIA[recommendation])
    return Advice(recommendation, tuple(reasons), tuple(warnings), matched)


def every_answers() -> Iterator[Answers]:
    """All 108 combinations of answers, in question and value order."""
    for data, control, volume, ops in itertools.product(Data, Control, Volume, Ops):
        yield Answers(data, control, volume, ops)
