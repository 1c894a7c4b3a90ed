"""The break-even arithmetic: hand-computed cases, the break-even's definition, flip points
that really flip, and properties that must hold for any figures; and the figures' table,
which the schema, the catalogs and the arithmetic must agree with."""

from __future__ import annotations

import dataclasses
import json
from fractions import Fraction as F
from importlib import resources
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from selfhost_advisor.cost.figures import BY_ID, FIGURES, IDS
from selfhost_advisor.cost.model import (
    HOURS_PER_MONTH,
    SECONDS_PER_MONTH,
    CostInputs,
    InvalidInput,
    Side,
    Verdict,
    api_monthly,
    breakeven_output_tokens,
    estimate,
    gpus_needed,
    selfhost_monthly,
    verdict,
)
from selfhost_advisor.i18n import catalogs as i18n
from selfhost_advisor.schema import SCHEMA_VERSIONS

API, SELF_HOST = Verdict.API, Verdict.SELF_HOST


def figures(**changes: F | int) -> CostInputs:
    """The issue's done-when figures (preset h100-8b), with ``changes``."""
    values: dict[str, F | int] = {
        "input_tokens": F(10 * 10**9),
        "output_tokens": F(5 * 10**9),
        "api_input_price": F("0.15"),
        "api_output_price": F("0.60"),
        "gpu_hourly": F("2.69"),
        "gpu_throughput": F("3400.4"),
        "gpus_min": 1,
        "utilization": F("0.5"),
        "ops_monthly": F(20000),
    }
    values.update(changes)
    return CostInputs(**values)  # type: ignore[arg-type]


def at_output(x: CostInputs, volume: F) -> CostInputs:
    """``x`` at another output volume, the input:output mix held."""
    ratio = x.input_tokens / x.output_tokens
    return x.replace("output_tokens", volume).replace("input_tokens", volume * ratio)


def test_the_month_is_730_hours() -> None:
    # 8,760 hours in a 365-day year / 12 months.
    assert HOURS_PER_MONTH == 8760 / 12 == 730
    assert SECONDS_PER_MONTH == 730 * 3600 == 2_628_000


def test_done_when_figures_by_hand() -> None:
    x = figures()
    result = estimate(x)
    # API: 10,000M input x $0.15 + 5,000M output x $0.60 = 1,500 + 3,000 = $4,500.
    assert result.api_monthly == 4500
    # One GPU: 3,400.4 tok/s x 2,628,000 s x 0.5 = 4,468,125,600 output tokens a month.
    assert result.capacity_per_gpu == 4_468_125_600
    # GPUs: ceil(5,000,000,000 / 4,468,125,600) = ceil(1.119) = 2.
    assert result.gpus == 2
    # Self-host: 2 x $2.69 x 730 + $20,000 = 2 x 1,963.70 + 20,000 = $23,927.40.
    assert result.gpu_monthly == F("1963.7")
    assert result.selfhost_monthly == F("23927.4")
    assert result.verdict is API
    # Break-even, mix 2:1: a = 4,500 / 5e9 = $0.0000009 per output token; aK = 4,021.3130...;
    # n0 = ceil((aK + 20,000) / (aK - 1,963.7)) - 1 = ceil(11.674) - 1 = 11;
    # V* = min(11 x 4,468,125,600, (11 x 1,963.7 + 20,000) / 0.0000009)
    #    = min(49,149,381,600, 41,600.7 / 0.0000009) = 46,223,000,000.
    assert result.breakeven_output_tokens == 46_223_000_000
    # 20,000 of ops already exceeds the whole API bill: no GPU count, price or utilisation helps.
    assert result.utilization_needed is None
    flips = {flip.input: flip for flip in result.flips}
    # Ops: 4,500 - 2 x 1,963.7 = $572.60.
    assert (flips["ops_monthly"].side, flips["ops_monthly"].value) == (Side.BELOW, F("572.6"))
    # Input tokens: (23,927.4 - 3,000) / $0.15 per million = 139,516M.
    assert flips["input_tokens"].value == 139_516_000_000
    # Input price: (23,927.4 - 3,000) / 10,000M = $2.09274; output: (23,927.4 - 1,500) / 5,000M.
    assert flips["api_input_price"].value == F("2.09274")
    assert flips["api_output_price"].value == F("4.48548")
    for name in ("gpu_hourly", "gpu_throughput", "gpus_min", "utilization"):
        assert flips[name].side is Side.NEVER
        assert flips[name].value is None


def test_a_case_where_self_hosting_wins_by_hand() -> None:
    x = figures(
        input_tokens=F(0),
        output_tokens=F(10**9),
        api_input_price=F(0),
        api_output_price=F(10),
        gpu_hourly=F(2),
        gpu_throughput=F(1000),
        utilization=F(1),
        ops_monthly=F(1000),
    )
    result = estimate(x)
    # API: 1,000M x $10 = $10,000. One GPU: 1,000 x 2,628,000 = 2,628,000,000 tokens: 1 GPU.
    # Self-host: 1 x 2 x 730 + 1,000 = $2,460.
    assert (result.api_monthly, result.gpus, result.selfhost_monthly) == (10000, 1, 2460)
    assert result.verdict is SELF_HOST
    flips = {flip.input: flip for flip in result.flips}
    # Ops may rise to 10,000 - 1,460 = $8,540; the GPU to (10,000 - 1,000) / 730 = $12.33/hour.
    assert flips["ops_monthly"].value == 8540
    assert flips["gpu_hourly"].value == F(9000, 730)
    # Affordable GPUs: largest n with 1,460n + 1,000 < 10,000 -> n < 6.16 -> 6. Throughput
    # then needs 1e9 / (2,628,000 x 6) = 63.42 tok/s; utilisation 1e9 / (1,000 x 2,628,000 x 6).
    assert flips["gpu_throughput"].value == F(10**9, 2_628_000 * 6)
    assert flips["gpus_min"].side is Side.AT_OR_BELOW
    assert flips["gpus_min"].value == 6
    assert result.utilization_needed == F(10**9, 1000 * 2_628_000 * 6)
    # No input tokens and free input: those inputs cannot move the verdict from self-host.
    assert flips["input_tokens"].side is Side.ALWAYS
    assert flips["api_input_price"].side is Side.ALWAYS
    # Output price: self-hosting's $2,460 over 1,000M tokens = $2.46 per million.
    assert flips["api_output_price"].value == F("2.46")
    # Break-even: a = 1e-5, aK = 26,280, n0 = max(1, ceil(27,280 / 24,820) - 1) = 1,
    # V* = min(2,628,000,000, 2,460 / 1e-5) = 246,000,000.
    assert result.breakeven_output_tokens == 246_000_000


# Steps: one GPU serves exactly 1e9 tokens a month, costs $730, and the API charges $1 per
# million output tokens (a = 1e-6 per token, aK = $1,000), with no ops cost.
STEPS = figures(
    input_tokens=F(0),
    output_tokens=F(10**9),
    api_input_price=F(0),
    api_output_price=F(1),
    gpu_hourly=F(1),
    gpu_throughput=F(10**9, SECONDS_PER_MONTH),
    utilization=F(1),
    ops_monthly=F(0),
)


def test_gpus_come_in_steps_so_self_hosting_can_win_below_the_break_even() -> None:
    # 1e9 tokens: 1 GPU ($730) against the API's $1,000: self-hosting wins.
    assert verdict(STEPS) is SELF_HOST
    # One token more needs a second GPU ($1,460) while the API is still about $1,000.
    assert gpus_needed(at_output(STEPS, F(10**9 + 1))) == 2
    assert verdict(at_output(STEPS, F(10**9 + 1))) is API
    # Break-even: n0 = ceil(1,000 / 270) - 1 = 3; V* = min(3e9, 3 x 730 / 1e-6) = 2.19e9.
    assert breakeven_output_tokens(STEPS) == 2_190_000_000


def test_break_even_is_the_last_volume_the_api_still_wins() -> None:
    breakeven = breakeven_output_tokens(STEPS)
    assert breakeven is not None
    assert verdict(at_output(STEPS, breakeven)) is API  # a tie goes to the API
    # Above it, self-hosting wins everywhere, including on both sides of every GPU step.
    probes = [breakeven + F(1, 10**6), breakeven + 1]
    for n in range(3, 60):
        probes += [F(n * 10**9), F(n * 10**9 + 1)]
    assert all(verdict(at_output(STEPS, v)) is SELF_HOST for v in probes if v > breakeven)


def test_no_break_even_when_a_gpu_never_earns_its_cost() -> None:
    # At $0.73 per million, the 1e9 tokens one GPU serves bring in 1,000 x $0.73 = $730, exactly
    # the GPU's $730 a month: aK = g, so self-hosting at best ties and never wins.
    x = STEPS.replace("api_output_price", F("0.73"))
    assert breakeven_output_tokens(x) is None
    assert all(verdict(at_output(x, F(n * 10**9))) is API for n in range(1, 50))


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("output_tokens", F(0)),
        ("input_tokens", F(-1)),
        ("gpu_throughput", F(0)),
        ("gpu_hourly", F(0)),
        ("utilization", F(0)),
        ("utilization", F("1.01")),
        ("gpus_min", 0),
        ("ops_monthly", F(-1)),
        ("api_output_price", F(-1)),
    ],
)
def test_out_of_range_figures_are_refused(field: str, value: F | int) -> None:
    with pytest.raises(InvalidInput) as error:
        figures(**{field: value})
    assert error.value.field == field


# Hypothesis: figures across several orders of magnitude, exact.
money = st.integers(0, 10**6).map(lambda n: F(n, 100))
inputs = st.builds(
    CostInputs,
    input_tokens=st.integers(0, 10**13).map(F),
    output_tokens=st.integers(1, 10**12).map(F),
    api_input_price=st.integers(0, 2000).map(lambda n: F(n, 100)),
    api_output_price=st.integers(0, 8000).map(lambda n: F(n, 100)),
    gpu_hourly=st.integers(1, 2000).map(lambda n: F(n, 100)),
    gpu_throughput=st.integers(1, 100_000).map(lambda n: F(n, 10)),
    gpus_min=st.integers(1, 8),
    utilization=st.integers(1, 100).map(lambda n: F(n, 100)),
    ops_monthly=money,
)


def _nudge(value: F) -> F:
    """A step small enough to stay next to ``value`` (and inside its range), never zero."""
    return value / 10**9 if value > 0 else F(1, 10**9)


@settings(max_examples=300)
@given(inputs)
def test_flip_points_really_flip(x: CostInputs) -> None:
    for flip in estimate(x).flips:
        if flip.value is None:
            continue
        value = flip.value
        field = flip.input
        if field == "output_tokens":

            def at(v: F, x: CostInputs = x) -> Verdict:
                return verdict(at_output(x, v))
        else:

            def at(v: F, x: CostInputs = x, field: str = field) -> Verdict:
                return verdict(x.replace(field, int(v) if field == "gpus_min" else v))

        step = F(1) if field == "gpus_min" else _nudge(value)
        if flip.side is Side.ABOVE:
            assert at(value) is API, field
            assert at(value + step) is SELF_HOST, field
        elif flip.side is Side.AT_OR_ABOVE:
            assert at(value) is SELF_HOST, field
            assert at(value - step) is API, field
        elif flip.side is Side.BELOW:
            assert at(value) is API, field
            assert at(value - step) is SELF_HOST, field
        else:
            assert flip.side is Side.AT_OR_BELOW
            assert at(value) is SELF_HOST, field
            assert at(value + step) is API, field


@settings(max_examples=300)
@given(inputs)
def test_never_and_always_hold_across_the_range(x: CostInputs) -> None:
    current = verdict(x)
    probes = {
        "input_tokens": [F(0), F(10**15)],
        "api_input_price": [F(0), F(10**4)],
        "api_output_price": [F(0), F(10**4)],
        "gpu_hourly": [F(1, 10**4), F(10**4)],
        "gpu_throughput": [F(1, 10), F(10**8)],
        "gpus_min": [1, 10**4],
        "utilization": [F(1, 10**4), F(1)],
        "ops_monthly": [F(0), F(10**9)],
    }
    for flip in estimate(x).flips:
        if flip.side is Side.NEVER:
            assert current is API
            for value in probes.get(flip.input, []):
                assert verdict(x.replace(flip.input, value)) is API, flip.input
        elif flip.side is Side.ALWAYS:
            assert current is SELF_HOST
            for value in probes.get(flip.input, []):
                assert verdict(x.replace(flip.input, value)) is SELF_HOST, flip.input


@settings(max_examples=300)
@given(inputs, st.integers(1, 10**6).map(F))
def test_higher_ops_cost_never_flips_towards_self_hosting(x: CostInputs, more: F) -> None:
    if verdict(x) is API:
        assert verdict(x.replace("ops_monthly", x.ops_monthly + more)) is API


@settings(max_examples=300)
@given(inputs, st.integers(2, 1000))
def test_more_traffic_never_turns_a_self_hosting_win_back(x: CostInputs, k: int) -> None:
    """Scaling traffic by a whole factor: the API bill grows k-fold, self-hosting at most k-fold.

    (Any growth at all is not enough: just past a GPU step the API can win again; that is why
    the break-even is defined as the volume above which self-hosting wins at *every* volume.)
    """
    scaled = x.replace("input_tokens", x.input_tokens * k).replace(
        "output_tokens", x.output_tokens * k
    )
    assert api_monthly(scaled) == k * api_monthly(x)
    assert selfhost_monthly(scaled) <= k * selfhost_monthly(x)
    if verdict(x) is SELF_HOST:
        assert verdict(scaled) is SELF_HOST


@settings(max_examples=300)
@given(inputs)
def test_above_the_break_even_self_hosting_always_wins(x: CostInputs) -> None:
    breakeven = breakeven_output_tokens(x)
    capacity = x.gpu_throughput * SECONDS_PER_MONTH * x.utilization
    if breakeven is None:
        # Never for good: at full steps far out the API still wins or ties.
        assert verdict(at_output(x, capacity * 10**6)) is API
        return
    assert verdict(at_output(x, breakeven)) is API
    first_step = int(breakeven / capacity) + 1
    for n in range(first_step, first_step + 20):
        for volume in (n * capacity, n * capacity + F(1, 10**6)):
            if volume > breakeven:
                assert verdict(at_output(x, volume)) is SELF_HOST


@settings(max_examples=200)
@given(inputs)
def test_verdict_matches_costs(x: CostInputs) -> None:
    result = estimate(x)
    assert (result.verdict is SELF_HOST) == (result.selfhost_monthly < result.api_monthly)
    assert result.gpus >= x.gpus_min
    assert result.gpus * result.capacity_per_gpu >= x.output_tokens


# The figures' table is the one declaration of the nine figures: the shipped JSON Schema, the
# catalogs and the arithmetic's fields must all agree with it.
def _schema(name: str) -> Any:
    text = resources.files("selfhost_advisor").joinpath(f"schema/{name}.schema.json").read_text()
    return json.loads(text)


# Figures added within schema version 1: optional, so documents written before them stay valid.
ADDED_IN_VERSION_1 = {"prompt_tokens", "sensitive_share"}


def test_the_cost_schema_declares_the_tables_figures_and_ranges() -> None:
    declared = _schema("cost")["properties"]["inputs"]
    assert list(declared["properties"]) == list(IDS)
    assert declared["required"] == [i for i in IDS if i not in ADDED_IN_VERSION_1]
    for figure in FIGURES:
        rule = declared["properties"][figure.id]
        kind = "integer" if figure.range.whole else "number"
        # A figure needed only with a fitted GPU time is null when the throughput is measured.
        assert rule["type"] == ([kind, "null"] if figure.only_with_fit else kind), figure.id
        bound = "minimum" if figure.range.low_included else "exclusiveMinimum"
        assert rule[bound] == figure.range.low, figure.id
        assert rule.get("maximum") == figure.range.high, figure.id


def test_each_document_says_the_schema_version_its_schema_declares() -> None:
    for kind, version in SCHEMA_VERSIONS.items():
        assert _schema(kind)["properties"]["schema_version"]["const"] == version, kind


def test_the_arithmetic_has_a_field_for_each_figure_and_no_other() -> None:
    # The fitted GPU time is not a figure: a preset brings it, and the throughput follows it.
    names = [field.name for field in dataclasses.fields(CostInputs)]
    assert sorted(names) == sorted([*IDS, "gpu_time"])


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_figure_is_worded(lang: str) -> None:
    catalog = i18n.load(lang)
    for figure in FIGURES:
        for key in (figure.help_key, figure.label_key, figure.prompt_key, figure.win_key):
            assert catalog.text(key).strip(), key
        assert catalog.text(figure.accepted_key).strip()


def test_defaults_are_in_range_and_only_for_choices() -> None:
    defaults = {f.id: F(f.default) for f in FIGURES if f.default is not None}
    # Two always-on GPUs: one can fail or be upgraded while the other serves.
    assert defaults == {"gpus_min": 2, "utilization": F(1, 2), "sensitive_share": 0}
    assert all(BY_ID[field].range.holds(value) for field, value in defaults.items())
