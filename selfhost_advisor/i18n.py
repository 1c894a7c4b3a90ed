"""Locale catalogs: finding them, choosing the user's language, and falling back honestly.

A catalog is a TOML file in ``locales/`` (``en.toml`` is the source), flattened to dotted keys
whose values are strings or lists of strings. A translation is English merged with what the
translation has, key by key, so what fell back is a set difference the code can state.
Catalogs in ``$ADVISOR_LOCALE_DIR`` are read before the built-in ones, so a translator can try
a file without reinstalling. Only the catalogs a command needs are read, once.
"""

from __future__ import annotations

import os
import string
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from selfhost_advisor.errors import AdvisorError

SOURCE_LANGUAGE = "en"
Value = str | list[str]

# The environment as gettext reads it, strongest first; LANGUAGE is a colon list.
_LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")
_ENGLISH_LOCALES = {"c", "posix"}


class CatalogError(AdvisorError):
    """A catalog that is not valid TOML or holds a value of the wrong type."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(
            "errors.bad_catalog",
            fallback=f"catalog {path}: {problem}",
            file=path,
            problem=problem,
        )


def builtin_dir() -> Traversable:
    """The catalogs shipped with the package (the repo's ``locales/`` in a source checkout)."""
    packaged = resources.files("selfhost_advisor").joinpath("locales")
    if packaged.is_dir():
        return packaged
    # An editable install or a source checkout: the catalogs stay top-level for translators.
    return Path(__file__).resolve().parent.parent / "locales"


def _search_path(environ: Mapping[str, str]) -> list[Traversable]:
    override = environ.get("ADVISOR_LOCALE_DIR", "")
    dirs: list[Traversable] = [Path(override)] if override else []
    dirs.append(builtin_dir())
    return dirs


def available(environ: Mapping[str, str] | None = None) -> list[str]:
    """Codes of every catalog that can be chosen, sorted, English first."""
    env = os.environ if environ is None else environ
    codes: set[str] = set()
    for directory in _search_path(env):
        if directory.is_dir():
            codes.update(
                entry.name.removesuffix(".toml")
                for entry in directory.iterdir()
                if entry.name.endswith(".toml")
            )
    return sorted(codes, key=lambda code: (code != SOURCE_LANGUAGE, code))


def match(tag: str, codes: list[str]) -> str | None:
    """The catalog code that a locale name finds, or None.

    ``es_MX.UTF-8``, ``es_MX``, ``es-MX``, ``es_ES@euro`` and ``ES`` all find ``es``; a catalog
    for the exact region (``pt_BR``) wins over the bare language.
    """
    name = tag.strip().split(".", 1)[0].split("@", 1)[0].replace("-", "_").lower()
    if not name:
        return None
    by_lower = {code.lower(): code for code in codes}
    language = name.split("_", 1)[0]
    return by_lower.get(name) or by_lower.get(language)


def resolve(requested: str | None, environ: Mapping[str, str], codes: list[str]) -> str:
    """Choose the language: ``--lang``, then ``ADVISOR_LANG``, then the environment.

    An unknown ``--lang`` is the user's mistake and raises; an unknown locale from the
    environment quietly means English, as it does for every gettext program.
    """
    if requested is not None:
        found = match(requested, codes)
        if found is None:
            raise AdvisorError(
                "errors.unknown_lang",
                fallback=f"--lang: {requested!r} is not available; choose one of: "
                + ", ".join(codes),
                given=requested,
                accepted=", ".join(codes),
            )
        return found
    advisor_lang = environ.get("ADVISOR_LANG", "")
    if advisor_lang and (found := match(advisor_lang, codes)):
        return found
    locale = next((environ[v] for v in _LOCALE_VARIABLES if environ.get(v)), "")
    if match(locale, ["c", "posix"]) in _ENGLISH_LOCALES:
        # glibc ignores LANGUAGE when the locale is C or POSIX, and so do we.
        return SOURCE_LANGUAGE
    for tag in environ.get("LANGUAGE", "").split(":"):
        if tag and (found := match(tag, codes)):
            return found
    return match(locale, codes) or SOURCE_LANGUAGE


def _flatten(table: Mapping[str, object], prefix: str = "") -> dict[str, object]:
    flat: dict[str, object] = {}
    for key, value in table.items():
        dotted = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(_flatten(value, dotted + "."))
        else:
            flat[dotted] = value
    return flat


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _placeholders(value: Value) -> set[str]:
    if isinstance(value, str):
        return _fields(value)
    return set().union(*(_fields(item) for item in value))


def _read(directory: Traversable, code: str) -> tuple[str, dict[str, object]]:
    entry = directory.joinpath(f"{code}.toml")
    where = str(entry)
    try:
        raw = tomllib.loads(entry.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise CatalogError(where, f"not valid TOML ({error})") from None
    except (OSError, UnicodeDecodeError) as error:
        raise CatalogError(where, f"cannot be read ({error})") from None
    return where, _flatten(raw)


@cache
def _load_file(code: str, dirs: tuple[str, ...]) -> tuple[str, dict[str, object]] | None:
    for name in dirs:
        directory: Traversable = Path(name) if name else builtin_dir()
        if directory.joinpath(f"{code}.toml").is_file():
            return _read(directory, code)
    return None


@dataclass(frozen=True)
class Catalog:
    """The strings of one language, with English standing in for what it lacks."""

    code: str
    strings: dict[str, Value]
    missing: frozenset[str] = field(default_factory=frozenset)

    @property
    def complete(self) -> bool:
        """True when no string fell back to English."""
        return not self.missing

    @property
    def name(self) -> str:
        """The language's own name for itself (``Español``)."""
        return self.text("meta.name")

    def text(self, key: str, **params: object) -> str:
        """The string at ``key``, with ``{placeholders}`` filled from ``params``."""
        value = self.strings[key]
        if not isinstance(value, str):
            raise TypeError(f"{key} is a list, not a string")
        return value.format(**params) if params else value

    def items(self, key: str) -> list[str]:
        """The list of strings at ``key``."""
        value = self.strings[key]
        if not isinstance(value, list):
            raise TypeError(f"{key} is a string, not a list")
        return list(value)


def _check_types(where: str, flat: dict[str, object], source: dict[str, Value] | None) -> None:
    for key, value in flat.items():
        ok = isinstance(value, str) or (
            isinstance(value, list) and all(isinstance(item, str) for item in value)
        )
        if not ok:
            raise CatalogError(where, f"{key} must be text or a list of text")
        if source is None or key not in source:
            continue
        expected = source[key]
        if isinstance(expected, str) != isinstance(value, str):
            kind = "text" if isinstance(expected, str) else "a list of text"
            raise CatalogError(where, f"{key} must be {kind}, as in {SOURCE_LANGUAGE}.toml")
        unknown = _placeholders(value) - _placeholders(expected)  # type: ignore[arg-type]
        if unknown:
            names = ", ".join("{" + name + "}" for name in sorted(unknown))
            raise CatalogError(where, f"{key} uses {names}, which {SOURCE_LANGUAGE}.toml does not")


def load(code: str, environ: Mapping[str, str] | None = None) -> Catalog:
    """The catalog for ``code``: English, overlaid with the translation where it has one."""
    env = os.environ if environ is None else environ
    dirs = tuple(str(d) if isinstance(d, Path) else "" for d in _search_path(env))
    found = _load_file(SOURCE_LANGUAGE, dirs)
    if found is None:
        raise CatalogError(f"{SOURCE_LANGUAGE}.toml", "not found")
    where, flat = found
    _check_types(where, flat, None)
    source: dict[str, Value] = flat  # type: ignore[assignment]  # checked just above
    if code == SOURCE_LANGUAGE:
        return Catalog(code, dict(source))
    translated = _load_file(code, dirs)
    if translated is None:
        raise CatalogError(f"{code}.toml", "not found")
    where, flat = translated
    _check_types(where, flat, source)
    strings: dict[str, Value] = {
        key: flat.get(key, value)  # type: ignore[misc]
        for key, value in source.items()
    }
    return Catalog(code, strings, frozenset(source) - frozenset(flat))


def for_user(requested: str | None, environ: Mapping[str, str] | None = None) -> Catalog:
    """Resolve the user's language and load its catalog."""
    env = os.environ if environ is None else environ
    return load(resolve(requested, env, available(env)), env)
