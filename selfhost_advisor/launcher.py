"""The ``advisor`` console script and ``python -m selfhost_advisor``: load the CLI, then run it.

It exists for start-up time alone. Loading click, Typer and the advisor's modules (and, for a
card or a prompt, Rich, questionary and prompt_toolkit) allocates a great many objects, none of
them garbage, and CPython's cyclic collector walks them again and again while they load, and
once more at exit. So the collector is paused while modules load, and what was loaded is then
frozen (:func:`gc.freeze`: moved where collections never look) before collecting resumes for
the command itself. Measured with ``benchmarks/startup.py``: about a tenth off every path.

Only a program started here pauses anything: importing :mod:`selfhost_advisor.cli` as a library
(the tests do) leaves the collector alone, since freezing would keep a test run's garbage.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NoReturn


class _Program:
    launched = False  # set by main(): this process is the advisor, not a host importing it


@contextmanager
def loading() -> Iterator[None]:
    """Load modules inside this block with the cyclic collector paused (in the program only)."""
    if not _Program.launched or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


def main() -> NoReturn:
    """Console-script entry point."""
    _Program.launched = True
    try:
        with loading():
            from selfhost_advisor import cli
    except KeyboardInterrupt:
        # Ctrl-C before the command could even start: no traceback, the status a shell
        # gives SIGINT, as cli.run() does for a Ctrl-C at a prompt.
        sys.exit(130)
    cli.main()
