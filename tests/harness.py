"""Running the installed ``advisor`` as a user does: in a pseudo-terminal, or with pipes.

The one harness for every test that starts the real console script. It owns:

- the keys a terminal sends (prompt_toolkit's pipe input takes the same bytes);
- the child's environment, built here from nothing but PATH and HOME, so a CI job's CI=true,
  a developer's LANG or COLUMNS, or colour settings never leak in; a test adds what its case
  is about;
- :class:`Terminal`: ``advisor`` in a pseudo-terminal of a given size whose output is fed to
  the ``pyte`` terminal emulator, so a test reads the screen as a person would see it (cursor
  moves, erased lines and redrawn prompts applied), not the byte stream that drew it.

Waits are for text on the screen, never for time, with timeouts generous enough for a loaded
machine.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

import pexpect
import pyte

from selfhost_advisor.advice.questions import BY_ID
from selfhost_advisor.i18n import catalogs as i18n

TIMEOUT = 30  # seconds: two cores shared with other workers can make a start-up slow

# -- keys, as a terminal sends them -------------------------------------------------------------

UP = "\x1b[A"
DOWN = "\x1b[B"
RIGHT = "\x1b[C"
LEFT = "\x1b[D"
ENTER = "\r"
ESCAPE = "\x1b"
BACKSPACE = "\x7f"
CTRL_C = "\x03"
CTRL_D = "\x04"


def pick(position: int) -> str:
    """Down to the choice at ``position`` (0: the first, where the cursor starts), then Enter."""
    return DOWN * position + ENTER


# Every answer given, with a reason and warnings to show: a card with all its parts.
FLAGS = ("--data", "mixed", "--control", "part", "--volume", "high-steady", "--ops", "none")
ANSWERS = {"data": "mixed", "control": "part", "volume": "high-steady", "ops": "none"}

# The cost estimate issue 12's Done-when saves and `ask --cost` reads back (the h100-8b preset,
# 10B input and 5B output tokens a month at $0.15/$0.60 per million, ops $20,000 a month).
COST_EXAMPLE = (
    *("cost", "--preset", "h100-8b", "--input-tokens", "10B", "--output-tokens", "5B"),
    *("--api-input-price", "0.15", "--api-output-price", "0.60", "--ops-monthly", "20000"),
)

# Borders, rules and tree guides: the card's drawing, not its words.
_BOX = re.compile(r"[\u2500-\u257f]")


def catalog(code: str = "en") -> i18n.Catalog:
    """A shipped catalog, whatever ADVISOR_LOCALE_DIR says."""
    return i18n.load(code, {})


def usage_error(key: str, /, code: str = "en", **params: object) -> str:
    """The one line a usage error (exit 2) prints: the catalog's prefix, then its text."""
    words = catalog(code)
    return f"{words.text('errors.prefix')} {words.text(key, **params)}"


def pattern(key: str, /, code: str = "en", **params: object) -> re.Pattern[str]:
    """The catalog text ``key`` as a pattern: each given placeholder as given, any other as any
    text, for a line whose details (a parser's message, an example) are not the case's point."""
    parts = re.split(r"\{(\w+)\}", str(catalog(code).strings[key]))
    return re.compile(
        "".join(
            re.escape(part)
            if i % 2 == 0
            else re.escape(str(params[part]))
            if part in params
            else ".+"
            for i, part in enumerate(parts)
        )
    )


def flag_hint(questions: Sequence[str]) -> str:
    """How the advisor names flags that answer ``questions``: ``--data {shareable,...} ...``."""
    return " ".join(f"--{q} {{{','.join(BY_ID[q].values)}}}" for q in questions)


# -- the child process ---------------------------------------------------------------------------


def advisor() -> str:
    """The installed console script: the venv's, beside the interpreter running the tests."""
    found = shutil.which("advisor", path=str(Path(sys.executable).parent)) or shutil.which(
        "advisor"
    )
    assert found, "advisor is not installed: pip install -e '.[test]'"
    return found


def environment(**overrides: str | None) -> dict[str, str]:
    """A clean environment for the child; ``NAME=None`` leaves NAME out.

    ``$ADVISOR`` is the installed console script, for shell scripts. COLUMNS and LINES are
    unset, so a pseudo-terminal's own size is what the advisor reads.
    """
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


def patched(directory: Path, code: str, **overrides: str | None) -> dict[str, str]:
    """:func:`environment` in which Python runs ``code`` at start-up, before the advisor loads.

    For the few failures no Linux machine produces on its own (a Windows console, a bug): the
    code is a ``sitecustomize`` module in ``directory``, so the installed advisor runs whole,
    and only the one function the case is about is replaced.
    """
    (directory / "sitecustomize.py").write_text(code, encoding="utf-8")
    return environment(PYTHONPATH=str(directory), **overrides)


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


# -- reading text as a reader does ---------------------------------------------------------------


def words(text: str) -> list[str]:
    """The words of rendered text, with box-drawing lines taken out."""
    return _BOX.sub(" ", text).split()


def _flat(text: str) -> str:
    return " ".join(words(text))


def reads(text: str, shown: str) -> bool:
    """Whether ``text`` can be read in ``shown`` (a card, a list), though wrapped or boxed."""
    return _flat(text) in _flat(shown)


def said(document: object) -> list[str]:
    """Every sentence a JSON document carries for people (ids and flags left out)."""
    if isinstance(document, list):
        return [text for item in document for text in said(item)]
    if not isinstance(document, dict):
        return []
    found = []
    for key, value in document.items():
        if key in ("title", "summary", "text", "seam") and isinstance(value, str):
            found.append(value)
        elif key == "tradeoffs":
            found += value
        else:
            found += said(value)
    return found


# -- a pseudo-terminal read through a terminal emulator ------------------------------------------


class _Screen(pyte.HistoryScreen):
    """pyte's screen with its scrollback, answering the terminal's reports as a terminal does."""

    def __init__(self, columns: int, rows: int, child: pexpect.spawn) -> None:
        super().__init__(columns, rows, history=10_000)
        self._child = child

    def write_process_input(self, data: str) -> None:
        # A report asked for just before the child exited has no one left to read it.
        with contextlib.suppress(OSError):
            self._child.send(data)


class Terminal:
    """``advisor`` in a pseudo-terminal of ``rows`` x ``columns``, run through /bin/sh.

    ``script`` is a shell command line such as ``exec "$ADVISOR" ask --json >"$OUT"``, so a test
    can redirect stdout or pipe stdin exactly as a user would type it. A pseudo-terminal merges
    stdout and stderr, as a terminal window does.

    What the advisor drew is read as the screen shows it (:meth:`screen`, :meth:`lines`,
    :meth:`shows`); :attr:`transcript` keeps every character it wrote, escapes included, for
    the few checks that are about the bytes themselves.
    """

    def __init__(
        self,
        script: str,
        env: Mapping[str, str] | None = None,
        *,
        rows: int = 24,
        columns: int = 80,
    ) -> None:
        self.rows, self.columns = rows, columns
        self.child = pexpect.spawn(
            "/bin/sh",
            ["-c", script],
            env=dict(env or environment()),
            dimensions=(rows, columns),
            timeout=TIMEOUT,
            encoding="utf-8",
            codec_errors="replace",
        )
        self._screen = _Screen(columns, rows, self.child)
        self._stream = pyte.Stream(self._screen)
        self.transcript = ""
        self.status: int | None = None

    # Reading the screen.

    def _row(self, row: Mapping[int, pyte.screens.Char]) -> str:
        return "".join(row[x].data for x in range(self.columns)).rstrip()

    def screen(self) -> list[str]:
        """The rows of the window as they are shown now, trailing blanks removed."""
        return [line.rstrip() for line in self._screen.display]

    def lines(self) -> list[str]:
        """The scrollback, then the window, without the blank rows below the last text:
        everything a user could scroll back to read."""
        rows = [self._row(row) for row in self._screen.history.top] + self.screen()
        while rows and not rows[-1]:
            rows.pop()
        return rows

    def text(self) -> str:
        """:meth:`lines` as one text."""
        return "\n".join(self.lines())

    def drawn(self, *lines: str) -> list[str]:
        """The rows that writing ``lines`` into this window shows: each broken at the edge.

        ``terminal.lines() == terminal.drawn(line)`` says the advisor wrote that one line and
        nothing else, however many rows the window needed for it.
        """
        rows = []
        for line in lines:
            rows += [line[i : i + self.columns].rstrip() for i in range(0, len(line), self.columns)]
            rows += [] if line else [""]
        return rows

    def shows(self, text: str, *, scrollback: bool = True) -> bool:
        """Whether ``text`` can be read on the screen, even wrapped over several rows.

        Runs of white space and box-drawing count as one space, so text wrapped at a word
        boundary (or inside a bordered card) is found; a row filled to the last column also
        runs straight on into the next, so a word the terminal broke at the edge is found too.
        """
        rows = self.lines() if scrollback else self.screen()
        wanted = _flat(text)
        by_words = _flat("\n".join(rows))
        by_edge = _flat("".join(row + ("" if len(row) >= self.columns else "\n") for row in rows))
        return wanted in by_words or wanted in by_edge

    def colours(self) -> set[str]:
        """The colours (foreground and background) of every character shown, 'default' aside."""
        rows = [*self._screen.history.top, *(self._screen.buffer[y] for y in range(self.rows))]
        found = set()
        for row in rows:
            for char in row.values():
                found |= {char.fg, char.bg}
        return found - {"default"}

    # Driving the child.

    def _read(self, timeout: float) -> bool:
        """Feed what the child wrote within ``timeout`` to the screen; False once it exited."""
        try:
            data = self.child.read_nonblocking(65536, timeout=timeout)
        except pexpect.TIMEOUT:
            return True
        except pexpect.EOF:
            return False
        self.transcript += data
        self._stream.feed(data)
        return True

    def wait_for_screen(self, text: str, *, timeout: float = TIMEOUT) -> None:
        """Wait until ``text`` is shown in the window (see :meth:`shows`)."""
        deadline = time.monotonic() + timeout
        while not self.shows(text, scrollback=False):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(self._not_shown(text, "within the time allowed"))
            # Once the child has exited, what it wrote last is on the screen already.
            if not self._read(min(remaining, 1)) and not self.shows(text, scrollback=False):
                raise AssertionError(self._not_shown(text, "before the advisor exited"))

    def _not_shown(self, text: str, when: str) -> str:
        screen = "\n".join(self.screen()).rstrip()
        return f"{text!r} was never shown {when}; the screen read:\n{screen}"

    def send(self, keys: str) -> None:
        self.child.send(keys)

    def finish(self, *, timeout: float = TIMEOUT * 2) -> int:
        """Wait for the advisor to exit, reading all it wrote; its exit status."""
        deadline = time.monotonic() + timeout
        while self._read(1):
            if time.monotonic() > deadline:
                self.child.terminate(force=True)
                raise AssertionError("the advisor did not exit; the screen read:\n" + self.text())
        self.child.close()
        status = self.child.exitstatus
        assert status is not None, f"killed by signal {self.child.signalstatus}"
        self.status = int(status)
        return self.status


def last_choice(question: str, code: str = "en") -> str:
    """The text of a question's last choice: once it is drawn, the prompt takes keys."""
    value = BY_ID[question].values[-1]
    return catalog(code).text(f"questions.{question}.choices.{value}")


def answer(terminal: Terminal, answers: Mapping[str, str], code: str = "en") -> None:
    """Choose ``answers`` (question id -> value id) at the prompts, in question order."""
    for question, value in answers.items():
        terminal.wait_for_screen(last_choice(question, code))
        terminal.send(pick(BY_ID[question].values.index(value)))
