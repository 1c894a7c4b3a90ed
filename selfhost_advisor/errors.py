"""Exit codes and the one exception type that carries a user-facing failure to the CLI.

Each failure kind has its own documented exit code (README, "Exit codes"). An
:class:`AdvisorError` names a catalog key, not a sentence, so the CLI can word it in the
user's language; ``fallback`` is the English line for when no catalog could be read.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """What the process's exit status means."""

    OK = 0
    CANCELLED = 1  # Ctrl-D (end of input) at a prompt
    USAGE = 2  # bad flag, value, answers file, catalog, or missing answers with no terminal
    INTERNAL = 70  # a bug in the advisor (EX_SOFTWARE)
    OUTPUT = 74  # stdout could not be written: closed, or the disk is full (EX_IOERR)
    HUNG_UP = 129  # the terminal went away (SIGHUP), as a shell reports it
    INTERRUPTED = 130  # Ctrl-C, as a shell reports SIGINT
    BROKEN_PIPE = 141  # the reader went away (`| head`), as a shell reports SIGPIPE
    TERMINATED = 143  # asked to stop (SIGTERM, `kill`), as a shell reports it


class AdvisorError(Exception):
    """A failure the user can fix, worded by the catalog key ``key`` with ``params``."""

    def __init__(
        self, key: str, *, code: ExitCode = ExitCode.USAGE, fallback: str = "", **params: str
    ) -> None:
        super().__init__(fallback or key)
        self.key = key
        self.code = code
        self.fallback = fallback
        self.params = params


class Stopped(KeyboardInterrupt):
    """SIGTERM or SIGHUP, raised where the program is, as Ctrl-C raises KeyboardInterrupt.

    A KeyboardInterrupt so that it leaves a prompt the way Ctrl-C does (prompt_toolkit and
    asyncio let only it and SystemExit through, restoring the terminal on the way out);
    ``code`` is the exit status a shell gives the signal.
    """

    def __init__(self, signal_number: int) -> None:
        super().__init__(signal_number)
        self.code = ExitCode(128 + signal_number)


def shown(text: str) -> str:
    """``text`` as a message may show it: each character a terminal would act on instead of
    print (escape codes, bell, bidi controls, newlines) written as its Python escape, ``\\x1b``.

    Every user-given text in a message goes through this or through ``repr`` (which escapes
    the same characters the same way, and adds quotes), so ``--lang $'\\e]0;pwn\\a'`` can
    neither colour the terminal nor retitle it.
    """
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def quoted(text: str, limit: int = 40) -> str:
    """``text`` quoted and escaped as ``repr`` does, cut to ``limit`` characters with ``...``:
    a pasted 4,301-digit figure is named by its start, so the one line stays one line."""
    return repr(text) if len(text) <= limit else repr(text[:limit]) + "..."
