"""Running the installed ``advisor`` as a user does: in a pseudo-terminal, or with pipes.

Every child gets an environment built here from nothing but PATH and HOME, so a CI job's CI=true,
missing terminal or colour settings never leak in; a test adds what its case is about. Waits are
for text on the screen, never for time, with timeouts generous enough for a loaded machine.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

import pexpect

from selfhost_advisor.advice.questions import BY_ID
from selfhost_advisor.i18n import catalogs as i18n

TIMEOUT = 30  # seconds: two cores shared with other workers can make a start-up slow

ENTER = "\r"
DOWN = "\x1b[B"
CTRL_C = "\x03"
CTRL_D = "\x04"

# Every answer given, with a reason and warnings to show: a card with all its parts.
FLAGS = ("--data", "mixed", "--control", "part", "--volume", "high-steady", "--ops", "none")

_ESCAPE = re.compile(r"\x1b(\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-_])")
_BOX = re.compile(r"[\u2500-\u257f]")


def advisor() -> str:
    """The installed console script: the venv's, beside the interpreter running the tests."""
    found = shutil.which("advisor", path=str(Path(sys.executable).parent)) or shutil.which(
        "advisor"
    )
    assert found, "advisor is not installed: pip install -e '.[test]'"
    return found


def environment(**overrides: str | None) -> dict[str, str]:
    """A clean environment for the child; ``NAME=None`` leaves NAME out."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", "/"),
        "LANG": "C.UTF-8",
        "TERM": "xterm-256color",
        "ADVISOR": advisor(),
    }
    for name, value in overrides.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


def run(
    args: Sequence[str],
    *,
    stdin: bytes | None = None,
    env: Mapping[str, str] | None = None,
) -> subprocess.CompletedProcess[bytes]:
    """``advisor ARGS`` with pipes for stdout and stderr, and stdin from /dev/null or bytes."""
    return subprocess.run(
        [advisor(), *args],
        input=stdin,
        stdin=subprocess.DEVNULL if stdin is None else None,
        capture_output=True,
        env=dict(env or environment()),
        timeout=TIMEOUT * 2,
        check=False,
    )


def shell(script: str, env: Mapping[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    """A /bin/sh script (``$ADVISOR`` is the installed advisor), with pipes and no stdin."""
    return subprocess.run(
        ["/bin/sh", "-c", script],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        env=dict(env or environment()),
        timeout=TIMEOUT * 2,
        check=False,
    )


def plain(text: str) -> str:
    """``text`` without terminal escape sequences."""
    return _ESCAPE.sub("", text)


def words(text: str) -> list[str]:
    """The words in rendered text, with box-drawing lines taken out."""
    # An escape sequence may move the cursor between two words, so it counts as a space.
    return _BOX.sub(" ", _ESCAPE.sub(" ", text)).split()


class Terminal:
    """``advisor`` in a pseudo-terminal of a given size, run through /bin/sh.

    ``script`` is a shell command line such as ``exec "$ADVISOR" ask --json >"$OUT"``, so a test
    can redirect stdout or pipe stdin exactly as a user would type it.
    """

    def __init__(
        self,
        script: str,
        env: Mapping[str, str] | None = None,
        *,
        rows: int = 24,
        columns: int = 80,
    ) -> None:
        self.child = pexpect.spawn(
            "/bin/sh",
            ["-c", script],
            env=dict(env or environment()),
            dimensions=(rows, columns),
            timeout=TIMEOUT,
            encoding="utf-8",
            codec_errors="replace",
        )
        self.transcript = ""
        self._mark = 0

    def wait_for(self, text: str) -> None:
        """Wait until ``text`` is drawn after the last thing waited for.

        The screen is read without escape sequences and with runs of white space as one space,
        so a choice wrapped over two lines is still found whole.
        """
        wanted = " ".join(text.split())
        deadline = time.monotonic() + TIMEOUT
        while wanted not in " ".join(plain(self.transcript[self._mark :]).split()):
            remaining = deadline - time.monotonic()
            try:
                if remaining <= 0:
                    raise pexpect.TIMEOUT("")
                self.transcript += self.child.read_nonblocking(4096, timeout=min(remaining, 1))
            except pexpect.TIMEOUT:
                if remaining <= 0:
                    raise AssertionError(self._not_found(text)) from None
            except pexpect.EOF:
                raise AssertionError(self._not_found(text) + " before the advisor exited") from None
        self._mark = len(self.transcript)

    def _not_found(self, text: str) -> str:
        return f"{text!r} never appeared; the screen ended with {plain(self.transcript[-600:])!r}"

    def send(self, keys: str) -> None:
        self.child.send(keys)

    def finish(self) -> int:
        """Wait for the advisor to exit; its exit status."""
        self.child.expect(pexpect.EOF)
        self.transcript += self.child.before
        self.child.close()
        status = self.child.exitstatus
        assert status is not None, f"killed by signal {self.child.signalstatus}"
        return int(status)

    def after_prompts(self) -> str:
        """What was written after the prompts handed the terminal back (no escapes follow)."""
        ends = [match.end() for match in _ESCAPE.finditer(self.transcript)]
        return self.transcript[ends[-1] if ends else 0 :]


def catalog(code: str = "en") -> i18n.Catalog:
    return i18n.load(code, {})


def last_choice(question: str, code: str = "en") -> str:
    """The text of a question's last choice: once it is drawn, the prompt takes keys."""
    value = BY_ID[question].values[-1]
    return catalog(code).text(f"questions.{question}.choices.{value}")


def answer(terminal: Terminal, answers: Mapping[str, str]) -> None:
    """Choose ``answers`` (question id -> value id) at the prompts, in question order."""
    for question, value in answers.items():
        terminal.wait_for(last_choice(question))
        terminal.send(DOWN * BY_ID[question].values.index(value) + ENTER)
