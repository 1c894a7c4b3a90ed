"""The decision: a pure, total function from four answers to one piece of advice.

This module owns the product's position, taken from its source text: the hosted API is the
honest default; self-hosting is something a team is *forced* into (data that legally can't
leave, a real need to own the model's lifecycle, or economics at very high steady volume) and
only with the operational muscle to run it; when only part of the traffic is sensitive the
answer is a split. It returns ids, never sentences, and imports nothing that draws or reads.

Two things beyond the four answers shape the advice, both as ids: the deployment path (see
:mod:`deployment`) and, when the team has put numbers on it with ``advisor cost``, which path
those numbers say is cheaper (``cheaper``). Numbers settle only what economics alone would
decide; they never override a hard constraint.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from enum import StrEnum

from selfhost_advisor.advice.deployment import Deployment, choose
from selfhost_advisor.advice.questions import Control, Data, Ops, Volume
from selfhost_advisor.records import Record


class Recommendation(StrEnum):
    """The three paths, in the order they are listed."""

    API = "api"
    SELF_HOST = "self-host"
    HYBRID = "hybrid"


class Split(StrEnum):
    """What a hybrid splits on: the sensitive slice, or the part of the system you must own."""

    SENSITIVITY = "sensitivity"
    CONTROL = "control"


# Each option's "choose this when" criteria, in the order its card lists them.
CRITERIA: dict[Recommendation, tuple[str, ...]] = {
    Recommendation.API: ("data-shareable", "volume-not-steady", "rather-build-product"),
    Recommendation.SELF_HOST: ("data-cannot-leave", "own-lifecycle", "steady-volume-pays"),
    Recommendation.HYBRID: ("some-data-sensitive", "control-part", "focused-capacity"),
}
# A hybrid split by control has its own card: its team said none of its data is sensitive,
# so the card must not ask whether some of it is.
CONTROL_SPLIT_CRITERIA: tuple[str, ...] = ("data-shareable", "control-some", "focused-capacity")

# Warnings that say the team lacks the capacity the advice needs.
CAPACITY_WARNINGS = frozenset({"capacity-gap-none", "capacity-gap-focused"})


def card_criteria(recommendation: Recommendation, split: Split | None) -> tuple[str, ...]:
    """The criteria the recommended card lists: the option's, or the control split's own."""
    if split is Split.CONTROL:
        return CONTROL_SPLIT_CRITERIA
    return CRITERIA[recommendation]


class Answers(Record):
    """A team's answers to the four questions; equal and hashed by value."""

    # A Record rather than a dataclass: `ask --json` loads this module, and dataclasses
    # alone loads inspect (docs/performance.md).
    __slots__ = ("data", "control", "volume", "ops")  # noqa: RUF023  # in __init__ order

    def __init__(self, data: Data, control: Control, volume: Volume, ops: Ops) -> None:
        self.data = data
        self.control = control
        self.volume = volume
        self.ops = ops

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


class Advice(Record):
    """What the advisor recommends and why, as ids for the presentation layer to word.

    ``reasons`` are what drove the recommendation, most important first (never empty);
    ``warnings`` are what the team must not miss; ``matched`` are the ids of the recommended
    card's criteria (see :func:`card_criteria`) that the answers meet. ``split`` says what a
    hybrid splits on (None otherwise); ``deployment`` is how to do it with the capacity the
    team has (None where the API needs no path); ``next_steps`` are follow-ups worth pointing
    to; ``settled_by_cost`` says whether a cost estimate was what chose between the API and
    self-hosting (False when there was none, or when the answers decided on their own).
    """

    # A Record, as Answers is.
    __slots__ = (  # noqa: RUF023  # in __init__ order
        "recommendation",
        "reasons",
        "warnings",
        "matched",
        "split",
        "deployment",
        "next_steps",
        "settled_by_cost",
    )

    def __init__(
        self,
        recommendation: Recommendation,
        reasons: tuple[str, ...],
        warnings: tuple[str, ...],
        matched: frozenset[str],
        split: Split | None = None,
        deployment: Deployment | None = None,
        next_steps: tuple[str, ...] = (),
        settled_by_cost: bool = False,
    ) -> None:
        self.recommendation = recommendation
        self.reasons = reasons
        self.warnings = warnings
        self.matched = matched
        self.split = split
        self.deployment = deployment
        self.next_steps = next_steps
        self.settled_by_cost = settled_by_cost


def criteria_met(answers: Answers) -> frozenset[str]:
    """Every criterion, of any card, that these answers meet."""
    met = {
        "data-shareable": answers.data is Data.SHAREABLE,
        "volume-not-steady": answers.volume is not Volume.HIGH_STEADY,
        "rather-build-product": answers.ops is Ops.NONE,
        "data-cannot-leave": answers.data is Data.RESTRICTED,
        "own-lifecycle": answers.control is Control.FULL,
        "steady-volume-pays": answers.volume is Volume.HIGH_STEADY,
        "some-data-sensitive": answers.data is Data.MIXED,
        "control-part": answers.control is Control.PART,
        "control-some": answers.control is not Control.NONE,
        "focused-capacity": answers.ops is Ops.FOCUSED,
    }
    return frozenset(criterion for criterion, holds in met.items() if holds)


def economics_decides(answers: Answers) -> bool:
    """Whether only economics points to self-hosting: the rows a cost estimate settles.

    High, steady volume with a platform team, and no hard constraint (restricted data) or
    lifecycle need the team can staff (full control with a platform) forcing the answer anyway.
    """
    return (
        answers.volume is Volume.HIGH_STEADY
        and answers.ops is Ops.PLATFORM
        and answers.data is not Data.RESTRICTED
        and answers.control is not Control.FULL
    )


def fits_capacity(recommendation: Recommendation, ops: Ops) -> bool:
    """Whether a team with ``ops`` capacity can run ``recommendation`` itself, as the seed says.

    The API needs no one; a hybrid needs "a focused private deployment, not your whole
    inference stack"; self-hosting everything needs "the operational muscle to run it".
    """
    if recommendation is Recommendation.API:
        return True
    if recommendation is Recommendation.HYBRID:
        return ops is not Ops.NONE
    return ops is Ops.PLATFORM


def meets_hard_constraints(recommendation: Recommendation, data: Data) -> bool:
    """Whether ``recommendation`` keeps the data where it must stay.

    Restricted data may reach no vendor: only self-hosting. Partly sensitive data fails closed:
    anything but the all-API path.
    """
    if data is Data.RESTRICTED:
        return recommendation is Recommendation.SELF_HOST
    if data is Data.MIXED:
        return recommendation is not Recommendation.API
    return True


def decide(answers: Answers, cheaper: Recommendation | None = None) -> Advice:
    """Recommend a path for these answers. Pure and total: every combination has an answer.

    ``cheaper`` is what a cost estimate says (``api`` or ``self-host``), or None without one.

    The rules, first match wins (``docs/decision-table.md`` lists every combination), each
    placed where it is because of what it must not be overridden by:

    1. Data that legally can't leave forces self-hosting, whatever else is true. It comes first
       because no other answer, and no price, can make a vendor an option for it.
    2. Owning the whole lifecycle with a platform team forces self-hosting. It comes before
       economics (the need holds at any price) and before the split (self-hosting everything
       also keeps a sensitive slice in-house). With less capacity it cannot be met by running
       everything yourself, so it falls through to the split (rules 4 and 5).
    3. High, steady volume with a platform team and nothing forcing the answer: economics.
       Without numbers, self-hosting for shareable data (with a warning that it pays only
       past a break-even), but partly sensitive data keeps the seed's split. With a cost
       estimate, the cheaper path: self-hosting if it wins; if the API wins, the rules below
       decide. It comes after rules 1 and 2 because a price never overrides them, and before
       the split because owning all of it, when it pays, keeps the sensitive slice in-house too.
    4. Partly sensitive data: split by sensitivity, so the sensitive slice never reaches a
       vendor (fail closed). It comes before rule 5 because privacy is a hard constraint and
       control is not; a split by sensitivity also gives control over the private slice.
    5. A need for control over the model (over part of the system with any capacity, or over
       all of it with capacity for only one focused deployment): split by control, owning the
       lifecycle where it matters and sending the rest to the API.
    6. Otherwise nothing forces you: the hosted API.
    """
    has_capacity = answers.ops is not Ops.NONE
    full_with_platform = answers.control is Control.FULL and answers.ops is Ops.PLATFORM
    full_with_focus = answers.control is Control.FULL and answers.ops is Ops.FOCUSED
    economics = answers.volume is Volume.HIGH_STEADY and answers.ops is Ops.PLATFORM
    priced = economics_decides(answers)
    reasons: list[str] = []

    if answers.data is Data.RESTRICTED:
        recommendation = Recommendation.SELF_HOST
        reasons.append("data-restricted")
    elif full_with_platform:
        recommendation = Recommendation.SELF_HOST
        reasons.append("control-full")
    elif priced and cheaper is Recommendation.SELF_HOST:
        recommendation = Recommendation.SELF_HOST
        reasons.append("cost-self-host-cheaper")
    elif priced and cheaper is None and answers.data is Data.SHAREABLE:
        recommendation = Recommendation.SELF_HOST
        reasons.append("economics-at-scale")
    elif answers.data is Data.MIXED:
        recommendation = Recommendation.HYBRID
        reasons.append("data-mixed")
    elif full_with_focus:
        recommendation = Recommendation.HYBRID
        reasons.append("control-full-focused")
    elif answers.control is Control.PART and has_capacity:
        recommendation = Recommendation.HYBRID
        reasons.append("control-part")
    else:
        recommendation = Recommendation.API
        if priced and cheaper is Recommendation.API:
            # The numbers are what turned a platform team at high volume to the API.
            reasons.append("cost-api-cheaper")
        reasons.append("data-shareable")

    # Secondary reasons: the other answers that push the same way, so the card shows them.
    if recommendation is Recommendation.SELF_HOST:
        if full_with_platform and "control-full" not in reasons:
            reasons.append("control-full")
        # Not when the team's own numbers say the hardware does not pay.
        if economics and not priced and cheaper is not Recommendation.API:
            reasons.append("economics-at-scale")
    elif recommendation is Recommendation.HYBRID:
        if answers.control is Control.PART and has_capacity and "control-part" not in reasons:
            reasons.append("control-part")
        if full_with_focus and "control-full-focused" not in reasons:
            reasons.append("control-full-focused")
    elif answers.volume is Volume.HIGH_STEADY:
        if answers.ops is not Ops.PLATFORM:
            reasons.append("volume-needs-platform")
    else:
        reasons.append("volume-pay-per-use")
    if recommendation is Recommendation.API and not has_capacity:
        reasons.append("no-ops-capacity")
    if cheaper is not None and not priced:
        reasons.append("cost-not-deciding")
    elif cheaper is Recommendation.API and "cost-api-cheaper" not in reasons:
        reasons.append("cost-api-cheaper")

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
    if priced and cheaper is None:
        warnings.append("economics-unchecked")

    next_steps: list[str] = []
    if cheaper is None and answers.volume is Volume.HIGH_STEADY:
        next_steps.append("cost-estimate")
        if priced:
            next_steps.append("cost-settle")

    split = None
    if recommendation is Recommendation.HYBRID:
        split = Split.SENSITIVITY if answers.data is Data.MIXED else Split.CONTROL
    matched = criteria_met(answers) & frozenset(card_criteria(recommendation, split))
    return Advice(
        recommendation,
        tuple(reasons),
        tuple(warnings),
        matched,
        split=split,
        deployment=choose(recommendation.value, answers.control, answers.ops),
        next_steps=tuple(next_steps),
        settled_by_cost=priced and cheaper is not None,
    )


def every_answers() -> Iterator[Answers]:
    """All 108 combinations of answers, in question and value order."""
    for data, control, volume, ops in itertools.product(Data, Control, Volume, Ops):
        yield Answers(data, control, volume, ops)
