"""The shipped TOML files as the wheel carries them: the built tables say what the files say.

A wheel holds each catalog and the presets also as a module of the parsed table
(``hatch_build.py`` writes it with :func:`shipped.module_source`); :func:`shipped.read` uses it
only while the file still holds the text it was built from, and any fault means parsing the
file. So every test compares with what tomllib itself makes of the file.
"""

from __future__ import annotations

import sys
import tomllib
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

from selfhost_advisor import shipped

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = [*sorted((ROOT / "locales").glob("*.toml")), ROOT / "selfhost_advisor/cost/presets.toml"]


def _built(text: str) -> ModuleType:
    module = ModuleType("built")
    exec(shipped.module_source(text, "test"), module.__dict__)
    return module


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_the_built_module_holds_what_tomllib_reads(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    module = _built(text)
    table, source = module.TABLE, module.SOURCE
    assert table == tomllib.loads(text)
    assert source == text


def _file(tmp_path: Path, text: str = 'name = "English"\n[a]\nb = ["x", "y"]\n') -> Path:
    source = tmp_path / "en.toml"
    source.write_text(text, encoding="utf-8")
    return source


Put = Callable[[str, "ModuleType | None"], None]


@pytest.fixture
def put(monkeypatch: pytest.MonkeyPatch) -> Put:
    """Puts a wheel's module in place (in sys.modules; None: its import fails)."""
    monkeypatch.setitem(sys.modules, "selfhost_advisor._shipped", ModuleType("_shipped"))

    def put(name: str, module: ModuleType | None) -> None:
        monkeypatch.setitem(sys.modules, f"selfhost_advisor._shipped.{name}", module)

    return put


def test_a_current_built_table_is_what_is_read(tmp_path: Path, put: Put) -> None:
    source = _file(tmp_path)
    module = _built(source.read_text(encoding="utf-8"))
    module.TABLE = {"name": "from the wheel"}  # proof the table, not the file, was read
    put("locales_en", module)
    assert shipped.read(source, "locales_en") == {"name": "from the wheel"}


def test_an_edited_file_is_parsed(tmp_path: Path, put: Put) -> None:
    source = _file(tmp_path)
    put("locales_en", _built(source.read_text(encoding="utf-8")))
    _file(tmp_path, 'name = "Edit"\n')  # the same size or not, the text differs
    assert shipped.read(source, "locales_en") == {"name": "Edit"}


@pytest.mark.parametrize("damage", ["absent", "no table", "table is a list", "no source"])
def test_a_missing_or_damaged_module_means_parsing(tmp_path: Path, put: Put, damage: str) -> None:
    source = _file(tmp_path)
    module = _built(source.read_text(encoding="utf-8"))
    if damage == "no table":
        del module.TABLE
    elif damage == "table is a list":
        module.TABLE = ["a", "list"]
    elif damage == "no source":
        del module.SOURCE
    put("locales_en", None if damage == "absent" else module)
    assert shipped.read(source, "locales_en") == tomllib.loads(source.read_text(encoding="utf-8"))


def test_a_module_that_fails_to_import_means_parsing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "damaged_shipped"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "locales_en.py").write_text("TABLE = {\n", encoding="utf-8")  # cut short
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(shipped, "_BUILT", "damaged_shipped")
    source = _file(tmp_path)
    assert shipped.read(source, "locales_en") == {"name": "English", "a": {"b": ["x", "y"]}}


def test_without_a_name_or_a_wheel_the_file_is_parsed(tmp_path: Path) -> None:
    source = _file(tmp_path)
    assert shipped.read(source) == {"name": "English", "a": {"b": ["x", "y"]}}
    # A source checkout has no built modules: the shipped catalog is parsed.
    english = ROOT / "locales" / "en.toml"
    assert shipped.read(english, "locales_en") == tomllib.loads(english.read_text("utf-8"))


def test_nothing_is_written(tmp_path: Path) -> None:
    source = _file(tmp_path)
    shipped.read(source, "locales_en")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["en.toml"]


def test_a_file_that_is_not_toml_raises_as_tomllib_does(tmp_path: Path) -> None:
    with pytest.raises(tomllib.TOMLDecodeError):
        shipped.read(_file(tmp_path, "name = \n"), "locales_en")


def test_a_value_with_no_python_literal_fails_the_build() -> None:
    with pytest.raises(ValueError, match="no Python literal"):
        shipped.module_source("when = 2026-01-31\n", "dates.toml")
