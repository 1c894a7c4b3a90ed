"""Click's and Typer's own words (help headings, usage errors) in the user's language.

Click words its help and usage errors through gettext (``_`` and ``ngettext`` bound in each
module). These are the messages a user of this app can meet; for any language other than
English they come from the catalog's ``[click]`` table. Rebinding a module global costs nothing
at start-up, unlike shipping .mo files or importing Typer's rich_utils.
"""

from __future__ import annotations

import sys
from types import ModuleType
from typing import Any

import click
import typer.core

from selfhost_advisor.i18n import catalogs as i18n

_CLICK_MESSAGES = {
    "Usage:": "click.usage",
    "Options": "click.options",
    "Commands": "click.commands",
    "Arguments": "click.arguments",
    "Show this message and exit.": "click.help_option",
    "No such option {name!r}.": "click.no_such_option",
    "No such command {name!r}.": "click.no_such_command",
    "Did you mean {possibility}?": "click.did_you_mean",
    "(Did you mean one of: {possibilities}?)": "click.did_you_mean_any",
    "Option {name!r} requires an argument.": "click.requires_argument",
    "Option {name!r} does not take a value.": "click.takes_no_value",
    "Missing command.": "click.missing_command",
    "Got unexpected extra argument ({args})": "click.extra_argument",
    "Got unexpected extra arguments ({args})": "click.extra_arguments",
}
# Placeholders on help pages that are words; TOKENS, USD and N read the same in Spanish.
_METAVARS = {
    "VALUE": "click.metavars.value",
    "FILE": "click.metavars.file",
    "CODE": "click.metavars.code",
    "NAME": "click.metavars.name",
    "SHARE": "click.metavars.share",
    "YYYY-MM-DD": "click.metavars.date",
}
_COMPLETION_HELP = {
    "install_completion": "help.install_completion",
    "show_completion": "help.show_completion",
}


# Click's own gettext functions, kept the first time they are replaced: a later run in the
# same process (the tests run many) may be in English again.
_ORIGINALS: dict[tuple[ModuleType, str], object] = {}


def _modules() -> list[tuple[ModuleType, str]]:
    # typer.core too: with Click's plain help, Typer titles the Options section itself.
    words = [click.core, click.decorators, click.formatting, click.exceptions, click.parser]
    words.append(typer.core)
    return [(m, "_") for m in words] + [
        (m, "ngettext") for m in (click.core, click.exceptions, click.parser)
    ]


def install(catalog: i18n.Catalog) -> None:
    """Word Click's messages from ``catalog`` for this process (Click's own for English)."""
    for module, name in _modules():
        _ORIGINALS.setdefault((module, name), getattr(module, name))
        setattr(module, name, _ORIGINALS[(module, name)])
    if catalog.code == i18n.SOURCE_LANGUAGE:
        return

    def gettext(message: str) -> str:
        key = _CLICK_MESSAGES.get(message)
        return catalog.text(key) if key is not None and key in catalog.strings else message

    def ngettext(singular: str, plural: str, count: int) -> str:
        return gettext(singular if count == 1 else plural)

    for module, name in _modules():
        setattr(module, name, gettext if name == "_" else ngettext)


def word_help(command: click.Command, argv: list[str], catalog: i18n.Catalog) -> None:
    """Word the parts of a help page that Typer owns, when this run may draw one."""
    if catalog.code == i18n.SOURCE_LANGUAGE or not catalog.strings:
        return
    for param in command.params:
        if param.name in _COMPLETION_HELP and isinstance(param, click.Option):
            param.help = catalog.text(_COMPLETION_HELP[param.name])
            if param.name == "install_completion":
                param.callback = _install_completion(catalog)
            else:
                param.callback = _show_completion(catalog, param.callback)
    if argv and not any(arg in ("-h", "--help") for arg in argv):
        return
    subcommands = command.commands.values() if isinstance(command, click.Group) else []
    for each in [command, *subcommands]:
        if each.options_metavar:
            each.options_metavar = catalog.text("click.metavars.options")
        if isinstance(each, click.Group):
            each.subcommand_metavar = catalog.text("click.metavars.command")
        for param in each.params:
            metavar_key = _METAVARS.get(param.metavar or "")
            if metavar_key is not None:
                param.metavar = catalog.text(metavar_key)


# The shells Typer installs completion for (typer._completion_shared.install).
_SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")


def _shell(value: object, catalog: i18n.Catalog) -> str:
    """The shell asked for or detected; one worded line and exit 1 for one Typer does not know."""
    from typer._completion_shared import _get_shell_name

    shell = value if isinstance(value, str) else _get_shell_name()
    if shell not in _SHELLS:
        click.echo(catalog.text("click.completion_unsupported", shell=shell or "?"), err=True)
        raise click.exceptions.Exit(1)
    return shell


def _install_completion(catalog: i18n.Catalog) -> Any:
    """Typer's ``--install-completion`` with its two lines in the user's language."""

    def install(ctx: click.Context, param: click.Parameter, value: object) -> object:
        if not value or ctx.resilient_parsing:
            return value
        from typer._completion_shared import install as install_for

        shell, path = install_for(shell=_shell(value, catalog))
        click.secho(catalog.text("click.completion_installed", shell=shell, path=path), fg="green")
        click.echo(catalog.text("click.completion_restart"))
        sys.exit(0)

    return install


def _show_completion(catalog: i18n.Catalog, typer_callback: Any) -> Any:
    """Typer's ``--show-completion`` (the script is code), refusing an unknown shell in words."""

    def show(ctx: click.Context, param: click.Parameter, value: object) -> object:
        if value and not ctx.resilient_parsing:
            _shell(value, catalog)
        return typer_callback(ctx, param, value)

    return show
