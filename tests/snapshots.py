"""Snapshot files under ``tests/snapshots/``: compare, or rewrite them on request.

A snapshot is expected output a person has read. To refresh after a deliberate change:

    UPDATE_SNAPSHOTS=1 .venv/bin/python -m pytest tests/test_explain_output.py

then read ``git diff tests/snapshots`` line by line before committing. Without the variable a
missing or different snapshot fails the test; it is never written silently.
"""

from __future__ import annotations

import os
from pathlib import Path

SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"


def check(name: str, actual: str) -> None:
    """Assert ``actual`` equals the snapshot ``name`` (or rewrite it with UPDATE_SNAPSHOTS=1)."""
    path = SNAPSHOTS / name
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        SNAPSHOTS.mkdir(exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    assert path.is_file(), f"no snapshot {path}; run with UPDATE_SNAPSHOTS=1 and read it"
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"{name} differs from its snapshot (see {path})"
