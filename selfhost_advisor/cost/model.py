"""The break-even arithmetic behind ``advisor cost``: numbers in, numbers and ids out.

What the model counts, per month:

* **API**: ``input tokens x input price + output tokens x output price`` (prices in USD per
  million tokens).
* **Self-hosting**: ``GPUs x USD per GPU-hour x 730 + ops``, where
  ``GPUs = max(gpus_min, ceil(output tokens / (throughput x seconds per month x utilisation)))``.
  730 hours is an average month (8,760 hours a year / 12), the figure cloud price pages use for
  "per month"; rented GPUs bill for every hour they run, busy or idle.

What it deliberately ignores, because the simplest honest model is the one a reader can check:

* **Input tokens on the GPU.** Throughput is *output* tokens per second measured on a workload
  that already includes its prompts (prefill), so input tokens cost money only on the API side.
  If your prompts are much longer than the benchmark's, measure throughput on your own mix.
* Reserved or spot discounts, storage, network egress, one-off set-up work, cached-input or
  batch discounts on the API, and any quality difference between the two models.
* Traffic shape: the utilisation figure stands in for peaks and quiet hours.

Everything is exact (:class:`fractions.Fraction`), so a flip point is right at the boundary:
the verdict is ``self-host`` only when self-hosting is *strictly* cheaper (a tie goes to the
API, the honest default).

**Break-even.** GPUs come in whole steps, so self-hosting can win just below a step and lose
just past it. The break-even is therefore defined, with the input:output mix held, as the
largest monthly output volume at which the API is still at least as cheap: above it,
self-hosting is cheaper at *every* higher volume. Below it self-hosting may still win in
windows just under a GPU step; the verdict at your own volume is reported separately.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from selfhost_advisor.cost.figures import FIGURES, IDS

HOURS_PER_MONTH = 730  # 8,760 hours a year / 12: the month cloud price pages bill by
SECONDS_PER_MONTH = HOURS_PER_MONTH * 3600
PER_MILLION = 1_000_000


class Verdict(StrEnum):
    """Which path is cheaper at these figures."""

    API = "api"
    SELF_HOST = "self-host"


class Side(StrEnum):
    """Where self-hosting wins relative to a flip value, or that the input cannot flip it."""

    ABOVE = "above"  # wins for every value strictly above
    AT_OR_ABOVE = "at_or_above"
    BELOW = "below"  # wins for every value strictly below
    AT_OR_BELOW = "at_or_below"
    NEVER = "never"  # no value in the input's meaningful range makes self-hosting win
    ALWAYS = "always"  # self-hosting wins at every value in the range


class InvalidInput(ValueError):
    """An input outside its meaningful range; ``field`` is its id."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field


@dataclass(frozen=True)
class CostInputs:
    """The figures one estimate is made from (tokens and money per month, prices per million).

    One field per row of :data:`figures.FIGURES`, whose ranges it checks.
    """

    input_tokens: Fraction
    output_tokens: Fraction
    api_input_price: Fraction
    api_output_price: Fraction
    gpu_hourly: Fraction
    gpu_throughput: Fraction
    gpus_min: int
    utilization: Fraction
    ops_monthly: Fraction

    def __post_init__(self) -> None:
        for figure in FIGURES:
            if not figure.range.holds(getattr(self, figure.id)):
                raise InvalidInput(figure.id, figure.range.problem())

    def replace(self, field: str, value: Fraction | int) -> CostInputs:
        """A copy with one input changed (used to check flip points)."""
        values = {name: getattr(self, name) for name in IDS}
        values[field] = value
        return CostInputs(**values)


@dataclass(frozen=True)
class Flip:
    """The value of one input at which the verdict flips, the others held."""

    input: str
    side: Side
    value: Fraction | None  # None when side is NEVER or ALWAYS


@dataclass(frozen=True)
class Estimate:
    """Everything ``advisor cost`` reports, as exact numbers and ids."""

    inputs: CostInputs
    api_monthly: Fraction
    selfhost_monthly: Fraction
    gpu_monthly: Fraction  # one GPU, running all month
    capacity_per_gpu: Fraction  # output tokens one GPU serves per month at this utilisation
    gpus: int
    verdict: Verdict
    breakeven_output_tokens: Fraction | None
    utilization_needed: Fraction | None
    flips: tuple[Flip, ...]


def api_monthly(x: CostInputs) -> Fraction:
    """USD per month on the API."""
    return (x.input_tokens * x.api_input_price + x.output_tokens * x.api_output_price) / PER_MILLION


def gpu_monthly(x: CostInputs) -> Fraction:
    """USD per month for one GPU running every hour of the month."""
    return x.gpu_hourly * HOURS_PER_MONTH


def capacity_per_gpu(x: CostInputs) -> Fraction:
    """Output tokens one GPU really serves in a month at the stated utilisation."""
    return x.gpu_throughput * SECONDS_PER_MONTH * x.utilization


def gpus_for_load(x: CostInputs) -> int:
    """GPUs the output load alone needs, before the always-on minimum."""
    return math.ceil(x.output_tokens / capacity_per_gpu(x))


def gpus_needed(x: CostInputs) -> int:
    """GPUs that run all month: the load's, but never fewer than ``gpus_min``."""
    return max(x.gpus_min, gpus_for_load(x))


def selfhost_monthly(x: CostInputs) -> Fraction:
    """USD per month to self-host: the GPUs, all month, plus the people and tooling."""
    return gpus_needed(x) * gpu_monthly(x) + x.ops_monthly


def verdict(x: CostInputs) -> Verdict:
    """``self-host`` only when strictly cheaper: a tie goes to the API."""
    return Verdict.SELF_HOST if selfhost_monthly(x) < api_monthly(x) else Verdict.API


def affordable_gpus(x: CostInputs) -> int:
    """The most GPUs self-hosting can run and still be strictly cheaper (may be 0 or less).

    The largest whole ``n`` with ``n x gpu_monthly + ops < api_monthly``.
    """
    return math.ceil((api_monthly(x) - x.ops_monthly) / gpu_monthly(x)) - 1


def breakeven_output_tokens(x: CostInputs) -> Fraction | None:
    """The break-even monthly output volume (input:output mix held), or None if there is none.

    The largest volume at which the API is still at least as cheap; above it self-hosting is
    strictly cheaper at every volume. With ``a`` the API's cost per output token (input
    included through the mix), ``K`` one GPU's monthly capacity and ``g`` its monthly price,
    the load on ``n`` GPUs spans ``((n-1)K, nK]`` and loses there somewhere iff
    ``n(aK - g) < aK + ops``. If ``aK <= g`` a GPU never pays for itself and self-hosting never
    wins for good. Otherwise the last losing step is ``n0 = max(gpus_min, ceil((aK + ops) /
    (aK - g)) - 1)`` and it loses up to ``min(n0 K, (n0 g + ops) / a)``.
    """
    a = api_monthly(x) / x.output_tokens
    capacity, g = capacity_per_gpu(x), gpu_monthly(x)
    if a * capacity <= g:
        return None
    last_losing = max(
        x.gpus_min, math.ceil((a * capacity + x.ops_monthly) / (a * capacity - g)) - 1
    )
    return min(last_losing * capacity, (last_losing * g + x.ops_monthly) / a)


def _by_current(x: CostInputs, field: str) -> Flip:
    # The input does not move the verdict over its whole range: it stays what it is now.
    side = Side.ALWAYS if verdict(x) is Verdict.SELF_HOST else Side.NEVER
    return Flip(field, side, None)


def _above(field: str, threshold: Fraction, lower_bound: Fraction) -> Flip:
    """Self-hosting wins strictly above ``threshold`` (range starts at ``lower_bound``)."""
    if threshold < lower_bound:
        return Flip(field, Side.ALWAYS, None)
    return Flip(field, Side.ABOVE, threshold)


def flips(x: CostInputs) -> tuple[Flip, ...]:
    """For each input, the value at which the verdict flips with every other input held."""
    api, selfhost = api_monthly(x), selfhost_monthly(x)
    gpus, affordable = gpus_needed(x), affordable_gpus(x)
    zero = Fraction(0)
    result: list[Flip] = []

    # Input tokens and API prices move only the API bill, linearly.
    output_bill = x.output_tokens * x.api_output_price / PER_MILLION
    input_bill = x.input_tokens * x.api_input_price / PER_MILLION
    if x.api_input_price == 0:
        result.append(_by_current(x, "input_tokens"))
    else:
        threshold = (selfhost - output_bill) * PER_MILLION / x.api_input_price
        result.append(_above("input_tokens", threshold, zero))

    breakeven = breakeven_output_tokens(x)
    result.append(
        Flip("output_tokens", Side.NEVER, None)
        if breakeven is None
        else Flip("output_tokens", Side.ABOVE, breakeven)
    )

    if x.input_tokens == 0:
        result.append(_by_current(x, "api_input_price"))
    else:
        threshold = (selfhost - output_bill) * PER_MILLION / x.input_tokens
        result.append(_above("api_input_price", threshold, zero))
    threshold = (selfhost - input_bill) * PER_MILLION / x.output_tokens
    result.append(_above("api_output_price", threshold, zero))

    # The GPU price: gpus x hourly x 730 + ops < api.
    hourly = (api - x.ops_monthly) / (gpus * HOURS_PER_MONTH)
    result.append(
        Flip("gpu_hourly", Side.BELOW, hourly)
        if hourly > 0
        else Flip("gpu_hourly", Side.NEVER, None)
    )

    # Throughput and utilisation win once the load fits on the GPUs self-hosting can afford.
    if affordable < x.gpus_min:
        result.append(Flip("gpu_throughput", Side.NEVER, None))
    else:
        needed = x.output_tokens / (SECONDS_PER_MONTH * x.utilization * affordable)
        result.append(Flip("gpu_throughput", Side.AT_OR_ABOVE, needed))

    if affordable < gpus_for_load(x) or affordable < 1:
        result.append(Flip("gpus_min", Side.NEVER, None))
    else:
        result.append(Flip("gpus_min", Side.AT_OR_BELOW, Fraction(affordable)))

    needed_utilization = utilization_needed(x)
    result.append(
        Flip("utilization", Side.NEVER, None)
        if needed_utilization is None
        else Flip("utilization", Side.AT_OR_ABOVE, needed_utilization)
    )

    ops = api - gpus * gpu_monthly(x)
    result.append(
        Flip("ops_monthly", Side.BELOW, ops) if ops > 0 else Flip("ops_monthly", Side.NEVER, None)
    )
    return tuple(result)


def utilization_needed(x: CostInputs) -> Fraction | None:
    """The lowest utilisation (0 to 1] at which self-hosting wins, or None if none does."""
    affordable = affordable_gpus(x)
    if affordable < x.gpus_min or affordable < 1:
        return None
    needed = x.output_tokens / (x.gpu_throughput * SECONDS_PER_MONTH * affordable)
    return needed if needed <= 1 else None


def estimate(x: CostInputs) -> Estimate:
    """The whole estimate for one set of figures."""
    return Estimate(
        inputs=x,
        api_monthly=api_monthly(x),
        selfhost_monthly=selfhost_monthly(x),
        gpu_monthly=gpu_monthly(x),
        capacity_per_gpu=capacity_per_gpu(x),
        gpus=gpus_needed(x),
        verdict=verdict(x),
        breakeven_output_tokens=breakeven_output_tokens(x),
        utilization_needed=utilization_needed(x),
        flips=flips(x),
    )
