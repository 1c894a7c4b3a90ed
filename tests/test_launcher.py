"""The console script's collector pause: only in the program, always undone.

Each check runs in a fresh interpreter, where nothing else has touched the collector.
"""

from __future__ import annotations

import subprocess
import sys

import pytest


def _python(code: str) -> str:
    process = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert process.returncode == 0, process.stderr
    return process.stdout.strip()


def test_importing_the_cli_as_a_library_leaves_the_collector_alone() -> None:
    code = (
        "import gc\nfrom selfhost_advisor import cli\nprint(gc.isenabled(), gc.get_freeze_count())"
    )
    assert _python(code) == "True 0"


def test_outside_the_program_loading_pauses_nothing() -> None:
    code = (
        "import gc\nfrom selfhost_advisor.startup import loading\n"
        "with loading():\n    during = gc.isenabled()\n"
        "print(during, gc.get_freeze_count())"
    )
    assert _python(code) == "True 0"


@pytest.mark.parametrize("fails", [False, True])
def test_in_the_program_loading_pauses_then_freezes_and_resumes(fails: bool) -> None:
    code = (
        "import gc\nfrom selfhost_advisor import startup\nstartup.Program.launched = True\n"
        "try:\n    with startup.loading():\n        during = gc.isenabled()\n        import json\n"
        f"        if {fails}: raise ImportError('x')\nexcept ImportError:\n    pass\n"
        "print(during, gc.isenabled(), gc.get_freeze_count() > 0)"
    )
    assert _python(code) == "False True True"


def test_ctrl_c_while_the_cli_loads_exits_130_without_a_traceback() -> None:
    # Ctrl-C during start-up lands inside an import: simulate it at the import of the CLI.
    code = (
        "import builtins, sys\n"
        "real = builtins.__import__\n"
        "def interrupted(name, globals=None, locals=None, fromlist=(), level=0):\n"
        "    if name == 'selfhost_advisor.cli' and 'app' in (fromlist or ()):\n"
        "        raise KeyboardInterrupt\n"
        "    return real(name, globals, locals, fromlist, level)\n"
        "builtins.__import__ = interrupted\n"
        "from selfhost_advisor import launcher\n"
        "launcher.main()\n"
    )
    process = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert process.returncode == 130
    assert "Traceback" not in process.stderr
    assert process.stdout == ""
