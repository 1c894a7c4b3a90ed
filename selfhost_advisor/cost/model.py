"""The break-even arithmetic behind ``advisor cost``: numbers in, numbers and ids out.

What the model counts, per month:

* **API**: ``input tokens x input price + output tokens x output price`` (prices in USD per
  million tokens).
* **Self-hosting**: ``GPUs x USD per GPU-hour x 730 + ops``, where
  ``GPUs = max(gpus_min, ceil(GPU-seconds of work a month / (seconds per month x utilisation)))``.
  730 hours is an average month (8,760 hours a year / 12), the figure cloud price pages use for
  "per month"; rented GPUs bill for every hour they run, busy or idle.
* **GPU time, input and output.** Either the throughput was measured on the team's own mix
  (output tokens per second with its prompts), and the work is ``output tokens / throughput``;
  or a preset's :class:`GpuTime` gives the GPU-seconds one request takes at the latency target
  as ``x P + y O + z P O`` for a request of ``P`` prompt and ``O`` output tokens (fitted to a
  benchmark's measured shapes; ``z`` is decoding against a long context). Summed over the month,
  with ``P`` the team's average prompt, that is ``x input + (y + z P) output`` GPU-seconds, and
  the throughput at the team's shape is ``output tokens / that``.
* **Hybrid** (a sensitive share ``s`` that must stay private): ``s`` of the traffic on GPUs
  sized for it, the rest through the API, against self-hosting everything; the API alone is
  ruled out.

What it deliberately ignores, because the simplest honest model is the one a reader can check:

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
from typing import TYPE_CHECKING

from selfhost_advisor.cost.figures import FIGURES, IDS

if TYPE_CHECKING:
    from collections.abc import Mapping

HOURS_PER_MONTH = 730  # 8,760 hours a year / 12: the month cloud price pages bill by
SECONDS_PER_MONTH = HOURS_PER_MONTH * 3600
PER_MILLION = 1_000_000


class Verdict(StrEnum):
    """Which path is cheaper at these figures."""

    API = "api"
    SELF_HOST = "self-host"
    HYBRID = "hybrid"  # only when a sensitive share rules the API alone out


class Side(StrEnum):
    """Where self-hosting wins relative to a flip value, or that the input cannot flip it."""

    ABOVE = "above"  # wins for every value strictly above
    AT_OR_ABOVE = "at_or_above"
    BELOW = "below"  # wins for every value strictly below
    AT_OR_BELOW = "at_or_below"
    NEVER = "never"  # no value in the input's meaningful range makes self-hosting win
    ALWAYS = "always"  # self-hosting wins at every value in the range
    # Self-hosting wins at some values (such as ``value``) but not for good: GPUs come in
    # steps and each step costs more than the API bill the range it covers.
    SOMETIMES = "sometimes"


@dataclass(frozen=True)
class GpuTime:
    """GPU-seconds one request takes at a latency target: ``prompt P + output O + context P O``.

    Fitted to a benchmark's measured request shapes (see ``presets.toml`` and
    docs/cost-model.md); ``context`` is the cost of each output token growing with the prompt
    held in the KV cache, the term a two-rate (prefill + decode) model lacks.
    """

    prompt: Fraction  # x, seconds per prompt token
    output: Fraction  # y, seconds per output token at an empty context
    context: Fraction  # z, seconds per output token per prompt token

    def seconds(self, prompt_tokens: Fraction, output_tokens: Fraction) -> Fraction:
        """GPU-seconds for one request of this shape."""
        return (
            self.prompt * prompt_tokens
            + self.output * output_tokens
            + self.context * prompt_tokens * output_tokens
        )

    def throughput(self, prompt_tokens: Fraction, output_tokens: Fraction) -> Fraction:
        """Output tokens per second one GPU sustains on requests of this shape."""
        return output_tokens / self.seconds(prompt_tokens, output_tokens)


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
    # Output tokens/s one GPU sustains at the team's shape: measured on its own mix, or (with
    # ``gpu_time``) derived from the preset's fit at ``prompt_tokens`` by :meth:`derived`.
    gpu_throughput: Fraction
    gpus_min: int
    utilization: Fraction
    ops_monthly: Fraction
    prompt_tokens: Fraction | None = None  # the team's average prompt; None: not needed
    sensitive_share: Fraction = Fraction(0)
    gpu_time: GpuTime | None = None

    def __post_init__(self) -> None:
        for figure in FIGURES:
            value = getattr(self, figure.id)
            if value is not None and not figure.range.holds(value):
                raise InvalidInput(figure.id, figure.range.problem())
        if self.gpu_time is not None and self.prompt_tokens is None:
            raise InvalidInput("prompt_tokens", "is needed to size GPUs from a fitted GPU time")

    @classmethod
    def derived(cls, values: Mapping[str, Fraction | int | None], gpu_time: GpuTime) -> CostInputs:
        """The figures with the throughput derived from ``gpu_time`` at the team's shape.

        The average request has ``prompt_tokens`` of prompt and, from the volumes' mix,
        ``prompt_tokens x output / input`` of output; its throughput is what one GPU sustains.
        """
        figures = dict(values)
        figures["gpu_throughput"] = _shape_throughput(
            gpu_time,
            Fraction(figures["input_tokens"] or 0),
            Fraction(figures["output_tokens"] or 0),
            Fraction(figures["prompt_tokens"] or 0),
        )
        return cls(**figures, gpu_time=gpu_time)  # type: ignore[arg-type]

    def replace(self, field: str, value: Fraction | int) -> CostInputs:
        """A copy with one input changed (used to check flip points).

        With a fitted GPU time the throughput follows the shape; a throughput given outright
        replaces the fit.
        """
        values: dict[str, Fraction | int | None] = {name: getattr(self, name) for name in IDS}
        values[field] = value
        if self.gpu_time is not None and field != "gpu_throughput":
            return CostInputs.derived(values, self.gpu_time)
        return CostInputs(**values)  # type: ignore[arg-type]


def _shape_throughput(
    gpu_time: GpuTime, input_tokens: Fraction, output_tokens: Fraction, prompt: Fraction
) -> Fraction:
    # Per month: x input + (y + z P) output GPU-seconds (the requests' count cancels out).
    seconds = (
        gpu_time.prompt * input_tokens
        + (gpu_time.output + gpu_time.context * prompt) * output_tokens
    )
    return output_tokens / seconds


def request_shape(x: CostInputs) -> tuple[Fraction, Fraction] | None:
    """The team's average request, ``(prompt, output)`` tokens, when the prompt is known."""
    if x.prompt_tokens is None or x.input_tokens == 0:
        return None
    return x.prompt_tokens, x.prompt_tokens * x.output_tokens / x.input_tokens


@dataclass(frozen=True)
class Flip:
    """The value of one input at which the verdict flips, the others held."""

    input: str
    side: Side
    value: Fraction | None  # None when side is NEVER or ALWAYS


@dataclass(frozen=True)
class Hybrid:
    """The sensitive share self-hosted and the rest on the API, against self-hosting it all.

    The API alone is ruled out once some traffic must stay private. The ops cost is the same
    on both sides: the private part needs the same people to run it.
    """

    share: Fraction
    gpus: int  # for the private share alone, never fewer than gpus_min
    gpu_monthly: Fraction  # those GPUs, all month
    api_monthly: Fraction  # the rest of the traffic on the API
    monthly: Fraction  # the hybrid's whole bill: GPUs + ops + API
    selfhost_monthly: Fraction  # self-hosting everything, as in the estimate
    verdict: Verdict  # HYBRID only when strictly cheaper; a tie keeps one system (SELF_HOST)
    # The largest sensitive share at which the hybrid is still strictly cheaper, or None when
    # no share above zero makes it so (GPUs come in steps: this share is where it stops).
    share_flip: Fraction | None


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
    hybrid: Hybrid | None = None  # when a sensitive share rules the API alone out


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


def _input_flip(x: CostInputs) -> Flip:
    """The input-token flip when prompts take GPU time (``x`` GPU-seconds per prompt token).

    Holding the output volume and the average prompt, the API bill is ``a I + b`` and the GPUs
    ``n(I) = max(gpus_min, ceil((x I + c) / K))`` with ``c`` the output's GPU-seconds and ``K``
    one GPU's busy seconds a month. Self-hosting wins for good past some volume iff the API's
    price of a GPU's worth of prompts, ``a K / x``, beats the GPU's ``g``; then, as for the
    break-even, the last step ``n`` that still loses somewhere has
    ``n g + ops - b > a ((n - 1) K - c) / x`` and it loses up to
    ``min((n K - c) / x, (n g + ops - b) / a)``. Otherwise the bill's gap is smallest at the end
    of the first step, so self-hosting wins there or nowhere.
    """
    assert x.gpu_time is not None
    assert x.prompt_tokens is not None
    a = x.api_input_price / PER_MILLION
    b = x.output_tokens * x.api_output_price / PER_MILLION
    g, ops, seconds = gpu_monthly(x), x.ops_monthly, x.gpu_time.prompt
    busy = Fraction(SECONDS_PER_MONTH) * x.utilization
    c = (x.gpu_time.output + x.gpu_time.context * x.prompt_tokens) * x.output_tokens
    first = max(x.gpus_min, math.ceil(c / busy))  # the GPUs at no input at all
    if a * busy <= g * seconds:
        end = (first * busy - c) / seconds
        wins_there = first * g + ops < a * end + b
        return (
            Flip("input_tokens", Side.SOMETIMES, end)
            if wins_there
            else Flip("input_tokens", Side.NEVER, None)
        )
    limit = ((busy + c) / seconds + (ops - b) / a) / (busy / seconds - g / a)
    last_losing = max(first, math.ceil(limit) - 1)
    threshold = min((last_losing * busy - c) / seconds, (last_losing * g + ops - b) / a)
    if threshold < 0:
        return Flip("input_tokens", Side.ALWAYS, None)
    return Flip("input_tokens", Side.ABOVE, threshold)


def flips(x: CostInputs) -> tuple[Flip, ...]:
    """For each input, the value at which the verdict flips with every other input held."""
    api, selfhost = api_monthly(x), selfhost_monthly(x)
    gpus, affordable = gpus_needed(x), affordable_gpus(x)
    zero = Fraction(0)
    result: list[Flip] = []

    # Input tokens and API prices move only the API bill, linearly.
    output_bill = x.output_tokens * x.api_output_price / PER_MILLION
    input_bill = x.input_tokens * x.api_input_price / PER_MILLION
    if x.gpu_time is not None and x.gpu_time.prompt > 0:
        result.append(_input_flip(x))
    elif x.api_input_price == 0:
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


def _hybrid_monthly(x: CostInputs, share: Fraction) -> tuple[int, Fraction]:
    gpus = max(x.gpus_min, math.ceil(share * x.output_tokens / capacity_per_gpu(x)))
    return gpus, gpus * gpu_monthly(x) + x.ops_monthly + api_monthly(x) * (1 - share)


def _share_flip(x: CostInputs) -> Fraction | None:
    """The largest sensitive share (0 to 1) at which the hybrid is strictly cheaper, or None.

    With ``N`` GPUs for everything, ``V`` the output volume, ``K`` one GPU's monthly capacity,
    ``g`` its price and ``A`` the API bill: shares up to ``n K / V`` fit on ``n`` GPUs, and there
    the hybrid is cheaper iff ``A (1 - s) < (N - n) g``, so step ``n`` (``n < N``) has a cheaper
    share iff ``n K / V > 1 - (N - n) g / A``, i.e. ``n c > d`` with ``c = K / V - g / A`` and
    ``d = 1 - N g / A``: linear in ``n``, so the highest such step is found without a loop.
    Below it the hybrid may still lose just past a step; the share given is judged on its own.
    """
    api, g, capacity = api_monthly(x), gpu_monthly(x), capacity_per_gpu(x)
    everything = gpus_needed(x)
    if api == 0 or everything - 1 < x.gpus_min:
        return None
    c = capacity / x.output_tokens - g / api
    d = 1 - everything * g / api
    if c >= 0:
        step = everything - 1 if (everything - 1) * c > d else None
    else:
        step = min(everything - 1, math.ceil(d / c) - 1)
        step = step if step >= x.gpus_min else None
    return None if step is None else step * capacity / x.output_tokens


def hybrid(x: CostInputs) -> Hybrid | None:
    """The hybrid against self-hosting everything, when a sensitive share is given."""
    if x.sensitive_share == 0:
        return None
    gpus, monthly = _hybrid_monthly(x, x.sensitive_share)
    selfhost = selfhost_monthly(x)
    return Hybrid(
        share=x.sensitive_share,
        gpus=gpus,
        gpu_monthly=gpus * gpu_monthly(x),
        api_monthly=api_monthly(x) * (1 - x.sensitive_share),
        monthly=monthly,
        selfhost_monthly=selfhost,
        verdict=Verdict.HYBRID if monthly < selfhost else Verdict.SELF_HOST,
        share_flip=_share_flip(x),
    )


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
        hybrid=hybrid(x),
    )
