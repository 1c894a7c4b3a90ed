"""The shipped catalogs: every translation is complete against English, key for key."""

from __future__ import annotations

import re
import string
import tomllib
from pathlib import Path

import pytest

LOCALES = Path(__file__).resolve().parent.parent / "locales"
TRANSLATIONS = sorted(p.stem for p in LOCALES.glob("*.toml") if p.stem != "en")
# Prompts and choices are drawn on one line of an 80-column terminal, after "? " or " » ".
PROMPT_WIDTH = 76


def _flat(table: dict[str, object], prefix: str = "") -> dict[str, object]:
    flat: dict[str, object] = {}
    for key, value in table.items():
        if isinstance(value, dict):
            flat.update(_flat(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


def _catalog(code: str) -> dict[str, object]:
    return _flat(tomllib.loads((LOCALES / f"{code}.toml").read_text(encoding="utf-8")))


def _fields(value: object) -> set[str]:
    texts = value if isinstance(value, list) else [value]
    return {name for text in texts for _, name, _, _ in string.Formatter().parse(text) if name}


def test_spanish_ships() -> None:
    assert "es" in TRANSLATIONS


@pytest.mark.parametrize("code", TRANSLATIONS)
def test_translation_has_exactly_the_english_keys(code: str) -> None:
    english, translated = _catalog("en"), _catalog(code)
    assert sorted(set(english) - set(translated)) == [], "untranslated keys"
    assert sorted(set(translated) - set(english)) == [], "keys English does not have"


@pytest.mark.parametrize("code", TRANSLATIONS)
def test_translation_keeps_types_list_lengths_and_placeholders(code: str) -> None:
    english, translated = _catalog("en"), _catalog(code)
    for key, source in english.items():
        value = translated[key]
        assert type(value) is type(source), key
        if isinstance(source, list):
            assert isinstance(value, list)
            assert len(value) == len(source), key
            assert all(isinstance(item, str) and item.strip() for item in value), key
        else:
            assert isinstance(value, str)
            assert value.strip(), key
        assert _fields(value) == _fields(source), key


@pytest.mark.parametrize("code", TRANSLATIONS)
def test_translation_is_not_english_left_in_place(code: str) -> None:
    english, translated = _catalog("en"), _catalog(code)
    # Only the error prefix (the program's name), product names and the dates they were checked
    # may read the same in every language, a one-word answer the languages share ("No"), and the
    # question counter ("2/4").
    kept = re.compile(
        r"errors\.prefix|intro\.progress|deployment\.[a-z-]+\.(checked|examples\.[a-z-]+\.name)"
    )
    word = re.compile(r"questions\.[a-z]+\.short\.[a-z-]+")
    same = sorted(
        k
        for k, v in english.items()
        if translated[k] == v
        and not kept.fullmatch(k)
        and not (word.fullmatch(k) and " " not in str(v))
    )
    assert same == []


@pytest.mark.parametrize("code", ["en", *TRANSLATIONS])
def test_prompts_and_choices_fit_an_80_column_terminal(code: str) -> None:
    catalog = _catalog(code)
    long = {
        key: len(value)
        for key, value in catalog.items()
        if key.startswith("questions.") and isinstance(value, str) and len(value) > PROMPT_WIDTH
    }
    assert long == {}


def test_spanish_uses_the_seed_interface_words() -> None:
    spanish = _catalog("es")
    assert spanish["meta.name"] == "Español"
    assert spanish["labels.choose_when"] == "Elige esto cuando"
    assert spanish["labels.tradeoffs"] == "Contrapartidas"  # the usual word, not "Compensaciones"
    assert spanish["labels.all_options"] == "Todas las opciones de un vistazo"
    assert (
        spanish["intro.answer_all"] == "Responde a todas las preguntas para ver tu recomendación."
    )
