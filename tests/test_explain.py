"""What would change the advice and which answers mattered, checked against ``decide``."""

from __future__ import annotations

import json
from importlib import resources

import pytest
from jsonschema import Draft202012Validator

from selfhost_advisor.advice.decision import Answers, decide, every_answers
from selfhost_advisor.advice.explain import FACTOR_OF, factors, what_would_change, with_answer
from selfhost_advisor.advice.questions import QUESTION_IDS, QUESTIONS
from selfhost_advisor.i18n import catalogs as i18n
from selfhost_advisor.ui.report import ask_document

ALL = list(every_answers())


def _single_answer_neighbours(answers: Answers) -> list[tuple[str, str, Answers]]:
    """Every answer set that differs from ``answers`` in exactly one question, built by hand."""
    given = answers.as_ids()
    out = []
    for question in QUESTIONS:
        for value in question.values:
            if value != given[question.id]:
                out.append((question.id, value, Answers.from_ids({**given, question.id: value})))
    return out


@pytest.mark.parametrize("answers", ALL, ids=str)
def test_changes_are_exactly_the_single_answers_that_change_the_result(answers: Answers) -> None:
    current = decide(answers).recommendation
    reported = {(c.question, c.answer): c.recommendation for c in what_would_change(answers)}
    expected = {
        (question, value): decide(other).recommendation
        for question, value, other in _single_answer_neighbours(answers)
        if decide(other).recommendation is not current
    }
    # Each reported change really changes the result, to what it says; none is missing.
    assert reported == expected
    assert current not in reported.values()


@pytest.mark.parametrize("answers", ALL, ids=str)
def test_changes_are_sorted_by_question_then_value_order(answers: Answers) -> None:
    changes = what_would_change(answers)
    positions = [
        (QUESTION_IDS.index(c.question), QUESTIONS[QUESTION_IDS.index(c.question)].values)
        for c in changes
    ]
    keys = [(q, values.index(c.answer)) for (q, values), c in zip(positions, changes, strict=True)]
    assert keys == sorted(keys)
    assert len(set(keys)) == len(keys)


@pytest.mark.parametrize("answers", ALL, ids=str)
def test_an_answer_mattered_exactly_when_changing_it_alone_changes_the_result(
    answers: Answers,
) -> None:
    current = decide(answers).recommendation
    found = factors(answers)
    assert [f.question for f in found] == list(QUESTION_IDS)
    for factor in found:
        flips = any(
            decide(other).recommendation is not current
            for question, _, other in _single_answer_neighbours(answers)
            if question == factor.question
        )
        assert factor.mattered is flips, factor
        assert factor.answer == answers.as_ids()[factor.question]
        assert factor.factor == FACTOR_OF[factor.question]


def test_when_nothing_matters_alone_more_than_one_answer_forces_the_result() -> None:
    """Restricted data and full ownership with a team each force self-hosting by themselves."""
    answers = Answers.from_ids(
        {"data": "restricted", "control": "full", "volume": "modest", "ops": "platform"}
    )
    assert what_would_change(answers) == ()
    assert not any(f.mattered for f in factors(answers))
    for question, value in [("data", "shareable"), ("control", "none")]:
        assert decide(with_answer(answers, question, value)).recommendation == "self-host"
    both = with_answer(with_answer(answers, "data", "shareable"), "control", "none")
    assert decide(both).recommendation == "api"


def test_the_example_from_the_issue() -> None:
    answers = Answers.from_ids(
        {"data": "shareable", "control": "part", "volume": "modest", "ops": "none"}
    )
    assert decide(answers).recommendation == "api"
    # The hybrid it would become splits by control: none of this team's data is sensitive.
    change = {
        "question": "ops",
        "answer": "focused",
        "recommendation": "hybrid",
        "split": "control",
    }
    assert change in [c.as_ids() for c in what_would_change(answers)]


def test_every_question_can_matter_somewhere() -> None:
    """No question is dead weight: for each, some answers make it decide the result."""
    mattered = {f.question for a in ALL for f in factors(a) if f.mattered}
    assert mattered == set(QUESTION_IDS)


@pytest.mark.parametrize("answers", ALL[::7], ids=str)
def test_the_json_document_carries_the_changes(answers: Answers) -> None:
    catalog = i18n.load("en")
    document = ask_document(answers, decide(answers), catalog)
    items = json.loads(json.dumps(document))["what_would_change"]
    assert items == [c.as_ids() for c in what_would_change(answers)]
    assert document["schema_version"] == 1
    for item in items:
        hybrid = item["recommendation"] == "hybrid"
        assert set(item) == {"question", "answer", "recommendation"} | (
            {"split"} if hybrid else set()
        )
        changed = Answers.from_ids({**document["answers"], item["question"]: item["answer"]})
        assert decide(changed).recommendation == item["recommendation"]
        split = decide(changed).split
        assert item.get("split") == (split.value if split else None)
        assert item["recommendation"] != document["recommendation"]["id"]


def _ask_schema() -> Draft202012Validator:
    text = resources.files("selfhost_advisor").joinpath("schema/ask.schema.json").read_text()
    return Draft202012Validator(json.loads(text))


@pytest.mark.parametrize("answers", ALL, ids=str)
def test_what_would_change_follows_the_schema(answers: Answers) -> None:
    document = json.loads(json.dumps(ask_document(answers, decide(answers), i18n.load("en"))))
    _ask_schema().validate(document)


@pytest.mark.parametrize(
    "item",
    [
        {"question": "ops", "answer": "modest", "recommendation": "hybrid"},  # volume's value
        {"question": "ops", "answer": "focused", "recommendation": "on-prem"},
        {"question": "budget", "answer": "low", "recommendation": "api"},
        {"question": "ops", "answer": "focused"},
        {"question": "ops", "answer": "focused", "recommendation": "hybrid", "why": "x"},
    ],
)
def test_the_schema_rejects_a_broken_change(item: dict[str, str]) -> None:
    answers = Answers.from_ids(
        {"data": "shareable", "control": "part", "volume": "modest", "ops": "none"}
    )
    document = json.loads(json.dumps(ask_document(answers, decide(answers), i18n.load("en"))))
    check = _ask_schema()
    assert check.is_valid(document)
    document["what_would_change"].append(item)
    assert not check.is_valid(document)
