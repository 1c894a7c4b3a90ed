"""The two requests answered before Typer loads: completing a question's value, and ``ask --json``.

Shell completion runs the program on every Tab, and ``advisor ask`` with all four answers and
``--json`` runs inside scripts' loops; for both the meaning of the command line is already
fixed, and loading Typer and Click to parse it was almost all of their time
(docs/performance.md). :func:`answer` recognises exactly these shapes and nothing else:

- bash completion (``_ADVISOR_COMPLETE=complete_bash``, no arguments) of the value of
  ``--data``, ``--control``, ``--volume`` or ``--ops`` after ``advisor ask`` and flags of the
  shape below, the cursor on a word that is no option (or on ``--<question>=…``);
- ``advisor ask`` with each of the four question flags once, ``--json`` once, and optionally
  ``--lang`` and ``--no-input`` once, in any order, as ``--x v`` or ``--x=v``, where every
  value is an answer and the language and its catalog read.

It answers them with the functions the command line uses (the question table, ``inputs``,
``decide``, the document, ``ui.output``'s writers and its stream and exit-code contract), so
the bytes and the status are Typer's own; ``tests/test_fast_path.py`` runs a generated corpus
both ways and compares them. Everything else, any value that is not exactly an answer, any
error and any doubt returns ``None`` before anything is written, and Typer, the only place
that reports usage errors and prints help, takes over. This module imports neither Typer nor
Click (``tests/test_import_guard.py``); the completion path not even the catalogs.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # not typing's: see launcher.py
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

# Typer's own switch for completion: `_{PROG}_COMPLETE`, with `advisor` as the program name.
COMPLETE_VAR = "_ADVISOR_COMPLETE"
# For tests: with this set, every request goes to Typer (tests/test_fast_path.py compares).
NO_FAST_PATH = "_ADVISOR_NO_FAST_PATH"

QUESTION_FLAGS = {"--data": "data", "--control": "control", "--volume": "volume", "--ops": "ops"}
_VALUED = {*QUESTION_FLAGS, "--lang"}
_SWITCHES = {"--json", "--no-input"}
# What Click's completion reads from COMP_WORDS with shlex: quotes and escapes, and the few
# characters that str.split() takes for whitespace and shlex does not, are Typer's to read.
_SHLEX_WHITESPACE = " \t\r\n"
_SHLEX_SPECIAL = "'\"\\"


def answer(argv: list[str], environ: Mapping[str, str]) -> int | None:
    """The exit status, once the request is answered; ``None``: Typer must answer it."""
    if environ.get(NO_FAST_PATH):
        return None
    instruction = environ.get(COMPLETE_VAR)
    if instruction:
        # Typer completes whatever the arguments are once the variable is set.
        if instruction == "complete_bash" and not argv:
            return _complete_bash(environ)
        return None
    if argv[:1] == ["ask"]:
        return _ask_json(argv[1:])
    return None


def _ask_flags(words: list[str], *, complete: bool) -> tuple[dict[str, str], str | None] | None:
    """The questions' raw values and ``--lang`` in ``words``, or ``None`` if not of our shape.

    ``complete``: all four questions and ``--json`` must be there (not so while completing).
    """
    values: dict[str, str] = {}
    lang: str | None = None
    seen: set[str] = set()
    index = 0
    while index < len(words):
        word = words[index]
        index += 1
        name, equals, value = word.partition("=")
        if word in _SWITCHES:
            name = word
        elif name not in _VALUED:
            return None
        elif not equals:
            if index == len(words) or words[index].startswith("-"):
                return None  # no value, or a value Click would read differently
            value = words[index]
            index += 1
        if name in seen:
            return None  # repeated: Click keeps the last; Typer can say so
        seen.add(name)
        if name == "--lang":
            lang = value
        elif name in QUESTION_FLAGS:
            values[QUESTION_FLAGS[name]] = value
    if complete and not (seen >= {*QUESTION_FLAGS, "--json"}):
        return None
    return values, lang


def _ask_json(words: list[str]) -> int | None:
    parsed = _ask_flags(words, complete=True)
    if parsed is None:
        return None
    flags, lang = parsed
    from selfhost_advisor.advice import inputs
    from selfhost_advisor.i18n import catalogs as i18n

    try:
        inputs.from_flags(flags)  # a value that is no answer: Typer reports it
        i18n.for_user(lang)  # a language or a catalog Typer must report
    except Exception:
        return None
    from selfhost_advisor.ui import output

    return output.contain(lambda: _write_advice(flags, lang))


def _write_advice(flags: Mapping[str, str], lang: str | None) -> int:
    # What `ask` (cli/app.py) does for this request, with the same functions: the catalog and
    # its notice, the answers from the flags (as ask_inputs.gather reads them when every one
    # is given; that module's cost-file and date readers are not needed here), `decide`
    # without a cost estimate, the document as JSON.
    from selfhost_advisor.advice import inputs
    from selfhost_advisor.advice.decision import Answers, decide
    from selfhost_advisor.errors import ExitCode
    from selfhost_advisor.ui import output
    from selfhost_advisor.ui.report import ask_document

    catalog = output.catalog_for(lang)
    answers = Answers.from_ids(inputs.from_flags(flags))
    output.write_json(ask_document(answers, decide(answers, None), catalog, None))
    return ExitCode.OK


def _complete_bash(environ: Mapping[str, str]) -> int | None:
    """Typer's bash protocol: COMP_WORDS, the words so far; COMP_CWORD, the one completed."""
    words_text = environ.get("COMP_WORDS")
    cword_text = environ.get("COMP_CWORD")
    if words_text is None or cword_text is None:
        return None
    if not (cword_text.isascii() and cword_text.isdigit()):
        return None  # int() would take " 3", "+3" or "٣" too: Typer's to read
    if any(c in _SHLEX_SPECIAL or (c.isspace() and c not in _SHLEX_WHITESPACE) for c in words_text):
        return None
    words = words_text.split()
    cword = int(cword_text)
    if cword < 1:
        return None
    args = words[1:cword]
    incomplete = words[cword] if cword < len(words) else ""
    if incomplete == "=":
        return None  # Click reads a lone "=" as nothing typed yet
    if incomplete.startswith("-"):
        # `--volume=mo`: Click completes the value after "=" as that option's.
        name, equals, incomplete = incomplete.partition("=")
        if not equals or incomplete.startswith("-"):
            return None
        args.append(name)
    if args[:1] != ["ask"] or len(args) < 2 or args[-1] not in QUESTION_FLAGS or "--" in args:
        return None
    if _ask_flags(args[1:-1], complete=False) is None or args[-1] in args[1:-1]:
        return None
    from selfhost_advisor.advice.questions import complete

    return _write_completion(complete(QUESTION_FLAGS[args[-1]], incomplete))


def _write_completion(values: list[str]) -> int | None:
    # Straight to the descriptor, unbuffered: if it fails, nothing was written, and Typer
    # meets the same failure and reports it (exit 74 or 141) exactly as it does.
    if sys.stdout is None:
        return None
    text = "\n".join(values) + "\n"
    data = text.encode("ascii")
    try:
        # Click writes through sys.stdout: where its encoding (PYTHONIOENCODING=utf-16, say) or
        # its line endings would give other bytes, Typer writes them.
        same = os.linesep == "\n" and text.encode(sys.stdout.encoding) == data
    except (LookupError, UnicodeError, AttributeError, TypeError):
        same = False
    if not same:
        return None
    try:
        sys.stdout.flush()
        written = os.write(sys.stdout.fileno(), data)
    except (OSError, ValueError):
        return None
    while written < len(data):
        try:
            written += os.write(sys.stdout.fileno(), data[written:])
        except OSError as error:
            # Part of it is out: too late to hand over; report it as the command line does.
            from selfhost_advisor.ui import output

            return output.contain(_raiser(error))
    return 0


def _raiser(error: OSError) -> Callable[[], int]:
    def body() -> int:
        raise error

    return body
