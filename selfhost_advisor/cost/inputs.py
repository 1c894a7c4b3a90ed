"""Where ``advisor cost`` gets its figures: flags, presets, and what is still missing.

Each input has a kind that says what text it accepts (``2.5e9``, ``2.5B``, ``800M``, ``10k`` for
tokens; plain decimals for money). Parsing is exact (:class:`fractions.Fraction`), so what the
user typed is what the arithmetic sees. A preset is a small data file shipped in the package
(``data/presets.toml``) whose every figure names its public source and date; flags win over it.
Faults are :class:`AdvisorError`\\ s naming the flag and what it accepts, worded by the CLI.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from selfhost_advisor.cost.flags import METAVARS, flag, preset_ids, presets_file
from selfhost_advisor.cost.model import INPUT_IDS, CostInputs
from selfhost_advisor.errors import AdvisorError


class Kind(StrEnum):
    """What text an input accepts; the catalog explains each under ``errors.cost_accepted``."""

    TOKENS = "tokens"  # 0 or more, with an optional k/M/B/T suffix
    VOLUME = "volume"  # tokens, more than 0
    MONEY = "money"  # 0 or more
    POSITIVE = "positive"  # more than 0
    GPUS = "gpus"  # a whole number, 1 or more
    SHARE = "share"  # more than 0, at most 1


KINDS: dict[str, Kind] = {
    "input_tokens": Kind.TOKENS,
    "output_tokens": Kind.VOLUME,
    "api_input_price": Kind.MONEY,
    "api_output_price": Kind.MONEY,
    "gpu_hourly": Kind.POSITIVE,
    "gpu_throughput": Kind.POSITIVE,
    "gpus_min": Kind.GPUS,
    "utilization": Kind.SHARE,
    "ops_monthly": Kind.MONEY,
}

# Not figures about the world but choices with an obvious floor: the default share of
# capacity really used, and the one GPU anything self-hosted needs. Everything else is asked.
DEFAULTS: dict[str, Fraction] = {"utilization": Fraction(1, 2), "gpus_min": Fraction(1)}

_SUFFIXES = {"": 1, "k": 10**3, "m": 10**6, "b": 10**9, "t": 10**12}
_NUMBER = re.compile(r"(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?")
_TOKENS = re.compile(rf"({_NUMBER.pattern})\s*([kmbt]?)")
_MAX_EXPONENT = 30  # 1e30 tokens a month is already absurd; refuse 1e999999 before it hangs


def _bad(field: str, given: str) -> AdvisorError:
    return AdvisorError(
        "errors.cost_value",
        fallback=f"{flag(field)}: {given!r} is not accepted",
        flag=flag(field),
        given=repr(given),
        problem_key=f"errors.cost_accepted.{KINDS[field].value}",
    )


def parse(field: str, text: str) -> Fraction:
    """The exact value of ``text`` for the input ``field``, or an AdvisorError naming its flag."""
    kind = KINDS[field]
    cleaned = text.strip().replace("_", "").lower()
    pattern = _TOKENS if kind in (Kind.TOKENS, Kind.VOLUME) else _NUMBER
    found = pattern.fullmatch(cleaned)
    if found is None:
        raise _bad(field, text)
    number = found.group(1) if kind in (Kind.TOKENS, Kind.VOLUME) else found.group(0)
    exponent = re.search(r"e([+-]?\d+)", number)
    if exponent and abs(int(exponent.group(1))) > _MAX_EXPONENT:
        raise _bad(field, text)
    value = Fraction(number)
    if kind in (Kind.TOKENS, Kind.VOLUME):
        value *= _SUFFIXES[found.group(2)]
    if not _in_range(kind, value):
        raise _bad(field, text)
    return value


def _in_range(kind: Kind, value: Fraction) -> bool:
    if kind in (Kind.TOKENS, Kind.MONEY):
        return value >= 0
    if kind in (Kind.VOLUME, Kind.POSITIVE):
        return value > 0
    if kind is Kind.GPUS:
        return value >= 1 and value.denominator == 1
    return 0 < value <= 1


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


def gather(
    flags: Mapping[str, str | None], preset: Preset | None
) -> tuple[dict[str, Fraction], dict[str, Source]]:
    """The figures known so far and the sources of those that came from the preset.

    Flags win over the preset, which wins over the two defaults; an input that is none of
    these is missing and must be asked.
    """
    values: dict[str, Fraction] = dict(DEFAULTS)
    sources: dict[str, Source] = {}
    if preset is not None:
        values.update(preset.figures)
        sources.update(preset.sources)
    for field, text in flags.items():
        if text is not None:
            values[field] = parse(field, text)
            sources.pop(field, None)
    return values, sources


def missing(values: Mapping[str, Fraction]) -> list[str]:
    """Input ids not known yet, in the order they are asked."""
    return [field for field in INPUT_IDS if field not in values]


def flag_hint(fields: list[str]) -> str:
    """``--ops-monthly USD --gpu-hourly USD``: how to give these by flags."""
    return " ".join(f"{flag(f)} {METAVARS[f]}" for f in fields)


def origins(
    values: Mapping[str, Fraction], sources: Mapping[str, Source], typed: set[str]
) -> dict[str, str]:
    """Where each figure came from: ``preset``, ``given`` (a flag or a prompt) or ``default``.

    ``typed`` is every input the user gave, by flag or at a prompt; ``gather`` has already
    dropped the preset's source for an input a flag overrode.
    """
    return {
        field: "preset" if field in sources else "given" if field in typed else "default"
        for field in values
    }


def to_inputs(values: Mapping[str, Fraction]) -> CostInputs:
    """The complete figures as the arithmetic's :class:`CostInputs` (GPUs are whole)."""
    return CostInputs(
        **{f: int(v) if f == "gpus_min" else v for f, v in values.items()}  # type: ignore[arg-type]
    )
