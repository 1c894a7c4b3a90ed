"""The ``advisor`` console script and ``python -m selfhost_advisor``: load the CLI, then run it.

A module of its own so that start-up is decided here, before anything heavy loads: the
collector is paused while the CLI loads (:mod:`selfhost_advisor.startup`), and a Ctrl-C that
lands during the imports still exits 130 without a traceback.
"""

from __future__ import annotations

import os
import signal
import sys
from types import FrameType
from typing import NoReturn

from selfhost_advisor.errors import Stopped
from selfhost_advisor.startup import Program, loading


def _stop(signal_number: int, frame: FrameType | None) -> None:
    raise Stopped(signal_number)


def _prepare() -> None:
    """What must hold before anything runs: a stderr that exists, and signals that unwind."""
    if sys.stderr is None:
        # Started with stderr closed (`2>&-`): print(file=None) would write the error line to
        # stdout, into the JSON someone is saving. The user asked for no messages; none.
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115  # for the run
    # By default SIGTERM and SIGHUP end the process where it stands, leaving a terminal the
    # prompts put in raw mode without echo. Raised as an exception instead, they unwind:
    # the prompt restores the terminal, and the CLI says what happened in one line.
    for number in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, _stop)


def main() -> NoReturn:
    """Console-script entry point."""
    Program.launched = True
    _prepare()
    try:
        with loading():
            from selfhost_advisor.cli import app  # noqa: F401  # the commands, declared
            from selfhost_advisor.cli import run as cli
    except Stopped as stopped:
        sys.exit(stopped.code)
    except KeyboardInterrupt:
        # Ctrl-C before the command could even start: no traceback, the status a shell
        # gives SIGINT, as cli.run() does for a Ctrl-C at a prompt.
        sys.exit(130)
    cli.main()
