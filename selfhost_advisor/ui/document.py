"""What every JSON document the advisor writes shares: its type and its schema's version.

One version per kind of document, each the ``schema_version`` const of
``selfhost_advisor/schema/<kind>.schema.json``: bumped only when a field changes meaning or
disappears (new fields may be added within a version).
"""

from __future__ import annotations

from typing import Any

Document = dict[str, Any]

SCHEMA_VERSIONS: dict[str, int] = {"ask": 1, "list": 1, "cost": 1, "languages": 1}
