"""Locale catalogs: finding them, choosing the user's language, and falling back honestly.

A catalog is a TOML file in ``locales/`` (``en.toml`` is the source), flattened to dotted keys
whose values are strings or lists of strings. A translation is English merged with what the
translation has, key by key, so what fell back is a set difference the code can state.
Catalogs in ``$ADVISOR_LOCALE_DIR`` are read before the built-in ones, so a translator can try
a file without reinstalling. Only the catalogs a command needs are read, once.
"""

from __future__ import annotations

import os

# What string.Formatter.parse calls, without importing string (docs/performance.md); typeshed
# has no stub for it.
from _string import formatter_parser  # type: ignore[import-not-found]
from collections.abc import Iterable, Mapping
from functools import cache

from selfhost_advisor import shipped
from selfhost_advisor.errors import AdvisorError, ExitCode
from selfhost_advisor.records import Record

SOURCE_LANGUAGE = "en"
Value = str | list[str]

# The environment as gettext reads it, strongest first; LANGUAGE is a colon list.
_LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")
_ENGLISH_LOCALES = {"c", "posix"}


# What can be wrong with a catalog, as the English line and the key (``errors.catalog.*``)
# that words it in the user's language.
_PROBLEMS = {
    "not_found": "not found",
    "unreadable": "cannot be read ({detail})",
    "not_toml": "is not valid TOML ({detail})",
    "not_text": "{entry} must be text or a list of text",
    "not_table": "{entry} must be a table of keys, as in en.toml",
    "want_text": "{entry} must be text, as in en.toml",
    "want_list": "{entry} must be a list of text, as in en.toml",
    "bad_braces": "{entry} has a brace that opens or closes no placeholder",
    "unknown_placeholder": "{entry} uses {names}, which en.toml does not",
    "bad_placeholder": (
        "{entry} has {placeholder}; a placeholder is a name in braces and nothing else"
    ),
    "too_large": "is larger than {limit}; a catalog is a few dozen kilobytes",
}

# en.toml is under 20 kB; a catalog fifty times that is a mistake, and is refused unread.
MAX_CATALOG_BYTES = 1024 * 1024


class CatalogError(AdvisorError):
    """A catalog that is not valid TOML or holds a value of the wrong type.

    ``problem`` names an entry of ``errors.catalog`` in the catalogs; ``params`` fill it.
    """

    def __init__(self, path: str, problem: str, **params: str) -> None:
        english = _PROBLEMS[problem].format(**params)
        super().__init__(
            "errors.bad_catalog",
            code=ExitCode.USAGE,
            fallback=f"catalog {path}: {english}",
            file=path,
            problem=english,
            problem_key=f"errors.catalog.{problem}",
            **params,
        )


def builtin_dir() -> str:
    """The catalogs shipped with the package (the repo's ``locales/`` in a source checkout)."""
    # A plain path next to this file, not importlib.resources: pip always unpacks a wheel, and
    # the resources machinery (zipfile, tempfile, readers) costs more start-up than the catalogs.
    # Strings and os.path rather than pathlib, which loads urllib.parse and ipaddress.
    package = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
    packaged = os.path.join(package, "locales")
    if os.path.isdir(packaged):
        return packaged
    # An editable install or a source checkout: the catalogs stay top-level for translators.
    return os.path.join(os.path.dirname(package), "locales")


def _as_written(directory: str) -> str:
    """``directory`` as pathlib writes it (``./locales/`` is ``locales``), so a catalog's path
    in a message reads as it always has; only ``.`` and empty parts go, never ``..``."""
    if directory.startswith("//") and not directory.startswith("///"):
        root = "//"  # POSIX leaves the meaning of exactly two to the system; pathlib keeps them
    elif directory.startswith("/"):
        root = "/"
    else:
        root = ""
    parts = [part for part in directory.split("/") if part not in ("", ".")]
    return root + "/".join(parts) or "."


def _search_path(environ: Mapping[str, str]) -> list[str]:
    override = environ.get("ADVISOR_LOCALE_DIR", "")
    dirs = [_as_written(override)] if override else []
    dirs.append(builtin_dir())
    return dirs


def _codes_in(directory: str) -> set[str]:
    try:
        if not os.path.isdir(directory):
            return set()
        return {
            name.removesuffix(".toml")
            for name in os.listdir(directory)
            if name.endswith(".toml") and len(name) > len(".toml")
        }
    except OSError:
        # An unreadable ADVISOR_LOCALE_DIR offers nothing; the built-in catalogs still work.
        return set()


def available(environ: Mapping[str, str] | None = None) -> list[str]:
    """Codes of every catalog that can be chosen, sorted, English first."""
    env = os.environ if environ is None else environ
    codes: set[str] = {SOURCE_LANGUAGE}
    for directory in _search_path(env):
        codes.update(_codes_in(directory))
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
                given=repr(requested),  # quoted and escaped, as every value in a message
                accepted=", ".join(codes),
            )
        return found
    advisor_lang = environ.get("ADVISOR_LANG", "")
    if advisor_lang and (found := match(advisor_lang, codes)):
        return found
    # Empty counts as unset; with none of them set the locale is C, as glibc's setlocale says.
    locale = next((environ[v] for v in _LOCALE_VARIABLES if environ.get(v, "").strip()), "C")
    if match(locale, list(_ENGLISH_LOCALES)) in _ENGLISH_LOCALES:
        # glibc ignores LANGUAGE when the locale is C or POSIX (C.UTF-8 too), and so do we:
        # a program's output in the C locale must not depend on a preference list.
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


class _BadPlaceholder(ValueError):
    def __init__(self, placeholder: str) -> None:
        super().__init__(placeholder)
        self.placeholder = placeholder


def _fields(text: str) -> set[str]:
    """The placeholders in ``text`` as written inside their braces (``answer``, ``name!r``).

    Only a bare ``{name}`` fills in a value; ``{name!r}`` quotes it (Click's own messages
    quote option names so, and a quoted value shows escape codes as text). A format spec
    (``{answer:>300000000}`` would write 600 MB), another conversion, an attribute or an index
    (``{answer.__class__}``) would let a catalog compute instead of fill: :class:`ValueError`.
    """
    names: set[str] = set()
    for _, name, spec, conversion in formatter_parser(text):
        if name is None:
            continue
        written = name if conversion is None else f"{name}!{conversion}"
        if spec or conversion not in (None, "r") or not name.isidentifier():
            raise _BadPlaceholder("{" + written + (f":{spec}" if spec else "") + "}")
        names.add(written)
    return names


def _placeholders(value: Value) -> set[str]:
    if isinstance(value, str):
        return _fields(value)
    return set().union(*(_fields(item) for item in value))


def _read(where: str, built: str | None) -> dict[str, object]:
    try:
        # Built-in catalogs only come from the wheel's tables: ADVISOR_LOCALE_DIR's are parsed.
        raw = shipped.read(where, built)
    except (OSError, UnicodeDecodeError) as error:
        detail = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise CatalogError(where, "unreadable", detail=detail) from None
    except ValueError as error:  # tomllib.TOMLDecodeError, without importing tomllib for it
        raise CatalogError(where, "not_toml", detail=str(error)) from None
    except RecursionError:
        # Well-formed TOML nested deeper than the parser's stack (5,000 brackets): still the
        # translator's file to fix, not a bug in the advisor.
        raise CatalogError(where, "not_toml", detail="nested too deeply") from None
    return _flatten(raw)


@cache
def _load_file(code: str, dirs: tuple[str, ...]) -> tuple[str, dict[str, object]] | None:
    builtin = builtin_dir()
    for name in dirs:
        directory = name or builtin
        # As pathlib joins (see _as_written): the current directory adds nothing to the name.
        entry = f"{code}.toml" if directory == "." else os.path.join(directory, f"{code}.toml")
        try:
            if not os.path.isfile(entry):  # a FIFO or a device is never a catalog: no read hangs
                continue
            size = os.stat(entry).st_size
        except OSError:
            continue
        if size > MAX_CATALOG_BYTES:
            raise CatalogError(entry, "too_large", limit="1 MiB")
        return entry, _read(entry, f"locales_{code}" if directory == builtin else None)
    return None


class Catalog(Record):
    """The strings of one language, with English standing in for what it lacks."""

    # A Record rather than a dataclass: every command loads this module, and dataclasses
    # alone loads inspect (docs/performance.md).
    __slots__ = ("code", "strings", "missing", "file")  # noqa: RUF023  # in __init__ order

    def __init__(
        self,
        code: str,
        strings: dict[str, Value],
        missing: frozenset[str] = frozenset(),
        file: str = "",
    ) -> None:
        self.code = code
        self.strings = strings
        self.missing = missing
        self.file = file

    @property
    def complete(self) -> bool:
        """True when no string fell back to English."""
        return not self.missing

    @property
    def name(self) -> str:
        """The language's own name for itself (``Español``), or its code if the catalog lacks it."""
        if "meta.name" in self.missing or "meta.name" not in self.strings:
            return self.code
        return self.text("meta.name")

    @property
    def percent(self) -> int:
        """How much is translated, rounded down: 100 only when nothing fell back."""
        total = len(self.strings)
        return (100 * (total - len(self.missing))) // total if total else 0

    def text(self, key: str, /, **params: object) -> str:
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


def _tables(keys: Iterable[str]) -> set[str]:
    """Every dotted prefix that is a table: ``a.b.c`` gives ``a`` and ``a.b``."""
    prefixes: set[str] = set()
    for key in keys:
        parts = key.split(".")
        prefixes.update(".".join(parts[:end]) for end in range(1, len(parts)))
    return prefixes


def _want(expected: Value) -> str:
    return "want_text" if isinstance(expected, str) else "want_list"


def _check(where: str, flat: dict[str, object], source: dict[str, Value] | None) -> None:
    """Raise :class:`CatalogError` for the first value a user could not be shown."""
    tables = _tables(source) if source is not None else set()
    for key, value in flat.items():
        ok = isinstance(value, str) or (
            isinstance(value, list) and all(isinstance(item, str) for item in value)
        )
        if not ok:
            raise CatalogError(where, "not_text", entry=key)
        try:
            used = _placeholders(value)  # type: ignore[arg-type]  # checked just above
        except _BadPlaceholder as bad:
            placeholder = repr(bad.placeholder)
            raise CatalogError(
                where, "bad_placeholder", entry=key, placeholder=placeholder
            ) from None
        except ValueError:
            raise CatalogError(where, "bad_braces", entry=key) from None
        if source is None:
            continue
        if key in tables:
            raise CatalogError(where, "not_table", entry=key)
        table = next((t for t in _tables([key]) if t in source), None)
        if table is not None:
            raise CatalogError(where, _want(source[table]), entry=table)
        if key not in source:
            continue  # a key English no longer has: harmless, and the tests keep ours clean
        expected = source[key]
        if isinstance(expected, str) != isinstance(value, str):
            raise CatalogError(where, _want(expected), entry=key)
        unknown = used - _placeholders(expected)
        if unknown:
            names = ", ".join("{" + name + "}" for name in sorted(unknown))
            raise CatalogError(where, "unknown_placeholder", entry=key, names=names)


def _blank(value: object) -> bool:
    if isinstance(value, str):
        return not value.strip()
    return isinstance(value, list) and not any(item.strip() for item in value)


@cache
def source() -> Catalog:
    """English, always the installed ``en.toml``.

    It is the contract the code is written against and the way out when a translation is
    broken (``--lang en``), so ``ADVISOR_LOCALE_DIR`` cannot replace it.
    """
    found = _load_file(SOURCE_LANGUAGE, ("",))
    if found is None:
        raise CatalogError(f"{SOURCE_LANGUAGE}.toml", "not_found")
    where, flat = found
    _check(where, flat, None)
    return Catalog(SOURCE_LANGUAGE, flat, file=where)  # type: ignore[arg-type]  # checked


def load(code: str, environ: Mapping[str, str] | None = None) -> Catalog:
    """The catalog for ``code``: English, overlaid with the translation where it has one.

    A string that is missing or blank in the translation falls back to English and is listed
    in :attr:`Catalog.missing`.
    """
    if code == SOURCE_LANGUAGE:
        return source()
    env = os.environ if environ is None else environ
    return _translation(code, tuple(str(d) for d in _search_path(env)))


@cache
def _translation(code: str, dirs: tuple[str, ...]) -> Catalog:
    # Cached: the help texts and the command itself ask for the same catalog in one run.
    english = source()
    translated = _load_file(code, dirs)
    if translated is None:
        raise CatalogError(f"{code}.toml", "not_found")
    where, flat = translated
    _check(where, flat, english.strings)
    strings: dict[str, Value] = {}
    missing: set[str] = set()
    for key, value in english.strings.items():
        own = flat.get(key)
        if own is None or _blank(own):
            missing.add(key)
            strings[key] = value
        else:
            strings[key] = own  # type: ignore[assignment]  # checked by _check
    return Catalog(code, strings, frozenset(missing), where)


def for_user(requested: str | None, environ: Mapping[str, str] | None = None) -> Catalog:
    """Resolve the user's language and load its catalog."""
    env = os.environ if environ is None else environ
    return load(resolve(requested, env, available(env)), env)
