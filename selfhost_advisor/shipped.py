"""Reading the TOML files shipped in the package (catalogs, cost presets), fast in a wheel.

The wheel build (``hatch_build.py``) turns each shipped TOML file into a module,
``selfhost_advisor._shipped.<name>``, holding its parsed table and the text it came from; pip
compiles it at install, so reading a catalog is an import instead of a parse. The table is
used only while the file still holds exactly that text; anything else (a source checkout, an
edited file, a damaged or missing module) parses the file. Nothing is ever written.
:func:`module_source` is the other half, what the build hook writes.
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False  # not typing's: see launcher.py
if TYPE_CHECKING:
    from os import PathLike
    from typing import Any

_BUILT = "selfhost_advisor._shipped"


def read(source: str | PathLike[str], name: str | None = None) -> dict[str, Any]:
    """``source`` parsed as TOML, taken from the wheel's module ``name`` when it is current.

    Raises what reading and parsing raise: :class:`OSError`, :class:`UnicodeDecodeError`, and
    :class:`ValueError` (``tomllib.TOMLDecodeError``) for a file that is not TOML.
    """
    # open(), not pathlib (it loads urllib.parse and ipaddress): the same text, newlines read
    # as Path.read_text reads them.
    with open(source, encoding="utf-8") as stream:
        text = stream.read()
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


def module_source(text: str, origin: str) -> str:
    """The module the wheel build writes for the TOML ``text`` (from the file ``origin``)."""
    import tomllib

    table = tomllib.loads(text)
    return (
        f'"""{origin}, parsed when the wheel was built (hatch_build.py). Generated."""\n\n'
        f"SOURCE = {text!r}\n"
        f"TABLE = {_literal(table)}\n"
    )


def _literal(value: Any) -> str:
    """``value`` as Python source: only what the shipped files hold; a surprise fails the build."""
    import math  # here: only the wheel build writes literals

    if isinstance(value, str | bool | int):
        return repr(value)
    if isinstance(value, float) and math.isfinite(value):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(_literal(item) for item in value) + "]"
    if isinstance(value, dict):
        items = (f"{_literal(str(key))}: {_literal(item)}" for key, item in value.items())
        return "{" + ", ".join(items) + "}"
    raise ValueError(f"no Python literal for {type(value).__name__} {value!r}")
