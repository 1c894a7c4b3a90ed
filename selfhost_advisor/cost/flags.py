"""How ``advisor cost``'s figures look on the command line: flags, metavars, preset names.

Data only, and cheap to import: ``cli.py`` builds its options from this at start-up, so every
command (``ask``, completion, ``--help``) would pay for anything heavier. The arithmetic and
its exact numbers load only when ``advisor cost`` runs.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from selfhost_advisor import tomlcache

# What each flag's value is, as --help and the "missing figures" line show it.
METAVARS: dict[str, str] = {
    "input_tokens": "TOKENS",
    "output_tokens": "TOKENS",
    "api_input_price": "USD",
    "api_output_price": "USD",
    "gpu_hourly": "USD",
    "gpu_throughput": "TOKENS/S",
    "gpus_min": "N",
    "utilization": "SHARE",
    "ops_monthly": "USD",
}


def flag(field: str) -> str:
    """The flag for an input id: ``ops_monthly`` -> ``--ops-monthly``."""
    return "--" + field.replace("_", "-")


@cache
def presets_file() -> dict[str, Any]:
    """``presets.toml`` as read, once."""
    # A plain path, not importlib.resources: pip unpacks the wheel, and the resources
    # machinery (zipfile, tempfile, readers) would slow every command's start-up (see
    # docs/performance.md).
    return tomlcache.read(Path(__file__).parent / "presets.toml")


def preset_ids() -> list[str]:
    """The names ``--preset`` accepts."""
    return sorted(presets_file()["presets"])
