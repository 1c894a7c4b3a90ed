"""The cost figures, declared once: one row per figure ``advisor cost`` reads.

Flags, ``--help``, prompts, parsing, range checks, defaults, JSON and the card all read
:data:`FIGURES`; adding a figure is a row here, a field on :class:`model.CostInputs` where a
formula uses it, and its words in the catalogs (``help.<id>``, ``cost.inputs.<id>.*``).

Data only, and cheap to import (no :mod:`fractions`, no :mod:`dataclasses`): the command line
builds its options from this table on every run that declares ``advisor cost``.
"""

from __future__ import annotations

from enum import StrEnum

from selfhost_advisor.records import Record

TYPE_CHECKING = False  # not typing's: see launcher.py
if TYPE_CHECKING:
    from typing import Any


class Unit(StrEnum):
    """What a figure counts: how its text is read and how its value is written for people."""

    TOKENS = "tokens"  # a count a month; typed with an optional k/M/B/T suffix, shown as 5.0B
    USD = "usd"  # US dollars, shown as $2.69
    TOKENS_PER_SECOND = "tokens_per_second"  # shown as 3,400.4 (with "tokens/s" on the card)
    TOKENS_PER_REQUEST = "tokens_per_request"  # an average request's prompt, shown as 8,192
    GPUS = "gpus"  # a whole number of GPUs
    SHARE = "share"  # a share of 1, shown as 50%


class Range(Record):
    """The values a figure may take: from (or above) ``low``, at most ``high``, maybe whole."""

    # Records rather than dataclasses: every command that declares `advisor cost` loads this
    # table, and dataclasses alone loads inspect (docs/performance.md).
    __slots__ = ("low", "low_included", "high", "whole")  # noqa: RUF023  # in __init__ order

    def __init__(
        self, low: int, low_included: bool, high: int | None = None, whole: bool = False
    ) -> None:
        self.low = low
        self.low_included = low_included
        self.high = high  # included
        self.whole = whole

    def holds(self, value: Any) -> bool:
        """Whether ``value`` (a Fraction or an int) is in range."""
        above = value >= self.low if self.low_included else value > self.low
        below = self.high is None or value <= self.high
        return above and below and (not self.whole or value == int(value))

    def problem(self) -> str:
        """The range in plain words, for a programmer's exception (users see catalog text)."""
        low = f"{self.low} or more" if self.low_included else f"more than {self.low}"
        high = "" if self.high is None else f" and at most {self.high}"
        return f"must be {'a whole number, ' if self.whole else ''}{low}{high}"


AT_LEAST_0 = Range(0, low_included=True)
ABOVE_0 = Range(0, low_included=False)


class Figure(Record):
    """One figure: its id (a field of ``CostInputs``, a JSON key) and how it is typed."""

    __slots__ = (  # noqa: RUF023  # in __init__ order
        "id",
        "unit",
        "range",
        "metavar",
        "default",
        "only_with_fit",
    )

    def __init__(
        self,
        id: str,
        unit: Unit,
        range: Range,
        metavar: str,
        default: str | None = None,
        only_with_fit: bool = False,
    ) -> None:
        self.id = id
        self.unit = unit
        self.range = range
        self.metavar = metavar  # the flag's value on --help and in the "missing figures" line
        self.default = default  # exact decimal text, read like a flag; None: asked for
        # Needed (and asked) only to use a preset's fitted GPU time.
        self.only_with_fit = only_with_fit

    @property
    def flag(self) -> str:
        """``ops_monthly`` -> ``--ops-monthly``."""
        return "--" + self.id.replace("_", "-")

    @property
    def help_key(self) -> str:
        return f"help.{self.id}"

    @property
    def prompt_key(self) -> str:
        return f"cost.inputs.{self.id}.prompt"

    @property
    def label_key(self) -> str:
        return f"cost.inputs.{self.id}.label"

    @property
    def accepted_key(self) -> str:
        """What a refused value is told to be, with an example about this figure."""
        return f"errors.cost_accepted.{self.id}"

    @property
    def win_key(self) -> str:
        """The sentence for the value at which self-hosting starts to win."""
        return f"cost.inputs.{self.id}.win"


# In the order they are shown, asked and written to JSON. Defaults are not figures about the
# world but choices with an obvious floor: two always-on GPUs (one can fail or be upgraded
# while the other serves), the share of capacity really used, and no traffic that must stay
# private. Everything else is asked, the prompt length only when a preset's fitted GPU time
# needs it (a throughput measured on the team's own mix already includes its prompts).
FIGURES: tuple[Figure, ...] = (
    Figure("input_tokens", Unit.TOKENS, AT_LEAST_0, "TOKENS"),
    Figure("output_tokens", Unit.TOKENS, ABOVE_0, "TOKENS"),
    Figure("api_input_price", Unit.USD, AT_LEAST_0, "USD"),
    Figure("api_output_price", Unit.USD, AT_LEAST_0, "USD"),
    Figure("gpu_hourly", Unit.USD, ABOVE_0, "USD"),
    Figure("gpu_throughput", Unit.TOKENS_PER_SECOND, ABOVE_0, "TOKENS/S"),
    Figure(
        "prompt_tokens",
        Unit.TOKENS_PER_REQUEST,
        Range(1, low_included=True, high=10**6),
        "TOKENS",
        only_with_fit=True,
    ),
    Figure(
        "gpus_min",
        Unit.GPUS,
        Range(1, low_included=True, whole=True),
        "N",
        default="2",
    ),
    Figure(
        "utilization",
        Unit.SHARE,
        Range(0, low_included=False, high=1),
        "SHARE",
        default="0.5",
    ),
    Figure("ops_monthly", Unit.USD, AT_LEAST_0, "USD"),
    Figure(
        "sensitive_share",
        Unit.SHARE,
        Range(0, low_included=True, high=1),
        "SHARE",
        default="0",
    ),
)
BY_ID: dict[str, Figure] = {figure.id: figure for figure in FIGURES}
IDS: tuple[str, ...] = tuple(BY_ID)


def flag_hint(ids: list[str]) -> str:
    """``--ops-monthly USD --gpu-hourly USD``: how to give these figures by flags."""
    return " ".join(f"{BY_ID[i].flag} {BY_ID[i].metavar}" for i in ids)
