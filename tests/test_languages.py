"""Choosing the user's language, falling back honestly, and failing clearly on a bad catalog.

Commands run through ``cli.run.run`` (the same path as the console script: one stderr line and an
exit code for every failure). What is decided at start-up (help texts, Click's own words, the
machine's locales) is checked on the installed ``advisor`` in a subprocess.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from harness import FLAGS, catalog, environment, pattern, reads, run, usage_error
from jsonschema import Draft202012Validator

from selfhost_advisor.cli import run as cli
from selfhost_advisor.i18n import catalogs as i18n

EN = catalog("en")
ES = catalog("es")
ANSWERS = ["--data", "mixed", "--control", "none", "--volume", "growing", "--ops", "none"]
Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def advisor(capsys: pytest.CaptureFixture[str]) -> Run:
    """Run the command line in-process; return (exit status, stdout, stderr)."""

    def invoke(*args: str) -> tuple[int, str, str]:
        code = cli.run(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    return invoke


def run_installed(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """The installed ``advisor`` with pipes, its output decoded."""
    done = run(args, env=environment(COLUMNS="100", **env))
    return subprocess.CompletedProcess(
        done.args, done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8")
    )


# -- choosing the language ---------------------------------------------------------------------

CODES = ["en", "es"]


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        pytest.param({}, "en", id="unset"),
        pytest.param({"LANG": "C"}, "en", id="C"),
        pytest.param({"LANG": "POSIX"}, "en", id="POSIX"),
        pytest.param({"LANG": "C.UTF-8"}, "en", id="C.UTF-8"),
        pytest.param({"LANG": "es_MX.UTF-8"}, "es", id="es_MX.UTF-8"),
        pytest.param({"LANG": "es_MX"}, "es", id="es_MX"),
        pytest.param({"LANG": "es-MX"}, "es", id="es-MX"),
        pytest.param({"LANG": "es_ES@euro"}, "es", id="es_ES@euro"),
        pytest.param({"LANG": "ES"}, "es", id="ES"),
        pytest.param({"LANG": "es"}, "es", id="es"),
        pytest.param({"LANG": "pt_BR@euro"}, "en", id="pt_BR@euro-unknown"),
        pytest.param({"LANG": "fr_FR.UTF-8"}, "en", id="fr_FR.UTF-8-unknown"),
        pytest.param({"LANGUAGE": "pt_BR:es", "LANG": "pt_BR.UTF-8"}, "es", id="LANGUAGE=pt_BR:es"),
        # glibc: with no locale variable the locale is C, and LANGUAGE is ignored in C.
        pytest.param({"LANGUAGE": "pt_BR:es"}, "en", id="LANGUAGE-alone-is-C"),
        pytest.param({"LANGUAGE": "es", "LC_ALL": "C"}, "en", id="LC_ALL=C-ignores-LANGUAGE"),
        pytest.param({"LANGUAGE": "es", "LANG": "POSIX"}, "en", id="POSIX-ignores-LANGUAGE"),
        pytest.param({"LANGUAGE": "es", "LANG": "C.UTF-8"}, "en", id="C.UTF-8-ignores-LANGUAGE"),
        pytest.param({"LANGUAGE": "", "LANG": "es_ES.UTF-8"}, "es", id="empty-LANGUAGE"),
        pytest.param({"LANGUAGE": "fr:de", "LANG": "es_ES.UTF-8"}, "es", id="LANGUAGE-none-found"),
        pytest.param({"LC_ALL": "", "LANG": "es_ES.UTF-8"}, "es", id="empty-LC_ALL"),
        pytest.param({"LC_ALL": "C", "LANG": "es_ES.UTF-8"}, "en", id="LC_ALL-beats-LANG"),
        pytest.param(
            {"LC_MESSAGES": "es_AR.UTF-8", "LANG": "en_US.UTF-8"}, "es", id="LC_MESSAGES-beats-LANG"
        ),
        pytest.param(
            {"LC_ALL": "en_GB.UTF-8", "LC_MESSAGES": "es_ES.UTF-8"}, "en", id="LC_ALL-beats-all"
        ),
        pytest.param({"ADVISOR_LANG": "es", "LANG": "C"}, "es", id="ADVISOR_LANG-beats-env"),
        pytest.param({"ADVISOR_LANG": "en", "LANG": "es_ES.UTF-8"}, "en", id="ADVISOR_LANG=en"),
        pytest.param({"ADVISOR_LANG": "", "LANG": "es_ES.UTF-8"}, "es", id="empty-ADVISOR_LANG"),
        pytest.param(
            {"ADVISOR_LANG": "klingon", "LANG": "es_ES.UTF-8"}, "es", id="unknown-ADVISOR_LANG"
        ),
    ],
)
def test_resolve_from_the_environment(environ: dict[str, str], expected: str) -> None:
    assert i18n.resolve(None, environ, CODES) == expected


@pytest.mark.parametrize(
    ("requested", "environ", "expected"),
    [
        ("en", {"ADVISOR_LANG": "es", "LANG": "es_ES.UTF-8"}, "en"),
        ("es", {"ADVISOR_LANG": "en", "LANG": "C"}, "es"),
        ("es-MX", {}, "es"),
        ("ES", {}, "es"),
        ("es_ES.UTF-8", {}, "es"),
    ],
)
def test_lang_flag_beats_everything(requested: str, environ: dict[str, str], expected: str) -> None:
    assert i18n.resolve(requested, environ, CODES) == expected


def test_unknown_lang_flag_is_a_usage_error() -> None:
    with pytest.raises(i18n.AdvisorError) as raised:
        i18n.resolve("fr", {"LANG": "es_ES.UTF-8"}, CODES)
    assert raised.value.key == "errors.unknown_lang"
    assert raised.value.params["accepted"] == "en, es"


@pytest.mark.parametrize(
    ("tag", "expected"),
    [("pt_BR.UTF-8", "pt_BR"), ("pt-br", "pt_BR"), ("pt_PT", "pt"), ("pt", "pt"), ("", None)],
)
def test_a_regional_catalog_wins_over_the_bare_language(tag: str, expected: str | None) -> None:
    assert i18n.match(tag, ["en", "pt", "pt_BR"]) == expected


def _locale(out: str) -> tuple[str, bool]:
    document = json.loads(out)
    return document["locale"], document["locale_complete"]


def test_lang_flag_then_advisor_lang_then_environment_on_the_command_line(
    advisor: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "es_ES.UTF-8")
    assert _locale(advisor("ask", *ANSWERS, "--json")[1]) == ("es", True)
    monkeypatch.setenv("ADVISOR_LANG", "en")
    assert _locale(advisor("ask", *ANSWERS, "--json")[1]) == ("en", True)
    assert _locale(advisor("ask", *ANSWERS, "--json", "--lang", "es")[1]) == ("es", True)


@pytest.mark.parametrize(("lang", "code"), [("C", "en"), ("es_ES.UTF-8", "es")])
def test_unknown_lang_flag_exits_2_listing_the_languages(
    advisor: Run, monkeypatch: pytest.MonkeyPatch, lang: str, code: str
) -> None:
    monkeypatch.setenv("LANG", lang)
    status, out, err = advisor("list", "--lang", "fr")
    assert status == 2
    assert out == ""
    # In the environment's language, since --lang named none.
    assert err.splitlines() == [
        usage_error("errors.unknown_lang", code, given="'fr'", accepted="en, es")
    ]


def test_spanish_environment_gives_a_spanish_card(
    advisor: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "es_MX.UTF-8")
    code, out, err = advisor("ask", *ANSWERS)
    assert (code, err) == (0, "")
    for label in ("recommendation", "why", "choose_when", "tradeoffs"):
        assert ES.text(f"labels.{label}") in out
        assert EN.text(f"labels.{label}") not in out
    assert ES.text("options.hybrid.title") in out


def test_the_shipped_spanish_catalog_is_complete() -> None:
    spanish = i18n.load("es", {})
    assert spanish.complete
    assert spanish.percent == 100
    assert spanish.name == "Español"


# -- a partial catalog in ADVISOR_LOCALE_DIR ---------------------------------------------------

FRENCH = """
[meta]
name = "Français"

[labels]
tradeoffs = "Compromis"
choose_when = ""  # blank: counts as untranslated
# Enough translated that the share is a few percent however the English catalog grows.
why = "Pourquoi"
recommendation = "Recommandation"
next_steps = "Étape suivante"

[options.hybrid]
title = "Hybride : séparer selon la sensibilité"

[notices]
partial_translation = "Ce catalogue n'est pas encore entièrement traduit : le reste est en anglais."
"""


@pytest.fixture
def locale_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ADVISOR_LOCALE_DIR", str(tmp_path))
    return tmp_path


def test_partial_catalog_falls_back_per_string_with_one_notice(
    advisor: Run, locale_dir: Path
) -> None:
    (locale_dir / "fr.toml").write_text(FRENCH, encoding="utf-8")
    code, out, err = advisor("ask", *ANSWERS, "--lang", "fr")
    assert code == 0
    assert "Hybride : séparer selon la sensibilité" in out  # translated
    assert "Compromis" in out  # translated
    assert EN.text("labels.tradeoffs") not in out
    assert EN.text("labels.choose_when") in out  # blank in the catalog: English stands in
    assert reads(EN.text("options.hybrid.summary"), out)  # missing: English stands in
    assert err.splitlines() == [
        "Ce catalogue n'est pas encore entièrement traduit : le reste est en anglais."
    ]


def test_partial_catalog_without_its_own_notice_says_so_in_english(
    advisor: Run, locale_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (locale_dir / "fr.toml").write_text('[labels]\ntradeoffs = "Compromis"\n', encoding="utf-8")
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    code, out, err = advisor("list")
    assert code == 0
    assert "Compromis" in out
    assert err.splitlines() == [i18n.source().text("notices.partial_translation")]


def test_partial_catalog_json_says_which_locale_and_that_it_is_incomplete(
    advisor: Run, locale_dir: Path
) -> None:
    (locale_dir / "fr.toml").write_text(FRENCH, encoding="utf-8")
    code, out, err = advisor("ask", *ANSWERS, "--json", "--lang", "fr")
    assert code == 0
    document = json.loads(out)
    assert (document["locale"], document["locale_complete"]) == ("fr", False)
    assert document["recommendation"]["title"] == "Hybride : séparer selon la sensibilité"
    assert document["recommendation"]["summary"] == i18n.source().text("options.hybrid.summary")
    assert len(err.splitlines()) == 1


def test_complete_catalog_says_nothing(advisor: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "es_ES.UTF-8")
    code, out, err = advisor("ask", *ANSWERS, "--json")
    assert (code, err) == (0, "")
    assert _locale(out) == ("es", True)


def test_an_override_replaces_the_builtin_catalog_of_that_language(
    advisor: Run, locale_dir: Path
) -> None:
    # A translator fixing es.toml sees their file, not a mix with the installed one.
    (locale_dir / "es.toml").write_text('[labels]\ntradeoffs = "Pros y contras"\n')
    code, out, _ = advisor("list", "--lang", "es")
    assert code == 0
    assert "Pros y contras" in out
    assert ES.text("labels.tradeoffs") not in out


def test_english_always_comes_from_the_installed_catalog(advisor: Run, locale_dir: Path) -> None:
    (locale_dir / "en.toml").write_text("this is [ not toml")
    code, out, err = advisor("list", "--lang", "en")
    assert (code, err) == (0, "")
    assert EN.text("labels.all_options") in out


def test_a_locale_dir_that_is_not_a_directory_is_not_a_crash(
    advisor: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    not_a_dir = tmp_path / "file"
    not_a_dir.write_text("")
    monkeypatch.setenv("ADVISOR_LOCALE_DIR", str(not_a_dir))
    code, out, err = advisor("languages")
    assert (code, err) == (0, "")
    assert out.split()[:3] == ["en", "English", "100%"]


# -- bad catalogs ------------------------------------------------------------------------------

# A broken catalog, the entry of ``errors.catalog`` that words its fault, the key it names, and
# what of the translator's own text the line quotes back.
BAD = [
    pytest.param('[labels]\nwhy = "Pourquoi\n', "not_toml", "", "", id="invalid-toml"),
    pytest.param(
        '[labels]\nwhy = ["Pourquoi"]\n', "want_text", "labels.why", "", id="list-for-text"
    ),
    pytest.param(
        '[options.api]\ntradeoffs = "cher"\n',
        "want_list",
        "options.api.tradeoffs",
        "",
        id="text-for-list",
    ),
    pytest.param(
        '[errors]\noutput = "impossible : {raison}"\n',
        "unknown_placeholder",
        "errors.output",
        "{raison}",
        id="placeholder",
    ),
    pytest.param("[labels]\nwhy = 3\n", "not_text", "labels.why", "", id="number"),
    pytest.param('[labels.why]\nshort = "Pourquoi"\n', "want_text", "labels.why", "", id="table"),
    pytest.param('labels = "Étiquettes"\n', "not_table", "labels", "", id="text-for-table"),
    pytest.param('[labels]\nwhy = "Pourquoi {"\n', "bad_braces", "labels.why", "", id="lone-brace"),
    pytest.param(
        '[labels]\nwhy = "Pourquoi {}"\n',
        "bad_placeholder",
        "labels.why",
        "'{}'",
        id="positional",
    ),
    pytest.param(
        '[labels]\nwhy = "Pourquoi {x:>9999}"\n',
        "bad_placeholder",
        "labels.why",
        "'{x:>9999}'",
        id="format-spec",
    ),
]


@pytest.mark.parametrize(("content", "problem", "key", "quoted"), BAD)
def test_bad_catalog_fails_with_one_line_naming_file_and_key(
    advisor: Run, locale_dir: Path, content: str, problem: str, key: str, quoted: str
) -> None:
    path = locale_dir / "fr.toml"
    path.write_text(content, encoding="utf-8")
    code, out, err = advisor("list", "--lang", "fr")
    assert code == 2
    assert out == ""
    [line] = err.splitlines()
    head = usage_error("errors.bad_catalog", file=str(path), problem="")
    assert line.startswith(head), line
    entry = {"entry": key} if key else {}
    assert pattern(f"errors.catalog.{problem}", **entry).fullmatch(line[len(head) :]), line
    assert quoted in line


@pytest.mark.parametrize(("content", "problem", "key", "quoted"), BAD)
def test_english_still_works_beside_a_bad_catalog(
    advisor: Run,
    locale_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    content: str,
    problem: str,
    key: str,
    quoted: str,
) -> None:
    (locale_dir / "fr.toml").write_text(content, encoding="utf-8")
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")  # the broken catalog is the environment's choice
    assert advisor("list")[0] == 2
    code, out, err = advisor("ask", *ANSWERS, "--json", "--lang", "en")
    assert (code, err) == (0, "")
    assert _locale(out) == ("en", True)


def test_bad_catalog_error_is_worded_in_the_users_language(
    advisor: Run, locale_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (locale_dir / "fr.toml").write_text('[labels]\nwhy = ["Pourquoi"]\n', encoding="utf-8")
    monkeypatch.setenv("LANG", "es_ES.UTF-8")
    code, _, err = advisor("list", "--lang", "fr")
    assert code == 2
    problem = ES.text("errors.catalog.want_text", entry="labels.why")
    path = locale_dir / "fr.toml"
    assert err.splitlines() == [usage_error("errors.bad_catalog", "es", file=path, problem=problem)]


def test_broken_catalog_of_the_environment_never_breaks_help_or_lang_en(tmp_path: Path) -> None:
    (tmp_path / "fr.toml").write_text("not [ toml", encoding="utf-8")
    env = {"ADVISOR_LOCALE_DIR": str(tmp_path), "LANG": "fr_FR.UTF-8"}
    shown = run_installed("--help", **env)
    assert shown.returncode == 0, shown.stderr
    assert reads(EN.text("help.ask"), shown.stdout)
    assert shown.stderr == ""
    english = run_installed("list", "--lang", "en", **env)
    assert (english.returncode, english.stderr) == (0, "")
    broken = run_installed("list", **env)
    assert broken.returncode == 2
    assert broken.stderr.count("\n") == 1
    assert "fr.toml" in broken.stderr
    assert "Traceback" not in broken.stderr


# -- advisor languages -------------------------------------------------------------------------


def languages_validator() -> Draft202012Validator:
    text = (
        resources.files("selfhost_advisor")
        .joinpath("schema/languages.schema.json")
        .read_text(encoding="utf-8")
    )
    schema: dict[str, Any] = json.loads(text)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def test_languages_lists_each_language_by_its_own_name(advisor: Run) -> None:
    code, out, err = advisor("languages")
    assert (code, err) == (0, "")
    assert [line.split() for line in out.splitlines()] == [
        ["en", "English", "100%"],
        ["es", "Español", "100%"],
    ]


def test_languages_shows_a_partial_override_and_where_it_comes_from(
    advisor: Run, locale_dir: Path
) -> None:
    (locale_dir / "fr.toml").write_text(FRENCH, encoding="utf-8")
    code, out, _ = advisor("languages")
    assert code == 0
    lines = out.splitlines()
    assert [line.split()[0] for line in lines] == ["en", "es", "fr"]
    fr = lines[2].split()
    assert fr[:2] == ["fr", "Français"]
    assert fr[2].endswith("%")
    assert 0 < int(fr[2].rstrip("%")) < 10
    assert fr[3] == str(locale_dir / "fr.toml")
    # Columns line up: every percentage ends at the same column.
    assert len({line.index("%") for line in lines}) == 1


def test_languages_json_follows_its_schema(advisor: Run, locale_dir: Path) -> None:
    (locale_dir / "fr.toml").write_text(FRENCH, encoding="utf-8")
    code, out, _ = advisor("languages", "--json")
    assert code == 0
    document = json.loads(out)
    languages_validator().validate(document)
    by_code = {row["code"]: row for row in document["languages"]}
    assert by_code["es"]["percent"] == 100
    assert by_code["es"]["complete"] is True
    assert by_code["es"]["builtin"] is True
    assert by_code["fr"]["complete"] is False
    assert by_code["fr"]["builtin"] is False
    assert by_code["fr"]["missing"] == len(i18n.load("fr").missing)


def test_languages_rounds_down_so_only_a_complete_catalog_shows_100(
    advisor: Run, locale_dir: Path
) -> None:
    spanish = (Path(str(i18n.builtin_dir())) / "es.toml").read_text(encoding="utf-8")
    # Everything but the last list of the last table: one string short of complete.
    almost = spanish.replace('extra_arguments = "Sobran argumentos ({args})"\n', "")
    assert almost != spanish
    (locale_dir / "es.toml").write_text(almost, encoding="utf-8")
    code, out, _ = advisor("languages", "--json")
    assert code == 0
    row = json.loads(out)["languages"][1]
    assert (row["code"], row["missing"], row["complete"], row["percent"]) == ("es", 1, False, 99)


def test_languages_names_a_broken_catalog_in_one_line(advisor: Run, locale_dir: Path) -> None:
    (locale_dir / "fr.toml").write_text('[labels]\nwhy = ["Pourquoi"]\n', encoding="utf-8")
    code, out, err = advisor("languages", "--lang", "en")
    assert (code, out) == (2, "")
    problem = EN.text("errors.catalog.want_text", entry="labels.why")
    path = locale_dir / "fr.toml"
    assert err.splitlines() == [usage_error("errors.bad_catalog", file=path, problem=problem)]


@pytest.mark.parametrize(
    ("written", "named"),
    [
        (".", "fr.toml"),
        ("./", "fr.toml"),
        ("sub//./..", "sub/../fr.toml"),
        # `..` stays: after a symbolic link it is not the directory before it.
        ("./sub/../", "sub/../fr.toml"),
    ],
)
def test_a_broken_catalog_is_named_by_the_directory_as_written(
    advisor: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, written: str, named: str
) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "fr.toml").write_text('[labels]\nwhy = ["x"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ADVISOR_LOCALE_DIR", written)
    code, _, err = advisor("languages", "--lang", "en")
    problem = EN.text("errors.catalog.want_text", entry="labels.why")
    assert code == 2
    assert err.splitlines() == [usage_error("errors.bad_catalog", file=named, problem=problem)]


def test_a_catalog_without_a_name_is_listed_by_its_code(advisor: Run, locale_dir: Path) -> None:
    (locale_dir / "fr.toml").write_text('[labels]\ntradeoffs = "Compromis"\n', encoding="utf-8")
    code, out, _ = advisor("languages", "--json")
    assert code == 0
    assert json.loads(out)["languages"][-1]["name"] == "fr"


# -- Click's and Typer's own words -------------------------------------------------------------


def test_help_is_spanish_down_to_clicks_own_words() -> None:
    shown = run_installed("ask", "--help", LANG="es_ES.UTF-8")
    assert shown.returncode == 0, shown.stderr
    usage = f"{ES.text('click.usage')} advisor ask {ES.text('click.metavars.options')}"
    assert usage in shown.stdout
    for key in ("click.options", "click.help_option", "click.metavars.file", "click.metavars.code"):
        assert ES.text(key) in shown.stdout, key
    assert reads(ES.text("help.ask"), shown.stdout)
    for key in ("click.usage", "click.options", "click.metavars.options", "click.help_option"):
        assert EN.text(key) not in shown.stdout, key
    assert not reads(EN.text("help.ask"), shown.stdout)
    assert EN.text("click.metavars.file") not in shown.stdout.split()


def test_top_level_help_titles_are_spanish() -> None:
    shown = run_installed("--help", LANG="es_ES.UTF-8")
    assert shown.returncode == 0, shown.stderr
    options, command = ES.text("click.metavars.options"), ES.text("click.metavars.command")
    assert f"{ES.text('click.usage')} advisor {options} {command}" in shown.stdout
    assert ES.text("click.commands") in shown.stdout
    assert reads(ES.text("help.install_completion"), shown.stdout)
    assert EN.text("click.commands") not in shown.stdout


def test_clicks_usage_errors_are_spanish_with_one_suggestion() -> None:
    shown = run_installed("asj", LANG="es_ES.UTF-8")
    assert shown.returncode == 2
    line = " ".join(
        [
            ES.text("errors.prefix"),
            ES.text("click.no_such_command", name="asj"),
            ES.text("click.did_you_mean", possibility="'ask'"),
            ES.text("errors.see_help", command="advisor"),
        ]
    )
    assert shown.stderr.splitlines() == [line]
    # The English line is one of the golden lines in test_golden_english.py.


# -- locales the machine does not have ----------------------------------------------------------


@pytest.mark.parametrize(
    "setting", ["LANG=es_ZZ.UTF-8", "LC_ALL=xx_YY.UTF-8", "LANG=de_DE.ISO-8859-1"], ids=str
)
def test_a_locale_that_is_not_installed_still_works(setting: str) -> None:
    name, value = setting.split("=")
    result = run(["ask", *FLAGS], env=environment(**{name: value}))
    assert result.returncode == 0
    assert result.stderr == b""
    title = catalog("es" if value.startswith("es") else "en").text("options.hybrid.title")
    assert title in result.stdout.decode("utf-8")
