"""A few English lines, golden: exactly as a user reads them, written out in full.

Every other test asserts through catalog keys (``catalog.text(key)``), so rewording a message
in ``locales/en.toml`` breaks nothing there. These lines are the exception on purpose: each is
put together from several pieces (a catalog prefix, a template, the user's value, ids, Click's
own words), and only the whole line shows that the pieces read as one sentence, with the
spacing, quotes and punctuation in their places. When one of these changes on purpose, read
the new line as a user would before updating it here.
"""

from __future__ import annotations

from pathlib import Path

from harness import environment, run


def _stderr(*args: str, **env: str) -> list[str]:
    result = run(args, env=environment(COLUMNS="100", **env))
    assert result.returncode == 2
    assert result.stdout == b""
    return result.stderr.decode("utf-8").splitlines()


def test_missing_answers_name_every_flag_and_its_values() -> None:
    assert _stderr("ask") == [
        "advisor: error: missing answers, and no terminal to ask them in: pass"
        " --data {shareable,mixed,restricted} --control {none,part,full}"
        " --volume {modest,spiky,growing,high-steady} --ops {none,focused,platform}"
    ]


def test_a_bad_value_quotes_it_and_lists_the_accepted_ones() -> None:
    assert _stderr("ask", "--volume", "huge") == [
        "advisor: error: --volume: 'huge' is not a valid answer;"
        " accepted: modest, spiky, growing, high-steady"
    ]


def test_clicks_own_words_read_as_one_sentence_with_ours() -> None:
    assert _stderr("asj") == [
        "advisor: error: No such command 'asj'. Did you mean 'ask'? (see 'advisor --help')"
    ]


def test_a_broken_catalog_names_the_file_the_key_and_the_fix(tmp_path: Path) -> None:
    (tmp_path / "fr.toml").write_text('[labels]\nwhy = ["Pourquoi"]\n', encoding="utf-8")
    path = tmp_path / "fr.toml"
    assert _stderr("list", "--lang", "fr", ADVISOR_LOCALE_DIR=str(tmp_path)) == [
        f"advisor: error: catalog {path}: labels.why must be text, as in en.toml"
    ]


def test_what_would_change_names_the_answer_and_the_option() -> None:
    flags = ["--data", "shareable", "--control", "part", "--volume", "modest", "--ops", "none"]
    result = run(["ask", *flags], env=environment(COLUMNS="100"))
    assert result.returncode == 0
    lines = [line.strip("│ ") for line in result.stdout.decode("utf-8").splitlines()]
    # Under each answer that mattered, the other answers in words and what they would give.
    assert lines[lines.index("● Data privacy: Yes: it is fine to send to a vendor") + 1 :][:2] == [
        "├── With “Partly”: Hybrid — split by sensitivity",
        "└── With “No”: Self-host an open-weight model",
    ]
    assert (
        "└── With “One focused deployment” or “A real MLOps team”: Hybrid — split by control"
        in lines
    )
