"""Running the advisor in-process and checking the promises every run must keep.

The promises (README, "Exit codes"; docs/terminals.md, "Failure promises"): the exit code is a
documented one; stderr is at most one line, with no escape code a terminal would act on;
stdout is empty on failure and a whole product on success (a JSON document that parses and
validates against its schema, a card, a decision record); no run takes more than two seconds.
"""

from __future__ import annotations

import io
import json
import os
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from selfhost_advisor.cli import app  # noqa: F401  # the commands, declared, as the launcher does
from selfhost_advisor.cli import run as cli
from selfhost_advisor.errors import ExitCode

DOCUMENTED = {int(code) for code in ExitCode}
SECONDS = 2.0  # the bound on any one run
SCHEMAS = Path(cli.__file__).resolve().parent.parent / "schema"


@dataclass(frozen=True)
class Outcome:
    code: int
    stdout: bytes
    stderr: str
    seconds: float


def invoke(
    argv: Sequence[str], *, stdin: bytes = b"", env: Mapping[str, str] | None = None
) -> Outcome:
    """``advisor ARGV`` run in this process, with its own streams and environment."""
    saved_streams = sys.stdin, sys.stdout, sys.stderr
    saved_env = dict(os.environ)
    out = io.BytesIO()
    err = io.StringIO()
    fake_stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    fake_stdout = io.TextIOWrapper(out, encoding="utf-8", write_through=True)
    try:
        os.environ.update(env or {})
        sys.stdin, sys.stdout, sys.stderr = fake_stdin, fake_stdout, err
        start = time.monotonic()
        code = cli.run(list(argv))
        seconds = time.monotonic() - start
        fake_stdout.flush()
        written = out.getvalue()
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved_streams
        os.environ.clear()
        os.environ.update(saved_env)
    return Outcome(code, written, err.getvalue(), seconds)


@cache
def validator(name: str) -> Draft202012Validator:
    schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
    return Draft202012Validator(schema)


def kept(outcome: Outcome, *, product: str, codes: set[int] | None = None) -> Any:
    """Assert every promise for one run; the parsed JSON document when ``product`` is JSON.

    ``product`` is ``ask``/``cost``/``list``/``languages`` for a JSON document of that schema,
    ``card`` for text drawn by Rich, ``markdown`` for a decision record.
    """
    assert outcome.code in (codes or DOCUMENTED), outcome
    assert outcome.code != ExitCode.INTERNAL, outcome.stderr
    assert outcome.stderr.count("\n") <= 1, outcome.stderr
    assert "Traceback" not in outcome.stderr
    assert "\x1b" not in outcome.stderr, outcome.stderr
    assert "\x07" not in outcome.stderr, outcome.stderr
    assert outcome.seconds < SECONDS, outcome
    if outcome.code != ExitCode.OK:
        assert outcome.stdout == b"", outcome
        assert outcome.stderr.endswith("\n"), outcome
        return None
    text = outcome.stdout.decode("utf-8")
    assert text.endswith("\n")
    if product in ("ask", "cost", "list", "languages"):
        document = json.loads(text)
        validator(product).validate(document)
        return document
    lines = text.splitlines()
    assert len(lines) > 3, text
    if product == "card":
        assert max(len(line) for line in lines) <= 200, "a card wider than any renderer's cap"
    return text
