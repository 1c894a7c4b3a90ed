"""The four questions as data: their ids, their values, and the order they are asked in.

Ids and values are a public interface (flags, JSON, answers files use them). The words a user
reads for each live in ``locales/`` under ``questions.<id>``; nothing here is prose.
"""

from __future__ import annotations

from enum import StrEnum


class Data(StrEnum):
    """Can the data you would send to a model leave your control?"""

    SHAREABLE = "shareable"
    MIXED = "mixed"
    RESTRICTED = "restricted"


class Control(StrEnum):
    """Do you need to own the model's lifecycle?"""

    NONE = "none"
    PART = "part"
    FULL = "full"


class Volume(StrEnum):
    """What does your traffic look like?"""

    MODEST = "modest"
    SPIKY = "spiky"
    GROWING = "growing"
    HIGH_STEADY = "high-steady"


class Ops(StrEnum):
    """What operational capacity do you have for running models?"""

    NONE = "none"
    FOCUSED = "focused"
    PLATFORM = "platform"


class Question:
    """One question: its id (also its flag, ``--<id>``) and its values in the order shown."""

    # A plain class rather than a dataclass, and no `re` below: shell completion loads this
    # module on every Tab, and dataclasses alone loads inspect (docs/performance.md).
    __slots__ = ("id", "values")

    def __init__(self, id: str, values: tuple[str, ...]) -> None:
        self.id = id
        self.values = values

    def __repr__(self) -> str:
        return f"Question({self.id!r}, {self.values!r})"


QUESTIONS: tuple[Question, ...] = (
    Question("data", tuple(Data)),
    Question("control", tuple(Control)),
    Question("volume", tuple(Volume)),
    Question("ops", tuple(Ops)),
)
"""The questions in the order they are asked, shown and reported."""

QUESTION_IDS: tuple[str, ...] = tuple(q.id for q in QUESTIONS)
BY_ID: dict[str, Question] = {q.id: q for q in QUESTIONS}


class UnknownValue(ValueError):
    """A value that matches none of a question's values, even after forgiving case and spaces."""

    def __init__(self, question: str, given: str) -> None:
        super().__init__(f"{question}={given!r}")
        self.question = question
        self.given = given
        self.accepted = BY_ID[question].values


def normalize(question: str, raw: str) -> str:
    """Return the canonical value of ``question`` that ``raw`` names.

    Case, surrounding spaces, and ``_`` or spaces for ``-`` are forgiven (``" HIGH_STEADY"``
    and ``"high  steady"`` are ``high-steady``) because they cannot be ambiguous; a unique
    prefix of three letters or more is accepted too (``restr``). Anything else raises
    :class:`UnknownValue`.
    """
    values = BY_ID[question].values
    wanted = _one_dash_between_words(raw.strip().lower())
    if wanted in values:
        return wanted
    if len(wanted) >= 3:
        candidates = [v for v in values if v.startswith(wanted)]
        if len(candidates) == 1:
            return candidates[0]
    raise UnknownValue(question, raw)


def _one_dash_between_words(text: str) -> str:
    """``text`` with each run of whitespace, ``_`` and ``-`` made one ``-``.

    Between words a value has one "-"; users type spaces, underscores or several of them.
    (What ``re.sub(r"[\\s_-]+", "-", text)`` does: ``\\s`` is ``str.isspace``.)
    """
    out: list[str] = []
    in_run = False
    for char in text:
        separator = char.isspace() or char in "_-"
        if not (separator and in_run):
            out.append("-" if separator else char)
        in_run = separator
    return "".join(out)


def complete(question: str, incomplete: str) -> list[str]:
    """The values of ``question`` that shell completion offers for ``incomplete``, as typed.

    Case is not forgiven here as :func:`normalize` forgives it: the shell replaces the word
    with the value, and Typer offers only what starts with the word exactly as typed.
    """
    return [v for v in BY_ID[question].values if v.startswith(incomplete)]


def close_value(question: str, raw: str) -> str | None:
    """The one value of ``question`` that ``raw`` looks like a misspelling of (``restrcted``),
    for a "did you mean"; ``None`` when none is close. Only an error pays for difflib."""
    import difflib

    wanted = _one_dash_between_words(raw.strip().lower())
    close = difflib.get_close_matches(wanted, BY_ID[question].values, n=1, cutoff=0.75)
    return str(close[0]) if close else None
