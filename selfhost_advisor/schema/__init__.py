"""The JSON documents the advisor writes: their type, each kind's schema version, the schemas.

The ``<kind>.schema.json`` files beside this module are the published contracts; each
``schema_version`` below is its schema's ``const`` (a test holds them equal), bumped only when
a field changes meaning or disappears. Imports nothing of the advisor: every layer may read it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

Document = dict[str, Any]

SCHEMA_VERSIONS: dict[str, int] = {"ask": 1, "list": 1, "cost": 1, "languages": 1}


def read(kind: str) -> dict[str, Any]:
    """The JSON Schema of the ``kind`` document, as shipped in the package."""
    import json  # only a reader of saved documents needs a schema at run time

    loaded: dict[str, Any] = json.loads(
        (Path(__file__).parent / f"{kind}.schema.json").read_text(encoding="utf-8")
    )
    return loaded
