"""Where ``advisor cost`` gets its figures: flags, presets, and what is still missing.

Each figure's unit (:mod:`figures`) says what text it accepts and its range what values.
Numbers are read as people type them in the chosen language (:class:`NumberFormat`): the
catalog's thousands separator and decimal mark (``1,000.5`` in English, ``1.000,5`` in
Spanish), a currency sign for dollars (``$20,000``, ``20.000 US$``), a size word (``k``, ``M``,
``B``, ``T`` in English; ``mil``, ``M``, ``mil M``, ``mil millones`` in Spanish, which also takes
the international ``B`` for 10⁹ but never suggests it: a Spanish *billón* is 10¹²), ``50%`` for
a share, and ``2.5e9``. Text that could mean
two numbers in the language (``1,5`` in English) is refused with the reading it could have had.
Parsing is exact (:class:`fractions.Fraction`), so what the user typed is what the arithmetic
sees. A preset is a small data file shipped in the package (``presets.toml``) whose every
figure names its public source and date (and a price its tier); flags win over it.
Faults are :class:`AdvisorError`\\ s naming the flag and what it accepts, worded by the CLI.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction

from selfhost_advisor.cost.figures import BY_ID, FIGURES, Unit, flag_hint
from selfhost_advisor.cost.model import CostInputs, GpuTime
from selfhost_advisor.cost.presets import preset_ids, presets_file
from selfhost_advisor.errors import AdvisorError, quoted
from selfhost_advisor.i18n.catalogs import Catalog

_MAX_EXPONENT = 30  # 1e30 tokens a month is already absurd; refuse 1e999999 before it hangs
_MAX_LENGTH = 100  # no honest figure is longer; bound the work before any regex runs
# The figures the arithmetic works with, whatever their kind: far wider than any real price,
# volume or GPU count, and narrow enough that every product of them stays a finite float in
# the JSON document (1e308 would overflow it; 1e-300 tokens/s would ask for 1e300 GPUs).
SMALLEST = Fraction(1, 10**9)  # worded "1e-9" by errors.cost_out_of_range
LARGEST = Fraction(10**18)  # worded "1e18"
STALE_AFTER_DAYS = 183  # six months: a figure older than this on the day of the run is flagged
_SPACES = " \u00a0\u202f"  # a space, a no-break space and a narrow one: all may sit in "1 000"
_MANTISSA = re.compile(r"[0-9.,]+")


@dataclass(frozen=True)
class NumberFormat:
    """How one language writes numbers: its marks and its size words (lower case)."""

    decimal: str = "."
    thousands: str = ","
    sizes: Mapping[str, int] = field(default_factory=lambda: {"k": 3, "m": 6, "b": 9, "t": 12})

    @classmethod
    def of(cls, catalog: Catalog) -> NumberFormat:
        """The catalog's format: ``cost.format.decimal``/``thousands`` and ``cost.number.sizes``."""
        sizes: dict[str, int] = {}
        # "k=3; M=6": text, not a list, so each language keeps as many words as it needs.
        for entry in catalog.text("cost.number.sizes").split(";"):
            word, _, power = entry.rpartition("=")
            sizes[" ".join(word.lower().split())] = int(power)
        return cls(
            catalog.text("cost.format.decimal"),
            catalog.text("cost.format.thousands"),
            sizes,
        )


ENGLISH = NumberFormat()


def _bad(field: str, given: str, problem_key: str | None = None, **params: str) -> AdvisorError:
    figure = BY_ID[field]
    error = AdvisorError(
        "errors.cost_value",
        fallback=f"{figure.flag}: {quoted(given)} is not accepted",
        flag=figure.flag,
        label_key=figure.label_key,
        given=quoted(given),
        problem_key=problem_key or figure.accepted_key,
    )
    error.params.update(params)  # the problem's own placeholders (a reading, a size word)
    return error


def _out_of_range(field: str, given: str) -> AdvisorError:
    figure = BY_ID[field]
    return AdvisorError(
        "errors.cost_out_of_range",
        fallback=f"{figure.flag}: {quoted(given)} is outside what the advisor computes with",
        flag=figure.flag,
        given=quoted(given),
        low="1e-9",
        high="1e18",
    )


def _strip_currency(text: str) -> str:
    for sign in ("us$", "usd", "$"):
        if text.startswith(sign):
            return text[len(sign) :].lstrip(_SPACES)
        if text.endswith(sign):
            return text[: -len(sign)].rstrip(_SPACES)
    return text


def _mantissa(field: str, given: str, digits: str, numbers: NumberFormat) -> str:
    """``digits`` (digits and marks) as Python decimal text, or a refusal naming the reading."""
    point, comma = numbers.decimal, numbers.thousands
    whole, _, part = digits.partition(point)
    if point in part or not (whole or part) or comma in part:
        raise _bad(field, given)
    if comma in whole:
        groups = whole.split(comma)
        grouped = 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])
        if not grouped or not all(g.isdigit() for g in groups):
            # "1,5" in English: the writer may have meant the other language's decimal mark.
            if len(groups) == 2 and not part and all(g.isdigit() for g in groups):
                reading = groups[0] + point + groups[1]
                raise _bad(
                    field, given, "errors.cost_accepted.ambiguous", reading=reading, mark=comma
                )
            raise _bad(field, given)
        whole = "".join(groups)
    if not (whole + part).isdigit():
        raise _bad(field, given)
    return f"{whole or '0'}.{part or '0'}"


def parse(field: str, text: str, numbers: NumberFormat = ENGLISH) -> Fraction:
    """The exact value of ``text`` for the figure ``field``, or an AdvisorError naming its flag.

    Never raises anything else, whatever the text: the prompts validate with it as it is typed.
    """
    figure = BY_ID[field]
    if len(text) > _MAX_LENGTH:
        raise _bad(field, text[:20] + "…")
    cleaned = " ".join(text.replace("_", "").lower().split()).replace("\u00a0", " ")
    cleaned = cleaned.replace("\u202f", " ").strip()
    if figure.unit is Unit.USD:
        cleaned = _strip_currency(cleaned)
    if figure.unit is Unit.TOKENS_PER_SECOND:
        # The card writes "3,400.4 tokens/s": the same text is accepted back.
        for unit in ("tokens/s", "tok/s"):
            cleaned = cleaned.removesuffix(unit).rstrip()
    percent = figure.unit is Unit.SHARE and cleaned.endswith("%")
    if percent:
        cleaned = cleaned[:-1].rstrip()
    found = re.fullmatch(r"([0-9.,]+)(?:e([+-]?\d{1,6}))?\s*([^\d\s].*)?", cleaned)
    if found is None:
        raise _bad(field, text)
    digits, exponent, size = found.groups()
    power = 0
    if size is not None:
        size = " ".join(size.split())
        if figure.unit in (Unit.SHARE, Unit.GPUS) or size not in numbers.sizes:
            raise _bad(field, text)
        power = numbers.sizes[size]
    if exponent is not None and abs(int(exponent)) > _MAX_EXPONENT:
        # 1e-300 is more than 0: "expected more than 0" would be wrong; it is out of range.
        raise _out_of_range(field, text)
    value = Fraction(_mantissa(field, text, digits, numbers))
    value *= Fraction(10) ** (power + int(exponent or 0))
    if percent:
        value /= 100
    if value != 0 and not SMALLEST <= value <= LARGEST:
        raise _out_of_range(field, text)
    if not figure.range.holds(value):
        raise _bad(field, text)
    return value


@dataclass(frozen=True)
class Source:
    """Where a preset figure comes from: who published it, when, and (for a price) its tier.

    What the source is, in words, is the catalogs' ``cost.sources.<id>``: a reader's language.
    """

    id: str
    publisher: str
    url: str
    date: str  # YYYY-MM-DD, or YYYY-MM when only the month is known
    tier: str | None = None  # community, secure, gpu-cloud or hyperscaler: prices only

    def age_days(self, today: datetime.date) -> int:
        """Days from the figure's date (a month's first day) to ``today``."""
        year, month, *day = (int(part) for part in self.date.split("-"))
        return (today - datetime.date(year, month, day[0] if day else 1)).days

    def stale(self, today: datetime.date) -> bool:
        """Older than six months on ``today``: the card and the JSON flag it."""
        return self.age_days(today) > STALE_AFTER_DAYS


def _source(source_id: str) -> Source:
    entry = presets_file()["sources"][source_id]
    return Source(
        source_id,
        entry["publisher"],
        entry["url"],
        entry["date"],
        entry.get("tier"),
    )


@dataclass(frozen=True)
class Fit:
    """A preset's GPU time per request, fitted to a benchmark's shapes, with its source."""

    id: str
    gpu_time: GpuTime
    source: Source


def load_fit(fit_id: str) -> Fit:
    """The fitted GPU time called ``fit_id`` in ``presets.toml``."""
    entry = presets_file()["fits"][fit_id]
    gpu_time = GpuTime(
        Fraction(entry["prompt"]), Fraction(entry["output"]), Fraction(entry["context"])
    )
    return Fit(fit_id, gpu_time, _source(entry["source"]))


@dataclass(frozen=True)
class Preset:
    """A named set of example figures, each with its source, maybe a fitted GPU time."""

    id: str
    figures: dict[str, Fraction]
    sources: dict[str, Source]  # input id -> its source
    fit: Fit | None = None


def _canonical(name: str) -> str | None:
    folded = name.strip().casefold()
    return next((known for known in preset_ids() if known.casefold() == folded), None)


def load_preset(name: str) -> Preset:
    """The preset called ``name`` (any case), or an AdvisorError listing the ones there are."""
    canonical = _canonical(name)
    if canonical is None:
        accepted = ", ".join(preset_ids())
        raise AdvisorError(
            "errors.cost_unknown_preset",
            fallback=f"--preset: {name!r} is not a preset; choose one of: {accepted}",
            given=repr(name),
            accepted=accepted,
        )
    figures: dict[str, Fraction] = {}
    cited: dict[str, Source] = {}
    fit: Fit | None = None
    for key, entry in presets_file()["presets"][canonical].items():
        if key == "gpu_time":
            fit = load_fit(entry)
            continue
        figures[key] = parse(key, entry["value"])
        cited[key] = _source(entry["source"])
    if fit is not None:
        cited["gpu_throughput"] = fit.source
    return Preset(canonical, figures, cited, fit)


@dataclass
class Known:
    """The figures known so far for one estimate, and where each came from."""

    values: dict[str, Fraction]
    sources: dict[str, Source]  # figure id -> its source, for figures from the preset
    typed: set[str]  # figure ids the user gave, by flag or at a prompt
    preset: str | None
    fit: Fit | None = None  # the preset's GPU time, while no throughput is given outright
    numbers: NumberFormat = ENGLISH
    # The API prices when --api-model looked them up in the price data: not the user's figures.
    looked_up: set[str] = field(default_factory=set)

    @property
    def uses_fit(self) -> bool:
        """Whether the throughput comes from the preset's fit at the team's shape."""
        return self.fit is not None and "gpu_throughput" not in self.typed

    def needs(self, field: str) -> bool:
        """Whether the estimate needs ``field``: the prompt length only to use the fit, the
        throughput only without it."""
        if BY_ID[field].only_with_fit:
            return self.uses_fit
        return field != "gpu_throughput" or not self.uses_fit

    @property
    def missing(self) -> list[str]:
        """Figure ids not known yet, in the order they are asked."""
        return [f.id for f in FIGURES if f.id not in self.values and self.needs(f.id)]

    def add_typed(self, answers: Mapping[str, str]) -> None:
        """Take figures typed at the prompts (already checked there with :func:`parse`)."""
        self.values.update(
            {field: parse(field, text, self.numbers) for field, text in answers.items()}
        )
        self.typed.update(answers)

    def origins(self) -> dict[str, str]:
        """Where each figure came from: ``preset``, ``given`` (flag or prompt), ``api_model``
        (the price data, by ``--api-model``), ``default``, or ``unused`` (the prompt length,
        when the throughput was measured on your own mix)."""
        result: dict[str, str] = {}
        for figure in FIGURES:
            if not self.needs(figure.id) and figure.id != "gpu_throughput":
                result[figure.id] = "unused"
            elif figure.id in self.typed:
                result[figure.id] = "given"
            elif figure.id in self.looked_up:
                result[figure.id] = "api_model"
            elif figure.id in self.sources:
                result[figure.id] = "preset"
            elif figure.id in self.values:
                result[figure.id] = "default"
            else:
                result[figure.id] = "unused"
        return result

    def inputs(self) -> CostInputs:
        """The complete figures as the arithmetic's :class:`CostInputs` (whole ones as ints)."""
        values: dict[str, Fraction | int | None] = {
            f.id: None
            if f.id not in self.values
            else int(self.values[f.id])
            if f.range.whole
            else self.values[f.id]
            for f in FIGURES
        }
        if self.uses_fit:
            assert self.fit is not None
            return CostInputs.derived(values, self.fit.gpu_time)
        values["prompt_tokens"] = None  # a throughput on your own mix already holds its prompts
        return CostInputs(**values)  # type: ignore[arg-type]


def gather(
    flags: Mapping[str, str | None],
    preset: str | None = None,
    numbers: NumberFormat = ENGLISH,
) -> Known:
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
    for field_id, text in flags.items():
        if text is not None:
            values[field_id] = parse(field_id, text, numbers)
            sources.pop(field_id, None)
            typed.add(field_id)
    return Known(
        values,
        sources,
        typed,
        None if chosen is None else chosen.id,
        None if chosen is None else chosen.fit,
        numbers,
    )


def missing_error(fields: list[str], no_input: bool) -> AdvisorError:
    """The error for figures still missing where they cannot be asked."""
    return AdvisorError(
        "errors.cost_missing_no_input" if no_input else "errors.cost_missing",
        flags=flag_hint(fields),
        presets="{" + ",".join(preset_ids()) + "}",
    )
