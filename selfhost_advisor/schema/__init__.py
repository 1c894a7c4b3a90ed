"""The JSON documents the advisor writes: their type, each kind's schema version, the schemas.

The ``<kind>.schema.json`` files beside this module are the published contracts; each
``schema_version`` below is its schema's ``const`` (a test holds them equal), bumped only when
a field changes meaning or disappears. Imports nothing of the advisor: every layer may read it.
"""

from __future__ import annotations

import os

TYPE_CHECKING = False  # not typing's: see launcher.py
if TYPE_CHECKING:
    from typing import Any

# The alias is built at run time, so its Any is a string: importing typing for it would cost
# every command that writes a document (docs/performance.md).
Document = dict[str, "Any"]

SCHEMA_VERSIONS: dict[str, int] = {"ask": 1, "list": 1, "cost": 1, "languages": 1}


def read(kind: str) -> dict[str, Any]:
    """The JSON Schema of the ``kind`` document, as shipped in the package."""
    import json  # only a reader of saved documents needs a schema at run time

    path = os.path.join(os.path.dirname(__file__), f"{kind}.schema.json")
    with open(path, encoding="utf-8") as stream:
        loaded: dict[str, Any] = json.load(stream)
    return loaded
