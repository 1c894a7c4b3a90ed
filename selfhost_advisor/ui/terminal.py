"""The terminal rules: whether a person is there to answer, and whether prompts can be drawn.

A person is there when stdin and stderr are terminals and no CI service runs the job; prompts
can be drawn unless ``TERM=dumb``, the window is too small for a question with its choices, or
(on Windows) there is no console. Each "cannot" is an :class:`AdvisorError` naming the flags
that answer instead. Cancelling a prompt (Ctrl-C, Ctrl-D) is an error with its own exit code.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

from selfhost_advisor.errors import AdvisorError, ExitCode, Stopped
from selfhost_advisor.i18n.catalogs import Catalog
from selfhost_advisor.startup import loading


def person_present() -> bool:
    """Whether a person is there to answer: prompts read stdin and draw on stderr.

    Piped standard input is never read as keystrokes (prompt_toolkit would happily take
    ``echo x |`` as typing), and under CI nobody is there even when a terminal is.
    """
    # Started with stdin closed (`<&-`), there is no stdin at all: nobody to ask either.
    if sys.stdin is None or sys.stderr is None:
        return False
    return sys.stdin.isatty() and sys.stderr.isatty() and not in_ci()


def in_ci() -> bool:
    """Whether a CI service runs this: its pseudo-terminal has nobody at the keyboard."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def is_no_console(error: BaseException) -> bool:
    """Whether ``error`` is prompt_toolkit saying there is no Windows console to draw on."""
    # prompt_toolkit.output.win32 imports only on Windows, so the class is matched by name.
    kind = type(error)
    return kind.__name__ == "NoConsoleScreenBufferError" and kind.__module__.startswith(
        "prompt_toolkit"
    )


def window_size() -> os.terminal_size | None:
    """The size of the terminal the prompts draw on, when the system can tell."""
    try:
        return os.get_terminal_size(sys.stderr.fileno())
    except (OSError, ValueError):
        return None


def ask_questions(questions: list[str], catalog: Catalog, flags: str) -> dict[str, str]:
    """The answers a person gives at the prompts; ``flags`` names what answers instead."""
    with loading():
        import questionary  # noqa: F401  # prompts.ask draws with it; loaded in the pause

        from selfhost_advisor.ui import prompts

    if os.environ.get("TERM") == "dumb":
        # A dumb terminal cannot move the cursor, so a list of choices cannot be drawn.
        raise AdvisorError("errors.no_console", flags=flags)
    size = window_size()
    if size is not None and not prompts.fits(questions, catalog, size.columns, size.lines):
        raise AdvisorError(
            "errors.window_too_small", size=f"{size.columns}x{size.lines}", flags=flags
        )

    def ask() -> dict[str, str]:
        # The terminal first: where it cannot be drawn on, the one line says so, no intro.
        output = prompts.terminal_output()
        prompts.intro(catalog, output)
        return prompts.ask(questions, catalog, output=output)

    return _cancellable(ask, "notices.cancelled", "notices.eof", flags)


def ask_figures(
    fields: list[tuple[str, str]], check: Callable[[str, str], str | None], catalog: Catalog
) -> dict[str, str]:
    """The figures a person types at the prompts, each accepted by ``check`` first.

    The intro and each refusal are wrapped to the window the prompts draw in (stderr: stdout
    may be a file), one cell short of its edge, where some terminals wrap early; a refusal's
    line under the prompt grows to hold it (:func:`prompts.ask_text`).
    """
    import textwrap

    from selfhost_advisor.ui import prompts

    columns = max(_stderr_columns() - 1, 20)

    def wrapped(field: str, text: str) -> str | None:
        problem = check(field, text)
        return None if problem is None else "\n".join(textwrap.wrap(problem, columns))

    print("\n".join(textwrap.wrap(catalog.text("cost.prompts_intro"), columns)), file=sys.stderr)
    return _cancellable(
        lambda: prompts.ask_text(fields, wrapped), "notices.cost_cancelled", "notices.cost_eof"
    )


def _stderr_columns() -> int:
    try:
        return os.get_terminal_size(sys.stderr.fileno()).columns
    except (OSError, ValueError):
        return 80


def _cancellable(
    ask: Callable[[], dict[str, str]], cancelled: str, eof: str, flags: str = ""
) -> dict[str, str]:
    try:
        return ask()
    except Stopped:
        raise  # SIGTERM or SIGHUP: the terminal is restored; run() says which, with its code
    except KeyboardInterrupt:
        raise AdvisorError(cancelled, code=ExitCode.INTERRUPTED) from None
    except EOFError:
        raise AdvisorError(eof, code=ExitCode.CANCELLED) from None
    except Exception as error:
        if flags and is_no_console(error):
            raise AdvisorError("errors.no_console", flags=flags) from None
        raise
