"""The decision against its stated invariants, over every one of the 108 combinations.

A rule about some answers is tested on exactly the combinations it speaks of, so every case
can fail: none passes by having nothing to check.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from selfhost_advisor.advice.decision import (
    CAPACITY_WARNINGS,
    Answers,
    Recommendation,
    Split,
    card_criteria,
    decide,
    economics_decides,
    every_answers,
    fits_capacity,
    meets_hard_constraints,
)
from selfhost_advisor.advice.deployment import Deployment
from selfhost_advisor.advice.questions import Control, Data, Ops, Volume

ALL = list(every_answers())
API, SELF_HOST, HYBRID = Recommendation.API, Recommendation.SELF_HOST, Recommendation.HYBRID


def where(rule: Callable[[Answers], bool]) -> list[Answers]:
    """The combinations a rule speaks of; never none, or its test would pass by saying nothing."""
    chosen = [answers for answers in ALL if rule(answers)]
    assert chosen
    return chosen


@pytest.mark.parametrize("answers", where(lambda a: a.data is not Data.SHAREABLE), ids=str)
def test_fail_closed(answers: Answers) -> None:
    """1. Sensitive or restricted data never goes to the API."""
    assert decide(answers).recommendation is not API


@pytest.mark.parametrize(
    "answers",
    where(
        lambda a: (
            a.data is Data.SHAREABLE
            and a.control is Control.NONE
            and a.volume is not Volume.HIGH_STEADY
        )
    ),
    ids=str,
)
def test_honest_default(answers: Answers) -> None:
    """2. Shareable data, no control need, not high-steady: the API, whatever the muscle."""
    assert decide(answers).recommendation is API


@pytest.mark.parametrize(
    "answers", where(lambda a: a.ops is Ops.NONE and a.data is Data.SHAREABLE), ids=str
)
def test_no_muscle_no_self_hosting_by_choice(answers: Answers) -> None:
    """3. No ops capacity and shareable data: the API."""
    assert decide(answers).recommendation is API


@pytest.mark.parametrize("answers", ALL, ids=str)
def test_capacity_gap_is_said_plainly(answers: Answers) -> None:
    """4. Asking for more muscle than the team has comes with a warning, and only then."""
    advice = decide(answers)
    gap_none = advice.recommendation is not API and answers.ops is Ops.NONE
    gap_focused = advice.recommendation is SELF_HOST and answers.ops is Ops.FOCUSED
    assert ("capacity-gap-none" in advice.warnings) == gap_none
    assert ("capacity-gap-focused" in advice.warnings) == gap_focused


@pytest.mark.parametrize("answers", ALL, ids=str)
def test_unmet_control_gets_the_vendor_side_stopgap(answers: Answers) -> None:
    """Control wanted, no one to run models: pin versions with the vendor, when there is one."""
    advice = decide(answers)
    expected = (
        answers.control is not Control.NONE
        and answers.ops is Ops.NONE
        and advice.recommendation is not SELF_HOST
    )
    assert ("control-unmet" in advice.warnings) == expected


def _stronger(answers: Answers) -> list[Answers]:
    """The answers one step more forcing on one question (stricter, more, high-steady)."""
    out = []
    data, control = list(Data), list(Control)
    if answers.data is not Data.RESTRICTED:
        nxt = data[data.index(answers.data) + 1]
        out.append(answers.replace(data=nxt))
    if answers.control is not Control.FULL:
        nxt_c = control[control.index(answers.control) + 1]
        out.append(answers.replace(control=nxt_c))
    if answers.volume is not Volume.HIGH_STEADY:
        out.append(answers.replace(volume=Volume.HIGH_STEADY))
    return out


@pytest.mark.parametrize(
    "answers",
    where(lambda a: a.ops is not Ops.PLATFORM and decide(a).recommendation is not API),
    ids=str,
)
def test_monotone_in_ops(answers: Answers) -> None:
    """5a. More ops capacity never turns self-host or hybrid into the API."""
    ops = list(Ops)
    more = answers.replace(ops=ops[ops.index(answers.ops) + 1])
    assert decide(more).recommendation is not API


@pytest.mark.parametrize(
    "answers",
    where(lambda a: decide(a).recommendation is SELF_HOST and bool(_stronger(a))),
    ids=str,
)
def test_monotone_in_forcing_factors(answers: Answers) -> None:
    """5b. A further forcing factor never turns self-host into the API."""
    assert [s for s in _stronger(answers) if decide(s).recommendation is API] == []


@pytest.mark.parametrize("answers", ALL, ids=str)
def test_every_result_is_explained(answers: Answers) -> None:
    """6. At least one reason, no repeats, and matched criteria belong to the option."""
    advice = decide(answers)
    assert advice.reasons
    assert len(set(advice.reasons)) == len(advice.reasons)
    assert len(set(advice.warnings)) == len(advice.warnings)
    assert advice.matched <= set(card_criteria(advice.recommendation, advice.split))


@pytest.mark.parametrize("answers", where(lambda a: a.data is Data.RESTRICTED), ids=str)
def test_restricted_data_always_self_hosts(answers: Answers) -> None:
    """The seed: data that legally can't leave runs where the data is."""
    assert decide(answers).recommendation is SELF_HOST


@pytest.mark.parametrize("answers", where(lambda a: a.data is Data.MIXED), ids=str)
def test_mixed_data_splits_unless_a_staffed_lifecycle_need_self_hosts_it(answers: Answers) -> None:
    """Partly sensitive data splits ("usually a split"), even at high steady volume with a
    platform team, until numbers say otherwise; only a staffed lifecycle need self-hosts it."""
    full_with_platform = answers.control is Control.FULL and answers.ops is Ops.PLATFORM
    assert decide(answers).recommendation is (SELF_HOST if full_with_platform else HYBRID)


def test_every_path_is_reachable() -> None:
    assert {decide(a).recommendation for a in ALL} == set(Recommendation)


CHEAPER = [None, API, SELF_HOST]


@pytest.mark.parametrize("cheaper", CHEAPER, ids=str)
@pytest.mark.parametrize("answers", ALL, ids=str)
def test_no_capacity_warning_when_another_option_fits(
    answers: Answers, cheaper: Recommendation | None
) -> None:
    """No capacity warning while another option fits the stated capacity and keeps every hard
    constraint (restricted data, mixed data failing closed); and a warning exactly when the
    recommendation does not fit the capacity."""
    advice = decide(answers, cheaper)
    warned = bool(CAPACITY_WARNINGS & set(advice.warnings))
    assert warned == (not fits_capacity(advice.recommendation, answers.ops))
    if warned:
        others = [
            option
            for option in Recommendation
            if option is not advice.recommendation
            and fits_capacity(option, answers.ops)
            and meets_hard_constraints(option, answers.data)
        ]
        assert others == [], others
    assert meets_hard_constraints(advice.recommendation, answers.data)


def test_the_capacity_invariant_can_fail() -> None:
    """The old row (mixed, full, focused: self-host with a focused-capacity warning) breaks it."""
    answers = Answers(Data.MIXED, Control.FULL, Volume.MODEST, Ops.FOCUSED)
    assert fits_capacity(HYBRID, Ops.FOCUSED)
    assert meets_hard_constraints(HYBRID, Data.MIXED)
    assert not fits_capacity(SELF_HOST, Ops.FOCUSED)
    assert decide(answers).recommendation is HYBRID


@pytest.mark.parametrize("cheaper", CHEAPER, ids=str)
@pytest.mark.parametrize("answers", ALL, ids=str)
def test_every_self_host_and_hybrid_has_a_deployment_path(
    answers: Answers, cheaper: Recommendation | None
) -> None:
    """Every self-host and hybrid says how; with no one to run models, the managed path; the
    API only where a lifecycle need has no one to run it."""
    advice = decide(answers, cheaper)
    if advice.recommendation is API:
        wanted = answers.control is not Control.NONE and answers.ops is Ops.NONE
        assert advice.deployment is (Deployment.MANAGED_PRIVATE if wanted else None)
        return
    assert advice.deployment is not None
    if answers.ops is Ops.NONE:
        assert advice.deployment is Deployment.MANAGED_PRIVATE
    elif advice.recommendation is HYBRID or answers.ops is Ops.FOCUSED:
        assert advice.deployment is Deployment.FOCUSED
    else:
        assert advice.deployment is Deployment.PLATFORM


@pytest.mark.parametrize("cheaper", CHEAPER, ids=str)
@pytest.mark.parametrize("answers", ALL, ids=str)
def test_a_hybrid_says_what_it_splits(answers: Answers, cheaper: Recommendation | None) -> None:
    """By sensitivity exactly when some data is sensitive; otherwise by control, and then the
    card's criteria say nothing about sensitive data."""
    advice = decide(answers, cheaper)
    if advice.recommendation is not HYBRID:
        assert advice.split is None
        return
    if answers.data is Data.MIXED:
        assert advice.split is Split.SENSITIVITY
    else:
        assert advice.split is Split.CONTROL
        assert answers.control is not Control.NONE
        assert "some-data-sensitive" not in card_criteria(HYBRID, advice.split)
        assert not {"data-mixed"} & set(advice.reasons)


@pytest.mark.parametrize("answers", ALL, ids=str)
def test_economics_is_never_judged_by_a_word(answers: Answers) -> None:
    """Where only economics points to self-hosting, the advice warns that it is unchecked and
    points to `advisor cost` and `--cost`; nowhere else does it say so."""
    advice = decide(answers)
    priced = economics_decides(answers)
    assert ("economics-unchecked" in advice.warnings) == priced
    assert ("cost-settle" in advice.next_steps) == priced
    assert ("cost-estimate" in advice.next_steps) == (answers.volume is Volume.HIGH_STEADY)
    if priced and answers.data is Data.MIXED:
        assert advice.recommendation is HYBRID  # the split stays until numbers say otherwise


@pytest.mark.parametrize("cheaper", [API, SELF_HOST], ids=str)
@pytest.mark.parametrize("answers", ALL, ids=str)
def test_a_cost_estimate_settles_only_economics_and_never_a_constraint(
    answers: Answers, cheaper: Recommendation
) -> None:
    without, advice = decide(answers), decide(answers, cheaper)
    assert meets_hard_constraints(advice.recommendation, answers.data)
    assert advice.next_steps == ()
    assert "economics-unchecked" not in advice.warnings
    if not economics_decides(answers):
        # Restricted data still self-hosts, a staffed lifecycle need still does, low volume
        # still goes to the API: the estimate is recorded and said not to decide.
        assert advice.recommendation is without.recommendation
        assert advice.reasons[-1] == "cost-not-deciding"
        assert not advice.settled_by_cost
        return
    assert advice.settled_by_cost
    if cheaper is SELF_HOST:
        assert advice.recommendation is SELF_HOST
        assert advice.reasons[0] == "cost-self-host-cheaper"
    else:
        assert advice.recommendation is not SELF_HOST
        assert "cost-api-cheaper" in advice.reasons
        if answers.data is Data.MIXED:
            assert advice.recommendation is HYBRID  # never all-API
        elif answers.control is Control.NONE:
            assert advice.recommendation is API
            assert advice.reasons[0] == "cost-api-cheaper"
