"""Peers: the advisor's start-up next to the Python command lines people use beside it.

Each peer (minimal argparse, Click and Typer apps; cookiecutter, httpie, commitizen, copier and
poetry) is installed from the package index into a throwaway venv of its own, and the advisor
is built as a wheel and installed into another, as a user installs it. Every venv's bare
``python -c pass`` is timed in the same interleaved rounds as its commands, and each command is
reported as the ratio of its median to its own venv's baseline median, so the figures compare
across venvs and machines the way ``benchmarks/startup.py``'s do (the advisor's rows are its
paths, with the same output checks).

A manual command, not part of CI: it needs the package index, and installing the peers takes
minutes. Run it with the dev venv's interpreter from the repository::

    .venv/bin/python benchmarks/peers.py                    # Markdown table for the docs
    .venv/bin/python benchmarks/peers.py --venvs /tmp/peers # keep the venvs, reuse them next time
    .venv/bin/python benchmarks/peers.py -n 20 --json

The table goes into docs/performance.md ("Peers") with the date, runs and load it prints.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import startup  # benchmarks/startup.py: the advisor's paths, the runners and the environment

ROOT = Path(__file__).resolve().parent.parent

ARGPARSE_APP = """
import argparse
parser = argparse.ArgumentParser()
parser.add_argument("--name", default="argparse")
print(parser.parse_args().name)
"""
CLICK_APP = """
import click
@click.command()
@click.option("--name", default="click")
def main(name):
    click.echo(name)
main()
"""


@dataclass
class Peer:
    """A venv with what it installs, and the commands timed in it (the baseline first)."""

    id: str
    packages: list[str]  # pip requirement specifiers; the advisor's wheel is added at install
    version_of: str | None  # the distribution whose version the table shows
    commands: Callable[[Path, Path], list[startup.Case]]  # (venv's python, bin dir) -> cases
    python: Path = Path()
    version: str = ""
    cases: list[startup.Case] = field(default_factory=list)


def _expect(needle: str) -> Callable[[bytes], str | None]:
    def check(out: bytes) -> str | None:
        return None if needle.lower() in out.decode(errors="replace").lower() else f"no {needle!r}"

    return check


def _script(id_: str, label: str, argv: list[str], needle: str) -> startup.Case:
    return startup.Case(id_, label, argv, None, _expect(needle))


def _advisor_cases(python: Path, bin_dir: Path) -> list[startup.Case]:
    # startup.py's own paths with their checks; its baseline and Typer app are the peers' here.
    skip = {"baseline", "minimal_typer"}
    return [case for case in startup.cases(bin_dir / "advisor", str(python)) if case.id not in skip]


PEERS = [
    Peer(
        "argparse",
        [],
        None,
        lambda py, _bin: [
            _script("argparse", "argparse, minimal app", [str(py), "-c", ARGPARSE_APP], "argparse")
        ],
    ),
    Peer(
        "click",
        ["click"],
        "click",
        lambda py, _bin: [
            _script("click", "click, minimal app", [str(py), "-c", CLICK_APP], "click")
        ],
    ),
    Peer(
        "typer",
        # The advisor's own pin (pyproject.toml): from 0.26 Typer loads pydantic.
        ["typer<0.26"],
        "typer",
        lambda py, _bin: [
            _script("typer", "typer, minimal app", [str(py), "-c", startup.MINIMAL_TYPER], "typer")
        ],
    ),
    Peer(
        "cookiecutter",
        ["cookiecutter"],
        "cookiecutter",
        lambda _py, bin_: [
            _script(
                "cookiecutter",
                "cookiecutter --help",
                [str(bin_ / "cookiecutter"), "--help"],
                "usage",
            )
        ],
    ),
    Peer(
        "httpie",
        ["httpie"],
        "httpie",
        lambda _py, bin_: [
            _script("httpie", "httpie: http --help", [str(bin_ / "http"), "--help"], "usage")
        ],
    ),
    Peer(
        "commitizen",
        ["commitizen"],
        "commitizen",
        lambda _py, bin_: [
            _script("commitizen", "commitizen: cz --help", [str(bin_ / "cz"), "--help"], "usage")
        ],
    ),
    Peer(
        "copier",
        ["copier"],
        "copier",
        lambda _py, bin_: [
            _script("copier", "copier --help", [str(bin_ / "copier"), "--help"], "copier")
        ],
    ),
    Peer(
        "poetry",
        ["poetry"],
        "poetry",
        lambda _py, bin_: [
            _script("poetry", "poetry --version", [str(bin_ / "poetry"), "--version"], "poetry")
        ],
    ),
    Peer("advisor", [], "selfhost-advisor", _advisor_cases),
]


def _quiet(argv: list[str]) -> None:
    done = subprocess.run(argv, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)}: exit {done.returncode}\n{done.stderr[-3000:]}")


def _wheel(work: Path) -> Path:
    """The advisor built as a wheel, as a user installs it (no test extras)."""
    out = work / "dist"
    _quiet([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(out), str(ROOT)])
    (wheel,) = out.glob("*.whl")
    return wheel


def install(peer: Peer, venvs: Path, wheel: Path | None) -> None:
    """Make (or reuse) the peer's venv and fill in its python, version and cases."""
    home = venvs / peer.id
    python = home / "bin" / "python"
    marker = home / "installed.json"
    wanted = json.dumps(peer.packages)
    fresh = not (python.exists() and marker.exists() and marker.read_text() == wanted)
    if fresh:
        print(f"peers.py: installing {peer.id} into {home}", file=sys.stderr)
        _quiet([sys.executable, "-m", "venv", "--clear", str(home)])
        if peer.packages:
            _quiet([str(python), "-m", "pip", "install", "-q", *peer.packages])
        marker.write_text(wanted)
    if wheel is not None:
        # Always the wheel of the code as it is now, even in a reused venv (whose
        # dependencies are already there).
        again = [] if fresh else ["--force-reinstall", "--no-deps"]
        _quiet([str(python), "-m", "pip", "install", "-q", *again, str(wheel)])
    peer.python = python
    if peer.version_of:
        peer.version = subprocess.run(
            [
                str(python),
                "-c",
                f"import importlib.metadata as m; print(m.version({peer.version_of!r}))",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    baseline = startup.Case(
        f"{peer.id}:baseline", "python -c pass", [str(python), "-c", "pass"], None
    )
    peer.cases = [baseline, *peer.commands(python, home / "bin")]


def measure(peers: list[Peer], runs: int, warmup: int) -> None:
    """Every venv's baseline and commands, ``warmup + runs`` rounds, interleaved."""
    env = startup._environment()
    every = [case for peer in peers for case in peer.cases]
    for round_ in range(warmup + runs):
        for case in every:
            run = startup._run_pty if case.pty_until else startup._run_piped
            elapsed, out = run(case, {**env, **case.env}, [])
            if round_ == 0:
                problem = case.check(out)
                if problem:
                    raise RuntimeError(f"{case.label}: {problem}")
            if round_ >= warmup:
                case.times.append(elapsed)


def results(peers: list[Peer], runs: int, load_before: list[float]) -> dict[str, object]:
    rows = []
    spreads = []
    for peer in peers:
        baseline, *commands = peer.cases
        base = statistics.median(baseline.times)
        quartiles = statistics.quantiles(baseline.times, n=4)
        spreads.append(quartiles[2] / quartiles[0])
        for case in commands:
            median = statistics.median(case.times)
            rows.append(
                {
                    "venv": peer.id,
                    "id": case.id,
                    "label": case.label,
                    "version": peer.version,
                    "median_ms": round(median * 1000, 1),
                    "baseline_ms": round(base * 1000, 1),
                    "ratio": round(median / base, 2),
                }
            )
    rows.sort(key=lambda row: float(row["ratio"]))  # type: ignore[arg-type]
    version = subprocess.run(
        [str(peers[0].python), "-c", "import platform; print(platform.python_version())"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    worst = max(spreads)
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": {
            "cpus": os.cpu_count(),
            "python": version,
            "platform": platform.platform(),
            "load_average_before": load_before,
            "load_average_after": [round(x, 2) for x in os.getloadavg()],
        },
        "runs": runs,
        "worst_baseline_spread": round(worst, 2),
        "noisy": worst > startup.NOISY,
        "rows": rows,
    }


def markdown(report: dict[str, object]) -> str:
    machine = report["machine"]
    assert isinstance(machine, dict)
    lines = [
        f"{report['date']}, {machine['cpus']} CPUs, Python {machine['python']}, "
        f"{report['runs']} runs, load average {machine['load_average_before']} before and "
        f"{machine['load_average_after']} after",
        "",
        "| command | version | median | own `python -c pass` | ratio |",
        "|---|---|---|---|---|",
    ]
    rows = report["rows"]
    assert isinstance(rows, list)
    for row in rows:
        label = (
            f"**advisor {row['label'].removeprefix('advisor ')}**"
            if row["venv"] == "advisor"
            else row["label"]
        )
        ratio = f"**{row['ratio']:.2f}x**" if row["venv"] == "advisor" else f"{row['ratio']:.2f}x"
        lines.append(
            f"| {label} | {row['version']} | {row['median_ms']:.1f} ms "
            f"| {row['baseline_ms']:.1f} ms | {ratio} |"
        )
    if report["noisy"]:
        lines += [
            "",
            f"NOISY: a baseline's p75 is {report['worst_baseline_spread']}x its p25; something else"
            " was using the CPUs. Rerun on a quieter machine before quoting these.",
        ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("-n", "--runs", type=int, default=15, help="timed runs per command (>= 10)")
    parser.add_argument("--warmup", type=int, default=2, help="untimed rounds first (>= 1)")
    parser.add_argument("--venvs", help="keep the venvs in this folder and reuse them")
    parser.add_argument("--only", nargs="*", help="measure only these peers (the advisor always)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    if args.runs < 10 or args.warmup < 1:
        parser.error("use at least 10 runs and 1 warm-up round")
    peers = [p for p in PEERS if not args.only or p.id in args.only or p.id == "advisor"]
    with tempfile.TemporaryDirectory(prefix="advisor-peers-") as work:
        venvs = Path(args.venvs) if args.venvs else Path(work)
        venvs.mkdir(parents=True, exist_ok=True)
        try:
            wheel = _wheel(Path(work))
            for peer in peers:
                install(peer, venvs, wheel if peer.id == "advisor" else None)
            load_before = [round(x, 2) for x in os.getloadavg()]
            measure(peers, args.runs, args.warmup)
        except RuntimeError as error:
            print(f"peers.py: {error}", file=sys.stderr)
            return 2
    report = results(peers, args.runs, load_before)
    print(json.dumps(report, indent=2) if args.json else markdown(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
