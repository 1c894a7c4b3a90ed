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
    """For each question's option, what its help adds: each value with its short answer and
    the description the prompt shows for it, one paragraph each (``shareable (yes): Your
    contracts and regulators let...``), read from the catalog when the command is built."""
    if "help.value" not in catalog.strings:  # an empty fallback catalog: Click's bare help
        return {}

    def meanings(question: str) -> str:
        # Click keeps an option's paragraphs apart: one value to a paragraph reads as a list.
        return "\n\n".join(
            f"{_label(catalog, question, v)}: " + catalog.text(f"questions.{question}.describe.{v}")
            for v in BY_ID[question].values
        )

    return {q: (lambda q=q: meanings(q)) for q in BY_ID}  # type: ignore[misc]


def _label(catalog: Catalog, question: str, value: str) -> str:
    """``mixed (partly)``: the value and its short answer, unless that only repeats it."""
    short = catalog.text(f"questions.{question}.short.{value}")
    if short.casefold() == value.replace("-", " ").casefold():  # "Modest", "None"
        return value
    first = short.split()[0]
    if first[1:].islower() or len(first) == 1:  # "Yes" reads "yes" in a sentence; "MLOps" stays
        short = short[0].lower() + short[1:]
    return catalog.text("help.value", value=value, meaning=short)


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
