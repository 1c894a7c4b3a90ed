"""The ``advisor`` console script and ``python -m selfhost_advisor``: load the CLI, then run it.

A module of its own so that start-up is decided here, before anything heavy loads: the
collector is paused while the CLI loads (:mod:`selfhost_advisor.startup`), and a Ctrl-C that
lands during the imports still exits 130 without a traceback.
"""

from __future__ import annotations

import sys
from typing import NoReturn

from selfhost_advisor.startup import Program, loading


def main() -> NoReturn:
    """Console-script entry point."""
    Program.launched = True
    try:
        with loading():
            from selfhost_advisor.cli import app  # noqa: F401  # the commands, declared
            from selfhost_advisor.cli import run as cli
    except KeyboardInterrupt:
        # Ctrl-C before the command could even start: no traceback, the status a shell
        # gives SIGINT, as cli.run() does for a Ctrl-C at a prompt.
        sys.exit(130)
    cli.main()
