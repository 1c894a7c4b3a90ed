"""Reading the TOML files shipped in the package (catalogs, cost presets), fast in a wheel.

The wheel build (``hatch_build.py``) turns each shipped TOML file into a module,
``selfhost_advisor._shipped.<name>``, holding its parsed table and the text it came from; pip
compiles it at install, so reading a catalog is an import instead of a parse. The table is
used only while the file still holds exactly that text; anything else (a source checkout, an
edited file, a damaged or missing module) parses the file. Nothing is ever written.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

_BUILT = "selfhost_advisor._shipped"


def read(source: Path, name: str | None = None) -> dict[str, Any]:
    """``source`` parsed as TOML, taken from the wheel's module ``name`` when it is current.

    Raises what reading and parsing raise: :class:`OSError`, :class:`UnicodeDecodeError`, and
    :class:`ValueError` (``tomllib.TOMLDecodeError``) for a file that is not TOML.
    """
    text = source.read_text(encoding="utf-8")
    if name is not None:
        table = _built(name, text)
        if table is not None:
            return table
    import tomllib  # here: a wheel's run never needs the parser

    return tomllib.loads(text)


def _built(name: str, text: str) -> dict[str, Any] | None:
    if not name.isidentifier():
        return None
    module = f"{_BUILT}.{name}"
    try:
        __import__(module)
        built = sys.modules[module]
    except Exception:  # not built (a source checkout) or damaged: the file is the truth
        return None
    table = getattr(built, "TABLE", None)
    if getattr(built, "SOURCE", None) != text or not isinstance(table, dict):
        return None
    return table
