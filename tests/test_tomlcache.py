"""The parsed-TOML cache: current entries are used, stale or broken ones never are.

The cache exists for start-up time only, so what matters is that it can never change what the
advisor reads: every test compares with what tomllib itself makes of the file.
"""

from __future__ import annotations

import marshal
import os
import sys
import tomllib
from pathlib import Path

import pytest

from selfhost_advisor import tomlcache


@pytest.fixture(autouse=True)
def _caches_are_written(monkeypatch: pytest.MonkeyPatch) -> None:
    # PYTHONDONTWRITEBYTECODE may be set where the tests run; these tests are about writing.
    monkeypatch.setattr(sys, "dont_write_bytecode", False)


def _catalog(tmp_path: Path, text: str = 'name = "English"\n[a]\nb = ["x", "y"]\n') -> Path:
    source = tmp_path / "en.toml"
    source.write_text(text, encoding="utf-8")
    return source


def _cached(source: Path) -> Path:
    cached = tomlcache.cache_file(source)
    assert cached is not None
    return cached


def test_a_first_read_parses_and_keeps_the_result(tmp_path: Path) -> None:
    source = _catalog(tmp_path)
    assert tomlcache.read(source) == tomllib.loads(source.read_text(encoding="utf-8"))
    assert _cached(source).parent == tmp_path / "__pycache__"
    assert _cached(source).is_file()


def test_a_current_entry_is_what_is_read(tmp_path: Path) -> None:
    source = _catalog(tmp_path)
    tomlcache.read(source)
    status = source.stat()
    # An entry for exactly this mtime and size is trusted without parsing: proof it is used.
    _cached(source).write_bytes(
        marshal.dumps(((status.st_mtime_ns, status.st_size), {"name": "from the cache"}))
    )
    assert tomlcache.read(source) == {"name": "from the cache"}


def test_an_edited_file_is_parsed_again(tmp_path: Path) -> None:
    source = _catalog(tmp_path)
    tomlcache.read(source)
    _catalog(tmp_path, 'name = "Edited, and longer"\n')
    assert tomlcache.read(source) == {"name": "Edited, and longer"}


def test_an_edit_that_keeps_the_size_is_parsed_again(tmp_path: Path) -> None:
    source = _catalog(tmp_path, 'name = "aaaa"\n')
    tomlcache.read(source)
    before = source.stat()
    source.write_text('name = "bbbb"\n', encoding="utf-8")
    os.utime(source, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000))
    assert tomlcache.read(source) == {"name": "bbbb"}


@pytest.mark.parametrize("junk", [b"", b"not marshal at all", marshal.dumps(["a", "list"])])
def test_a_broken_entry_is_ignored_and_replaced(tmp_path: Path, junk: bytes) -> None:
    source = _catalog(tmp_path)
    _cached(source).parent.mkdir()
    _cached(source).write_bytes(junk)
    expected = tomllib.loads(source.read_text(encoding="utf-8"))
    assert tomlcache.read(source) == expected
    assert marshal.loads(_cached(source).read_bytes())[1] == expected


def test_nothing_is_written_when_python_writes_no_bytecode(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    source = _catalog(tmp_path)
    assert tomlcache.read(source) == {"name": "English", "a": {"b": ["x", "y"]}}
    assert not (tmp_path / "__pycache__").exists()


def test_without_cache_nothing_is_written(tmp_path: Path) -> None:
    source = _catalog(tmp_path)
    tomlcache.read(source, cache=False)
    assert not (tmp_path / "__pycache__").exists()


def test_a_cache_that_cannot_be_written_changes_nothing(tmp_path: Path) -> None:
    # As in a read-only install (portable to root, who writes through permissions): a file
    # where the __pycache__ directory would go.
    source = _catalog(tmp_path)
    (tmp_path / "__pycache__").write_text("in the way", encoding="utf-8")
    assert tomlcache.read(source)["name"] == "English"
    assert tomlcache.read(source)["name"] == "English"
    assert (tmp_path / "__pycache__").read_text(encoding="utf-8") == "in the way"


def test_a_file_that_is_not_toml_raises_as_tomllib_does(tmp_path: Path) -> None:
    source = _catalog(tmp_path, "name = \n")
    with pytest.raises(tomllib.TOMLDecodeError):
        tomlcache.read(source)
    assert not _cached(source).exists()
