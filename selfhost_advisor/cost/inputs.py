"""Where ``advisor cost`` gets its figures: flags, presets, and what is still missing.

Each figure's unit (:mod:`figures`) says what text it accepts (``2.5e9``, ``2.5B``, ``800M``,
``10k`` for tokens; plain decimals otherwise) and its range what values. Parsing is exact
(:class:`fractions.Fraction`), so what the user typed is what the arithmetic sees. A preset is a
small data file shipped in the package (``presets.toml``) whose every figure names its public
source and date; flags win over it.
Faults are :class:`AdvisorError`\\ s naming the flag and what it accepts, worded by the CLI.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

from selfhost_advisor.cost.figures import BY_ID, FIGURES, Unit, flag_hint
from selfhost_advisor.cost.model import CostInputs
from selfhost_advisor.cost.presets import preset_ids, presets_file
from selfhost_advisor.errors import AdvisorError

_SUFFIXES = {"": 1, "k": 10**3, "m": 10**6, "b": 10**9, "t": 10**12}
_NUMBER = re.compile(r"(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?")
_TOKENS = re.compile(rf"({_NUMBER.pattern})\s*([kmbt]?)")
_MAX_EXPONENT = 30  # 1e30 tokens a month is already absurd; refuse 1e999999 before it hangs


def _bad(field: str, given: str) -> AdvisorError:
    figure = BY_ID[field]
    return AdvisorError(
        "errors.cost_value",
        fallback=f"{figure.flag}: {given!r} is not accepted",
        flag=figure.flag,
        given=repr(given),
        problem_key=f"errors.cost_accepted.{figure.accepted}",
    )


def parse(field: str, text: str) -> Fraction:
    """The exact value of ``text`` for the figure ``field``, or an AdvisorError naming its flag."""
    figure = BY_ID[field]
    counts_tokens = figure.unit is Unit.TOKENS
    cleaned = text.strip().replace("_", "").lower()
    found = (_TOKENS if counts_tokens else _NUMBER).fullmatch(cleaned)
    if found is None:
        raise _bad(field, text)
    number = found.group(1) if counts_tokens else found.group(0)
    exponent = re.search(r"e([+-]?\d+)", number)
    if exponent and abs(int(exponent.group(1))) > _MAX_EXPONENT:
        raise _bad(field, text)
    value = Fraction(number)
    if counts_tokens:
        value *= _SUFFIXES[found.group(2)]
    if not figure.range.holds(value):
        raise _bad(field, text)
    return value


@dataclass(frozen=True)
class Source:
    """Where a preset figure comes from."""

    id: str
    publisher: str
    title: str
    url: str
    date: str


@dataclass(frozen=True)
class Preset:
    """A named set of example figures, each with its source."""

    id: str
    figures: dict[str, Fraction]
    sources: dict[str, Source]  # input id -> its source


def load_preset(name: str) -> Preset:
    """The preset called ``name``, or an AdvisorError listing the ones there are."""
    data = presets_file()
    presets, sources = data["presets"], data["sources"]
    if name not in presets:
        accepted = ", ".join(preset_ids())
        raise AdvisorError(
            "errors.cost_unknown_preset",
            fallback=f"--preset: {name!r} is not a preset; choose one of: {accepted}",
            given=repr(name),
            accepted=accepted,
        )
    figures: dict[str, Fraction] = {}
    cited: dict[str, Source] = {}
    for field, entry in presets[name].items():
        figures[field] = parse(field, entry["value"])
        source = sources[entry["source"]]
        cited[field] = Source(
            entry["source"], source["publisher"], source["title"], source["url"], source["date"]
        )
    return Preset(name, figures, cited)


@dataclass
class Known:
    """The figures known so far for one estimate, and where each came from."""

    values: dict[str, Fraction]
    sources: dict[str, Source]  # figure id -> its source, for figures from the preset
    typed: set[str]  # figure ids the user gave, by flag or at a prompt
    preset: str | None

    @property
    def missing(self) -> list[str]:
        """Figure ids not known yet, in the order they are asked."""
        return [figure.id for figure in FIGURES if figure.id not in self.values]

    def add_typed(self, answers: Mapping[str, str]) -> None:
        """Take figures typed at the prompts (already checked there with :func:`parse`)."""
        self.values.update({field: parse(field, text) for field, text in answers.items()})
        self.typed.update(answers)

    def origins(self) -> dict[str, str]:
        """Where each figure came from: ``preset``, ``given`` (by flag or prompt) or ``default``."""
        return {
            field: "preset"
            if field in self.sources
            else "given"
            if field in self.typed
            else "default"
            for field in self.values
        }

    def inputs(self) -> CostInputs:
        """The complete figures as the arithmetic's :class:`CostInputs` (whole ones as ints)."""
        return CostInputs(
            **{f: int(v) if BY_ID[f].range.whole else v for f, v in self.values.items()}  # type: ignore[arg-type]
        )


def gather(flags: Mapping[str, str | None], preset: str | None = None) -> Known:
    """The figures from ``flags`` (figure id -> text or None) and the preset called ``preset``.

    Flags win over the preset, which wins over the table's defaults; a figure that is none of
    these is missing and must be asked (or refused with :func:`missing_error`).
    """
    chosen = load_preset(preset) if preset is not None else None
    values = {f.id: Fraction(f.default) for f in FIGURES if f.default is not None}
    sources: dict[str, Source] = {}
    if chosen is not None:
        values.update(chosen.figures)
        sources.update(chosen.sources)
    typed: set[str] = set()
    for field, text in flags.items():
        if text is not None:
            values[field] = parse(field, text)
            sources.pop(field, None)
            typed.add(field)
    return Known(values, sources, typed, preset)


def missing_error(fields: list[str], no_input: bool) -> AdvisorError:
    """The error for figures still missing where they cannot be asked."""
    return AdvisorError(
        "errors.cost_missing_no_input" if no_input else "errors.cost_missing",
        flags=flag_hint(fields),
        presets="{" + ",".join(preset_ids()) + "}",
    )
