"""The streams: stdout carries only the product, and a failure is one line on stderr and a code.

Writers for the products (JSON, text, a Rich renderable), the check that stdout exists at all,
and the wording of every failure (:func:`describe`, :func:`fail`, :func:`internal`) with its
exit code (:class:`~selfhost_advisor.errors.ExitCode`). :func:`contain` runs a command body
under that contract. It imports neither Typer nor Click, so a path that does not load them (a
launcher-level fast path) answers exactly as the command line does.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Callable

from selfhost_advisor.errors import AdvisorError, ExitCode, Stopped, shown
from selfhost_advisor.i18n import catalogs as i18n

TYPE_CHECKING = False  # not typing's: see launcher.py
if TYPE_CHECKING:
    from typing import IO, Any, TextIO

ISSUES_URL = "https://github.com/selfhost-advisor/selfhost-advisor/issues"


class Session:
    """What the running command has learnt that error reporting needs."""

    catalog: i18n.Catalog | None = None
    # Said once the product is out: a failure is its one line, with no notice before it.
    notices: list[str] = []  # noqa: RUF012  # one run's, reset by contain()
    # Where the product goes: ``-o FILE`` (None or "-": stdout), and whether a card taller
    # than the window may go through a pager (``--no-pager`` says no).
    destination: str | None = None
    pager: bool = True


def send_to(destination: str | None, *, pager: bool = True) -> None:
    """Write this command's product to ``destination`` (``-o``; None or ``-``: stdout)."""
    Session.destination = destination
    Session.pager = pager


def _to_file() -> str | None:
    return Session.destination if Session.destination not in (None, "-") else None


class Interrupted(Exception):
    """Ctrl-C, SIGINT, SIGTERM or SIGHUP carried past Typer, which makes a KeyboardInterrupt a
    silent exit 130 of its own; :func:`contain` gives it its line and code."""

    def __init__(self, interrupt: KeyboardInterrupt) -> None:
        super().__init__(interrupt)
        self.interrupt = interrupt


class ReaderGone(Exception):
    """stdout's reader went away (``advisor list | head -1``), carried past Click's own handling."""


# What a mark becomes on a stream that cannot encode it (PYTHONIOENCODING=ascii, LC_ALL=C
# without UTF-8 mode): one character for one, so columns stay aligned.
_PLAIN_MARKS = {
    "\u2022": "*",  # bullet
    "\u2013": "-",  # en dash
    "\u2014": "-",  # em dash
    "\u2212": "-",  # minus
    "\u26a0": "!",  # warning
    "\u2714": "+",  # met
    "\u00b7": ".",  # not met
    "\u25cf": "*",  # an answer that mattered
    "\u25cb": "o",  # one that did not
    "\u2139": "i",  # a note
    "\u2026": ".",  # ellipsis
    "\u2192": ">",
    "\u2018": "'",
    "\u2019": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u00a0": " ",
    "\u00d7": "x",
    "\u2248": "~",
}


def _plain_char(char: str, encoding: str) -> str:
    import unicodedata

    if char in _PLAIN_MARKS:
        return _PLAIN_MARKS[char]
    # Letters keep their base: "Español" is "Espanol" in ASCII, not "Espa?ol".
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    try:
        base.encode(encoding)
    except UnicodeEncodeError:
        return "?"
    return base[:1] or "?"


class _Encodable:
    """A text stream that writes what its encoding cannot hold as the nearest it can.

    Rich sees the stream's own encoding, so it already draws boxes and tree guides in ASCII
    when that encoding is not UTF; this folds the rest (marks, accented letters) the same way.
    """

    def __init__(self, stream: IO[str], encoding: str) -> None:
        self._stream = stream
        self.encoding = encoding

    def write(self, text: str) -> int:
        try:
            text.encode(self.encoding)
        except UnicodeEncodeError:
            text = "".join(
                c if _encodes(c, self.encoding) else _plain_char(c, self.encoding) for c in text
            )
        return self._stream.write(text)

    def flush(self) -> None:
        self._stream.flush()

    def isatty(self) -> bool:
        return self._stream.isatty()

    def fileno(self) -> int:
        return self._stream.fileno()


def _encodes(char: str, encoding: str) -> bool:
    try:
        char.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def encodable(stream: IO[str]) -> IO[str]:
    """``stream``, or a wrapper writing what its encoding cannot hold as the nearest it can."""
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        "\u2714\u256d".encode(encoding)
    except UnicodeEncodeError:
        return _Encodable(stream, encoding)  # type: ignore[return-value]  # what Rich uses of IO
    except LookupError:
        return stream
    return stream


def catalog_for(lang: str | None) -> i18n.Catalog:
    """The user's catalog for this command, remembered for its errors; a partial one says so."""
    catalog = i18n.for_user(lang)
    Session.catalog = catalog
    if not catalog.complete:
        Session.notices.append(catalog.text("notices.partial_translation"))
    return catalog


def start(lang: str | None, destination: str | None, *, pager: bool) -> i18n.Catalog:
    """Begin a command: its catalog (:func:`catalog_for`) and where its product goes
    (:func:`send_to`)."""
    send_to(destination, pager=pager)
    return catalog_for(lang)


def notice(line: str) -> None:
    """A line for the person, never for the program reading stdout."""
    try:
        print(line, file=sys.stderr, flush=True)
    except (OSError, ValueError):
        # stderr on a full disk (`2>/dev/full`) or gone: the exit code still tells the story,
        # and the interpreter must not fail flushing it again at exit (which turns 2 into 120).
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115  # for the run


def stdout() -> TextIO:
    """Standard output, or the OSError that :func:`contain` reports as exit 74: it was closed."""
    if sys.stdout is None:  # started with stdout closed (`advisor list >&-`)
        raise OSError(errno.EBADF, os.strerror(errno.EBADF))
    return sys.stdout


def write_text(text: str) -> None:
    """``text`` on stdout (or ``-o``'s file) as UTF-8, whatever the locale says: files for tools
    and repositories."""
    name = _to_file()
    if name is not None:
        from selfhost_advisor.ui import outfile

        outfile.write(name, text.encode("utf-8"))
        return
    out = stdout().buffer
    out.write(text.encode("utf-8"))
    out.flush()


def write_json(document: object) -> None:
    """``document`` as JSON on stdout; never through Rich, which wraps lines and eats [text]."""
    import json  # here: completion, help, the card and the prompts have no JSON to write

    write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n")


def write_card(draw: Callable[[int], Any]) -> None:
    """What ``draw(width)`` returns (a Rich renderable) on stdout, at stdout's width.

    In ``-o``'s file it is plain text, never colour; on a terminal, a card taller than the
    window goes through the pager (:mod:`selfhost_advisor.ui.pager`).
    """
    from selfhost_advisor.ui import render

    name = _to_file()
    if name is not None:
        import io

        buffer = io.StringIO()
        console = render.console(buffer, color=False)
        console.print(draw(console.width))
        return write_text(buffer.getvalue())
    out = stdout()
    console = render.console(out)
    if Session.pager and out.isatty():
        with console.capture() as captured:
            console.print(draw(console.width))
        text = captured.get()
        if text.count("\n") < console.height or not _paged(text, out):
            print(text, end="", file=console.file, flush=True)
        return None
    console.print(draw(console.width))
    sys.stdout.flush()
    return None


def _paged(text: str, out: TextIO) -> bool:
    from selfhost_advisor.ui import pager

    return pager.page(text, getattr(out, "encoding", None) or "utf-8")


def describe(error: AdvisorError) -> str:
    """The user's-language line for ``error``, or its English fallback."""
    catalog = Session.catalog
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


def fail(line: str, code: int) -> int:
    """Write ``line`` on stderr (a usage error with its prefix) and return ``code``."""
    prefix = "advisor: error:"
    if Session.catalog is not None:
        prefix = Session.catalog.text("errors.prefix")
    # Whatever reached the line (a value, a file name, Click's words about an option the user
    # typed), nothing in it may act on the terminal: escape codes are shown escaped.
    notice(shown(f"{prefix} {line}" if code == ExitCode.USAGE else line))
    return code


def output_error(number: int) -> str:
    """The line for an ``errno`` met while writing stdout."""
    problem = os.strerror(number)
    return describe(
        AdvisorError(
            "errors.output", problem=problem, fallback=f"cannot write the output: {problem}"
        )
    )


def _debugging() -> bool:
    return os.environ.get("ADVISOR_DEBUG", "").strip().lower() not in ("", "0", "false", "no")


def internal(error: Exception) -> int:
    """Report a bug: one line with where to report it (the traceback first under ADVISOR_DEBUG)."""
    if _debugging():
        import traceback  # here: only a bug report needs it, and it loads tokenize and re

        # The whole story for a bug report; the one-line summary still follows.
        traceback.print_exception(error, file=sys.stderr)
    problem = f"{type(error).__name__}: {error}"
    line = describe(
        AdvisorError(
            "errors.internal",
            problem=problem,
            url=ISSUES_URL,
            fallback=f"an unexpected error (a bug): {problem}",
        )
    )
    return fail(line, ExitCode.INTERNAL)


def silence_stdout() -> None:
    """Point stdout at /dev/null once its reader is gone.

    Otherwise the interpreter's final flush prints "Exception ignored ... BrokenPipeError".
    """
    if sys.stdout is None:
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _interrupted(interrupt: KeyboardInterrupt) -> int:
    # Outside the prompts (which word their own cancel): blocked on an answers FIFO, drawing.
    if isinstance(interrupt, Stopped):  # SIGTERM or SIGHUP
        key = "notices.hung_up" if interrupt.code == ExitCode.HUNG_UP else "notices.terminated"
        return fail(describe(AdvisorError(key)), interrupt.code)
    return fail(describe(AdvisorError("notices.cancelled")), ExitCode.INTERRUPTED)


def contain(body: Callable[[], int]) -> int:
    """Run ``body`` and return its exit status; every failure becomes one line and its code."""
    Session.catalog = None  # nothing learnt by an earlier run in this process applies
    Session.notices = []
    send_to(None)
    if sys.stdout is None:
        # Started with stdout closed (`advisor ask >&-`): fail before asking anything.
        return fail(output_error(errno.EBADF), ExitCode.OUTPUT)
    try:
        status = body()
        if sys.stdout is not None:
            sys.stdout.flush()
        for line in Session.notices:
            notice(line)
        return status
    except AdvisorError as error:
        return fail(describe(error), error.code)
    except Interrupted as carried:
        return _interrupted(carried.interrupt)
    except KeyboardInterrupt as interrupt:
        return _interrupted(interrupt)
    except (BrokenPipeError, ReaderGone):
        silence_stdout()
        return ExitCode.BROKEN_PIPE
    except OSError as error:
        if error.filename is None and error.errno is not None:
            silence_stdout()
            return fail(output_error(error.errno), ExitCode.OUTPUT)
        return internal(error)
    except Exception as error:
        return internal(error)
