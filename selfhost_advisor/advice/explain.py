"""Why the advice is what it is: the single answers that would change it, and which mattered.

Everything here is computed by asking :func:`decision.decide` again about neighbouring answers;
there are no heuristics, because the space is small (four questions, 108 combinations). Like the
decision, this module returns ids, never sentences, and imports nothing that draws or reads.

Definitions, as the card, the JSON and the Markdown state them:

- A *change* is one other value of one question that, with the other three answers kept, gives a
  different recommendation. A hybrid that would split on something else is not a change: the
  option is the same, and a card for a team with no sensitive data must not raise it. A change
  to a hybrid says what that hybrid splits on, so its title is the right one.
- An answer *mattered* when at least one change exists for its question. When no answer
  mattered on its own, more than one answer forces the same recommendation (for example
  restricted data and full lifecycle ownership both force self-hosting): changing any single one
  leaves the advice as it is, and the presentation says so rather than calling them irrelevant.
"""

from __future__ import annotations

from selfhost_advisor.advice.decision import Answers, Recommendation, Split, decide
from selfhost_advisor.advice.questions import QUESTIONS
from selfhost_advisor.records import Record

# The factor each question raises, from the product's position: data forces privacy, the need
# to own the lifecycle, steady volume's economics, and the ops capacity that gates the rest.
FACTOR_OF: dict[str, str] = {
    "data": "privacy",
    "control": "lifecycle",
    "volume": "economics",
    "ops": "capacity",
}


class Change(Record):
    """With ``question`` answered ``answer`` and the rest kept, the advice is ``recommendation``
    (split on ``split`` when it is a hybrid)."""

    # Records rather than dataclasses, as decision.Answers (docs/performance.md).
    __slots__ = ("question", "answer", "recommendation", "split")  # noqa: RUF023  # in __init__ order

    def __init__(
        self, question: str, answer: str, recommendation: Recommendation, split: Split | None = None
    ) -> None:
        self.question = question
        self.answer = answer
        self.recommendation = recommendation
        self.split = split

    def as_ids(self) -> dict[str, str]:
        """The change as the ``what_would_change`` JSON item."""
        ids = {
            "question": self.question,
            "answer": self.answer,
            "recommendation": self.recommendation.value,
        }
        if self.split is not None:
            ids["split"] = self.split.value
        return ids


class Factor(Record):
    """One answer on its way to the advice: the factor it raises and whether it mattered."""

    __slots__ = ("question", "factor", "answer", "mattered")  # noqa: RUF023  # in __init__ order

    def __init__(self, question: str, factor: str, answer: str, mattered: bool) -> None:
        self.question = question
        self.factor = factor
        self.answer = answer
        self.mattered = mattered


def with_answer(answers: Answers, question: str, value: str) -> Answers:
    """``answers`` with one question answered ``value`` instead."""
    current = getattr(answers, question)
    return answers.replace(**{question: type(current)(value)})


def what_would_change(
    answers: Answers, cheaper: Recommendation | None = None
) -> tuple[Change, ...]:
    """Every single-answer change that gives another recommendation, in question, value order.

    ``cheaper`` is the cost estimate's verdict, held like the other answers.
    """
    current = decide(answers, cheaper).recommendation
    changes: list[Change] = []
    for question in QUESTIONS:
        given = getattr(answers, question.id).value
        for value in question.values:
            if value == given:
                continue
            other = decide(with_answer(answers, question.id, value), cheaper)
            if other.recommendation is not current:
                changes.append(Change(question.id, value, other.recommendation, other.split))
    return tuple(changes)


def factors(
    answers: Answers,
    changes: tuple[Change, ...] | None = None,
    cheaper: Recommendation | None = None,
) -> tuple[Factor, ...]:
    """The four answers, in question order, with the factor each raises and whether it mattered.

    ``changes`` may be passed when already computed (they must be ``what_would_change(answers)``).
    """
    found = what_would_change(answers, cheaper) if changes is None else changes
    deciding = {change.question for change in found}
    return tuple(
        Factor(
            question=question.id,
            factor=FACTOR_OF[question.id],
            answer=getattr(answers, question.id).value,
            mattered=question.id in deciding,
        )
        for question in QUESTIONS
    )
