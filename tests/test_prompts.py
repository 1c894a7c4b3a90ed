"""The questionary adapter, driven by real key presses through prompt_toolkit's pipe input."""

from __future__ import annotations

import io
import threading
import time
from collections.abc import Iterator

import pyte
import pytest
from harness import BACKSPACE, CTRL_C, CTRL_D, DOWN, ENTER, LEFT, UP, pick
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


# -- going back, and what each answer means -------------------------------------------------------


def test_left_at_the_first_question_does_nothing(keys: PipeInput) -> None:
    keys.send_text(LEFT + BACKSPACE + DOWN + ENTER + pick(2))
    answers = prompts.ask(["data", "control"], ENGLISH, input=keys, output=DummyOutput())
    assert answers == {"data": "mixed", "control": "full"}


@pytest.mark.parametrize("back", [LEFT, BACKSPACE], ids=["left", "backspace"])
def test_going_back_highlights_the_answer_given_and_takes_a_new_one(
    back: str, keys: PipeInput
) -> None:
    # restricted; at control, back: restricted is highlighted, so Enter keeps it ...
    keys.send_text(pick(2) + back + ENTER)
    # ... then control: full; at volume, back twice, up to mixed, and on.
    keys.send_text(pick(2) + back + back + UP + ENTER + ENTER + pick(1))
    answers = prompts.ask(["data", "control", "volume"], ENGLISH, input=keys, output=DummyOutput())
    # control was still "full", highlighted when it came round again.
    assert list(answers.items()) == [("data", "mixed"), ("control", "full"), ("volume", "spiky")]


@pytest.mark.parametrize(
    ("key", "error"), [(CTRL_C, KeyboardInterrupt), (CTRL_D, EOFError)], ids=["ctrl-c", "ctrl-d"]
)
def test_cancelling_after_going_back_keeps_its_meaning(
    key: str, error: type[BaseException], keys: PipeInput
) -> None:
    keys.send_text(pick(1) + LEFT + key)
    with pytest.raises(error):
        prompts.ask(["data", "control"], ENGLISH, input=keys, output=DummyOutput())


def _shown(screen: io.StringIO) -> str:
    """What a terminal shows of what was drawn: prompt_toolkit redraws only what changed."""
    terminal = pyte.Screen(200, 24)
    pyte.Stream(terminal).feed(screen.getvalue())
    return "\n".join(terminal.display)


def _screen_when(screen: io.StringIO, text: str) -> None:
    """Wait, at most ten seconds, until the prompt in another thread shows ``text``."""
    deadline = time.monotonic() + 10
    while text not in _shown(screen):
        assert time.monotonic() < deadline, f"{text!r} was never shown"
        time.sleep(0.01)


@pytest.mark.parametrize("code", i18n.available())
def test_the_description_follows_the_highlight(code: str, keys: PipeInput) -> None:
    catalog = i18n.load(code)
    screen = io.StringIO()
    output = Vt100_Output(screen, lambda: Size(rows=24, columns=200), term="xterm")
    asked: dict[str, dict[str, str]] = {}
    thread = threading.Thread(
        target=lambda: asked.update(done=prompts.ask(["ops"], catalog, input=keys, output=output))
    )
    thread.start()
    try:
        for value in BY_ID["ops"].values:
            _screen_when(screen, catalog.text(f"questions.ops.describe.{value}"))
            others = [v for v in BY_ID["ops"].values if v != value]
            # Only the highlighted choice is described.
            shown = _shown(screen)
            assert not any(catalog.text(f"questions.ops.describe.{v}") in shown for v in others)
            keys.send_text(DOWN)
        keys.send_text(ENTER)
    finally:
        thread.join(10)
    assert asked["done"] == {"ops": BY_ID["ops"].values[0]}  # three downs wrap to the first
    drawn = screen.getvalue()
    assert catalog.text("intro.progress", number=1, total=1) in drawn
    # The description is drawn from the catalog, never questionary's English "Description:".
    assert "Description" not in drawn


@pytest.mark.parametrize("code", i18n.available())
@pytest.mark.parametrize("columns", [20, 40, 60, 80, 120])
def test_answered_lines_wrap_at_word_boundaries(code: str, columns: int) -> None:
    catalog = i18n.load(code)
    for question in QUESTION_IDS:
        prompt = catalog.text(f"questions.{question}.prompt")
        for value in BY_ID[question].values:
            answer = catalog.text(f"questions.{question}.choices.{value}")
            rows = [
                "".join(text for _, text in row)
                for row in prompts.answered_lines(prompt, answer, columns)
            ]
            # Every row ends short of the last column, and the words are all there, whole.
            assert all(len(row) < columns for row in rows), rows
            assert " ".join(rows).split() == ["?", *prompt.split(), *answer.split()]
            assert all(row.startswith("  ") for row in rows[1:])
