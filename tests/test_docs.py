"""The docs say what the code does: every checkable fact in README.md and docs/ is checked here.

The README's two set-up commands (and that CI runs the test one), the exit codes table against
``errors.ExitCode``, docs/json.md's field tables against the shipped JSON Schemas, docs/usage.md's
flags against each command's ``--help``, every ``console`` session against its command's real
output, and every link between the docs.
"""

from __future__ import annotations

import ast
import io
import json
import os
import re
import shlex
import subprocess
import sys
import tokenize
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from selfhost_advisor.errors import ExitCode

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
DOCS = sorted((ROOT / "docs").glob("*.md"))
ELIDED = "…"  # a line of its own in a console block: lines of the real output left out


@cache
def _tokens(path: Path) -> list[Token]:
    return MarkdownIt("commonmark").enable("table").parse(path.read_text(encoding="utf-8"))


def _section(path: Path, title: str) -> list[Token]:
    """The tokens under the heading ``title``, up to the next heading of its level or higher."""
    tokens = _tokens(path)
    found = [
        i
        for i, token in enumerate(tokens)
        if token.type == "inline"
        and token.content == title
        and tokens[i - 1].type == "heading_open"
    ]
    assert found, f"{path.name} has no heading {title!r}"
    start = found[0]
    level = tokens[start - 1].tag
    end = next(
        (
            i
            for i in range(start + 1, len(tokens))
            if tokens[i].type == "heading_open" and tokens[i].tag <= level
        ),
        len(tokens),
    )
    return tokens[start:end]


def _headings(path: Path) -> list[str]:
    tokens = _tokens(path)
    return [
        token.content
        for i, token in enumerate(tokens)
        if token.type == "inline" and i > 0 and tokens[i - 1].type == "heading_open"
    ]


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


def _code_spans(cell: str) -> list[str]:
    return re.findall(r"`([^`]+)`", cell)


def _first_column_codes(table: list[list[str]]) -> list[str]:
    return [row[0].strip("`") for row in table[1:]]


# --- README: the two set-up commands, and CI runs the test one --------------------------------

SET_UP_AND_ASK = "python3 -m venv .venv && .venv/bin/pip install -q . && .venv/bin/advisor ask"
SET_UP_AND_TEST = (
    "python3 -m venv .venv && .venv/bin/pip install -q -e '.[test,dev]'"
    " && .venv/bin/python -m pytest"
)


def test_readme_gives_exactly_two_setup_commands() -> None:
    blocks = [t.content.strip() for t in _section(README, "Try it") if t.type == "fence"]
    assert blocks == [SET_UP_AND_ASK, SET_UP_AND_TEST]


def test_the_setup_commands_are_the_first_code_a_reader_meets() -> None:
    first = next(t for t in _tokens(README) if t.type in ("fence", "code_block"))
    assert first.content.strip() == SET_UP_AND_ASK


def test_ci_runs_the_readmes_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    commands = [line.strip() for line in ci.splitlines() if not line.lstrip().startswith("#")]
    assert SET_UP_AND_TEST in commands


# --- Exit codes -----------------------------------------------------------------------------


def test_exit_code_table_matches_the_code() -> None:
    (table,) = _tables(_section(README, "Exit codes"))
    assert all(len(row) == 2 for row in table), "a row has a stray | (escape it as \\|)"
    assert [int(code) for code in _first_column_codes(table)] == [int(c) for c in ExitCode]


# --- docs/json.md against the JSON Schemas --------------------------------------------------

JSON_DOC = ROOT / "docs" / "json.md"


def _schema(name: str) -> dict[str, Any]:
    text = resources.files("selfhost_advisor").joinpath(f"schema/{name}.schema.json").read_text()
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def _shipped_schemas() -> list[str]:
    return sorted(
        entry.name.removesuffix(".schema.json")
        for entry in resources.files("selfhost_advisor").joinpath("schema").iterdir()
        if entry.name.endswith(".schema.json")
    )


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """``node`` with a local ``$ref`` followed (its own keywords win over the target's)."""
    while "$ref" in node:
        target: Any = schema
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        own = {k: v for k, v in node.items() if k != "$ref"}
        merged = {**target, **own}
        if "properties" in target and "properties" in own:  # both apply: a union of fields
            merged["properties"] = {**target["properties"], **own["properties"]}
        node = merged
    return node


def _members(schema: dict[str, Any], node: dict[str, Any]) -> list[str] | None:
    """The fields of the object ``node`` holds (or of a list's items); None if no object."""
    node = _resolve(schema, node)
    if "properties" in node and node.get("type", "object") == "object":
        return list(node["properties"])
    if node.get("type") == "array":
        items = node.get("items")
        if items is False or items is None:
            items = node["prefixItems"][0]
        return _members(schema, items)
    return None


def _type_words(schema: dict[str, Any], node: dict[str, Any]) -> str:
    """How the Type column names a field's type: `1`, string, list, number or null, ..."""
    node = _resolve(schema, node)
    if "const" in node:
        return f"`{node['const']}`"
    if "enum" in node:
        kinds = {type(value).__name__ for value in node["enum"]}
        assert kinds == {"str"}, node
        return "string"
    types = node["type"] if isinstance(node["type"], list) else [node["type"]]
    return " or ".join({"array": "list"}.get(t, t) for t in types)


def test_every_shipped_schema_is_listed() -> None:
    listed = {row[1].strip("`") for row in _tables(_section(JSON_DOC, "JSON output"))[0][1:]}
    assert listed == {f"selfhost_advisor/schema/{n}.schema.json" for n in _shipped_schemas()}


def test_every_shipped_schema_has_a_section() -> None:
    documented = sorted(
        m.group(1) for h in _headings(JSON_DOC) if (m := re.fullmatch(r"advisor (\w+) --json", h))
    )
    assert documented == _shipped_schemas()


@pytest.mark.parametrize("name", _shipped_schemas())
def test_json_field_table_matches_the_schema(name: str) -> None:
    schema = _schema(name)
    tables = [
        t for t in _tables(_section(JSON_DOC, f"advisor {name} --json")) if t[0][0] == "Field"
    ]
    assert len(tables) == 1, f"one field table for {name}"
    (table,) = tables
    assert table[0] == ["Field", "Type", "Meaning"]
    properties: dict[str, Any] = schema["properties"]
    # Every field documented, in the schema's order, and nothing the schema lacks.
    assert _first_column_codes(table) == list(properties)
    for field, type_words, meaning in table[1:]:
        node = properties[field.strip("`")]
        assert type_words == _type_words(schema, node), field
        members = _members(schema, node)
        braces = re.search(r"`\{([^}`]*)\}`", meaning)
        if members is None:
            continue
        assert braces, f"{name}: {field} holds objects; its row names their fields as `{{...}}`"
        assert [m.strip() for m in braces.group(1).split(",")] == members, f"{name}: {field}"


# --- docs/usage.md against each command's --help --------------------------------------------

USAGE_DOC = ROOT / "docs" / "usage.md"
COMMANDS = ["", "ask", "list", "cost", "languages"]


@dataclass(frozen=True)
class HelpOption:
    flag: str
    choices: tuple[str, ...] | None  # from a `{a,b,c}` metavar


def _advisor(
    args: list[str], env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "selfhost_advisor", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )


def _help_options(command: str) -> dict[str, HelpOption]:
    result = _advisor([*command.split(), "--help"])
    assert result.returncode == 0, result.stderr
    options: dict[str, HelpOption] = {}
    # Option lines are indented two spaces; wrapped descriptions are indented much further.
    for match in re.finditer(r"^  (?:-\w, )?(--[a-z][\w-]*)(?: (\S+))?", result.stdout, re.M):
        flag, metavar = match.groups()
        choices = None
        if metavar and metavar.startswith("{"):
            choices = tuple(metavar.strip("{}").split(","))
        options[flag] = HelpOption(flag, choices)
    options.pop("--help")
    return options


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c or "advisor")
def test_usage_lists_exactly_the_flags_help_offers(command: str) -> None:
    offered = _help_options(command)
    heading = f"advisor {command}".strip()
    documented: dict[str, list[str]] = {}
    for table in _tables(_section(USAGE_DOC, heading)):
        assert table[0][0] == "Flag", f"{heading}: a table whose first column is not Flag"
        for row in table[1:]:
            flags = [span.split()[0] for span in _code_spans(row[0])]
            for flag in flags:
                assert flag not in documented, f"{heading}: {flag} listed twice"
                documented[flag] = row
    assert sorted(documented) == sorted(offered), heading
    # Where --help names the values a flag takes, the table's last column names the same.
    for flag, option in offered.items():
        if option.choices is not None:
            assert tuple(_code_spans(documented[flag][-1])) == option.choices, flag


# --- console sessions against the real output -----------------------------------------------


@dataclass(frozen=True)
class Session:
    doc: str
    command: str
    shown: tuple[str, ...]


def _sessions() -> list[Session]:
    sessions: list[Session] = []
    for path in [README, *DOCS]:
        for token in _tokens(path):
            if token.type != "fence" or token.info.strip() != "console":
                continue
            lines = token.content.rstrip("\n").split("\n")
            assert lines[0].startswith("$ "), f"{path.name}: a console block starts with $"
            command: list[str] = []
            shown: list[str] = []
            continued = False
            for line in lines:
                if continued or line.startswith("$ "):
                    if line.startswith("$ ") and command and not continued:
                        sessions.append(Session(path.name, " ".join(command), tuple(shown)))
                        command, shown = [], []
                    part = line.removeprefix("$ ").strip()
                    continued = part.endswith("\\")
                    command.append(part.removesuffix("\\").strip())
                else:
                    shown.append(line)
            sessions.append(Session(path.name, " ".join(command), tuple(shown)))
    return sessions


def _shown_in(shown: tuple[str, ...], output: list[str]) -> str | None:
    """Why ``shown`` is not what ``output`` holds, or None when it is.

    Runs of lines between ``…`` lines must appear in the output in order, each contiguous; the
    first run starts the output unless ``…`` comes before it, the last ends it unless ``…``
    comes after it.
    """
    runs: list[list[str]] = [[]]
    for line in shown:
        if line == ELIDED:
            runs.append([])
        else:
            runs[-1].append(line.rstrip())
    at = 0
    for index, run in enumerate(runs):
        if not run:
            continue
        first, last = index == 0, index == len(runs) - 1
        starts = [
            s for s in range(at, len(output) - len(run) + 1) if output[s : s + len(run)] == run
        ]
        if first:
            starts = [s for s in starts if s == 0]
        if last:
            starts = [s for s in starts if s + len(run) == len(output)]
        if not starts:
            return f"not in the output (in order) from line {at + 1}: {run[0]!r} ..."
        at = starts[0] + len(run)
    return None


def test_sessions_are_found() -> None:
    docs = {session.doc for session in _sessions()}
    assert {"README.md", "usage.md", "cost-model.md"} <= docs


@pytest.mark.parametrize("session", _sessions(), ids=lambda s: f"{s.doc}: {s.command[:50]}")
def test_console_session_shows_the_real_output(session: Session) -> None:
    words = shlex.split(session.command)
    env = {**os.environ, "COLUMNS": "80"}
    while "=" in words[0]:
        name, value = words.pop(0).split("=", 1)
        env[name] = value
    assert words[0] == "advisor", f"a session runs advisor, not {words[0]}"
    result = _advisor(words[1:], env)
    output = [line.rstrip() for line in (result.stdout + result.stderr).splitlines()]
    problem = _shown_in(session.shown, output)
    assert problem is None, f"{session.doc}: $ {session.command}\n{problem}"


def test_an_excerpt_must_match_in_order() -> None:
    output = ["a", "b", "c", "d"]
    assert _shown_in(("a", "b", ELIDED, "d"), output) is None
    assert _shown_in((ELIDED, "c", ELIDED), output) is None
    assert _shown_in(("b", ELIDED), output) is not None  # the first run starts the output
    assert _shown_in((ELIDED, "c"), output) is not None  # the last run ends it
    assert _shown_in(("a", ELIDED, "d", ELIDED, "c", ELIDED), output) is not None
    assert _shown_in(("a", "c", ELIDED), output) is not None  # a run is contiguous


# --- links -----------------------------------------------------------------------------------


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"[^\w\- ]", "", heading.lower().replace("`", ""))
    return text.replace(" ", "-")


def _links(path: Path) -> list[str]:
    return [
        str(token.attrGet("href"))
        for block in _tokens(path)
        for token in (block.children or [])
        if token.type == "link_open"
    ]


@pytest.mark.parametrize("path", [README, *DOCS], ids=lambda p: p.name)
def test_links_between_the_docs_resolve(path: Path) -> None:
    for href in _links(path):
        if re.match(r"[a-z]+:", href):
            continue  # a web page
        target_name, _, anchor = href.partition("#")
        target = (path.parent / target_name).resolve() if target_name else path
        assert target.exists(), f"{path.name}: {href} names a file that does not exist"
        if anchor:
            slugs = {_slug(h) for h in _headings(target)}
            assert anchor in slugs, f"{path.name}: {href}: no such heading in {target.name}"


def test_readme_links_every_doc() -> None:
    linked = {(README.parent / href.partition("#")[0]).resolve() for href in _links(README)}
    assert set(DOCS) <= linked


# --- measured figures live in docs/performance.md, not in code comments ---------------------

# A duration or a ratio to a bare interpreter: "about 15 ms", "6.2x", "9x to 15x".
MEASURED = re.compile(r"\b\d+(?:\.\d+)?\s?(?:ms|milliseconds?)\b|\b\d+(?:\.\d+)?x\b")


def _commentary(path: Path) -> list[tuple[int, str]]:
    """The comments and docstrings of a Python file, or the comments of a TOML file."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".toml":
        return [
            (n, line.split("#", 1)[1]) for n, line in enumerate(text.splitlines(), 1) if "#" in line
        ]
    found = [
        (token.start[0], token.string)
        for token in tokenize.generate_tokens(io.StringIO(text).readline)
        if token.type == tokenize.COMMENT
    ]
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            docstring = ast.get_docstring(node, clean=False)
            if docstring:
                found.append((node.body[0].lineno, docstring))
    return found


def test_measured_figures_are_in_performance_md_not_in_comments() -> None:
    package, benchmarks = ROOT / "selfhost_advisor", ROOT / "benchmarks"
    files = [*package.rglob("*.py"), *package.rglob("*.toml"), *benchmarks.rglob("*.py")]
    stale = [
        f"{path.relative_to(ROOT)}:{line}: {match.group()}"
        for path in [*files, ROOT / "pyproject.toml"]
        for line, text in _commentary(path)
        for match in MEASURED.finditer(text)
    ]
    assert stale == [], "move these figures to docs/performance.md and point there"
