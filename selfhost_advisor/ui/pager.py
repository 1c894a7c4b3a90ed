"""A card taller than the window goes through a pager, as git and gh page their output.

The pager is ``$ADVISOR_PAGER``, else ``$PAGER``, else ``less -FRX`` (quit if one screen,
keep colour, leave the text on the screen); an empty setting or ``cat`` means none. ``LESS``
defaults to ``FRX`` as git sets it, so ``PAGER=less`` keeps the colour too. A pager that
cannot start leaves the caller to print; quitting it early is not an error.
"""

from __future__ import annotations

import contextlib
import io
import os
import signal
import subprocess
import sys

from selfhost_advisor.ui.output import encodable


def command() -> list[str] | None:
    """The pager to run, as argv, or ``None`` when the user asked for none."""
    import shlex  # here: only a card taller than the window reads the setting

    for name in ("ADVISOR_PAGER", "PAGER"):
        if name in os.environ:
            setting = os.environ[name].strip()
            try:
                argv = shlex.split(setting)
            except ValueError:  # an unclosed quote: not a command that can start
                return None
            return None if not argv or argv == ["cat"] else argv
    return ["less", "-FRX"]


def page(text: str, encoding: str) -> bool:
    """Show ``text`` through the pager; ``False`` when there is none or it cannot start."""
    argv = command()
    if argv is None:
        return False
    environment = {**os.environ}
    environment.setdefault("LESS", "FRX")
    environment.setdefault("LV", "-c")  # lv, the other pager that needs telling to keep colour
    sys.stdout.flush()
    try:
        pager = subprocess.Popen(argv, stdin=subprocess.PIPE, env=environment)
    except OSError:  # not installed, not executable: the card is printed instead
        return False
    # The pager owns the keyboard: Ctrl-C there stops its search or scroll, not the advisor.
    # Ignored only once it runs, so the pager itself starts with Ctrl-C as it expects.
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        assert pager.stdin is not None
        stream = io.TextIOWrapper(pager.stdin, encoding=encoding, errors="replace")
        # The reader quit before the end (`q` in less): what it did not read is not needed.
        with contextlib.suppress(OSError, ValueError):
            encodable(stream).write(text)
            stream.flush()
        with contextlib.suppress(OSError, ValueError):
            stream.close()
        pager.wait()
        return True
    finally:
        signal.signal(signal.SIGINT, previous)
