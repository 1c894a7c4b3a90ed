"""Running the command line: the one way in, with the stream and exit-code contract.

:func:`run` chooses the language of the help and of Click's own words for this run, builds
the commands, lets Click parse, and turns every outcome into an exit status: 0; 1 (Ctrl-D);
2 (usage); 70 (a bug; the traceback with ``ADVISOR_DEBUG``); 74 (stdout closed or full); 130
(Ctrl-C); 141 (the reader went away). stdout carries only the product; each failure is one
line on stderr (:mod:`selfhost_advisor.ui.output`, which this module adds Click's errors to).
"""

from __future__ import annotations

import os
import sys
from typing import NoReturn

import click

from selfhost_advisor.cli import clickwords, group
from selfhost_advisor.errors import AdvisorError, ExitCode
from selfhost_advisor.i18n import catalogs as i18n
from selfhost_advisor.ui import output


def _requested_lang(argv: list[str]) -> str | None:
    """The ``--lang`` value in argv, so help text is worded before Click parses anything."""
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def _help_catalog(argv: list[str]) -> i18n.Catalog:
    # A bad --lang or catalog is reported properly once the command runs and chooses its
    # catalog; help and Click's words fall back to English meanwhile.
    try:
        return i18n.for_user(_requested_lang(argv))
    except AdvisorError:
        try:
            return i18n.source()
        except AdvisorError:
            return i18n.Catalog(i18n.SOURCE_LANGUAGE, {})


def command(argv: list[str], catalog: i18n.Catalog) -> click.Group:
    """The root command for a run with ``argv``, worded from ``catalog`` (Click's words too)."""
    from selfhost_advisor.cli import app, options  # here: app's commands call back into run()

    clickwords.install(catalog)
    dress = group.words(
        catalog, {"preset": options.preset_metavar}, options.value_meanings(catalog)
    )
    root = group.build(app.app, dress)
    clickwords.word_help(root, argv, catalog)
    return root


def run(argv: list[str] | None = None) -> int:
    """Run the command line and return the exit status; never raises for the user's mistakes."""
    return output.contain(lambda: _main(argv))


def _main(argv: list[str] | None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if os.environ.get("_ADVISOR_COMPLETE") and not os.environ.get("COMP_CWORD", "0").isdigit():
        # Completion asked for the word at a position that is not a number (Click would
        # raise ValueError): there is no word to complete, so there is nothing to offer.
        return ExitCode.OK
    help_catalog = _help_catalog(args)
    root = command(args, help_catalog)
    try:
        result = root.main(args=argv, prog_name="advisor", standalone_mode=False)
        return result if isinstance(result, int) else ExitCode.OK
    except click.exceptions.NoArgsIsHelpError as error:
        # A bare `advisor` asks what the tool does: the help page is the answer, on stdout.
        print(error.format_message(), file=output.encodable(output.stdout()))
        return ExitCode.OK
    except click.UsageError as error:
        return output.fail(_usage(error, help_catalog, root, args), ExitCode.USAGE)
    except click.ClickException as error:
        return output.fail(error.format_message(), error.exit_code)
    except click.Abort as abort:
        if isinstance(abort.__cause__, EOFError):
            return output.fail(output.describe(AdvisorError("notices.eof")), ExitCode.CANCELLED)
        cancelled = output.describe(AdvisorError("notices.cancelled"))
        return output.fail(cancelled, ExitCode.INTERRUPTED)


def _usage(
    error: click.UsageError, help_catalog: i18n.Catalog, root: click.Group, args: list[str]
) -> str:
    """Click's line for a usage error, and where to read the command's help."""
    catalog = output.Session.catalog or help_catalog
    command, path = (error.ctx.command, error.ctx.command_path) if error.ctx else _named(root, args)
    line = _values_needed(error, command, catalog) or error.format_message()
    if command is None:
        return line
    template = catalog.strings.get("errors.see_help", "(see '{command} --help')")
    return f"{line} {str(template).format(command=path)}"


def _named(root: click.Group, args: list[str]) -> tuple[click.Command | None, str]:
    # Click's parser raises a missing value before any context is current: the command is
    # the one argv names.
    for arg in args:
        if not arg.startswith("-") and arg in root.commands:
            return root.commands[arg], f"advisor {arg}"
    return None, "advisor"


def _values_needed(
    error: click.UsageError, command: click.Command | None, catalog: i18n.Catalog
) -> str | None:
    """``--data needs a value, one of: shareable, mixed, restricted``, for an option given no
    value whose values are a closed list (shown as ``{a,b,c}``); else ``None``."""
    if not isinstance(error, click.BadOptionUsage) or command is None:
        return None
    if "errors.needs_value" not in catalog.strings:
        return None
    for param in command.params:
        metavar = param.metavar or ""
        # Only an option that takes a value can be missing one ("does not take a value" is
        # the same exception, for a flag).
        wants_value = isinstance(param, click.Option) and not param.is_flag
        if wants_value and error.option_name in param.opts and metavar.startswith("{"):
            accepted = ", ".join(metavar.strip("{}").split(","))
            return catalog.text("errors.needs_value", flag=error.option_name, accepted=accepted)
    return None


def main() -> NoReturn:
    """Console-script entry point."""
    sys.exit(run())
