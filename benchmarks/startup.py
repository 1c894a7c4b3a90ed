"""Start-up benchmark: how long each way of running ``advisor`` takes, next to a bare interpreter.

Shell completion runs the program on every Tab and ``--json`` calls sit inside scripts' loops,
so start-up is this tool's performance. Each path runs as a subprocess; a bare ``python -c
pass`` (the interpreter from the ``advisor`` script's own shebang, so the same venv) is timed
in the same rounds, and every path is reported as a ratio of its median wall time to the
baseline's median. Rounds are interleaved (baseline, path, path, ...) so that a burst of load
from something else on the machine lands on every path alike rather than on one of them.

Peak memory is measured in separate, untimed runs: a child's ``ru_maxrss`` also counts the
memory of the process that spawned it (Linux keeps the high-water mark across ``exec``), so the
benchmark, with the package imported, would inflate every figure. Each path is started instead
through a small launcher, ``/usr/bin/time -f %M`` where it exists, else ``python -S -I`` that
forks, execs and reports ``os.wait4``'s ``ru_maxrss`` (its own footprint is then a floor; see
docs/performance.md).

The interactive path runs in a pseudo-terminal and is timed until the first question's text
appears; the child is then killed (for the memory run, sent Ctrl-C so it exits on its own).

Children run in a fixed environment (``LANG=C.UTF-8``, 100 columns, ``TERM=xterm-256color``)
without colour variables, so every run draws the same thing, and without
``PYTHONDONTWRITEBYTECODE`` (bytecode is written in the warm-up round as on a user's machine)
unless ``--dont-write-bytecode`` asks for it, as on a read-only install.

Before timing anything, each path's output is checked (the JSON parses, completion returns the
answers, the list shows every option, ...), so the benchmark never times a failure.

Standard library and the installed package only. Run with the venv's interpreter::

    .venv/bin/python benchmarks/startup.py            # table, PASS/FAIL per target
    .venv/bin/python benchmarks/startup.py -n 20 --json
    .venv/bin/python benchmarks/startup.py --check    # exit 1 if a target is missed

It reports; it never runs inside the test suite.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import json
import os
import platform
import re
import select
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from selfhost_advisor.advice.questions import BY_ID, QUESTIONS
from selfhost_advisor.i18n import catalogs as i18n
from selfhost_advisor.ui.report import list_document

ASK_FLAGS = ["--data", "mixed", "--control", "none", "--volume", "modest", "--ops", "none"]
COLUMNS = 100
ROWS = 30
PROMPT_TIMEOUT = 30.0  # seconds; a loaded 2-core machine can be slow, a hang is a failure
MEMORY_TARGET_MIB = 20.0
NOISY = 1.25  # baseline's p75/p25 above this: something else was using the CPUs
# For scale, not a target: the least any Typer command can cost on this machine.
MINIMAL_TYPER = """
import typer
app = typer.Typer()
@app.command()
def main(name: str = "typer") -> None:
    print(name)
app()
"""

# Terminal and locale variables that would change what a path does or draws.
_UNSET = (
    "FORCE_COLOR",
    "NO_COLOR",
    "TTY_COMPATIBLE",
    "TTY_INTERACTIVE",
    "LANGUAGE",
    "LC_ALL",
    "LC_MESSAGES",
    "ADVISOR_LANG",
    "ADVISOR_LOCALE_DIR",
    "ADVISOR_DEBUG",
    "PYTHONPROFILEIMPORTTIME",
    "PYTHONDONTWRITEBYTECODE",
)
_ANSI = re.compile(rb"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-Z\\-_])")


@dataclass
class Case:
    """One way of running the program: its command, extra environment and output check."""

    id: str
    label: str
    argv: list[str]
    target: float | None  # the highest acceptable ratio to the baseline; None for the baseline
    check: Callable[[bytes], str | None] = lambda _out: None  # a problem, or None if fine
    env: dict[str, str] = field(default_factory=dict)
    pty_until: bytes | None = None  # run in a pseudo-terminal until this text appears
    times: list[float] = field(default_factory=list)
    rss_kib: list[int] = field(default_factory=list)


# Forks, execs argv[2:], and writes the child's peak RSS (KiB) to the file argv[1].
_LAUNCHER = """
import os, sys
pid = os.fork()
if pid == 0:
    os.execv(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as out:
    out.write(str(usage.ru_maxrss))
sys.exit(os.waitstatus_to_exitcode(status) & 0xFF)
"""


def _memory_prefix(python: str, report: str) -> list[str]:
    if os.access("/usr/bin/time", os.X_OK):
        return ["/usr/bin/time", "-f", "%M", "-o", report]
    return [python, "-S", "-I", "-c", _LAUNCHER, report]


def _interpreter(advisor: Path) -> str:
    """The interpreter in the ``advisor`` script's shebang: the venv the package runs in."""
    first = advisor.read_bytes().split(b"\n", 1)[0]
    if first.startswith(b"#!"):
        candidate = first[2:].decode().strip().split()[0]
        if os.access(candidate, os.X_OK):
            return candidate
    return sys.executable


def _environment(dont_write_bytecode: bool = False) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _UNSET}
    if dont_write_bytecode:
        # As on a read-only install or a container that sets it: nothing is written at run time.
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    env.update(LANG="C.UTF-8", COLUMNS=str(COLUMNS), LINES=str(ROWS), TERM="xterm-256color")
    return env


def _expect_json(out: bytes) -> str | None:
    try:
        document = json.loads(out)
    except ValueError as error:
        return f"stdout is not JSON ({error})"
    return None if "recommendation" in document else "no recommendation in the JSON"


def _expect_lines(wanted: list[str]) -> Callable[[bytes], str | None]:
    def check(out: bytes) -> str | None:
        got = out.decode().split()
        return None if got == wanted else f"completion returned {got}, expected {wanted}"

    return check


def _expect_text(*needles: str) -> Callable[[bytes], str | None]:
    def check(out: bytes) -> str | None:
        text = " ".join(out.decode().split())
        absent = [n for n in needles if " ".join(n.split()) not in text]
        return f"output lacks {absent}" if absent else None

    return check


def cases(advisor: Path, python: str) -> list[Case]:
    """Every timed path, the baseline first, each with the check that it really did its job."""
    catalog = i18n.load("en")
    titles = [option["title"] for option in list_document(catalog)["options"]]
    first_prompt = catalog.text(f"questions.{QUESTIONS[0].id}.prompt")
    exe = str(advisor)
    return [
        Case("baseline", "python -c pass", [python, "-c", "pass"], None),
        Case(
            "minimal_typer",
            "(for scale) a one-command Typer app",
            [python, "-c", MINIMAL_TYPER],
            None,
            _expect_text("typer"),
        ),
        Case(
            "ask_json",
            "advisor ask --json (4 flags)",
            [exe, "ask", *ASK_FLAGS, "--json"],
            4.0,
            _expect_json,
        ),
        Case(
            "completion",
            "bash completion of --volume",
            [exe],
            2.0,
            _expect_lines(list(BY_ID["volume"].values)),
            # Typer's bash protocol: the words so far and the index of the one being completed.
            env={
                "_ADVISOR_COMPLETE": "complete_bash",
                "COMP_WORDS": "advisor ask --volume ",
                "COMP_CWORD": "3",
            },
        ),
        Case("list", "advisor list (Rich, piped)", [exe, "list"], 8.5, _expect_text(*titles)),
        Case("help", "advisor --help", [exe, "--help"], 6.5, _expect_text("ask", "list")),
        Case(
            "first_prompt",
            "advisor ask: first prompt in a pty",
            [exe, "ask"],
            14.0,
            pty_until=first_prompt.encode(),
        ),
    ]


def _run_piped(path: Case, env: dict[str, str], prefix: list[str]) -> tuple[float, bytes]:
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen(
            [*prefix, *path.argv],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=err,
            env=env,
        )
        assert child.stdout is not None
        out = child.stdout.read()
        status = child.wait()
        elapsed = time.perf_counter() - start
        child.stdout.close()
        if status != 0:
            err.seek(0)
            raise RuntimeError(
                f"{path.label}: exit {status}: {err.read().decode(errors='replace')}"
            )
    return elapsed, out


def _run_pty(path: Case, env: dict[str, str], prefix: list[str]) -> tuple[float, bytes]:
    assert path.pty_until is not None
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
    seen = b""
    try:
        start = time.perf_counter()
        child = subprocess.Popen(
            [*prefix, *path.argv],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            start_new_session=True,
        )
        os.close(slave)
        slave = -1
        while path.pty_until not in _ANSI.sub(b"", seen):
            left = start + PROMPT_TIMEOUT - time.perf_counter()
            ready, _, _ = select.select([master], [], [], max(left, 0))
            if not ready:
                child.kill()
                raise RuntimeError(f"{path.label}: no prompt after {PROMPT_TIMEOUT} s: {seen!r}")
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the child closed the terminal, i.e. it exited
                chunk = b""
            if not chunk:
                raise RuntimeError(f"{path.label}: exited before the prompt: {seen!r}")
            seen += chunk
        elapsed = time.perf_counter() - start
        if prefix:
            # The launcher must outlive the program to report its memory: cancel the prompt.
            os.write(master, b"\x03")
            _drain(master, child)
        else:
            child.kill()
            child.wait()
    finally:
        if slave != -1:
            os.close(slave)
        os.close(master)
    return elapsed, seen


def _drain(master: int, child: subprocess.Popen[bytes]) -> None:
    """Read the terminal until the program exits, so it never blocks writing to it."""
    deadline = time.perf_counter() + PROMPT_TIMEOUT
    while child.poll() is None and time.perf_counter() < deadline:
        if select.select([master], [], [], 0.05)[0]:
            with contextlib.suppress(OSError):  # EIO once the program has closed it
                os.read(master, 65536)
    if child.poll() is None:
        child.kill()
        child.wait()


def measure(
    all_paths: list[Case], runs: int, warmup: int, python: str, dont_write_bytecode: bool = False
) -> None:
    """Time every path ``warmup + runs`` times, interleaved, and keep the last ``runs``.

    Then three untimed runs of each through the memory launcher, keeping the peak.
    """
    env = _environment(dont_write_bytecode)
    for round_ in range(warmup + runs):
        for path in all_paths:
            run = _run_pty if path.pty_until else _run_piped
            elapsed, out = run(path, {**env, **path.env}, [])
            if round_ == 0:
                problem = path.check(out)
                if problem:
                    raise RuntimeError(f"{path.label}: {problem}")
            if round_ >= warmup:
                path.times.append(elapsed)
    with tempfile.TemporaryDirectory() as work:
        report = os.path.join(work, "rss")
        for _ in range(3):
            for path in all_paths:
                run = _run_pty if path.pty_until else _run_piped
                run(path, {**env, **path.env}, _memory_prefix(python, report))
                path.rss_kib.append(int(Path(report).read_text().split()[-1]))


def results(all_paths: list[Case], python: str, runs: int) -> dict[str, object]:
    """The figures as one JSON-able document."""
    baseline = statistics.median(all_paths[0].times)
    baseline_min = min(all_paths[0].times)
    base_quartiles = statistics.quantiles(all_paths[0].times, n=4)
    noise = base_quartiles[2] / base_quartiles[0]
    version = subprocess.run(
        [python, "-c", "import platform; print(platform.python_version())"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    rows = []
    for path in all_paths:
        median = statistics.median(path.times)
        ratio = median / baseline
        peak_mib = max(path.rss_kib) / 1024
        within = path.target is None or ratio <= path.target
        if path.id == "ask_json":
            within = within and peak_mib < MEMORY_TARGET_MIB
        quartiles = statistics.quantiles(path.times, n=4) if len(path.times) > 1 else [median] * 3
        rows.append(
            {
                "id": path.id,
                "label": path.label,
                "median_ms": round(median * 1000, 1),
                "p25_ms": round(quartiles[0] * 1000, 1),
                "p75_ms": round(quartiles[2] * 1000, 1),
                "min_ms": round(min(path.times) * 1000, 1),
                "max_ms": round(max(path.times) * 1000, 1),
                "ratio": round(ratio, 2),
                # Fastest against fastest: what the machine does at its quietest in this run.
                "min_ratio": round(min(path.times) / baseline_min, 2),
                "target": path.target,
                "peak_rss_mib": round(peak_mib, 1),
                "memory_target_mib": MEMORY_TARGET_MIB if path.id == "ask_json" else None,
                "pass": within,
            }
        )
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": {
            "cpus": os.cpu_count(),
            "python": version,
            "platform": platform.platform(),
            "load_average": [round(x, 2) for x in os.getloadavg()],
        },
        "runs": runs,
        "baseline_spread": round(noise, 2),
        "noisy": noise > NOISY,
        "paths": rows,
    }


def table(report: dict[str, object]) -> str:
    """The figures as a plain-text table."""
    machine = report["machine"]
    assert isinstance(machine, dict)
    lines = [
        f"{report['date']}, {machine['cpus']} CPUs, Python {machine['python']}, "
        f"{report['runs']} runs per path, load average {machine['load_average']}",
        "",
        f"{'path':<36}{'median':>9}{'p25-p75':>15}{'ratio':>8}{'min':>7}{'target':>8}"
        f"{'peak RSS':>11}  result",
    ]
    rows = report["paths"]
    assert isinstance(rows, list)
    for row in rows:
        target = "" if row["target"] is None else f"<={row['target']:g}x"
        spread = f"{row['p25_ms']:.1f}-{row['p75_ms']:.1f}"
        rss = f"{row['peak_rss_mib']:.1f} MiB"
        result = "" if row["target"] is None else ("PASS" if row["pass"] else "FAIL")
        if row["memory_target_mib"] is not None:
            result += f" (memory < {row['memory_target_mib']:g} MiB)"
        lines.append(
            f"{row['label']:<36}{row['median_ms']:>7.1f}ms{spread:>15}{row['ratio']:>7.2f}x"
            f"{row['min_ratio']:>6.2f}x{target:>8}{rss:>11}  {result}"
        )
    lines += [
        "",
        "ratio: median against the baseline's median (what the targets are about); min: fastest",
        "against fastest.",
    ]
    if report["noisy"]:
        lines.append(
            f"NOISY: the baseline's p75 is {report['baseline_spread']}x its p25; something else"
            " was using the CPUs. Rerun on a quieter machine before trusting the ratios."
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("-n", "--runs", type=int, default=15, help="timed runs per path (>= 10)")
    parser.add_argument("--warmup", type=int, default=2, help="untimed rounds first (>= 1)")
    parser.add_argument("--advisor", help="the advisor script (default: next to this python)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--dont-write-bytecode",
        action="store_true",
        help="run every path with PYTHONDONTWRITEBYTECODE=1",
    )
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    if args.runs < 10 or args.warmup < 1:
        parser.error("use at least 10 runs and 1 warm-up round")
    found = args.advisor or shutil.which("advisor", path=str(Path(sys.executable).parent))
    if not found:
        parser.error("no advisor script next to this python; pass --advisor PATH")
    advisor = Path(found)
    python = _interpreter(advisor)
    all_paths = cases(advisor, python)
    try:
        measure(all_paths, args.runs, args.warmup, python, args.dont_write_bytecode)
    except RuntimeError as error:
        print(f"startup.py: {error}", file=sys.stderr)
        return 2
    report = results(all_paths, python, args.runs)
    print(json.dumps(report, indent=2) if args.json else table(report))
    missed = [row for row in report["paths"] if not row["pass"]]  # type: ignore[attr-defined]
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
