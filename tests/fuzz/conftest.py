"""The fuzz suite's budget: a fixed seed and a few examples in CI, many more on demand.

CI (``.ci/run``, a plain ``pytest``) runs the ``ci`` profile: derandomized, so a failure there
fails the same way on every machine, and small enough to keep the whole suite quick. The long
run explores with a fresh seed and a hundred times the examples::

    .venv/bin/python -m pytest tests/fuzz --hypothesis-profile=long

A failure it finds is printed with the example; add it to ``tests/test_hardening.py`` as a
test of its own, then fix it.
"""

from __future__ import annotations

from hypothesis import HealthCheck, settings

_SLOW_IS_FINE = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example]

settings.register_profile(
    "ci", derandomize=True, max_examples=25, deadline=None, suppress_health_check=_SLOW_IS_FINE
)
settings.register_profile(
    "long", max_examples=2500, deadline=None, suppress_health_check=_SLOW_IS_FINE
)
settings.load_profile("ci")
