"""The ``advisor`` console script and ``python -m selfhost_advisor``: load the CLI, then run it.

A module of its own so that start-up is decided here, before anything heavy loads: the two
requests whose meaning is already fixed (completing a question's value, ``ask`` with every
answer and ``--json``) are answered by :mod:`selfhost_advisor.cli.fast` before Typer loads;
for everything else the collector is paused while the CLI loads
(:mod:`selfhost_advisor.startup`). A Ctrl-C that lands during the imports still exits 130
without a traceback.
"""

from __future__ import annotations

import gc
import os
import signal
import sys

from selfhost_advisor.errors import Stopped

TYPE_CHECKING = False  # not typing's: completion would pay for importing typing (see fast.py)
if TYPE_CHECKING:
    from types import FrameType
    from typing import NoReturn


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
    _prepare()
    try:
        # The collector paused, as startup.loading() pauses it for Typer's path: what a fast
        # answer loads and builds is not garbage, and the process ends right after.
        gc.disable()
        from selfhost_advisor.cli import fast

        try:
            status = fast.answer(sys.argv[1:], os.environ)
        except Exception:
            # Raised before a byte was written (what it writes, it writes under ui.output's
            # contract, which catches everything): Typer answers instead, at Typer's cost.
            status = None
        if status is not None:
            sys.exit(status)
        gc.enable()
        from selfhost_advisor.startup import Program, loading

        Program.launched = True
        with loading():
            from selfhost_advisor.cli import app  # noqa: F401  # the commands, declared
            from selfhost_advisor.cli import run as cli
    except Stopped as stopped:
        sys.exit(stopped.code)
    except KeyboardInterrupt:
        # Ctrl-C before the command could even start (or during a fast answer): no traceback,
        # the status a shell gives SIGINT, as Click gives a Ctrl-C in a command.
        sys.exit(130)
    cli.main()
