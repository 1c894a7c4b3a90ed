"""The one adapter between the questions (data) and questionary (drawing them).

Prompts draw on stderr so stdout carries only the product (``advisor ask --json | jq`` works in
a terminal). ``input``/``output`` let tests drive real prompts through prompt_toolkit's pipe
input. Cancellation is left to the caller: Ctrl-C raises ``KeyboardInterrupt`` and Ctrl-D
raises ``EOFError``, never a ``None`` answer.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from selfhost_advisor.i18n import Catalog
from selfhost_advisor.questions import BY_ID


def ask(
    questions: list[str],
    catalog: Catalog,
    *,
    input: Any = None,
    output: Any = None,
) -> dict[str, str]:
    """Ask each question in ``questions`` (ids, in order) and return ``{id: value id}``."""
    # Heavy imports here: only a session that really prompts pays for prompt_toolkit.
    import questionary
    from prompt_toolkit.key_binding import KeyBindings
    from prompt_toolkit.output import create_output

    if output is None:
        output = create_output(stdout=sys.stderr)
    eof = KeyBindings()

    @eof.add("c-d", eager=True)
    def _end_of_input(event: Any) -> None:
        event.app.exit(exception=EOFError())

    answers: dict[str, str] = {}
    for question_id in questions:
        question = BY_ID[question_id]
        base = f"questions.{question_id}"
        choices = [
            questionary.Choice(title=catalog.text(f"{base}.choices.{value}"), value=value)
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
        prompt.application.key_bindings = _merge(prompt.application.key_bindings, eof)
        answers[question_id] = prompt.unsafe_ask()
    return answers


def _merge(existing: Any, extra: Any) -> Any:
    from prompt_toolkit.key_binding import merge_key_bindings

    return extra if existing is None else merge_key_bindings([existing, extra])


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
    from prompt_toolkit.key_binding import KeyBindings
    from prompt_toolkit.output import create_output

    if output is None:
        output = create_output(stdout=sys.stderr)
    eof = KeyBindings()

    @eof.add("c-d", eager=True)
    def _end_of_input(event: Any) -> None:
        event.app.exit(exception=EOFError())

    answers: dict[str, str] = {}
    for field, message in fields:

        def validate(text: str, field: str = field) -> bool | str:
            problem = check(field, text)
            return True if problem is None else problem

        prompt = questionary.text(message, validate=validate, qmark="?", input=input, output=output)
        prompt.application.key_bindings = _merge(prompt.application.key_bindings, eof)
        answers[field] = prompt.unsafe_ask()
    return answers
