"""The records (``selfhost_advisor/records.py``) behave as the frozen dataclasses they replace.

Answers go into sets, advice is compared, and ``what_would_change`` asks the decision about
answers with one field replaced: equality and hashing by value, fields set once, ``replace``
and a readable repr are what the code and the tests rely on.
"""

from __future__ import annotations

import pytest

from selfhost_advisor.advice.decision import Advice, Answers, Recommendation, decide, every_answers
from selfhost_advisor.advice.explain import Change, with_answer
from selfhost_advisor.advice.questions import Control, Data, Ops, Volume
from selfhost_advisor.cost.figures import BY_ID, Range
from selfhost_advisor.i18n.catalogs import Catalog

ANSWERS = Answers(Data.MIXED, Control.NONE, Volume.MODEST, Ops.NONE)


def test_answers_are_equal_and_hashed_by_value() -> None:
    same = Answers.from_ids({"data": "mixed", "control": "none", "volume": "modest", "ops": "none"})
    assert same == ANSWERS
    assert same is not ANSWERS
    assert hash(same) == hash(ANSWERS)
    assert len(set(every_answers()) | set(every_answers())) == 108
    assert ANSWERS.replace(ops=Ops.FOCUSED) != ANSWERS


def test_advice_is_equal_by_value_and_records_of_other_kinds_never_are() -> None:
    assert decide(ANSWERS) == decide(ANSWERS)
    assert decide(ANSWERS) != decide(ANSWERS.replace(data=Data.SHAREABLE))
    change = Change("data", "shareable", Recommendation.API)
    assert change != ("data", "shareable", Recommendation.API, None)
    assert Range(0, low_included=True) == Range(0, True, None, False)


def test_a_field_cannot_be_set_again_or_deleted() -> None:
    advice = decide(ANSWERS)
    with pytest.raises(AttributeError):
        ANSWERS.data = Data.RESTRICTED  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del advice.reasons
    with pytest.raises(AttributeError):
        ANSWERS.extra = 1  # type: ignore[attr-defined]
    assert ANSWERS.data is Data.MIXED
    assert advice.reasons == decide(ANSWERS).reasons


def test_replace_changes_only_what_it_names() -> None:
    changed = ANSWERS.replace(volume=Volume.HIGH_STEADY)
    assert changed.as_ids() == {**ANSWERS.as_ids(), "volume": "high-steady"}
    assert with_answer(ANSWERS, "ops", "platform").ops is Ops.PLATFORM
    with pytest.raises(TypeError):
        ANSWERS.replace(budget="large")


def test_defaults_are_the_dataclasses_defaults() -> None:
    advice = Advice(Recommendation.API, ("data-shareable",), (), frozenset())
    assert (advice.split, advice.deployment, advice.next_steps, advice.settled_by_cost) == (
        None,
        None,
        (),
        False,
    )
    assert Catalog("en", {}).missing == frozenset()
    assert BY_ID["gpus_min"].default == "2"
    assert BY_ID["input_tokens"].only_with_fit is False


def test_repr_names_the_class_and_every_field_in_order() -> None:
    assert repr(ANSWERS) == (
        "Answers(data=<Data.MIXED: 'mixed'>, control=<Control.NONE: 'none'>, "
        "volume=<Volume.MODEST: 'modest'>, ops=<Ops.NONE: 'none'>)"
    )
    assert repr(Range(1, True, whole=True)) == (
        "Range(low=1, low_included=True, high=None, whole=True)"
    )


def test_a_catalog_holds_a_dict_and_so_is_not_hashable() -> None:
    # As with the frozen dataclass: hashing would have to hash the strings' dict.
    with pytest.raises(TypeError):
        hash(Catalog("en", {"a": "b"}))
