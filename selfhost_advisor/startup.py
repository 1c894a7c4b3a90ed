"""Module loading with CPython's cyclic garbage collector paused, for the program's start-up only.

Loading click, Typer and the advisor's modules (and, for a card or a prompt, Rich, questionary
and prompt_toolkit) allocates a great many objects, none of them garbage, and CPython's cyclic
collector walks them again and again while they load, and once more at exit. So the collector
is paused while modules load, and what was loaded is then frozen (:func:`gc.freeze`: moved
where collections never look) before collecting resumes for the command itself
(``docs/performance.md`` has the measurement).

Only a program started by the launcher pauses anything: importing the advisor as a library (the
tests do) leaves the collector alone, since freezing would keep a test run's garbage.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


class Program:
    launched = False  # set by launcher.main(): this process is the advisor, not a host importing it


@contextmanager
def loading() -> Iterator[None]:
    """Load modules inside this block with the cyclic collector paused (in the program only)."""
    if not Program.launched or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()
