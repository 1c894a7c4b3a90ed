"""Runs the differential corpus of ``tests/test_fast_path.py``: each case twice, in forks.

Usage: ``python fast_path_driver.py CASES.json RESULTS.json``. Each case (argv, environment,
where stdout goes) runs once as the console script runs it (``launcher.main()``, fast path
allowed) and once with ``_ADVISOR_NO_FAST_PATH=1`` (Typer only), each in a child forked from
this process, which has imported the CLI but run nothing: a fork costs about a millisecond where
a fresh interpreter would cost the whole start-up, so the corpus can be large. Each child gets
the case's environment, ``/dev/null`` as stdin, and files (or a closed, full or broken stdout)
as fds 1 and 2; the result is the bytes of both, the exit status, and whether the fast path
answered. The interpreter's exit (flushing stdout, status 120 when that fails) is imitated.

A standalone script, not a test module, so it starts clean: nothing a test did (catalogs read,
Click's words rebound) is inherited by the children.
"""

from __future__ import annotations

import base64
import json
import os
import sys
import tempfile
import tomllib  # noqa: F401  # a source checkout's catalogs are TOML: imported once, here

from selfhost_advisor import launcher

# The modules a run imports, imported once here rather than once per child: importing them
# reads nothing and keeps no state a run depends on; what a run reads (the catalogs) each
# child still reads itself.
from selfhost_advisor.cli import app, fast, run  # noqa: F401
from selfhost_advisor.ui import ask_inputs, report, terminal  # noqa: F401

NO_FAST_PATH = "_ADVISOR_NO_FAST_PATH"


def _stdout_to(mode: str, out_fd: int) -> None:
    if mode == "file":
        os.dup2(out_fd, 1)
    elif mode == "closed":
        # As when started with `>&-`: the interpreter then has no sys.stdout at all.
        os.close(1)
        sys.stdout = None  # type: ignore[assignment]
    elif mode == "full":
        full = os.open("/dev/full", os.O_WRONLY)
        os.dup2(full, 1)
    elif mode == "broken-pipe":
        read_end, write_end = os.pipe()
        os.close(read_end)
        os.dup2(write_end, 1)
    else:
        raise ValueError(mode)


def _child(case: dict[str, object], fast_allowed: bool, out_fd: int, err_fd: int, side: int) -> int:
    env = dict(case["env"])  # type: ignore[call-overload]
    if not fast_allowed:
        env[NO_FAST_PATH] = "1"
    os.environ.clear()
    os.environ.update(env)
    stdin = os.open(os.devnull, os.O_RDONLY)
    os.dup2(stdin, 0)
    os.dup2(err_fd, 2)
    _stdout_to(str(case["stdout"]), out_fd)
    if case.get("stderr") == "closed":
        # As when started with `2>&-`: no sys.stderr at all.
        os.close(2)
        sys.stderr = None  # type: ignore[assignment]
    sys.argv = ["advisor", *case["argv"]]  # type: ignore[misc]
    answer = fast.answer

    def spy(*args: object, **kwargs: object) -> object:
        result = answer(*args, **kwargs)
        if result is not None:
            os.write(side, b"F")
        return result

    fast.answer = spy  # type: ignore[assignment]
    try:
        launcher.main()
        status: object = 0
    except SystemExit as done:
        status = done.code
    if status is None:
        status = 0
    elif not isinstance(status, int):
        print(status, file=sys.stderr)
        status = 1
    # What the interpreter does at exit: flush, and exit 120 when stdout cannot take it.
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is None:
            continue
        try:
            stream.flush()
        except Exception as error:
            os.write(err_fd, f"<exit: flushing {name} failed: {type(error).__name__}>\n".encode())
            status = 120
    return status


def leg(case: dict[str, object], fast_allowed: bool) -> dict[str, object]:
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        side_read, side_write = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            status = 70
            try:
                os.close(side_read)
                status = _child(case, fast_allowed, out.fileno(), err.fileno(), side_write)
            finally:
                os._exit(status)
        os.close(side_write)
        _, wait_status = os.waitpid(pid, 0)
        taken = os.read(side_read, 1) == b"F"
        os.close(side_read)
        out.seek(0)
        err.seek(0)
        return {
            "stdout": base64.b64encode(out.read()).decode(),
            "stderr": base64.b64encode(err.read()).decode(),
            "status": os.waitstatus_to_exitcode(wait_status),
            "fast": taken,
        }


def main() -> int:
    with open(sys.argv[1], encoding="utf-8") as source:
        cases = json.load(source)
    results = [{"fast": leg(case, True), "typer": leg(case, False)} for case in cases]
    with open(sys.argv[2], "w", encoding="utf-8") as sink:
        json.dump(results, sink)
    return 0


if __name__ == "__main__":
    sys.exit(main())
