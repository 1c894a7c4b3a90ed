"""The questionary adapter, driven by real key presses through prompt_toolkit's pipe input."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from harness import CTRL_C, CTRL_D, DOWN, ENTER, UP, pick
from prompt_toolkit.data_structures import Size
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.input.base import PipeInput
from prompt_toolkit.output import DummyOutput
from prompt_toolkit.output.vt100 import Vt100_Output

from selfhost_advisor.advice.questions import BY_ID, QUESTION_IDS
from selfhost_advisor.i18n import catalogs as i18n
from selfhost_advisor.ui import prompts

ENGLISH = i18n.load("en")


@pytest.fixture
def keys() -> Iterator[PipeInput]:
    with create_pipe_input() as pipe:
        yield pipe


def test_arrow_keys_and_enter_choose_each_answer(keys: PipeInput) -> None:
    keys.send_text(pick(1) + pick(0) + pick(3) + pick(2))
    answers = prompts.ask(list(QUESTION_IDS), ENGLISH, input=keys, output=DummyOutput())
    assert answers == {
        "data": "mixed",
        "control": "none",
        "volume": "high-steady",
        "ops": "platform",
    }


@pytest.mark.parametrize("question", QUESTION_IDS)
def test_every_value_of_every_question_can_be_chosen(question: str, keys: PipeInput) -> None:
    values = BY_ID[question].values
    for position, value in enumerate(values):
        keys.send_text(pick(position))
        assert prompts.ask([question], ENGLISH, input=keys, output=DummyOutput()) == {
            question: value
        }


def test_up_from_the_first_choice_wraps_to_the_last(keys: PipeInput) -> None:
    keys.send_text(UP + ENTER + DOWN + DOWN + UP + ENTER)
    answers = prompts.ask(["volume", "data"], ENGLISH, input=keys, output=DummyOutput())
    assert answers == {"volume": "high-steady", "data": "mixed"}


def test_only_the_questions_given_are_asked_in_that_order(keys: PipeInput) -> None:
    keys.send_text(pick(2) + pick(1))
    answers = prompts.ask(["ops", "data"], ENGLISH, input=keys, output=DummyOutput())
    assert list(answers.items()) == [("ops", "platform"), ("data", "mixed")]


def test_ctrl_c_raises_keyboard_interrupt(keys: PipeInput) -> None:
    keys.send_text(pick(1) + CTRL_C)
    with pytest.raises(KeyboardInterrupt):
        prompts.ask(["data", "control"], ENGLISH, input=keys, output=DummyOutput())


def test_ctrl_d_raises_eof_error(keys: PipeInput) -> None:
    keys.send_text(CTRL_D)
    with pytest.raises(EOFError):
        prompts.ask(["data"], ENGLISH, input=keys, output=DummyOutput())


@pytest.mark.parametrize("code", i18n.available())
def test_prompts_are_worded_from_the_catalog(code: str, keys: PipeInput) -> None:
    catalog = i18n.load(code)
    screen = io.StringIO()
    output = Vt100_Output(screen, lambda: Size(rows=24, columns=120), term="xterm")
    keys.send_text(DOWN + ENTER)
    prompts.ask(["control"], catalog, input=keys, output=output)
    drawn = screen.getvalue()
    assert catalog.text("questions.control.prompt") in drawn
    for value in BY_ID["control"].values:
        assert catalog.text(f"questions.control.choices.{value}") in drawn
