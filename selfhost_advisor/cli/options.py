"""The options more than one command shares, declared once with their help keys.

Help texts are catalog keys (``help.json``), worded when a run builds the command
(:mod:`selfhost_advisor.cli.group`).
"""

# No `from __future__ import annotations`: see cli/app.py (Typer would eval() each annotation).

from collections.abc import Callable
from typing import Annotated, Any

import typer

from selfhost_advisor.advice.questions import BY_ID, complete
from selfhost_advisor.cost.presets import preset_ids
from selfhost_advisor.i18n.catalogs import Catalog

LangOption = Annotated[str | None, typer.Option("--lang", help="help.lang", metavar="CODE")]
JsonOption = Annotated[bool, typer.Option("--json", help="help.json")]
NoInputOption = Annotated[bool, typer.Option("--no-input", help="help.no_input")]
AnswersOption = Annotated[
    str | None, typer.Option("--answers", help="help.answers", metavar="FILE")
]
MarkdownOption = Annotated[
    bool, typer.Option("--markdown", help="help.markdown", show_default=False)
]
DateOption = Annotated[str | None, typer.Option("--date", help="help.date", metavar="YYYY-MM-DD")]
CostFileOption = Annotated[
    str | None, typer.Option("--cost", help="help.cost_file", metavar="FILE")
]
OutputOption = Annotated[
    str | None, typer.Option("-o", "--output", help="help.output", metavar="FILE")
]
NoPagerOption = Annotated[bool, typer.Option("--no-pager", help="help.no_pager")]
ApiModelOption = Annotated[
    str | None, typer.Option("--api-model", help="help.api_model", metavar="PROVIDER:MODEL")
]
PresetsOption = Annotated[bool, typer.Option("--presets", help="help.presets")]


def value_option(question: str) -> Any:
    """``--<question>``, with its answers as the metavar and for completion."""
    values = BY_ID[question].values
    return typer.Option(
        f"--{question}",
        help=f"help.{question}",
        # The answers as the metavar, as argparse shows choices and as the missing-answers
        # error names them: the option column is never wrapped, so `high-steady` stays whole.
        metavar=f"{{{','.join(values)}}}",
        # The same values the launcher's fast path offers (cli/fast.py), from the same function.
        autocompletion=lambda incomplete: complete(question, incomplete),
        show_default=False,
    )


def value_meanings(catalog: Catalog) -> dict[str, Callable[[], str]]:
    """For each question's option, what its help adds: each value with its short meaning
    (``shareable (yes), mixed (partly), restricted (no)``), read from the catalog when built."""
    if "help.values" not in catalog.strings:  # an empty fallback catalog: Click's bare help
        return {}

    def meanings(question: str) -> str:
        shown = [_with_meaning(catalog, question, v) for v in BY_ID[question].values]
        return catalog.text("help.values", values=", ".join(shown))

    return {q: (lambda q=q: meanings(q)) for q in BY_ID}  # type: ignore[misc]


def _with_meaning(catalog: Catalog, question: str, value: str) -> str:
    # The short answer ("Partly"), else the choice's words after its own name ("Spiky:
    # bursts and quiet spells"): a meaning that only repeats the value says nothing.
    same = value.replace("-", " ").casefold()
    for key in (f"questions.{question}.short.{value}", f"questions.{question}.choices.{value}"):
        text = catalog.text(key) if key in catalog.strings else ""
        head, _, tail = text.partition(": ")
        meaning = tail if head.casefold() == same and tail else text
        if meaning and meaning.casefold() != same:
            first = meaning.split()[0]
            if first[1:].islower() or len(first) == 1:  # "Yes" and "A", not "MLOps"
                meaning = meaning[0].lower() + meaning[1:]
            return catalog.text("help.value", value=value, meaning=meaning)
    return value


def preset_metavar() -> str:
    """The preset names, as --data and friends show their answers (read when ``cost`` is built)."""
    try:
        return f"{{{','.join(preset_ids())}}}"
    except (OSError, ValueError, KeyError, TypeError):
        # Help must not fail for a broken presets file; `advisor cost` itself reports it.
        return "NAME"


PresetOption = Annotated[
    str | None,
    typer.Option(
        "--preset",
        help="help.preset",
        metavar="NAME",  # the names, by preset_metavar(), once the command is built
        # Names match ignoring case, so completion does too.
        autocompletion=lambda incomplete: [
            n for n in preset_ids() if n.casefold().startswith(incomplete.casefold())
        ],
        show_default=False,
    ),
]
