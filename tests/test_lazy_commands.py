"""The CLI builds each subcommand when it is looked up: the same commands as Typer's own build."""

from __future__ import annotations

import click
import typer

from selfhost_advisor.cli import app as cli


def _signature(command: click.Command) -> list[tuple[str | None, tuple[str, ...], str | None]]:
    return [(p.name, tuple(p.opts), getattr(p, "help", None)) for p in command.params]


def test_lazy_group_has_every_command_typer_builds_and_the_same_options() -> None:
    eager = typer.main.get_command(cli.app)
    lazy = cli._command()
    assert isinstance(eager, click.Group)
    assert isinstance(lazy, click.Group)
    assert list(lazy.commands) == list(eager.commands)
    assert _signature(lazy) == _signature(eager)
    for name, command in eager.commands.items():
        built = lazy.commands[name]
        assert built.name == command.name
        assert built.help == command.help
        assert _signature(built) == _signature(command)


def test_looking_up_one_command_builds_only_that_one() -> None:
    lazy = cli._command()
    assert isinstance(lazy, click.Group)
    commands = lazy.commands
    assert isinstance(commands, cli._Commands)
    assert "cost" in commands
    assert "nope" not in commands
    lazy.get_command(click.Context(lazy), "ask")
    assert list(commands._built) == ["ask"]
    assert lazy.get_command(click.Context(lazy), "nope") is None
