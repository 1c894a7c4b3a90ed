"""What the fast paths import: the modules that draw must not load where nothing is drawn.

Start-up is this tool's performance (``benchmarks/startup.py`` measures it; tests never time
anything). These tests run the installed ``advisor`` under ``python -X importtime`` and read
which modules really loaded, so a stray module-level import anywhere in the chain shows up
here even where ruff's TID253 (which sees one file at a time) cannot.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from selfhost_advisor.advice.questions import BY_ID

ALL_FLAGS = ["--data", "mixed", "--control", "none", "--volume", "modest", "--ops", "none"]
# Drawing and prompting libraries, Typer's Rich help, and what Typer >= 0.26 would bring.
HEAVY = ("questionary", "prompt_toolkit", "rich", "pydantic", "typer.rich_utils")
# The API price data (`advisor cost --api-model` alone): it brings pydantic and an HTTP client.
PRICE_DATA = ("genai_prices", "pydantic", "pydantic_core", "httpx2", "httpx")
# Other commands' and other outputs' modules: declaring `advisor cost` on every run must not
# load its arithmetic or presets, and JSON must not load the card, the record or the prompts.
OTHERS = (
    "selfhost_advisor.cost.model",
    "selfhost_advisor.cost.inputs",
    "selfhost_advisor.ui.cost_report",
    "selfhost_advisor.ui.cost_estimate",
    "selfhost_advisor.ui.cost_render",
    "selfhost_advisor.ui.adr",
    "selfhost_advisor.ui.render",
    "selfhost_advisor.ui.prompts",
    "selfhost_advisor.ui.api_prices",
    "selfhost_advisor.ui.cost_presets",
)


# Standard-library modules that cost a run of the fast paths most of its time over a bare
# interpreter: dataclasses alone loads inspect, ast, dis and tokenize; pathlib loads
# urllib.parse and ipaddress (docs/performance.md).
HEAVY_STDLIB = (
    "dataclasses",
    "inspect",
    "pathlib",
    "typing",
    "string",
    "fractions",
    "decimal",
    "datetime",
)


def _advisor() -> str:
    script = Path(sys.executable).parent / "advisor"
    assert script.is_file(), f"install the package into this venv first: {script}"
    return str(script)


def _run(*args: str, env: dict[str, str] | None = None) -> tuple[list[tuple[int, str]], str]:
    """Each module one run of ``advisor args`` imported, with its depth in the import tree, in
    ``-X importtime``'s order (a module's own imports are listed just before it); and stdout."""
    process = subprocess.run(
        [sys.executable, "-X", "importtime", _advisor(), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "COLUMNS": "100", **(env or {})},
        check=False,
    )
    assert process.returncode == 0, process.stderr[-2000:]
    tree = []
    for line in process.stderr.splitlines():
        # "import time:   self [us] | cumulative | imported package"
        if line.startswith("import time:") and "|" in line:
            column = line.rsplit("|", 1)[1]
            name = column.strip()
            if name != "imported package":
                tree.append(((len(column) - len(column.lstrip()) - 1) // 2, name))
    return tree, process.stdout


def _imports(*args: str, env: dict[str, str] | None = None) -> tuple[set[str], str]:
    """The modules one run of ``advisor args`` imported, and its stdout."""
    tree, stdout = _run(*args, env=env)
    return {name for _depth, name in tree}, stdout


def _tree(*args: str, env: dict[str, str] | None = None) -> list[tuple[int, str]]:
    """The import tree of one run of ``advisor args`` that answered (see :func:`_run`)."""
    tree, stdout = _run(*args, env=env)
    assert stdout.strip(), "the request was not answered"
    return tree


def _outside(tree: list[tuple[int, str]], parent: str) -> set[str]:
    """The modules of ``tree`` that ``parent`` did not import, directly or through others."""
    kept: set[str] = set()
    under: int | None = None  # the depth of the `parent` entry whose imports are being skipped
    for depth, name in reversed(tree):
        if under is not None and depth > under:
            continue
        under = depth if name == parent else None
        if under is None:
            kept.add(name)
    return kept


def _heavy(modules: set[str]) -> list[str]:
    return sorted(
        name
        for name in modules
        for heavy in HEAVY + PRICE_DATA + OTHERS
        if name == heavy or name.startswith(heavy + ".")
    )


def test_ask_json_with_every_answer_imports_nothing_that_draws() -> None:
    modules, stdout = _imports("ask", *ALL_FLAGS, "--json")
    assert json.loads(stdout)["recommendation"]["id"] in {"api", "self-host", "hybrid"}
    assert _heavy(modules) == []


def test_list_json_imports_nothing_that_draws() -> None:
    modules, stdout = _imports("list", "--json")
    assert len(json.loads(stdout)["options"]) == 3
    assert _heavy(modules) == []


def test_shell_completion_imports_nothing_that_draws() -> None:
    # Typer's bash protocol: the words typed so far and the index of the one being completed.
    env = {
        "_ADVISOR_COMPLETE": "complete_bash",
        "COMP_WORDS": "advisor ask --volume ",
        "COMP_CWORD": "3",
    }
    modules, stdout = _imports(env=env)
    assert stdout.split() == list(BY_ID["volume"].values)
    assert _heavy(modules) == []


# The two requests the launcher answers before Typer loads (selfhost_advisor/cli/fast.py).
FAST_PATHS = {
    "ask --json": (["ask", *ALL_FLAGS, "--json", "--lang", "es"], {}),
    "completion": (
        [],
        {
            "_ADVISOR_COMPLETE": "complete_bash",
            "COMP_WORDS": "advisor ask --ops ",
            "COMP_CWORD": "3",
        },
    ),
}


@pytest.mark.parametrize("path", FAST_PATHS)
def test_the_fast_paths_load_neither_click_nor_typer(path: str) -> None:
    args, env = FAST_PATHS[path]
    modules, stdout = _imports(*args, env=env)
    assert stdout.strip(), "the request was not answered"
    loaded = sorted(m for m in modules if m.split(".")[0] in ("click", "typer"))
    assert loaded == [], f"{path} loaded the command-line parser: {loaded[:5]}"
    assert _heavy(modules) == []


@pytest.mark.parametrize("path", FAST_PATHS)
def test_the_fast_paths_load_no_heavy_standard_library(path: str) -> None:
    # In a source checkout the catalog is parsed, and tomllib imports typing, string and
    # datetime for itself; the wheel imports the built catalog instead and loads none of them
    # (tests/test_installed_wheel.py and .ci/run check the wheel's whole list).
    args, env = FAST_PATHS[path]
    modules = _outside(_tree(*args, env=env), "tomllib")
    loaded = sorted(set(HEAVY_STDLIB) & modules)
    assert loaded == [], f"{path} loaded {loaded}: see docs/performance.md"
    assert "selfhost_advisor.cli.fast" in modules  # the tree was read


def test_completion_loads_no_catalog_and_no_decision() -> None:
    _, env = FAST_PATHS["completion"]
    modules, stdout = _imports(env=env)
    assert stdout.split() == list(BY_ID["ops"].values)
    assert {"selfhost_advisor.i18n.catalogs", "selfhost_advisor.advice.decision"} & modules == set()


def test_the_fast_path_switch_hands_ask_json_to_typer() -> None:
    # The other side: with the test switch the same request loads Click, so the guard above
    # would see it if the fast path fell through.
    modules, _ = _imports("ask", *ALL_FLAGS, "--json", env={"_ADVISOR_NO_FAST_PATH": "1"})
    assert "click" in modules


@pytest.mark.parametrize("args", [["--help"], ["ask", "--help"]])
def test_help_is_drawn_without_rich(args: list[str]) -> None:
    modules, stdout = _imports(*args)
    assert "Usage: advisor" in stdout
    assert _heavy(modules) == []


def test_the_card_does_load_rich() -> None:
    # The other side of the guard: proof that this way of reading imports sees Rich at all.
    modules, stdout = _imports("list")
    assert "Call a hosted API" in stdout
    assert "rich.console" in modules
    assert "questionary" not in modules  # nothing is asked when listing the options


@pytest.mark.parametrize(
    "args",
    [
        ["list"],
        ["ask", "--data", "mixed", "--control", "part", "--volume", "high-steady", "--ops", "none"],
    ],
)
def test_lists_and_cards_draw_their_marked_lines_without_rich_tables(args: list[str]) -> None:
    # rich.table loads fractions and with it decimal: widgets.Marked draws the marked lines,
    # so only the layouts that need a real table (120 columns and wider) load it.
    modules, stdout = _imports(*args)
    assert "rich.console" in modules
    assert stdout.strip()
    assert sorted({"rich.table", "fractions", "decimal"} & modules) == []
    wide, _stdout = _imports(*args, env={"COLUMNS": "130"})
    assert "rich.table" in wide


# Runs a snippet with an audit hook that notes every file opened, and prints them at exit.
_OPENS = """
import atexit, sys
opened = []
sys.addaudithook(lambda event, args: opened.append(str(args[0])) if event == "open" else None)
atexit.register(lambda: print("\\n".join(["--opened--", *opened]), file=sys.stderr))
"""


def _opened(snippet: str, env: dict[str, str] | None = None) -> tuple[list[str], str, str]:
    """The files a snippet opened (besides Python's own modules), its stdout and stderr."""
    process = subprocess.run(
        [sys.executable, "-c", _OPENS + textwrap.dedent(snippet)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "COLUMNS": "100", **(env or {})},
        check=False,
    )
    err, _, listing = process.stderr.partition("--opened--\n")
    opened = [
        name
        for name in listing.splitlines()
        if not name.endswith((".py", ".pyc", ".so")) and not os.path.isdir(name)
    ]
    return opened, process.stdout, err


def test_importing_the_cli_reads_nothing_and_changes_nothing_in_click() -> None:
    # argv asks for Spanish: importing must not look at it, nor word Click's messages with it.
    opened, stdout, err = _opened(
        """
        import gettext, sys
        sys.argv = ["advisor", "--lang", "es", "--help"]
        from selfhost_advisor.cli import app, group, run
        import click.core, typer.core
        print(click.core._ is gettext.gettext, typer.core._ is gettext.gettext)
        """,
        env={"LANG": "es_ES.UTF-8"},
    )
    assert stdout.split() == ["True", "True"], err
    assert opened == []


def test_ask_json_reads_no_cost_file() -> None:
    opened, stdout, err = _opened(
        f"""
        import sys
        sys.argv = ["advisor", "ask", *{ALL_FLAGS!r}, "--json"]
        from selfhost_advisor.launcher import main
        main()
        """
    )
    assert json.loads(stdout)["recommendation"]["id"] in {"api", "self-host", "hybrid"}, err
    assert [name for name in opened if "presets" in name or "/cost/" in name] == []
    assert [Path(name).name for name in opened if name.endswith(".toml")] == ["en.toml"]


def test_the_stream_contract_loads_neither_typer_nor_click() -> None:
    # A launcher-level fast path for `ask --json` (no Typer) must answer with the same inputs,
    # decision, document, writers and exit codes as the command line.
    code = (
        "import sys\nimport selfhost_advisor.ui.output, selfhost_advisor.ui.ask_inputs\n"
        "import selfhost_advisor.ui.report, selfhost_advisor.advice.decision\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('click', 'typer')))"
    )
    process = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert process.stdout.strip() == "[]"


def test_the_price_data_loads_only_for_api_model() -> None:
    base = ["cost", "--preset", "h100-8b", "--input-tokens", "1B", "--output-tokens", "1B"]
    modules, _ = _imports(
        *base, "--api-input-price", "1", "--api-output-price", "1", "--ops-monthly", "0", "--json"
    )
    assert not [m for m in modules if m.split(".")[0] in PRICE_DATA]
    modules, out = _imports(
        *base, "--api-model", "openai:gpt-4o-mini", "--ops-monthly", "0", "--json"
    )
    assert "genai_prices" in modules
    assert '"api_input_price": 0.15' in out
