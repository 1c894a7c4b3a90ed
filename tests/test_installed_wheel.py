"""The built wheel, installed as a user installs it: every command leaves the install untouched.

Nothing may be written into the installed package at run time (files there outlive
``pip uninstall`` and a damaged one would break every run), so this builds the wheel, installs
it into a fresh venv, lists the installed files, runs every command with and without
``PYTHONDONTWRITEBYTECODE``, and lists them again. It also checks that the wheel's catalogs are
read without the TOML parser, which is what the build hook (``hatch_build.py``) is for.
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

from test_import_guard import HEAVY, HEAVY_STDLIB

ROOT = Path(__file__).resolve().parent.parent
FLAGS = ["--data", "mixed", "--control", "none", "--volume", "modest", "--ops", "none"]
COST = [
    *("--preset", "h100-8b", "--output-tokens", "5B", "--input-tokens", "10B"),
    *("--api-input-price", "0.15", "--api-output-price", "0.60", "--ops-monthly", "20000"),
]
COMMANDS: list[tuple[list[str], dict[str, str]]] = [
    (["ask", *FLAGS, "--json"], {}),
    (["ask", *FLAGS, "--markdown", "--date", "2026-01-31"], {}),
    (["ask", *FLAGS], {}),
    (["ask", *FLAGS, "--json", "--lang", "es"], {}),
    (["list"], {}),
    (["list", "--json", "--lang", "es"], {}),
    (["cost", *COST], {}),
    (["cost", *COST, "--json"], {}),
    (["languages"], {}),
    (["languages", "--json"], {}),
    (["--help"], {}),
    (["cost", "--help", "--lang", "es"], {}),
    (["--version"], {}),
    # Typer's bash protocol: the words so far and the index of the one being completed.
    (
        [],
        {
            "_ADVISOR_COMPLETE": "complete_bash",
            "COMP_WORDS": "advisor ask --ops ",
            "COMP_CWORD": "3",
        },
    ),
]


def _files(package: Path) -> dict[str, tuple[int, int]]:
    return {
        str(path.relative_to(package)): (path.stat().st_size, path.stat().st_mtime_ns)
        for path in package.rglob("*")
    }


def _install(work: Path) -> Path:
    """The advisor's venv: the wheel built from this checkout, installed with pip."""
    dist = work / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
    )
    venv.create(work / "venv", with_pip=True)
    python = work / "venv" / "bin" / "python"
    wheel = next(dist.glob("*.whl"))
    subprocess.run(
        [python, "-m", "pip", "install", "-q", str(wheel)], check=True, capture_output=True
    )
    return work / "venv"


def test_running_every_command_writes_nothing_into_the_installed_package(tmp_path: Path) -> None:
    env_dir = _install(tmp_path)
    advisor = env_dir / "bin" / "advisor"
    package = Path(
        subprocess.run(
            [
                env_dir / "bin" / "python",
                "-c",
                "import selfhost_advisor; print(selfhost_advisor.__path__[0])",
            ],
            check=True,
            capture_output=True,
            text=True,
            cwd=tmp_path,
        ).stdout.strip()
    )
    before = _files(package)
    assert "_shipped/locales_es.py" in before  # the build hook ran
    base = {**os.environ, "COLUMNS": "100", "LANG": "C.UTF-8"}
    base.pop("PYTHONDONTWRITEBYTECODE", None)
    for dont_write in (False, True):
        for args, extra in COMMANDS:
            env = {**base, **extra, **({"PYTHONDONTWRITEBYTECODE": "1"} if dont_write else {})}
            process = subprocess.run(
                [advisor, *args], capture_output=True, env=env, cwd=tmp_path, check=False
            )
            assert process.returncode == 0, (args, process.stderr[-2000:])
            assert process.stdout, args
    assert _files(package) == before

    # The wheel's catalogs are imported as built, never parsed: no TOML parser loads.
    traced = subprocess.run(
        [
            env_dir / "bin" / "python",
            "-X",
            "importtime",
            advisor,
            "ask",
            *FLAGS,
            "--json",
            "--lang",
            "es",
        ],
        capture_output=True,
        text=True,
        env=base,
        cwd=tmp_path,
        check=True,
    )
    modules = {line.rsplit("|", 1)[1].strip() for line in traced.stderr.splitlines() if "|" in line}
    assert "selfhost_advisor._shipped.locales_en" in modules
    assert "selfhost_advisor._shipped.locales_es" in modules
    assert "tomllib" not in modules
    # Nothing that draws or prompts, and no command-line parser: the launcher answers it
    # before Typer loads (selfhost_advisor/cli/fast.py).
    loaded = {
        name
        for name in modules
        for heavy in (*HEAVY, "click", "typer")
        if name == heavy or name.startswith(heavy + ".")
    }
    assert loaded == set()
    # Nor the standard library's heavy modules (tests/test_import_guard.py, which runs from
    # the source checkout, sees this path only outside the TOML parser's own imports).
    assert set(HEAVY_STDLIB) & modules == set()
