"""Reading the TOML files shipped in the package (catalogs, cost presets), parsed once per change.

Parsing TOML is the largest part of a JSON run's own start-up: importing tomllib and parsing
en.toml take about 4 ms of the 15 or so that the advisor adds to Typer's, and shell completion
and ``advisor ask --json`` run inside loops. So a shipped file's parsed form is kept the way
Python keeps bytecode: in ``__pycache__`` beside the file, named with the interpreter's cache
tag, valid only for the file's exact mtime and size, and written only where and when Python
would write a ``.pyc`` (a writable directory, no ``PYTHONDONTWRITEBYTECODE``). Anything amiss
with the cache (absent, stale, unreadable, read-only install) means parsing the file again.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sys
from pathlib import Path
from typing import Any


def cache_file(source: Path) -> Path | None:
    """Where the parsed form of ``source`` is kept (None: this interpreter keeps no caches)."""
    tag = sys.implementation.cache_tag
    return source.parent / "__pycache__" / f"{source.name}.{tag}.marshal" if tag else None


def read(source: Path, *, cache: bool = True) -> dict[str, Any]:
    """``source`` parsed as TOML, from the cache when it is current.

    Raises what reading and parsing raise: :class:`OSError`, :class:`UnicodeDecodeError`, and
    :class:`ValueError` (``tomllib.TOMLDecodeError``) for a file that is not TOML.
    """
    status = source.stat()
    key = (status.st_mtime_ns, status.st_size)
    cached = cache_file(source) if cache else None
    if cached is not None:
        table = _load(cached, key)
        if table is not None:
            return table
    import tomllib  # here: with a current cache, no run needs the parser

    table = tomllib.loads(source.read_text(encoding="utf-8"))
    if cached is not None:
        _store(cached, key, table)
    return table


def _load(cached: Path, key: tuple[int, int]) -> dict[str, Any] | None:
    try:
        stored_key, table = marshal.loads(cached.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    return table if stored_key == key and isinstance(table, dict) else None


def _store(cached: Path, key: tuple[int, int], table: dict[str, Any]) -> None:
    if sys.dont_write_bytecode:
        return
    partial = cached.with_name(f"{cached.name}.{os.getpid()}.tmp")
    try:
        cached.parent.mkdir(exist_ok=True)
        partial.write_bytes(marshal.dumps((key, table)))
        os.replace(partial, cached)  # whole or not at all, whoever else is writing it
    except (OSError, ValueError):  # read-only install, full disk, a TOML date marshal refuses
        with contextlib.suppress(OSError):
            partial.unlink()
