"""The installed ``advisor`` in a real pseudo-terminal, answered with arrow keys as a person would.

A pseudo-terminal merges stdout and stderr, so stdout is redirected to a file (or a pipe) by
the shell: what lands there is exactly what a script would read, while the prompts, drawn on
stderr, stay on the terminal.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import sys
from pathlib import Path

import pexpect
import pytest
from keys import CTRL_C, ENTER, pick

TIMEOUT = 30  # two shared cores: generous, and never a measurement
PROMPTS = {
    "data": "Can the data you'd send to a model leave your control?",
    "control": "Do you need to own the model's lifecycle?",
    "volume": "What does your traffic look like?",
    "ops": "How much capacity do you have to run models?",
}
_ANSI = re.compile(r"\x1b(\[[0-9;?]*[ -/]*[@-~]|[@-Z\\-_])")


def _installed_advisor() -> str:
    beside_python = Path(sys.executable).parent / "advisor"
    found = str(beside_python) if beside_python.exists() else shutil.which("advisor")
    if found is None:
        pytest.fail("the advisor command is not installed in this environment (pip install -e .)")
    return found


ADVISOR = _installed_advisor()


def spawn(shell_command: str, cwd: Path) -> pexpect.spawn:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("COLUMNS", "LINES", "NO_COLOR", "FORCE_COLOR")
    }
    env.update(TERM="xterm-256color", LANG="C.UTF-8")
    # A pty is not a terminal emulator: nothing answers prompt_toolkit's cursor-position
    # request, so it would wait about a second per prompt for a reply that never comes.
    env["PROMPT_TOOLKIT_NO_CPR"] = "1"
    return pexpect.spawn(
        "bash",
        ["-c", shell_command],
        cwd=str(cwd),
        env=env,
        dimensions=(30, 100),
        encoding="utf-8",
        timeout=TIMEOUT,
    )


def answer(child: pexpect.spawn, question: str, position: int) -> None:
    child.expect_exact(PROMPTS[question])
    child.send(pick(position))


def finish(child: pexpect.spawn) -> str:
    child.expect(pexpect.EOF)
    child.close()
    screen: str = child.before
    return screen


def test_four_prompts_answered_with_arrow_keys_give_json_on_stdout(tmp_path: Path) -> None:
    child = spawn(f"{shlex.quote(ADVISOR)} ask --json > out.json", tmp_path)
    answer(child, "data", 2)
    answer(child, "control", 1)
    answer(child, "volume", 1)
    answer(child, "ops", 0)
    finish(child)
    assert child.exitstatus == 0
    document = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert document["answers"] == {
        "data": "restricted",
        "control": "part",
        "volume": "spiky",
        "ops": "none",
    }
    assert document["recommendation"]["id"] == "self-host"
    assert [w["id"] for w in document["warnings"]] == ["capacity-gap-none"]


def test_piped_into_a_reader_the_prompts_stay_on_the_terminal(tmp_path: Path) -> None:
    """`advisor ask --json | jq .recommendation.id`, with Python standing in for jq."""
    reader = "import json, sys; print('id=' + json.load(sys.stdin)['recommendation']['id'])"
    child = spawn(f"{shlex.quote(ADVISOR)} ask --json | python3 -c {shlex.quote(reader)}", tmp_path)
    answer(child, "data", 1)
    answer(child, "control", 0)
    answer(child, "volume", 0)
    answer(child, "ops", 1)
    child.expect_exact("id=hybrid")
    finish(child)
    assert child.exitstatus == 0


def test_flags_skip_their_prompts(tmp_path: Path) -> None:
    child = spawn(
        f"{shlex.quote(ADVISOR)} ask --data mixed --volume modest --json > out.json", tmp_path
    )
    answer(child, "control", 0)
    answer(child, "ops", 2)
    screen = finish(child)
    assert child.exitstatus == 0
    assert PROMPTS["data"] not in screen
    assert PROMPTS["volume"] not in screen
    answers = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["answers"]
    assert answers == {"data": "mixed", "control": "none", "volume": "modest", "ops": "platform"}


def test_the_card_after_the_prompts(tmp_path: Path) -> None:
    child = spawn(shlex.quote(ADVISOR) + " ask", tmp_path)
    answer(child, "data", 0)
    answer(child, "control", 0)
    answer(child, "volume", 2)
    child.expect_exact(PROMPTS["ops"])
    child.send(ENTER)
    child.expect_exact("Call a hosted API")
    child.expect_exact("Keep it swappable")
    finish(child)
    assert child.exitstatus == 0


def test_ctrl_c_at_a_prompt_exits_130_with_one_line_and_no_output(tmp_path: Path) -> None:
    child = spawn(f"{shlex.quote(ADVISOR)} ask --json > out.json", tmp_path)
    answer(child, "data", 1)
    child.expect_exact(PROMPTS["control"])
    child.send(CTRL_C)
    screen = finish(child)
    assert child.exitstatus == 130
    assert (tmp_path / "out.json").read_text(encoding="utf-8") == ""
    assert "Traceback" not in screen
    # What the terminal shows after the last prompt was drawn: the one line, nothing else.
    text = _ANSI.sub("", screen).replace("\r", "")
    after_prompt = text.rsplit(PROMPTS["control"], 1)[1]
    lines = [line.strip() for line in after_prompt.splitlines() if line.strip()]
    assert lines[-1] == "Cancelled: no recommendation was made."
    assert [line for line in lines if "no recommendation" in line] == [lines[-1]]
