"""The decision against its stated invariants, over every one of the 108 combinations."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from selfhost_advisor.advice.decision import (
    CRITERIA,
    Answers,
    Recommendation,
    decide,
    every_answers,
)
from selfhost_advisor.advice.questions import Control, Data, Ops, Volume

ALL = list(every_answers())
API, SELF_HOST, HYBRID = Recommendation.API, Recommendation.SELF_HOST, Recommendation.HYBRID


def test_every_combination_is_enumerated_once() -> None:
    assert len(ALL) == 3 * 3 * 4 * 3 == 108
    assert len(set(ALL)) == 108


@pytest.mark.parametrize("answers", ALL, ids=str)
def test_fail_closed(answers: Answers) -> None:
    """1. Sensitive or restricted data never goes to the API."""
    if answers.data is not Data.SHAREABLE:
        assert decide(answers).recommendation is not API


@pytest.mark.parametrize("answers", ALL, ids=str)
def test_honest_default(answers: Answers) -> None:
    """2. Shareable data, no control need, not high-steady: the API, whatever the muscle."""
    if (
        answers.data is Data.SHAREABLE
        and answers.control is Control.NONE
        and answers.volume is not Volume.HIGH_STEADY
    ):
        assert decide(answers).recommendation is API


@pytest.mark.parametrize("answers", ALL, ids=str)
def test_no_muscle_no_self_hosting_by_choice(answers: Answers) -> None:
    """3. No ops capacity and shareable data: the API."""
    if answers.ops is Ops.NONE and answers.data is Data.SHAREABLE:
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
        out.append(dataclasses.replace(answers, data=nxt))
    if answers.control is not Control.FULL:
        nxt_c = control[control.index(answers.control) + 1]
        out.append(dataclasses.replace(answers, control=nxt_c))
    if answers.volume is not Volume.HIGH_STEADY:
        out.append(dataclasses.replace(answers, volume=Volume.HIGH_STEADY))
    return out


@pytest.mark.parametrize("answers", ALL, ids=str)
def test_monotone_in_ops(answers: Answers) -> None:
    """5a. More ops capacity never turns self-host or hybrid into the API."""
    ops = list(Ops)
    if answers.ops is Ops.PLATFORM:
        return
    more = dataclasses.replace(answers, ops=ops[ops.index(answers.ops) + 1])
    if decide(answers).recommendation is not API:
        assert decide(more).recommendation is not API


@pytest.mark.parametrize("answers", ALL, ids=str)
def test_monotone_in_forcing_factors(answers: Answers) -> None:
    """5b. A further forcing factor never turns self-host into the API."""
    if decide(answers).recommendation is SELF_HOST:
        for stronger in _stronger(answers):
            assert decide(stronger).recommendation is not API, stronger


@pytest.mark.parametrize("answers", ALL, ids=str)
def test_every_result_is_explained(answers: Answers) -> None:
    """6. At least one reason, no repeats, and matched criteria belong to the option."""
    advice = decide(answers)
    assert advice.reasons
    assert len(set(advice.reasons)) == len(advice.reasons)
    assert len(set(advice.warnings)) == len(advice.warnings)
    assert advice.matched <= set(CRITERIA[advice.recommendation])


@pytest.mark.parametrize("answers", ALL, ids=str)
def test_forced_self_hosting_follows_the_seed(answers: Answers) -> None:
    """Restricted data always self-hosts; mixed data without a stronger force splits."""
    result = decide(answers).recommendation
    if answers.data is Data.RESTRICTED:
        assert result is SELF_HOST
    if answers.data is Data.MIXED and answers.control is not Control.FULL:
        expected_self_host = answers.volume is Volume.HIGH_STEADY and answers.ops is Ops.PLATFORM
        assert result is (SELF_HOST if expected_self_host else HYBRID)


def test_every_path_is_reachable() -> None:
    assert {decide(a).recommendation for a in ALL} == set(Recommendation)


@given(st.sampled_from(ALL))
def test_decide_is_pure(answers: Answers) -> None:
    assert decide(answers) == decide(answers)
