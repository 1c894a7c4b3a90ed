"""Fuzzing what surrounds a run: catalogs from ADVISOR_LOCALE_DIR and the environment.

In-process first (many examples), then a sample through the installed ``advisor``, where the
interpreter itself reads PYTHONIOENCODING and a run's memory can be measured.
"""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from conftest import share
from hypothesis import given
from hypothesis import strategies as st
from promises import SECONDS, invoke, kept

from selfhost_advisor.errors import ExitCode

ROOT = Path(__file__).resolve().parents[2]
ENGLISH = (ROOT / "locales" / "en.toml").read_text(encoding="utf-8")
CHANGE = 'change = "With {answer} this would be {option}."'
BAD_VALUE = 'bad_value = "--{question}: {given} is not a valid answer; accepted: {accepted}"'
ANSWERED = ["--data", "mixed", "--control", "part", "--volume", "high-steady", "--ops", "none"]
_fresh = itertools.count()

placeholder_text = st.text(
    st.sampled_from("{}!:.[]0>dz_ answeroptiquscgvn\\\"'") | st.characters(), max_size=40
)


@pytest.fixture(scope="module")
def locales(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("locales")


def _catalog(root: Path, text: str) -> dict[str, str]:
    # A new directory each time: catalogs are read once per directory and code.
    directory = root / str(next(_fresh))
    directory.mkdir()
    (directory / "xx.toml").write_text(text, encoding="utf-8", errors="surrogatepass")
    return {"ADVISOR_LOCALE_DIR": str(directory)}


@share(2)
@given(st.sampled_from([CHANGE, BAD_VALUE]), placeholder_text)
def test_any_placeholder_text_in_a_catalog(locales: Path, line: str, value: str) -> None:
    key = line.split(" = ", 1)[0]
    env = _catalog(locales, ENGLISH.replace(line, f"{key} = {json.dumps(value)}"))
    for argv, product in (
        (["ask", *ANSWERED, "--markdown", "--lang", "xx"], "markdown"),
        (["ask", "--data", "zzz", "--no-input", "--lang", "xx"], "card"),
    ):
        outcome = invoke(argv, env=env)
        kept(outcome, product=product)
        assert len(outcome.stdout) < 100_000


@given(st.text(max_size=400) | st.binary(max_size=400).map(lambda b: b.decode("latin-1")))
def test_any_catalog_file(locales: Path, text: str) -> None:
    env = _catalog(locales, text)
    kept(invoke(["list", "--json", "--lang", "xx"], env=env), product="list")


columns = st.integers(-5, 10**7).map(str) | st.text(max_size=8)
locale_names = st.sampled_from(["C", "POSIX", "es_ES.UTF-8", "es", "xx_YY", "", "C.UTF-8"])


@share(5)
@given(
    st.fixed_dictionaries(
        {
            "COLUMNS": columns,
            "LINES": columns,
            "LANG": locale_names | st.text(max_size=12),
            "TERM": st.sampled_from(["dumb", "xterm-256color", "vt100", ""]) | st.text(max_size=8),
        }
    ),
    st.sampled_from(["card", "list", "cost"]),
)
def test_any_environment(environ: dict[str, str], command: str) -> None:
    environ = {k: v.replace("\x00", "") for k, v in environ.items()}
    argv = {
        "card": ["ask", *ANSWERED],
        "list": ["list"],
        "cost": [
            *("cost", "--preset", "h100-8b", "--input-tokens", "10B", "--output-tokens", "5B"),
            *("--api-input-price", "0.15", "--api-output-price", "0.6", "--ops-monthly", "2e4"),
        ],
    }[command]
    outcome = invoke(argv, env=environ)
    assert outcome.code == ExitCode.OK, outcome
    kept(outcome, product="card")


# Through the installed advisor: a handful of runs, each a whole interpreter.

ENCODINGS = ["ascii", "latin-1", "cp1252", "utf-8", "utf-16", "ascii:strict", "latin-1:replace"]
MEGABYTES = 200  # the bound on any run's memory


@share(20)
@given(
    st.sampled_from(ENCODINGS),
    st.sampled_from([["list"], ["ask", *ANSWERED], ["languages"], ["ask", "--data", "zz"]]),
    columns,
    st.sampled_from(["C", "es_ES.UTF-8", "en_US.ISO-8859-1"]),
)
def test_a_sample_through_the_installed_advisor(
    encoding: str, argv: list[str], width: str, lang: str
) -> None:
    from harness import advisor, environment

    env = environment(PYTHONIOENCODING=encoding, COLUMNS=width.replace("\x00", ""), LANG=lang)
    start = time.monotonic()
    result, peak_kib = _run_measured(
        [advisor(), *argv, "--no-input"] if argv[0] == "ask" else [advisor(), *argv], env
    )
    seconds = time.monotonic() - start
    assert peak_kib < MEGABYTES * 1024
    # A whole interpreter starting on two shared cores: the bound is the in-process one plus
    # start-up, generous so a loaded CI machine does not fail it.
    assert seconds < SECONDS + 8
    assert result.returncode in (ExitCode.OK, ExitCode.USAGE), result
    stderr = result.stderr.decode("utf-8", "replace")
    assert stderr.count("\n") <= 1, stderr
    if result.returncode == ExitCode.OK:
        assert result.stdout
        codec = encoding.split(":")[0]
        result.stdout.decode(codec)  # every byte is in the stream's own encoding
    else:
        assert result.stdout == b""
    assert sys.platform != "win32"


def _run_measured(
    argv: list[str], env: dict[str, str]
) -> tuple[subprocess.CompletedProcess[bytes], int]:
    """Run ``argv`` and return its result with the peak memory (KiB) of that run alone.

    Measured by a small interpreter in between: Linux keeps a process's memory high-water mark
    across exec, so any child forked straight from this test process would report pytest's own
    size. The go-between is small; its child's peak is the advisor's.
    """
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "peak"
        result = subprocess.run(
            [sys.executable, "-c", _MEASURE, str(report), *argv],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            env=env,
            timeout=60,
            check=False,
        )
        return result, int(report.read_text())


_MEASURE = """
import resource, subprocess, sys
code = subprocess.run(sys.argv[2:]).returncode
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
open(sys.argv[1], "w").write(str(peak))
sys.exit(code if code >= 0 else 128 - code)
"""
