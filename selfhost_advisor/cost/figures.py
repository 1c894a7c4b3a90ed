"""The cost figures, declared once: one row per figure ``advisor cost`` reads.

Flags, ``--help``, prompts, parsing, range checks, defaults, JSON and the card all read
:data:`FIGURES`; adding a figure is a row here, a field on :class:`model.CostInputs` where a
formula uses it, and its words in the catalogs (``help.<id>``, ``cost.inputs.<id>.*``).

Data only, and cheap to import (no :mod:`fractions`): the command line builds its options
from this table on every run that declares ``advisor cost``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Unit(StrEnum):
    """What a figure counts: how its text is read and how its value is written for people."""

    TOKENS = "tokens"  # a count a month; typed with an optional k/M/B/T suffix, shown as 5.0B
    USD = "usd"  # US dollars, shown as $2.69
    TOKENS_PER_SECOND = "tokens_per_second"  # shown as 3,400.4 (with "tokens/s" on the card)
    GPUS = "gpus"  # a whole number of GPUs
    SHARE = "share"  # a share of 1, shown as 50%


@dataclass(frozen=True)
class Range:
    """The values a figure may take: from (or above) ``low``, at most ``high``, maybe whole."""

    low: int
    low_included: bool
    high: int | None = None  # included
    whole: bool = False

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


@dataclass(frozen=True)
class Figure:
    """One figure: its id (a field of ``CostInputs``, a JSON key) and how it is typed."""

    id: str
    unit: Unit
    range: Range
    metavar: str  # the flag's value on --help and in the "missing figures" line
    accepted: str  # key under ``errors.cost_accepted``: what a refused value is told to be
    default: str | None = None  # exact decimal text, read like a flag; None: asked for

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
    def win_key(self) -> str:
        """The sentence for the value at which self-hosting starts to win."""
        return f"cost.inputs.{self.id}.win"


# In the order they are shown, asked and written to JSON. The two defaults are not figures
# about the world but choices with an obvious floor: the share of capacity really used, and
# the one GPU anything self-hosted needs. Everything else is asked.
FIGURES: tuple[Figure, ...] = (
    Figure("input_tokens", Unit.TOKENS, AT_LEAST_0, "TOKENS", "tokens"),
    Figure("output_tokens", Unit.TOKENS, ABOVE_0, "TOKENS", "volume"),
    Figure("api_input_price", Unit.USD, AT_LEAST_0, "USD", "money"),
    Figure("api_output_price", Unit.USD, AT_LEAST_0, "USD", "money"),
    Figure("gpu_hourly", Unit.USD, ABOVE_0, "USD", "positive"),
    Figure("gpu_throughput", Unit.TOKENS_PER_SECOND, ABOVE_0, "TOKENS/S", "positive"),
    Figure(
        "gpus_min", Unit.GPUS, Range(1, low_included=True, whole=True), "N", "gpus", default="1"
    ),
    Figure(
        "utilization",
        Unit.SHARE,
        Range(0, low_included=False, high=1),
        "SHARE",
        "share",
        default="0.5",
    ),
    Figure("ops_monthly", Unit.USD, AT_LEAST_0, "USD", "money"),
)
BY_ID: dict[str, Figure] = {figure.id: figure for figure in FIGURES}
IDS: tuple[str, ...] = tuple(BY_ID)


def flag_hint(ids: list[str]) -> str:
    """``--ops-monthly USD --gpu-hourly USD``: how to give these figures by flags."""
    return " ".join(f"{BY_ID[i].flag} {BY_ID[i].metavar}" for i in ids)
