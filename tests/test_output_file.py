"""``-o/--output FILE`` on ask, list and cost: the product in the file, whole or not at all.

Nothing reaches stdout; a card in a file is plain text, never colour, whatever FORCE_COLOR
says; ``-`` is stdout. A write that fails (no such directory, a full device, a failure
between writing and renaming) leaves no file and no temporary file behind, and says so in one
line naming the file, with the output exit code.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from harness import FLAGS, catalog, run
from typer.testing import CliRunner

from selfhost_advisor.cli.app import app
from selfhost_advisor.errors import ExitCode

runner = CliRunner()
COST = ["--preset", "h100-8b", "--input-tokens", "10B", "--output-tokens", "5B"]
COST += ["--api-input-price", "0.15", "--api-output-price", "0.60", "--ops-monthly", "20000"]


def invoke(*args: str, env: dict[str, str] | None = None) -> Any:
    return runner.invoke(app, list(args), env=env)


def test_the_decision_record_goes_to_the_file_and_nothing_to_stdout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs" / "adr").mkdir(parents=True)
    result = invoke("ask", *FLAGS, "--markdown", "--date", "2026-01-31", "-o", "docs/adr/0001.md")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr == ""
    expected = invoke("ask", *FLAGS, "--markdown", "--date", "2026-01-31").stdout
    assert (tmp_path / "docs" / "adr" / "0001.md").read_text(encoding="utf-8") == expected
    assert os.listdir(tmp_path / "docs" / "adr") == ["0001.md"]


@pytest.mark.parametrize(
    "command", [["ask", *FLAGS, "--json"], ["list", "--json"], ["cost", *COST, "--json"]]
)
def test_json_in_the_file_is_the_document_stdout_would_carry(
    command: list[str], tmp_path: Path
) -> None:
    target = tmp_path / "out.json"
    result = invoke(*command, "--output", str(target))
    assert (result.exit_code, result.stdout) == (0, "")
    assert json.loads(target.read_text(encoding="utf-8")) == json.loads(invoke(*command).stdout)


@pytest.mark.parametrize("command", [["ask", *FLAGS], ["list"], ["cost", *COST]])
def test_a_card_in_a_file_is_plain_text_even_when_colour_is_forced(
    command: list[str], tmp_path: Path
) -> None:
    target = tmp_path / "card.txt"
    result = invoke(*command, "-o", str(target), env={"FORCE_COLOR": "1", "TERM": "xterm"})
    assert (result.exit_code, result.stdout) == (0, "")
    text = target.read_text(encoding="utf-8")
    assert "\x1b" not in text
    assert text.strip()


def test_the_card_in_the_file_is_the_card_on_stdout(tmp_path: Path) -> None:
    target = tmp_path / "card.txt"
    invoke("ask", *FLAGS, "-o", str(target))
    assert target.read_text(encoding="utf-8") == invoke("ask", *FLAGS).stdout
    assert catalog().text("options.hybrid.title") in target.read_text(encoding="utf-8")


def test_dash_is_stdout() -> None:
    result = invoke("ask", *FLAGS, "--json", "-o", "-")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["answers"]["data"] == "mixed"


def test_an_existing_file_is_replaced_whole(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("x" * 100_000, encoding="utf-8")
    assert invoke("ask", *FLAGS, "--json", "-o", str(target)).exit_code == 0
    json.loads(target.read_text(encoding="utf-8"))


def _failed(result: Any, name: str) -> str:
    assert result.exit_code == ExitCode.OUTPUT
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert name in lines[0]
    return str(lines[0])


def test_a_missing_directory_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "no-such-dir" / "out.md"
    line = _failed(invoke("ask", *FLAGS, "--markdown", "-o", str(target)), str(target))
    assert os.strerror(2) in line
    assert not target.parent.exists()


def test_a_directory_is_not_a_file(tmp_path: Path) -> None:
    _failed(invoke("list", "-o", str(tmp_path)), str(tmp_path))
    assert os.listdir(tmp_path) == []


def test_a_failure_before_the_rename_leaves_neither_file_nor_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # What a read-only directory or a full disk does to the temporary file, as root too.
    target = tmp_path / "out.json"
    target.write_text("the previous output\n", encoding="utf-8")

    def full(fd: int) -> None:
        raise OSError(28, os.strerror(28))

    monkeypatch.setattr(os, "fsync", full)
    line = _failed(invoke("ask", *FLAGS, "--json", "-o", str(target)), str(target))
    assert os.strerror(28) in line
    assert target.read_text(encoding="utf-8") == "the previous output\n"
    assert os.listdir(tmp_path) == ["out.json"]


def test_a_full_device_is_an_output_error() -> None:
    result = run(["ask", *FLAGS, "--json", "-o", "/dev/full"])
    assert result.returncode == ExitCode.OUTPUT
    assert result.stdout == b""
    assert b"/dev/full" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert Path("/dev/full").is_char_device()


def test_the_error_is_worded_in_spanish(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "x.json"
    line = _failed(invoke("ask", *FLAGS, "--json", "-o", str(target), "--lang", "es"), str(target))
    assert line.startswith(
        catalog("es").text("errors.output_file", file=str(target), problem="")[:12]
    )
