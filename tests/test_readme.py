"""README says what the code does: exit codes, JSON fields, the two setup commands."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token

from selfhost_advisor.errors import ExitCode

README = Path(__file__).resolve().parent.parent / "README.md"
TOKENS = MarkdownIt("commonmark").enable("table").parse(README.read_text(encoding="utf-8"))


def _section(title: str) -> list[Token]:
    """The tokens under the level-2 heading ``title``, up to the next one."""
    start = next(
        i
        for i, token in enumerate(TOKENS)
        if token.type == "inline" and token.content == title and TOKENS[i - 1].tag == "h2"
    )
    end = next(
        (
            i
            for i in range(start + 1, len(TOKENS))
            if TOKENS[i].type == "heading_open" and TOKENS[i].tag == "h2"
        ),
        len(TOKENS),
    )
    return TOKENS[start:end]


def _tables(tokens: list[Token]) -> list[list[list[str]]]:
    """Each table as rows of cell texts (header row first)."""
    tables: list[list[list[str]]] = []
    row: list[str] = []
    in_cell = False
    for token in tokens:
        if token.type == "table_open":
            tables.append([])
        elif token.type == "tr_open":
            row = []
        elif token.type in ("th_open", "td_open"):
            in_cell = True
        elif token.type in ("th_close", "td_close"):
            in_cell = False
        elif token.type == "inline" and in_cell:
            row.append(token.content)
        elif token.type == "tr_close":
            tables[-1].append(row)
    return tables


def _first_column_codes(table: list[list[str]]) -> list[str]:
    return [row[0].strip("`") for row in table[1:]]


def test_exit_code_table_matches_the_code() -> None:
    (table,) = _tables(_section("Exit codes"))
    assert all(len(row) == 2 for row in table), "a row has a stray | (escape it as \\|)"
    assert [int(code) for code in _first_column_codes(table)] == [int(c) for c in ExitCode]


def _schema(name: str) -> dict[str, object]:
    text = resources.files("selfhost_advisor").joinpath(f"schema/{name}.schema.json").read_text()
    loaded: dict[str, object] = json.loads(text)
    return loaded


def test_json_tables_describe_every_field_of_the_schemas() -> None:
    tables = _tables(_section("JSON output"))
    fields = [_first_column_codes(t) for t in tables if t[0][0] == "Field"]
    assert len(fields) == 2
    for name, described in zip(("ask", "list"), fields, strict=True):
        properties = _schema(name)["properties"]
        assert isinstance(properties, dict)
        assert described == list(properties), name


def test_every_shipped_schema_is_listed() -> None:
    listed = {row[1].strip("`") for row in _tables(_section("JSON output"))[0][1:]}
    shipped = {
        f"selfhost_advisor/schema/{entry.name}"
        for entry in resources.files("selfhost_advisor").joinpath("schema").iterdir()
        if entry.name.endswith(".schema.json")
    }
    assert listed == shipped


def test_readme_gives_exactly_two_setup_commands() -> None:
    blocks = [t.content.strip() for t in _section("Try it") if t.type == "fence"]
    assert blocks == [
        "python3 -m venv .venv && .venv/bin/pip install -q . && .venv/bin/advisor ask",
        "python3 -m venv .venv && .venv/bin/pip install -q -e '.[test,dev]'"
        " && .venv/bin/python -m pytest",
    ]
