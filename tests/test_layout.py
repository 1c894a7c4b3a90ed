"""The shape issue 10 asked for, kept: a command line that only dispatches; packages that say so.

A module under ``selfhost_advisor/cli/`` over 250 lines, or a command function over 25, is a
sign that something other than parsing and dispatching has moved back into the command line.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import selfhost_advisor

PACKAGE = Path(selfhost_advisor.__file__).resolve().parent
CLI_MODULES = sorted((PACKAGE / "cli").glob("*.py"))
PACKAGES = sorted(p.parent for p in PACKAGE.glob("*/__init__.py"))


@pytest.mark.parametrize("module", CLI_MODULES, ids=lambda p: p.name)
def test_every_cli_module_is_under_250_lines(module: Path) -> None:
    assert len(module.read_text("utf-8").splitlines()) < 250


def _commands() -> list[ast.FunctionDef]:
    tree = ast.parse((PACKAGE / "cli" / "app.py").read_text("utf-8"))
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef)
        and any(
            isinstance(d, ast.Call)
            and isinstance(d.func, ast.Attribute)
            and d.func.attr in ("command", "callback")
            for d in node.decorator_list
        )
    ]


def test_the_commands_are_found() -> None:
    # The length check below means nothing if the scan finds no command.
    names = {f.name for f in _commands()}
    assert {"ask", "cost"} <= names, names


@pytest.mark.parametrize("command", _commands(), ids=lambda f: f.name)
def test_no_command_function_is_longer_than_25_lines(command: ast.FunctionDef) -> None:
    assert command.end_lineno is not None
    assert command.end_lineno - command.lineno + 1 <= 25


@pytest.mark.parametrize("package", PACKAGES, ids=lambda p: p.name)
def test_every_package_says_what_it_owns(package: Path) -> None:
    docstring = ast.get_docstring(ast.parse((package / "__init__.py").read_text("utf-8")))
    assert docstring, f"{package.name}/__init__.py has no docstring"
