"""The one adapter between the questions (data) and questionary (drawing them).

Prompts draw on stderr so stdout carries only the product (``advisor ask --json | jq`` works in
a terminal). ``input``/``output`` let tests drive real prompts through prompt_toolkit's pipe
input. Cancellation is left to the caller: Ctrl-C raises ``KeyboardInterrupt`` and Ctrl-D
raises ``EOFError``, never a ``None`` answer.

Choices longer than the window is wide are wrapped here (prompt_toolkit would cut them off at
the edge); :func:`fits` says whether a window is tall enough to show each question whole.
"""

from __future__ import annotations

import math
import sys
import textwrap
from collections.abc import Callable
from typing import Any

from selfhost_advisor.advice.questions import BY_ID
from selfhost_advisor.i18n.catalogs import Catalog

# questionary draws "? " before a question and " » " or three spaces before each choice.
_QUESTION_MARK = "? "
_CHOICE_INDENT = 3
# Writing into a line's last cell makes some terminals wrap early, so lines stop one short.
_MARGIN = 1


def _wrap(text: str, columns: int) -> list[str]:
    width = max(columns - _CHOICE_INDENT - _MARGIN, 1)
    return textwrap.wrap(text, width) or [""]


def _choice_title(text: str, columns: int) -> str:
    return ("\n" + " " * _CHOICE_INDENT).join(_wrap(text, columns))


def rows_needed(question_id: str, catalog: Catalog, columns: int) -> int:
    """How many rows the question with its choices takes in a window ``columns`` wide."""
    base = f"questions.{question_id}"
    prompt = _QUESTION_MARK + catalog.text(f"{base}.prompt") + " "
    rows = math.ceil(len(prompt) / max(columns - _MARGIN, 1))
    for value in BY_ID[question_id].values:
        rows += len(_wrap(catalog.text(f"{base}.choices.{value}"), columns))
    return rows


def fits(questions: list[str], catalog: Catalog, columns: int, lines: int) -> bool:
    """Whether each question, with every choice in full, fits a ``columns`` x ``lines`` window."""
    return all(rows_needed(q, catalog, columns) <= lines for q in questions)


def ask(
    questions: list[str],
    catalog: Catalog,
    *,
    input: Any = None,
    output: Any = None,
    columns: int | None = None,
) -> dict[str, str]:
    """Ask each question in ``questions`` (ids, in order) and return ``{id: value id}``.

    Choices are wrapped to ``columns``; when drawing on the real terminal, its width.
    """
    # Heavy imports here: only a session that really prompts pays for prompt_toolkit.
    import questionary

    if output is None:
        output = terminal_output()
    if columns is None:
        columns = output.get_size().columns

    answers: dict[str, str] = {}
    for question_id in questions:
        question = BY_ID[question_id]
        base = f"questions.{question_id}"
        choices = [
            questionary.Choice(
                title=_choice_title(catalog.text(f"{base}.choices.{value}"), columns), value=value
            )
            for value in question.values
        ]
        prompt = questionary.select(
            catalog.text(f"{base}.prompt"),
            choices=choices,
            qmark="?",
            instruction=" ",
            input=input,
            output=output,
        )
        answers[question_id] = _ending_on_ctrl_d(prompt).unsafe_ask()
    return answers


def intro(catalog: Catalog, output: Any) -> None:
    """The lines above the first prompt: what this is, and how to answer.

    Drawn with prompt_toolkit, already loaded for the prompts, rather than Rich: loading Rich
    here would delay the first question (measured in docs/performance.md).
    """
    from prompt_toolkit import print_formatted_text
    from prompt_toolkit.formatted_text import FormattedText

    columns = max(output.get_size().columns - _MARGIN, 20)

    def lines(key: str) -> str:
        return "\n".join(textwrap.wrap(catalog.text(key), columns)) + "\n"

    how = catalog.text("intro.answer_all") + " " + catalog.text("intro.keys")
    text = FormattedText(
        [
            ("bold", lines("intro.title")),
            ("", lines("intro.lead")),
            ("italic", "\n".join(textwrap.wrap(how, columns)) + "\n"),
        ]
    )
    print_formatted_text(text, output=output)


def terminal_output() -> Any:
    """prompt_toolkit's output for the terminal on stderr, without cursor-position requests.

    prompt_toolkit asks the terminal where the cursor is and, when no answer comes within two
    seconds (a slow link, an emulator that never answers), prints a WARNING between the
    prompts. These prompts have no use for the answer. On Windows, where prompt_toolkit cannot
    draw (no console), this is where it raises ``NoConsoleScreenBufferError``.
    """
    from prompt_toolkit.output import create_output

    output = create_output(stdout=sys.stderr)
    if hasattr(output, "enable_cpr"):
        output.enable_cpr = False
    return output


def _ending_on_ctrl_d(prompt: Any) -> Any:
    """``prompt`` with Ctrl-D raising EOFError (end of input), as a shell's read does, and a
    SIGINT from outside (``kill -INT``) raising KeyboardInterrupt, as Ctrl-C does."""
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
    from prompt_toolkit.keys import Keys

    eof = KeyBindings()

    @eof.add("c-d", eager=True)
    def _end_of_input(event: Any) -> None:
        event.app.exit(exception=EOFError())

    # In raw mode Ctrl-C is a key, and questionary binds it; a SIGINT sent by another process
    # reaches prompt_toolkit as the <sigint> key, which only its own PromptSession binds, so a
    # choice prompt ignored it and the next Enter moved on.
    @eof.add(Keys.SIGINT, eager=True)
    def _interrupted(event: Any) -> None:
        event.app.exit(exception=KeyboardInterrupt())

    existing = prompt.application.key_bindings
    bindings = eof if existing is None else merge_key_bindings([existing, eof])
    prompt.application.key_bindings = bindings
    return prompt


def ask_text(
    fields: list[tuple[str, str]],
    check: Callable[[str, str], str | None],
    *,
    input: Any = None,
    output: Any = None,
) -> dict[str, str]:
    """Ask for each ``(id, prompt)`` as typed text and return ``{id: text}``.

    ``check(id, text)`` returns the line to show under the prompt when the text is not
    accepted (or None when it is), so the user retypes instead of the command failing.
    """
    import questionary

    if output is None:
        output = terminal_output()

    answers: dict[str, str] = {}
    for field, message in fields:

        def validate(text: str, field: str = field) -> bool | str:
            # A validator must never raise: prompt_toolkit would print the traceback to
            # stdout and loop on "Press ENTER to continue", hundreds of times. ``check``
            # words every refusal itself; anything else it hits is still just a refusal.
            try:
                problem = check(field, text)
            except Exception:
                return False
            return True if problem is None else problem

        prompt = questionary.text(message, validate=validate, qmark="?", input=input, output=output)
        _whole_refusals(prompt)
        answers[field] = _ending_on_ctrl_d(prompt).unsafe_ask()
    return answers


def _whole_refusals(prompt: Any) -> None:
    """Let the line under a prompt that says why a value was refused take the lines it needs.

    prompt_toolkit's validation toolbar is one row high and cuts whatever does not fit; the
    refusal names the figure, what is accepted and a reading, which a narrow window cannot hold
    on one row. Its window is found by its control's text function (prompt_toolkit keeps no
    reference to the toolbar) and given a height that follows its wrapped text.
    """
    from prompt_toolkit.filters import to_filter
    from prompt_toolkit.layout.controls import FormattedTextControl

    for window in prompt.application.layout.find_all_windows():
        control = window.content
        text = getattr(control, "text", None)
        if isinstance(control, FormattedTextControl) and "ValidationToolbar" in getattr(
            text, "__qualname__", ""
        ):
            window.height = None
            window.wrap_lines = to_filter(True)
