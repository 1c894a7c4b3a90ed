"""The cost presets' file (``presets.toml``): example figures, each with its public source.

Cheap to import: ``--preset``'s help lists the names, so declaring ``advisor cost`` reads the
file. Reading a preset's figures exactly is :func:`selfhost_advisor.cost.inputs.load_preset`.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from selfhost_advisor import shipped


@cache
def presets_file() -> dict[str, Any]:
    """``presets.toml`` as read, once."""
    # A plain path, not importlib.resources: pip unpacks the wheel, and the resources
    # machinery (zipfile, tempfile, readers) would slow every command's start-up (see
    # docs/performance.md).
    return shipped.read(Path(__file__).parent / "presets.toml", "presets")


def preset_ids() -> list[str]:
    """The names ``--preset`` accepts."""
    return sorted(presets_file()["presets"])
