"""A saved ``advisor cost --json`` document, read back by ``advisor ask --cost FILE``.

The document is a published JSON contract (``schema/cost.schema.json``), so this module reads
the few fields the advice needs from the JSON itself and imports nothing from ``cost/``: the two
packages stay independent. It keeps the figures, never the path (the ``ask`` document records
which estimate was used by what it says, so a record does not leak a local file name).

Every read is bounded: at most ``MAX_FILE_BYTES + 1`` bytes from any source, a pipe or FIFO
included, so a stream that never ends cannot hang the advisor or fill its memory. Every fault
is one :class:`AdvisorError` naming the file and what is wrong (exit 2).
"""

from __future__ import annotations

from selfhost_advisor import schema
from selfhost_advisor.advice.decision import Recommendation
from selfhost_advisor.advice.inputs import read_limited
from selfhost_advisor.errors import AdvisorError, shown
from selfhost_advisor.records import Record
from selfhost_advisor.schema import SCHEMA_VERSIONS

TYPE_CHECKING = False  # not typing's: see launcher.py
if TYPE_CHECKING:
    from fractions import Fraction
    from typing import IO, Any

_HOW = "advisor cost ... --json > cost.json"


class CostEvidence(Record):
    """What a saved cost estimate says: both monthly figures, the cheaper path, its inputs."""

    # A Record rather than a dataclass, and fractions loaded only to read a cost file: every
    # command that declares `ask` loads this module (docs/performance.md).
    __slots__ = (  # noqa: RUF023  # in __init__ order
        "api_monthly",
        "selfhost_monthly",
        "cheaper",
        "inputs",
        "preset",
    )

    def __init__(
        self,
        api_monthly: Fraction,
        selfhost_monthly: Fraction,
        cheaper: Recommendation,
        inputs: dict[str, Fraction],
        preset: str | None,
    ) -> None:
        self.api_monthly = api_monthly
        self.selfhost_monthly = selfhost_monthly
        self.cheaper = cheaper
        self.inputs = inputs
        self.preset = preset


def _error(name: str, problem: str, **params: str) -> AdvisorError:
    error = AdvisorError(
        "errors.cost_file",
        fallback=f"cost file {shown(name)}: {problem}",
        file=shown(name),
        problem_key=f"errors.costfile.{problem}",
    )
    error.params.update(params)
    return error


def _read_bytes(name: str, stdin: IO[bytes] | None) -> bytes:
    return read_limited(name, stdin, lambda problem, **params: _error(name, problem, **params))


def _decimal(text: str) -> Fraction:
    # Exact, but only for a number someone could mean: Fraction("1e999999") would build a
    # million-digit integer, and such a figure is refused as out of range anyway.
    exponent = text.lower().partition("e")[2].lstrip("+-")
    if len(text) > 100 or len(exponent) > 3:
        raise ValueError(f"{text[:40]} is too large a number for a cost document")
    from fractions import Fraction

    return Fraction(text)


def _not_a_constant(text: str) -> Any:
    # json accepts NaN and Infinity, which no cost document holds.
    raise ValueError(f"{text} is not a number JSON allows")


def _number(
    document: dict[str, Any], key: str, name: str, *, positive: bool, label: str = ""
) -> Fraction:
    from fractions import Fraction

    value = document.get(key)
    field = label or key
    # bool is an int to Python; true is not a figure.
    problem = "want_positive" if positive else "want_number"
    if isinstance(value, bool) or not isinstance(value, int | Fraction):
        raise _error(name, problem, field=field)
    figure = Fraction(value)
    if figure < 0 or (positive and figure == 0):
        raise _error(name, problem, field=field)
    return figure


def load(name: str, stdin: IO[bytes] | None) -> CostEvidence:
    """The estimate in the cost document ``name`` (``-`` is standard input)."""
    data = _read_bytes(name, stdin)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise _error(name, "not_utf8", how=_HOW) from None
    if not text.strip():
        raise _error(name, "empty", how=_HOW)
    import json  # only a cost file needs a parser here

    try:
        # Decimals as exact fractions: the figures are compared and shown, never rounded twice.
        document = json.loads(text, parse_float=_decimal, parse_constant=_not_a_constant)
    except json.JSONDecodeError as error:
        detail = f"line {error.lineno}, column {error.colno}: {error.msg}"
        raise _error(name, "not_json", detail=detail) from None
    except ValueError as error:  # also Python's limit of 4,300 digits for an integer
        raise _error(name, "not_json", detail=str(error)) from None
    except RecursionError:  # well-formed, nested deeper than the parser's stack
        raise _error(name, "not_json", detail="nested too deeply") from None
    if not isinstance(document, dict) or "api_monthly" not in document:
        raise _error(name, "not_cost", how=_HOW)
    version = document.get("schema_version")
    if version != SCHEMA_VERSIONS["cost"] or isinstance(version, bool):
        raise _error(name, "bad_version", given=json.dumps(version, default=str))
    api = _number(document, "api_monthly", name, positive=False)
    selfhost = _number(document, "selfhost_monthly", name, positive=True)
    verdict = document.get("verdict")
    if verdict not in ("api", "self-host"):
        raise _error(name, "want_verdict")
    # The cost model's rule (a tie goes to the API); a hand-edited verdict must not win.
    cheaper = Recommendation.SELF_HOST if selfhost < api else Recommendation.API
    if verdict != cheaper.value:
        raise _error(name, "verdict_mismatch", verdict=str(verdict), how=_HOW)
    raw_inputs = document.get("inputs")
    if not isinstance(raw_inputs, dict):
        raise _error(name, "want_inputs")
    declared = schema.read("cost")["properties"]["inputs"]
    inputs = {
        field: _number(raw_inputs, field, name, positive=False, label=f"inputs.{field}")
        # The figures as the cost schema declares them, in its order: cost/ declares them
        # (its figures' table, which a test holds equal to the schema); advice reads the contract.
        # A figure added within the version may be absent (an older document) or null (the
        # prompt length, unused when the throughput was measured on the team's own mix).
        for field in declared["properties"]
        if field in declared["required"] or raw_inputs.get(field) is not None
    }
    preset = document.get("preset")
    if preset is not None and not isinstance(preset, str):
        raise _error(name, "want_preset")
    return CostEvidence(api, selfhost, cheaper, inputs, preset)


def as_number(value: Fraction) -> int | float:
    """A JSON number: whole values as integers, the rest as the nearest float."""
    return value.numerator if value.denominator == 1 else float(value)
