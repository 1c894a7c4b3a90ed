"""Missing `advisor cost` figures asked as typed text: through pipe input, and in a real pty."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from harness import BACKSPACE, CTRL_C, CTRL_D, ENTER, Terminal, environment
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.input.base import PipeInput
from prompt_toolkit.output import DummyOutput

from selfhost_advisor.cost import inputs as cost_inputs
from selfhost_advisor.errors import AdvisorError
from selfhost_advisor.ui import prompts


def check(field: str, text: str) -> str | None:
    try:
        cost_inputs.parse(field, text)
    except AdvisorError as error:
        return error.fallback
    return None


@pytest.fixture
def keys() -> Iterator[PipeInput]:
    with create_pipe_input() as pipe:
        yield pipe


def ask(keys: PipeInput, *fields: str) -> dict[str, str]:
    return prompts.ask_text([(f, f"{f}?") for f in fields], check, input=keys, output=DummyOutput())


def test_typed_figures_are_returned_by_id(keys: PipeInput) -> None:
    keys.send_text("5B" + ENTER + "20000" + ENTER)
    assert ask(keys, "output_tokens", "ops_monthly") == {
        "output_tokens": "5B",
        "ops_monthly": "20000",
    }


def test_a_refused_figure_is_retyped_not_fatal(keys: PipeInput) -> None:
    # "abc" is refused (Enter does nothing), erased, and 0.5 accepted.
    keys.send_text("abc" + ENTER + BACKSPACE * 3 + "0.5" + ENTER)
    assert ask(keys, "utilization") == {"utilization": "0.5"}


def test_ctrl_c_cancels(keys: PipeInput) -> None:
    keys.send_text(CTRL_C)
    with pytest.raises(KeyboardInterrupt):
        ask(keys, "ops_monthly")


def test_ctrl_d_is_end_of_input(keys: PipeInput) -> None:
    keys.send_text(CTRL_D)
    with pytest.raises(EOFError):
        ask(keys, "ops_monthly")


def _asked_for_ops_cost(tmp_path: Path, columns: int = 100) -> Terminal:
    """The installed advisor, every figure but the ops cost given, at that one prompt."""
    command = (
        'exec "$ADVISOR" cost --preset h100-8b --input-tokens 10B --output-tokens 5B'
        ' --api-input-price 0.15 --api-output-price 0.60 --json >"$OUT"'
    )
    terminal = Terminal(command, environment(OUT=str(tmp_path / "out.json")), columns=columns)
    terminal.wait_for_screen("USD a month for people and tooling")
    return terminal


def test_installed_advisor_asks_only_what_is_missing(tmp_path: Path) -> None:
    terminal = _asked_for_ops_cost(tmp_path)
    terminal.send("lots" + ENTER)
    # At a prompt the figure is named in words: no flag was typed.
    terminal.wait_for_screen("Ops cost: 'lots' is not accepted; expected US dollars a month")
    terminal.send(BACKSPACE * 4 + "$20,000" + ENTER)
    assert terminal.finish() == 0
    document = json.loads((tmp_path / "out.json").read_text())
    assert document["inputs"]["ops_monthly"] == 20000
    assert document["origins"]["ops_monthly"] == "given"
    assert (document["api_monthly"], document["selfhost_monthly"]) == (4500, 23927.4)


@pytest.mark.parametrize("columns", [50, 80])
def test_a_refusal_at_a_prompt_is_wrapped_whole(tmp_path: Path, columns: int) -> None:
    terminal = _asked_for_ops_cost(tmp_path, columns)
    # The intro is wrapped at word boundaries, inside the window.
    assert terminal.shows("Some figures are missing. Type each one (Enter to confirm, Ctrl-C")
    rows = terminal.lines()
    intro = rows[: next(i for i, row in enumerate(rows) if row.startswith("?"))]
    assert intro
    assert all(len(row) < columns for row in intro)
    terminal.send("1,5" + ENTER)
    # Every word of the refusal is shown, its reading included, however narrow the window.
    terminal.wait_for_screen(
        "Ops cost: '1,5' is not accepted; in English ',' separates thousands (1,500 is fifteen"
        " hundred), so '1,5' could be read two ways; if you meant 1.5, type 1.5"
    )
    terminal.send(BACKSPACE * 3 + "20k" + ENTER)
    assert terminal.finish() == 0
    assert json.loads((tmp_path / "out.json").read_text())["inputs"]["ops_monthly"] == 20000


def test_ctrl_c_at_a_figure_in_the_installed_advisor_says_no_estimate(tmp_path: Path) -> None:
    terminal = _asked_for_ops_cost(tmp_path)
    terminal.send(CTRL_C)
    terminal.wait_for_screen("Cancelled: no estimate was made.")
    assert terminal.finish() == 130
    assert (tmp_path / "out.json").read_text() == ""
