"""``advisor languages``: every catalog that can be chosen, how complete, and where it lives.

The rows are a document (``--json``, ``schema/languages.schema.json``) like ``ask`` and
``list``; the text is one aligned line per language, with the file named for a catalog that
came from ``ADVISOR_LOCALE_DIR`` so a translator sees which one was read.
"""

from __future__ import annotations

import os

from selfhost_advisor.i18n import catalogs as i18n
from selfhost_advisor.schema import SCHEMA_VERSIONS, Document


def languages_document() -> Document:
    """One row per available catalog, English first."""
    builtin = str(i18n.builtin_dir())
    rows: list[dict[str, object]] = []
    for code in i18n.available():
        catalog = i18n.load(code)
        rows.append(
            {
                "code": code,
                "name": catalog.name,
                "percent": catalog.percent,
                "complete": catalog.complete,
                "missing": len(catalog.missing),
                "file": catalog.file,
                "builtin": os.path.dirname(catalog.file) == builtin,
            }
        )
    return {"schema_version": SCHEMA_VERSIONS["languages"], "languages": rows}


def languages_text(document: Document) -> str:
    """The rows as aligned lines: code, name, percent translated (and the file, if not ours)."""
    rows = document["languages"]
    code_width = max(len(str(row["code"])) for row in rows)
    name_width = max(len(str(row["name"])) for row in rows)
    lines = []
    for row in rows:
        line = f"{row['code']:<{code_width}}  {row['name']:<{name_width}}  {row['percent']:>3}%"
        lines.append(line if row["builtin"] else f"{line}  {row['file']}")
    return "\n".join(lines) + "\n"
