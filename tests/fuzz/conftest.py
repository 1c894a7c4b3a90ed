"""The fuzz suite's budget: a fixed seed and a few examples in CI, many more on demand.

CI (``.ci/run``, a plain ``pytest``) runs the ``ci`` profile: derandomized, so a failure there
fails the same way on every machine, and small enough to keep the whole suite quick (100
examples a test; the slow ones take a share, see :func:`share`). The long
run explores with a fresh seed and a hundred times the examples::

    .venv/bin/python -m pytest tests/fuzz --hypothesis-profile=long

A failure it finds is printed with the example; add it to ``tests/test_hardening.py`` as a
test of its own, then fix it.
"""

from __future__ import annotations

from hypothesis import HealthCheck, settings

_SLOW_IS_FINE = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example]

settings.register_profile(
    "ci", derandomize=True, max_examples=100, deadline=None, suppress_health_check=_SLOW_IS_FINE
)
settings.register_profile(
    "long", max_examples=10_000, deadline=None, suppress_health_check=_SLOW_IS_FINE
)
# Hypothesis's pytest plugin loads --hypothesis-profile before this file is read: keep it.
if settings.get_current_profile_name() == "default":
    settings.load_profile("ci")


def share(fraction: int) -> settings:
    """Settings for a slow test: one ``fraction``-th of the profile's examples, at least 5."""
    return settings(max_examples=max(5, settings.default.max_examples // fraction))
