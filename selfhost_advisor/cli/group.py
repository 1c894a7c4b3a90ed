"""Click plumbing: the root group, and subcommands built by Typer only when they are looked up.

Commands are declared in :mod:`selfhost_advisor.cli.app` with catalog keys (``help.ask``) where
the help text goes; :func:`build` makes the Click group for one run and words each command
from that run's catalog as it is built, so declaring the commands reads nothing.
"""

from __future__ import annotations

import copy
import sys
from collections.abc import Callable, Iterator, Mapping, MutableMapping, Sequence
from contextlib import contextmanager
from typing import Any

import click
import typer
from typer.core import TyperGroup

from selfhost_advisor.i18n.catalogs import Catalog
from selfhost_advisor.ui.output import Interrupted, ReaderGone

HELP_KEYS = "help."  # a help text that starts so is a catalog key, worded at build time
Dress = Callable[[click.Command], None]


@contextmanager
def _reader_gone_is_not_an_os_error() -> Iterator[None]:
    # Click turns a broken pipe into exit 1 on its own; carried past it, run() can give the
    # documented 141, as a shell reports a process that SIGPIPE ended. Typer turns a
    # KeyboardInterrupt (and so SIGTERM and SIGHUP, see errors.Stopped) into a silent 130;
    # carried past it, run() says what happened in one line, with the signal's own code.
    try:
        yield
    except BrokenPipeError as error:
        raise ReaderGone from error
    except KeyboardInterrupt as interrupt:
        raise Interrupted(interrupt) from interrupt


class Advisor(TyperGroup):
    """The root command: run standalone (``app()``, a test's ``CliRunner``), it goes through
    :func:`~selfhost_advisor.cli.run.run`, so every way in maps failures to the same stderr
    line and exit code."""

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        # Eager options (--version, --help) write while the context is made.
        with _reader_gone_is_not_an_os_error():
            return super().make_context(info_name, args, parent, **extra)

    def invoke(self, ctx: click.Context) -> Any:
        with _reader_gone_is_not_an_os_error():
            return super().invoke(ctx)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # The help page lists each command with its one-line help: Click looks each one up, and
        # building one through Typer makes all its options. A summary has what the line needs.
        commands = self.commands
        if not isinstance(commands, Commands):
            super().format_commands(ctx, formatter)
            return
        with commands.summaries():
            super().format_commands(ctx, formatter)

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        if standalone_mode:
            from selfhost_advisor.cli.run import run  # run() builds the group it runs

            sys.exit(run(None if args is None else list(args)))
        return super().main(
            args, prog_name, complete_var, standalone_mode, windows_expand_args, **extra
        )


class Commands(MutableMapping[str, click.Command]):
    """The subcommands by name, each built by Typer the first time it is looked up.

    Typer builds every command's Click options on every run (inspecting signatures, making
    parameters); one run needs one command, so ``advisor ask --json`` and completion do not
    pay for ``cost`` and the rest. Help pages and "did you mean" still see every name.
    """

    def __init__(self, app: typer.Typer, dress: Dress) -> None:
        self._app = app
        self._dress = dress
        self._infos = {
            info.name or typer.main.get_command_name(info.callback.__name__): info
            for info in app.registered_commands
            if info.callback is not None
        }
        self._built: dict[str, click.Command] = {}
        self._summarising = False

    @contextmanager
    def summaries(self) -> Iterator[None]:
        """Inside, a command not yet built is looked up as its summary: its name and help
        texts, no options (all a list of commands shows), and it stays unbuilt."""
        self._summarising = True
        try:
            yield
        finally:
            self._summarising = False

    def _summary(self, name: str) -> click.Command:
        info = self._infos[name]
        command = click.Command(
            name,
            help=info.help,
            short_help=info.short_help,
            hidden=info.hidden,
            deprecated=info.deprecated,
        )
        self._dress(command)
        return command

    def __getitem__(self, name: str) -> click.Command:
        if self._summarising and name not in self._built:
            return self._summary(name)
        if name not in self._built:
            command = typer.main.get_command_from_info(
                self._infos[name],
                pretty_exceptions_short=self._app.pretty_exceptions_short,
                rich_markup_mode=self._app.rich_markup_mode,
            )
            self._dress(command)
            self._built[name] = command
        return self._built[name]

    def __contains__(self, name: object) -> bool:
        return name in self._infos or name in self._built

    def __setitem__(self, name: str, command: click.Command) -> None:
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        self._infos.pop(name, None)
        self._built.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter({**dict.fromkeys(self._infos), **dict.fromkeys(self._built)})

    def __len__(self) -> int:
        return len(self._infos.keys() | self._built.keys())


def words(
    catalog: Catalog,
    metavars: Mapping[str, Callable[[], str]],
    more_help: Mapping[str, Callable[[], str]] | None = None,
) -> Dress:
    """Word a built command from ``catalog``; ``metavars`` give those known only at run time,
    ``more_help`` what follows an option's help (what each of its values means)."""

    def text(key: str | None) -> str | None:
        if key is None or not key.startswith(HELP_KEYS):
            return key
        return catalog.text(key) if key in catalog.strings else ""

    def dress(command: click.Command) -> None:
        command.help = text(command.help)
        for param in command.params:
            if isinstance(param, click.Option):
                param.help = text(param.help)
                if more_help and param.name in more_help:
                    param.help = f"{param.help}\n\n{more_help[param.name]()}"
            if param.name in metavars:
                param.metavar = metavars[param.name]()

    return dress


def build(app: typer.Typer, dress: Dress) -> click.Group:
    """``typer.main.get_command(app)``, with the subcommands built (and dressed) when looked up."""
    root = copy.copy(app)
    root.registered_commands = []  # the root's options and callback, no subcommand yet
    group = typer.main.get_command(root)
    assert isinstance(group, click.Group)
    dress(group)
    group.commands = Commands(app, dress)
    return group
