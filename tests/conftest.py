"""Shared test set-up: the same terminal and environment on every machine."""

from __future__ import annotations

import os

import pytest

# Variables that change how Rich, prompt_toolkit, the locale code or the advisor behave; a test
# that wants one sets it itself. CI is one: under CI=true the advisor never prompts, so a CI job
# would otherwise fail every test that answers prompts in a pseudo-terminal.
_ENVIRONMENT = (
    "CI",
    "FORCE_COLOR",
    "NO_COLOR",
    "TTY_COMPATIBLE",
    "TTY_INTERACTIVE",
    "GITHUB_ACTIONS",
    "COLUMNS",
    "LINES",
    "TERM",
    "LANGUAGE",
    "LC_ALL",
    "LC_MESSAGES",
    "LANG",
    "ADVISOR_LANG",
    "ADVISOR_LOCALE_DIR",
    "ADVISOR_DEBUG",
    "ADVISOR_TODAY",
)


# Test modules that build tables from a catalog when they are collected, before any fixture
# runs, build them in English whatever the developer's LANG.
for _name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG", "ADVISOR_LANG", "ADVISOR_LOCALE_DIR"):
    os.environ.pop(_name, None)


@pytest.fixture(autouse=True)
def _stable_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in _ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "100")
    # The day the cost card judges its figures' age by: fixed, so a test reads the same card
    # next year (a test about staleness sets its own).
    monkeypatch.setenv("ADVISOR_TODAY", "2026-11-28")
