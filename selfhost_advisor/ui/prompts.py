"""The one adapter between the questions (data) and questionary (drawing them).

Prompts draw on stderr so stdout carries only the product (``advisor ask --json | jq`` works in
a terminal). ``input``/``output`` let tests drive real prompts through prompt_toolkit's pipe
input. Cancellation is left to the caller: Ctrl-C raises ``KeyboardInterrupt`` and Ctrl-D
raises ``EOFError``, never a ``None`` answer.

Each question shows its place among the questions actually asked ("2/4"; "1/2" when flags
answered the other two) and, under its choices, what the highlighted answer means, drawn here
from the catalog (questionary's own description line starts with the English word
"Description:"). Left arrow (or Backspace) goes back to the previous question with its answer
highlighted; on the first question it does nothing.

A question is erased once answered and its answered line printed here, wrapped at word
boundaries to the window (prompt_toolkit breaks it at the edge, inside a word). Choices longer
than the window is wide are wrapped too; :func:`fits` says whether a window is tall enough to
show each question whole, with its progress and its tallest description.
"""

from __future__ import annotations

import math
import sys
import textwrap
from collections.abc import Callable
from typing import Any

from selfhost_advisor.advice.questions import BY_ID
from selfhost_advisor.i18n.catalogs import Catalog

# questionary draws "?", the message between spaces and the instruction (one space) before a
# question's choices, and " » " or three spaces before each choice.
_QUESTION_MARK = "?"
_INSTRUCTION = " "
_CHOICE_INDENT = 3
# The description of the highlighted choice sits under the choices, in line with their text.
_DESCRIPTION_INDENT = _CHOICE_INDENT
# Writing into a line's last cell makes some terminals wrap early, so lines stop one short.
_MARGIN = 1
# An answered line's continuation rows are indented under its question.
_ANSWER_INDENT = "  "


def _wrap(text: str, columns: int) -> list[str]:
    width = max(columns - _CHOICE_INDENT - _MARGIN, 1)
    # A hyphenated word ("fine-tune", "in-house") stays whole, as a reader looks for it.
    return textwrap.wrap(text, width, break_on_hyphens=False) or [""]


def _choice_title(text: str, columns: int) -> str:
    return ("\n" + " " * _CHOICE_INDENT).join(_wrap(text, columns))


def _message(question_id: str, catalog: Catalog, number: int, total: int) -> str:
    """The question as its prompt shows it: its place ("2/4"), then the question."""
    progress = catalog.text("intro.progress", number=number, total=total)
    return f"{progress} {catalog.text(f'questions.{question_id}.prompt')}"


def _description(question_id: str, value: str, catalog: Catalog, columns: int) -> list[str]:
    """What answering ``value`` means, in lines that fit under the choices."""
    width = max(columns - _DESCRIPTION_INDENT - _MARGIN, 1)
    text = catalog.text(f"questions.{question_id}.describe.{value}")
    lines = textwrap.wrap(text, width, break_on_hyphens=False) or [""]
    return [" " * _DESCRIPTION_INDENT + line for line in lines]


def rows_needed(question_id: str, catalog: Catalog, columns: int, total: int = 4) -> int:
    """How many rows the question takes in a window ``columns`` wide: its line with its place
    among ``total`` questions, every choice, and the tallest of the choices' descriptions."""
    base = f"questions.{question_id}"
    message = _message(question_id, catalog, total, total)
    prompt = f"{_QUESTION_MARK} {message} {_INSTRUCTION}"
    rows = math.ceil(len(prompt) / max(columns - _MARGIN, 1))
    values = BY_ID[question_id].values
    for value in values:
        rows += len(_wrap(catalog.text(f"{base}.choices.{value}"), columns))
    return rows + max(len(_description(question_id, v, catalog, columns)) for v in values)


def fits(questions: list[str], catalog: Catalog, columns: int, lines: int) -> bool:
    """Whether each question, with every choice and description in full, fits a ``columns`` x
    ``lines`` window."""
    return all(rows_needed(q, catalog, columns, len(questions)) <= lines for q in questions)


def answered_lines(message: str, answer: str, columns: int) -> list[list[tuple[str, str]]]:
    """The rows left for an answered question: "? 2/4 question answer", wrapped at word
    boundaries to ``columns``, each word styled as questionary styles it (a word longer than a
    row, which no catalog has, is left to the terminal to fold)."""
    width = max(columns - _MARGIN, 1)
    words = [("class:qmark", _QUESTION_MARK)]
    words += [("class:question", word) for word in message.split()]
    words += [("class:answer", word) for word in answer.split()]
    rows: list[list[tuple[str, str]]] = [[]]
    used = 0
    for style, word in words:
        if used and used + 1 + len(word) > width:
            rows.append([("", _ANSWER_INDENT)])
            used = len(_ANSWER_INDENT)
        elif used:
            rows[-1].append(("", " "))
            used += 1
        rows[-1].append((style, word))
        used += len(word)
    return rows


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

    _default_bindings_once()
    if output is None:
        output = terminal_output()
    if columns is None:
        columns = output.get_size().columns

    answers: dict[str, str] = {}
    # Rows each answered line took, to erase it when the person goes back to its question.
    printed: list[int] = []
    position = 0
    while position < len(questions):
        question_id = questions[position]
        base = f"questions.{question_id}"
        message = _message(question_id, catalog, position + 1, len(questions))
        choices = [
            questionary.Choice(
                title=_choice_title(catalog.text(f"{base}.choices.{value}"), columns), value=value
            )
            for value in BY_ID[question_id].values
        ]
        prompt = questionary.select(
            message,
            choices=choices,
            default=answers.get(question_id),
            qmark=_QUESTION_MARK,
            instruction=_INSTRUCTION,
            show_description=False,
            input=input,
            output=output,
        )
        _describing(prompt, question_id, catalog, columns)
        _going_back(prompt, can_go_back=position > 0)
        answer = _ending_on_ctrl_d(prompt).unsafe_ask()
        if answer is _BACK:
            position -= 1
            _erase(output, printed.pop())
            continue
        answers[question_id] = answer
        rows = answered_lines(message, catalog.text(f"{base}.choices.{answer}"), columns)
        _print_answered(rows, output)
        printed.append(len(rows))
        position += 1
    return {question_id: answers[question_id] for question_id in questions}


def _default_bindings_once() -> None:
    """Have prompt_toolkit build its default key bindings once per run, not three times a question.

    Every prompt_toolkit ``Application`` builds the default Emacs, Vi and mouse bindings afresh
    (about two thousand handlers), and ``questionary.select`` makes three of them per question
    (two ``PromptSession`` for its layout, then the prompt). The handlers keep no state of
    their own (each acts on the running application it is given), so one set serves them all
    and the first question is drawn sooner (docs/performance.md). Should a later
    prompt_toolkit stop looking them up there, nothing changes but the speed.
    """
    from functools import cache

    import prompt_toolkit.application.application as application

    build = getattr(application, "load_key_bindings", None)
    if callable(build) and not hasattr(build, "cache_info"):
        setattr(application, "load_key_bindings", cache(build))  # noqa: B010  # not exported


class _Back:
    """The answer of a prompt left with the go-back key."""


_BACK = _Back()


def _describing(prompt: Any, question_id: str, catalog: Catalog, columns: int) -> None:
    """Under ``prompt``'s choices, what the highlighted choice means, until it is answered."""
    from prompt_toolkit.filters import IsDone
    from prompt_toolkit.formatted_text import FormattedText
    from prompt_toolkit.layout.containers import ConditionalContainer, HSplit, Window
    from prompt_toolkit.layout.controls import FormattedTextControl
    from questionary.prompts.common import InquirerControl

    layout = prompt.application.layout
    control = next(
        w.content for w in layout.find_all_windows() if isinstance(w.content, InquirerControl)
    )

    def text() -> FormattedText:
        value = str(control.get_pointed_at().value)
        lines = _description(question_id, value, catalog, columns)
        return FormattedText([("class:instruction italic", "\n".join(lines))])

    container = layout.container
    assert isinstance(container, HSplit)
    window = Window(FormattedTextControl(text), dont_extend_height=True)
    # Right under the choices: before the search line and the validation toolbar.
    not_done = ~IsDone()  # type: ignore[no-untyped-call]  # prompt_toolkit's filter factory
    container.children.insert(2, ConditionalContainer(window, filter=not_done))


def _going_back(prompt: Any, *, can_go_back: bool) -> None:
    """Left arrow or Backspace leaves ``prompt`` with :data:`_BACK`, unless it is the first;
    Enter erases the prompt (its answered line is printed wrapped by :func:`ask`)."""
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
    from questionary.prompts.common import InquirerControl

    control = next(
        w.content
        for w in prompt.application.layout.find_all_windows()
        if isinstance(w.content, InquirerControl)
    )
    keys = KeyBindings()

    @keys.add("enter", eager=True)
    def _answer(event: Any) -> None:
        control.is_answered = True
        event.app.erase_when_done = True
        event.app.exit(result=control.get_pointed_at().value)

    @keys.add("left", eager=True)
    @keys.add("backspace", eager=True)
    def _back(event: Any) -> None:
        if can_go_back:
            event.app.erase_when_done = True
            event.app.exit(result=_BACK)

    prompt.application.key_bindings = merge_key_bindings([prompt.application.key_bindings, keys])


def _print_answered(rows: list[list[tuple[str, str]]], output: Any) -> None:
    from prompt_toolkit import print_formatted_text
    from prompt_toolkit.formatted_text import FormattedText
    from questionary.constants import DEFAULT_STYLE

    tokens = [token for i, row in enumerate(rows) for token in ([("", "\n")] if i else []) + row]
    print_formatted_text(FormattedText(tokens), output=output, style=DEFAULT_STYLE)


def _erase(output: Any, rows: int) -> None:
    """Erase the last ``rows`` printed rows: the answered line of the question asked again."""
    output.cursor_up(rows)
    output.erase_down()
    output.flush()


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
