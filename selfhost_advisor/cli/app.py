"""The ``advisor`` command line: parses, dispatches, and turns failures into exit codes.

Everything with a decision or a word in it lives elsewhere; this module wires flags to
:mod:`inputs`, :mod:`prompts`, :func:`decision.decide`, :mod:`report` and the renderers, and
owns the contract with the shell: stdout carries only the product, everything else goes to
stderr, and each kind of failure has its exit code (:class:`errors.ExitCode`).
"""

# No `from __future__ import annotations` here: Typer would then eval() every parameter's
# annotation string when it builds the command, on every run (about 2 ms, a fifth of this
# module's start-up budget); evaluated once at definition they cost a tenth of that.

import copy
import datetime
import errno
import inspect
import os
import sys
import traceback
from collections.abc import Callable, Iterator, MutableMapping, Sequence
from contextlib import contextmanager
from typing import Annotated, Any, NoReturn, TextIO

import click
import typer
from typer.core import TyperGroup

from selfhost_advisor import __version__
from selfhost_advisor.advice import costfile, inputs
from selfhost_advisor.advice.decision import Answers, decide
from selfhost_advisor.advice.questions import BY_ID
from selfhost_advisor.cli import clickwords
from selfhost_advisor.errors import AdvisorError, ExitCode
from selfhost_advisor.i18n import catalogs as i18n
from selfhost_advisor.schema import SCHEMA_VERSIONS, Document
from selfhost_advisor.startup import loading
from selfhost_advisor.ui.report import ask_document, list_document

ISSUES_URL = "https://github.com/selfhost-advisor/selfhost-advisor/issues"


def _prescan_lang(argv: list[str]) -> str | None:
    """The ``--lang`` value in argv, so help text is worded before Click parses anything."""
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def _help_catalog() -> i18n.Catalog:
    # This runs at import time, before any error handling exists, so nothing may escape:
    # a bad --lang or catalog is reported properly once the command runs.
    try:
        return i18n.for_user(_prescan_lang(sys.argv[1:]))
    except Exception:
        try:
            return i18n.source()
        except Exception:
            return i18n.Catalog(i18n.SOURCE_LANGUAGE, {})


_HELP = _help_catalog()


def _h(key: str) -> str:
    return _HELP.text(f"help.{key}") if f"help.{key}" in _HELP.strings else ""


# Click's and Typer's own words (help headings, usage errors) in the same language.
clickwords.install(_HELP)


class _Session:
    """What the running command has learnt that error reporting needs."""

    catalog: i18n.Catalog | None = None


def _complete(question: str) -> Any:
    def complete(incomplete: str) -> list[str]:
        return [v for v in BY_ID[question].values if v.startswith(incomplete.lower())]

    return complete


def _version(value: bool) -> None:
    if value:
        print(f"advisor {__version__}", file=_stdout())
        raise typer.Exit()


class _ReaderGone(Exception):
    """stdout's reader went away (``advisor list | head -1``)."""


@contextmanager
def _reader_gone_is_not_an_os_error() -> Iterator[None]:
    # Click turns a broken pipe into exit 1 on its own; carried past it, run() can give the
    # documented 141, as a shell reports a process that SIGPIPE ended.
    try:
        yield
    except BrokenPipeError as error:
        raise _ReaderGone from error


class _Advisor(TyperGroup):
    """The root command: run standalone (``app()``, a test's ``CliRunner``), it goes through
    :func:`run`, so every way in maps failures to the same stderr line and exit code."""

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
            sys.exit(run(None if args is None else list(args)))
        return super().main(
            args, prog_name, complete_var, standalone_mode, windows_expand_args, **extra
        )


app = typer.Typer(
    cls=_Advisor,
    name="advisor",
    help=_h("app"),
    no_args_is_help=True,
    # Click suggests close command names itself (worded from the catalog); Typer's own
    # suggestion would repeat it in English.
    suggest_commands=False,
    pretty_exceptions_enable=False,
    # Click's plain help, not Typer's Rich panels: typer.rich_utils imports rich.markdown,
    # markdown-it, Pygments and rich.traceback, which takes `advisor --help` from about 9x to
    # 15x a bare interpreter (benchmarks/startup.py). Help is read once; it must be quick.
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

LangOption = Annotated[str | None, typer.Option("--lang", help=_h("lang"), metavar="CODE")]
JsonOption = Annotated[bool, typer.Option("--json", help=_h("json"))]


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help=_h("version")),
    ] = False,
) -> None:
    pass


def _catalog(lang: str | None) -> i18n.Catalog:
    catalog = i18n.for_user(lang)
    _Session.catalog = catalog
    if not catalog.complete:
        _notice(catalog.text("notices.partial_translation"))
    return catalog


def _notice(line: str) -> None:
    print(line, file=sys.stderr)


def _write_json(document: Document) -> None:
    # JSON never goes through Rich: it would wrap lines and eat [bracketed] text.
    import json  # here: completion, help, the card and the prompts have no JSON to write

    _write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n")


def _stdout() -> TextIO:
    """Standard output, or the OSError that run() reports as exit 74 when it was closed."""
    if sys.stdout is None:  # started with stdout closed (`advisor list >&-`)
        raise OSError(errno.EBADF, os.strerror(errno.EBADF))
    return sys.stdout


def _write_text(text: str) -> None:
    # UTF-8 whatever the locale says: these are files for tools and repositories.
    out = _stdout().buffer
    out.write(text.encode("utf-8"))
    out.flush()


def _print(renderable: Any) -> None:
    from selfhost_advisor.ui import render

    render.console(_stdout()).print(renderable)
    sys.stdout.flush()


def _value_option(question: str) -> Any:
    values = BY_ID[question].values
    return typer.Option(
        f"--{question}",
        help=_h(question),
        # The answers as the metavar, as argparse shows choices and as the missing-answers
        # error names them: the option column is never wrapped, so `high-steady` stays whole.
        metavar=f"{{{','.join(values)}}}",
        autocompletion=_complete(question),
        show_default=False,
    )


@app.command(help=_h("ask"))
def ask(
    data: Annotated[str | None, _value_option("data")] = None,
    control: Annotated[str | None, _value_option("control")] = None,
    volume: Annotated[str | None, _value_option("volume")] = None,
    ops: Annotated[str | None, _value_option("ops")] = None,
    answers_file: Annotated[
        str | None, typer.Option("--answers", help=_h("answers"), metavar="FILE")
    ] = None,
    no_input: Annotated[bool, typer.Option("--no-input", help=_h("no_input"))] = False,
    as_json: JsonOption = False,
    as_markdown: Annotated[
        bool, typer.Option("--markdown", help=_h("markdown"), show_default=False)
    ] = False,
    record_date: Annotated[
        str | None, typer.Option("--date", help=_h("date"), metavar="YYYY-MM-DD")
    ] = None,
    cost_file: Annotated[
        str | None, typer.Option("--cost", help=_h("cost_file"), metavar="FILE")
    ] = None,
    lang: LangOption = None,
) -> None:
    catalog = _catalog(lang)
    # Output choices are checked before any prompt: a usage error must not cost four answers.
    if as_json and as_markdown:
        raise AdvisorError(
            "errors.json_and_markdown",
            fallback="--json and --markdown can't be used together; choose one",
        )
    date = _record_date(record_date, as_markdown)
    if answers_file == "-" and cost_file == "-":
        raise AdvisorError(
            "errors.two_stdin",
            fallback="--answers - and --cost - can't both read standard input",
        )
    cost = costfile.load(cost_file, sys.stdin.buffer) if cost_file is not None else None
    given = inputs.from_file(answers_file, sys.stdin) if answers_file is not None else {}
    given.update(
        inputs.from_flags({"data": data, "control": control, "volume": volume, "ops": ops})
    )
    still_missing = inputs.missing(given)
    if still_missing:
        reading_stdin = "-" in (answers_file, cost_file)
        can_prompt = _terminal() and not reading_stdin
        if no_input or not can_prompt:
            key = "errors.missing_answers_no_input" if no_input else "errors.missing_answers"
            raise AdvisorError(key, flags=inputs.flag_hint(still_missing))
        given.update(_prompt(still_missing, catalog))
    answers = Answers.from_ids(given)
    cheaper = cost.cheaper if cost is not None else None
    document = ask_document(answers, decide(answers, cheaper), catalog, cost)
    if as_json:
        _write_json(document)
    elif as_markdown:
        from selfhost_advisor.ui import adr

        _write_text(adr.decision_record(document, catalog, date))
    else:
        with loading():  # Rich: a sizeable load, done with the collector paused
            from selfhost_advisor.ui import render

        _print(render.card(document, catalog))


def _terminal() -> bool:
    """Whether a person is there to answer: prompts read stdin and draw on stderr.

    Piped standard input is never read as keystrokes (prompt_toolkit would happily take
    ``echo x |`` as typing), and under CI nobody is there even when a terminal is.
    """
    return sys.stdin.isatty() and sys.stderr.isatty() and not _in_ci()


def _record_date(given: str | None, as_markdown: bool) -> datetime.date:
    """The decision record's date: ``--date`` when given (for reproducible records), else today."""
    if given is None:
        return datetime.date.today()
    if not as_markdown:
        raise AdvisorError(
            "errors.date_without_markdown",
            fallback="--date is the decision record's date: use it with --markdown",
        )
    try:
        # fromisoformat alone would also take "20260131" and week dates; a record wants one form.
        if len(given) != len("YYYY-MM-DD"):
            raise ValueError(given)
        return datetime.date.fromisoformat(given)
    except ValueError:
        raise AdvisorError(
            "errors.bad_date",
            fallback=f"--date: {given} is not a date; use YYYY-MM-DD, such as 2026-01-31",
            given=given,
        ) from None


def _in_ci() -> bool:
    # CI services set CI=true; a job's pseudo-terminal has nobody at the keyboard.
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _is_no_console(error: BaseException) -> bool:
    # prompt_toolkit.output.win32 imports only on Windows, so the class is matched by name.
    kind = type(error)
    return kind.__name__ == "NoConsoleScreenBufferError" and kind.__module__.startswith(
        "prompt_toolkit"
    )


def _window_size() -> os.terminal_size | None:
    """The size of the terminal the prompts draw on, when the system can tell."""
    try:
        return os.get_terminal_size(sys.stderr.fileno())
    except (OSError, ValueError):
        return None


def _prompt(questions: list[str], catalog: i18n.Catalog) -> dict[str, str]:
    with loading():
        import questionary  # noqa: F401  # prompts.ask draws with it; loaded in the pause

        from selfhost_advisor.ui import prompts

    flags = inputs.flag_hint(questions)
    if os.environ.get("TERM") == "dumb":
        # A dumb terminal cannot move the cursor, so a list of choices cannot be drawn.
        raise AdvisorError("errors.no_console", flags=flags)
    size = _window_size()
    if size is not None and not prompts.fits(questions, catalog, size.columns, size.lines):
        raise AdvisorError(
            "errors.window_too_small", size=f"{size.columns}x{size.lines}", flags=flags
        )
    try:
        # The terminal first: where it cannot be drawn on, the one line says so, no intro.
        output = prompts.terminal_output()
        prompts.intro(catalog, output)
        return prompts.ask(questions, catalog, output=output)
    except KeyboardInterrupt:
        raise AdvisorError("notices.cancelled", code=ExitCode.INTERRUPTED) from None
    except EOFError:
        raise AdvisorError("notices.eof", code=ExitCode.CANCELLED) from None
    except Exception as error:
        if _is_no_console(error):
            raise AdvisorError("errors.no_console", flags=flags) from None
        raise


@app.command("list", help=_h("list"))
def list_options(as_json: JsonOption = False, lang: LangOption = None) -> None:
    catalog = _catalog(lang)
    document = list_document(catalog)
    if as_json:
        _write_json(document)
    else:
        with loading():  # Rich: a sizeable load, done with the collector paused
            from selfhost_advisor.ui import render

        console = render.console(_stdout())
        console.print(render.options(document, catalog, console.width))
        sys.stdout.flush()


def _with_figure_options(command: Callable[..., None]) -> Callable[..., None]:
    """``command`` with one option per cost figure (``cost/figures.py``), ahead of its own.

    Typer reads options from the signature; the figures' texts reach ``**figures`` by id.
    """
    from selfhost_advisor.cost.figures import FIGURES

    def option(figure: Any) -> Any:
        help_text = _HELP.text(figure.help_key) if figure.help_key in _HELP.strings else ""
        return typer.Option(figure.flag, help=help_text, metavar=figure.metavar, show_default=False)

    keyword = inspect.Parameter.KEYWORD_ONLY
    figures = [
        inspect.Parameter(f.id, keyword, default=None, annotation=Annotated[str | None, option(f)])
        for f in FIGURES
    ]
    own = inspect.signature(command).parameters.values()
    rest = [p.replace(kind=keyword) for p in own if p.kind is not p.VAR_KEYWORD]
    command.__signature__ = inspect.Signature([*figures, *rest])  # type: ignore[attr-defined]
    return command


def _preset_option() -> Any:
    from selfhost_advisor.cost.presets import preset_ids

    names = preset_ids()
    return typer.Option(
        "--preset",
        help=_h("preset"),
        # The names as the metavar, as --data and friends show their answers.
        metavar=f"{{{','.join(names)}}}",
        autocompletion=lambda incomplete: [n for n in names if n.startswith(incomplete)],
        show_default=False,
    )


@app.command(help=_h("cost"))
@_with_figure_options
def cost(
    *,
    preset: Annotated[str | None, _preset_option()] = None,
    no_input: Annotated[bool, typer.Option("--no-input", help=_h("no_input"))] = False,
    as_json: JsonOption = False,
    lang: LangOption = None,
    **figures: str | None,
) -> None:
    from selfhost_advisor.cost import inputs as cost_inputs
    from selfhost_advisor.cost.model import estimate
    from selfhost_advisor.ui.cost_report import cost_report

    catalog = _catalog(lang)
    known = cost_inputs.gather(figures, preset)
    if known.missing:
        if no_input or not _terminal():
            raise cost_inputs.missing_error(known.missing, no_input)
        known.add_typed(_prompt_figures(known.missing, catalog))
    report = cost_report(estimate(known.inputs()), catalog, known)
    if as_json:
        _write_json(report.document)
    else:
        from selfhost_advisor.ui import cost_render

        _print(cost_render.card(report, catalog))


def _prompt_figures(fields: list[str], catalog: i18n.Catalog) -> dict[str, str]:
    from selfhost_advisor.cost import inputs as cost_inputs
    from selfhost_advisor.cost.figures import BY_ID
    from selfhost_advisor.ui import prompts

    def check(field: str, text: str) -> str | None:
        try:
            cost_inputs.parse(field, text)
        except AdvisorError as error:
            return _describe(error)
        return None

    _notice(catalog.text("cost.prompts_intro"))
    try:
        return prompts.ask_text([(f, catalog.text(BY_ID[f].prompt_key)) for f in fields], check)
    except KeyboardInterrupt:
        raise AdvisorError("notices.cost_cancelled", code=ExitCode.INTERRUPTED) from None
    except EOFError:
        raise AdvisorError("notices.cost_eof", code=ExitCode.CANCELLED) from None


@app.command(help=_h("languages"))
def languages(as_json: JsonOption = False, lang: LangOption = None) -> None:
    _catalog(lang)
    builtin = str(i18n.builtin_dir())
    rows: list[dict[str, object]] = []
    for code in i18n.available():
        catalog = i18n.load(code)
        rows.append(
            {
                "code": code,
                "name": catalog.name,
                "percent": catalog.percent,
                "complete": catalog.complete,
                "missing": len(catalog.missing),
                "file": catalog.file,
                "builtin": os.path.dirname(catalog.file) == builtin,
            }
        )
    if as_json:
        _write_json({"schema_version": SCHEMA_VERSIONS["languages"], "languages": rows})
        return
    code_width = max(len(str(row["code"])) for row in rows)
    name_width = max(len(str(row["name"])) for row in rows)
    for row in rows:
        line = f"{row['code']:<{code_width}}  {row['name']:<{name_width}}  {row['percent']:>3}%"
        # A catalog from ADVISOR_LOCALE_DIR says where it came from, for the translator.
        print(line if row["builtin"] else f"{line}  {row['file']}", file=_stdout())
    sys.stdout.flush()


def _describe(error: AdvisorError) -> str:
    """The user's-language line for ``error``, or its English fallback."""
    catalog = _Session.catalog
    if catalog is None:
        # The command failed before choosing a catalog (a bad --lang, a broken catalog):
        # the environment's language if its catalog reads, else English.
        try:
            catalog = i18n.for_user(None)
        except AdvisorError:
            try:
                catalog = i18n.source()
            except AdvisorError:
                catalog = None
    if catalog is None or error.key not in catalog.strings:
        return error.fallback or error.key
    params: dict[str, object] = dict(error.params)
    if params.get("file") == "-" and "labels.stdin" in catalog.strings:
        params["file"] = catalog.text("labels.stdin")
    problem_key = params.pop("problem_key", None)
    if isinstance(problem_key, str):
        params["problem"] = catalog.text(problem_key, **params)
    return catalog.text(error.key, **params)


def _fail(line: str, code: int) -> int:
    prefix = "advisor: error:"
    if _Session.catalog is not None:
        prefix = _Session.catalog.text("errors.prefix")
    print(f"{prefix} {line}" if code == ExitCode.USAGE else line, file=sys.stderr)
    return code


class _Commands(MutableMapping[str, click.Command]):
    """The subcommands by name, each built by Typer the first time it is looked up.

    Typer builds every command's Click options on every run (inspecting signatures, making
    parameters); one run needs one command, so ``advisor ask --json`` and completion do not
    pay for ``cost`` and the rest. Help pages and "did you mean" still see every name.
    """

    def __init__(self, registered: list[typer.models.CommandInfo]) -> None:
        self._infos = {
            info.name or typer.main.get_command_name(info.callback.__name__): info
            for info in registered
            if info.callback is not None
        }
        self._built: dict[str, click.Command] = {}

    def __getitem__(self, name: str) -> click.Command:
        if name not in self._built:
            self._built[name] = typer.main.get_command_from_info(
                self._infos[name],
                pretty_exceptions_short=app.pretty_exceptions_short,
                rich_markup_mode=app.rich_markup_mode,
            )
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


def _command() -> click.Command:
    """``typer.main.get_command(app)``, with the subcommands built only when looked up."""
    root = copy.copy(app)
    root.registered_commands = []  # the root's options and callback, no subcommand yet
    group = typer.main.get_command(root)
    assert isinstance(group, click.Group)
    group.commands = _Commands(app.registered_commands)
    return group


def run(argv: list[str] | None = None) -> int:
    """Run the command line and return the exit status; never raises for the user's mistakes."""
    command = _command()
    clickwords.word_help(command, sys.argv[1:] if argv is None else argv, _HELP)
    _Session.catalog = None  # nothing learnt by an earlier run in this process applies
    if sys.stdout is None:
        # Started with stdout closed (`advisor ask >&-`): fail before asking anything.
        return _fail(_output_error(errno.EBADF), ExitCode.OUTPUT)
    try:
        result = command.main(args=argv, prog_name="advisor", standalone_mode=False)
        if sys.stdout is not None:
            sys.stdout.flush()
        return result if isinstance(result, int) else ExitCode.OK
    except AdvisorError as error:
        return _fail(_describe(error), error.code)
    except click.exceptions.NoArgsIsHelpError as error:
        # A bare `advisor`: the help page is the answer (Typer has drawn it already); the
        # status says no command ran.
        if error.format_message().strip():
            print(error.format_message(), file=sys.stderr)
        return ExitCode.USAGE
    except click.UsageError as error:
        hint = ""
        if error.ctx:
            catalog = _Session.catalog or _HELP
            template = catalog.strings.get("errors.see_help", "(see '{command} --help')")
            hint = " " + str(template).format(command=error.ctx.command_path)
        return _fail(f"{error.format_message()}{hint}", ExitCode.USAGE)
    except click.ClickException as error:
        return _fail(error.format_message(), error.exit_code)
    except click.Abort as abort:
        if isinstance(abort.__cause__, EOFError):
            return _fail(_describe(AdvisorError("notices.eof")), ExitCode.CANCELLED)
        return _fail(_describe(AdvisorError("notices.cancelled")), ExitCode.INTERRUPTED)
    except (BrokenPipeError, _ReaderGone):
        _silence_stdout()
        return ExitCode.BROKEN_PIPE
    except OSError as error:
        if error.filename is None and error.errno is not None:
            _silence_stdout()
            return _fail(_output_error(error.errno), ExitCode.OUTPUT)
        return _internal(error)
    except Exception as error:
        return _internal(error)


def _output_error(number: int) -> str:
    problem = os.strerror(number)
    return _describe(
        AdvisorError(
            "errors.output", problem=problem, fallback=f"cannot write the output: {problem}"
        )
    )


def _debugging() -> bool:
    return os.environ.get("ADVISOR_DEBUG", "").strip().lower() not in ("", "0", "false", "no")


def _internal(error: Exception) -> int:
    if _debugging():
        # The whole story for a bug report; the one-line summary still follows.
        traceback.print_exception(error, file=sys.stderr)
    problem = f"{type(error).__name__}: {error}"
    line = _describe(
        AdvisorError(
            "errors.internal",
            problem=problem,
            url=ISSUES_URL,
            fallback=f"an unexpected error (a bug): {problem}",
        )
    )
    return _fail(line, ExitCode.INTERNAL)


def _silence_stdout() -> None:
    # The reader is gone: point stdout at /dev/null so the interpreter's final flush
    # does not print "Exception ignored ... BrokenPipeError".
    if sys.stdout is None:
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def main() -> NoReturn:
    """Console-script entry point."""
    sys.exit(run())
