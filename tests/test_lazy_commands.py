"""The CLI builds each subcommand when it is looked up: the same commands as Typer's own build."""

from __future__ import annotations

import click
import typer

from selfhost_advisor.cli import app as cli
from selfhost_advisor.cli import group
from selfhost_advisor.cli.run import command
from selfhost_advisor.i18n import catalogs as i18n


def _signature(command: click.Command) -> list[tuple[str | None, tuple[str, ...], str | None]]:
    return [(p.name, tuple(p.opts), getattr(p, "help", None)) for p in command.params]


def _lazy() -> click.Group:
    # Worded with no metavar known only at run time, so each option compares with Typer's.
    return group.build(cli.app, group.words(i18n.source(), {}))


def test_lazy_group_has_every_command_typer_builds_and_the_same_options() -> None:
    eager = typer.main.get_command(cli.app)
    lazy = _lazy()
    assert isinstance(eager, click.Group)
    assert list(lazy.commands) == list(eager.commands)
    group.words(i18n.source(), {})(eager)
    assert _signature(lazy) == _signature(eager)
    for name, each in eager.commands.items():
        built = lazy.commands[name]
        group.words(i18n.source(), {})(each)
        assert built.name == each.name
        assert built.help == each.help
        assert _signature(built) == _signature(each)


def test_every_help_text_is_worded_from_the_catalog() -> None:
    lazy = command([], i18n.source())
    english = i18n.source()
    assert lazy.help == english.text("help.app")
    for name in lazy.commands:
        built = lazy.commands[name]
        assert built.help == english.text(f"help.{name}")
        for param in built.params:
            if isinstance(param, click.Option) and param.help:
                assert not param.help.startswith("help."), (name, param.name)


def test_the_preset_names_are_read_when_cost_is_built() -> None:
    built = command([], i18n.source()).commands["cost"]
    preset = next(p for p in built.params if p.name == "preset")
    assert preset.metavar == (
        "{h100-8b,h100-qwen3-8b-community,h100-qwen3-8b-gpu-cloud,"
        "h100-qwen3-8b-hyperscaler,h100-qwen3-8b-secure}"
    )


def test_looking_up_one_command_builds_only_that_one() -> None:
    lazy = _lazy()
    commands = lazy.commands
    assert isinstance(commands, group.Commands)
    assert "cost" in commands
    assert "nope" not in commands
    lazy.get_command(click.Context(lazy), "ask")
    assert list(commands._built) == ["ask"]
    assert lazy.get_command(click.Context(lazy), "nope") is None


def test_the_help_page_lists_every_command_as_typer_would_without_building_one() -> None:
    eager = typer.main.get_command(cli.app)
    assert isinstance(eager, click.Group)
    group.words(i18n.source(), {})(eager)
    for each in eager.commands.values():
        group.words(i18n.source(), {})(each)
    lazy = _lazy()
    assert isinstance(lazy.commands, group.Commands)

    def page(command: click.Group) -> str:
        with click.Context(command, info_name="advisor", terminal_width=100) as ctx:
            return command.get_help(ctx)

    shown = page(lazy)
    assert shown == page(eager)
    assert all(f"  {name} " in shown for name in eager.commands)
    assert list(lazy.commands._built) == []
    # A summary is never kept: the command looked up afterwards is the whole one.
    ask = lazy.get_command(click.Context(lazy), "ask")
    assert ask is not None
    assert any(p.name == "data" for p in ask.params)
