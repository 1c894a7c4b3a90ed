"""The ``advisor`` commands: each gathers its inputs, calls the feature, hands the result on.

Declaring them reads nothing: help texts are catalog keys (``help.ask``), worded when a run
builds the command (:mod:`selfhost_advisor.cli.group`); shared options are in
:mod:`selfhost_advisor.cli.options`. Running them is :func:`selfhost_advisor.cli.run.run`.
"""

# No `from __future__ import annotations` here: Typer would then eval() every parameter's
# annotation string when it builds the command, on every run; evaluated once at definition
# they cost far less (docs/performance.md).

import datetime
import inspect
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any

import typer

from selfhost_advisor import __version__
from selfhost_advisor.cli.group import Advisor
from selfhost_advisor.cli.options import (
    AnswersOption,
    ApiModelOption,
    CostFileOption,
    DateOption,
    JsonOption,
    LangOption,
    MarkdownOption,
    NoInputOption,
    NoPagerOption,
    OutputOption,
    PresetOption,
    PresetsOption,
    value_option,
)
from selfhost_advisor.cost.figures import FIGURES, Figure
from selfhost_advisor.startup import loading
from selfhost_advisor.ui import output

# What only a command's body needs is imported in that body: `advisor --help`, `list` and
# completion need not load the decision, its explanations and the cost-file reader to
# declare `ask` (docs/performance.md).
if TYPE_CHECKING:
    from selfhost_advisor.advice.costfile import CostEvidence
    from selfhost_advisor.advice.decision import Answers
    from selfhost_advisor.i18n.catalogs import Catalog
    from selfhost_advisor.schema import Document
    from selfhost_advisor.ui.cost_report import CostReport

app = typer.Typer(
    cls=Advisor,
    name="advisor",
    help="help.app",
    no_args_is_help=True,
    # Click suggests close command names itself (worded from the catalog); Typer's own
    # suggestion would repeat it in English.
    suggest_commands=False,
    pretty_exceptions_enable=False,
    # Click's plain help, not Typer's Rich panels: typer.rich_utils imports rich.markdown,
    # markdown-it, Pygments and rich.traceback, which would slow `advisor --help` a good deal
    # (docs/performance.md). Help is read once; it must be quick.
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        print(f"advisor {__version__}", file=output.stdout())
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="help.version"),
    ] = False,
) -> None:
    pass


def _write(document: "Document", as_json: bool, card: Callable[[int], Any]) -> None:
    """The document as JSON, or the card ``card(width)`` draws (Rich loads only for a card)."""
    if as_json:
        output.write_json(document)
        return
    with loading():  # Rich: a sizeable load, done with the collector paused
        from selfhost_advisor.ui import render  # noqa: F401

    output.write_card(card)


@app.command(help="help.ask")
def ask(
    data: Annotated[str | None, value_option("data")] = None,
    control: Annotated[str | None, value_option("control")] = None,
    volume: Annotated[str | None, value_option("volume")] = None,
    ops: Annotated[str | None, value_option("ops")] = None,
    answers_file: AnswersOption = None,
    no_input: NoInputOption = False,
    as_json: JsonOption = False,
    as_markdown: MarkdownOption = False,
    record_date: DateOption = None,
    cost_file: CostFileOption = None,
    output_file: OutputOption = None,
    no_pager: NoPagerOption = False,
    lang: LangOption = None,
) -> None:
    from selfhost_advisor.ui import ask_inputs

    catalog = output.start(lang, output_file, pager=not no_pager)
    date = ask_inputs.record_date(record_date, as_json=as_json, as_markdown=as_markdown)
    cost = ask_inputs.saved_cost(cost_file, answers_file)
    flags = {"data": data, "control": control, "volume": volume, "ops": ops}
    answers = ask_inputs.gather(flags, answers_file, cost_file, no_input=no_input, catalog=catalog)
    _write_advice(_advise(answers, cost, catalog), catalog, date if as_markdown else None, as_json)


def _advise(answers: "Answers", cost: "CostEvidence | None", catalog: "Catalog") -> "Document":
    """``decide`` on the answers (and a saved estimate's verdict), as the ``ask`` document."""
    from selfhost_advisor.advice.decision import decide
    from selfhost_advisor.ui.report import ask_document

    advice = decide(answers, cost.cheaper if cost is not None else None)
    return ask_document(answers, advice, catalog, cost)


def _write_advice(
    document: "Document", catalog: "Catalog", record: datetime.date | None, as_json: bool
) -> None:
    """The decision record dated ``record`` when one was asked for, else JSON or the card."""
    if record is None:
        _write(document, as_json, lambda _width: _card(document, catalog))
        return
    from selfhost_advisor.ui import adr

    output.write_text(adr.decision_record(document, catalog, record))


def _card(document: "Document", catalog: "Catalog") -> Any:
    from selfhost_advisor.ui import render

    return render.card(document, catalog)


@app.command("list", help="help.list")
def list_options(
    as_json: JsonOption = False,
    output_file: OutputOption = None,
    no_pager: NoPagerOption = False,
    lang: LangOption = None,
) -> None:
    from selfhost_advisor.ui.report import list_document

    catalog = output.start(lang, output_file, pager=not no_pager)
    document = list_document(catalog)

    def options(width: int) -> Any:
        from selfhost_advisor.ui import render

        return render.options(document, catalog, width)

    _write(document, as_json, options)


def _with_figure_options(command: Callable[..., None]) -> Callable[..., None]:
    """``command`` with one option per cost figure (``cost/figures.py``), ahead of its own.

    Typer reads options from the signature; the figures' texts reach ``**figures`` by id.
    """

    def option(figure: Figure) -> Any:
        return typer.Option(
            figure.flag, help=figure.help_key, metavar=figure.metavar, show_default=False
        )

    keyword = inspect.Parameter.KEYWORD_ONLY
    figures = [
        inspect.Parameter(f.id, keyword, default=None, annotation=Annotated[str | None, option(f)])
        for f in FIGURES
    ]
    own = inspect.signature(command).parameters.values()
    rest = [p.replace(kind=keyword) for p in own if p.kind is not p.VAR_KEYWORD]
    command.__signature__ = inspect.Signature([*figures, *rest])  # type: ignore[attr-defined]
    return command


@app.command(help="help.cost")
@_with_figure_options
def cost(
    *,
    preset: PresetOption = None,
    api_model: ApiModelOption = None,
    presets: PresetsOption = False,
    no_input: NoInputOption = False,
    as_json: JsonOption = False,
    output_file: OutputOption = None,
    no_pager: NoPagerOption = False,
    lang: LangOption = None,
    **figures: str | None,
) -> None:
    from selfhost_advisor.ui.cost_estimate import estimate_report, run_date

    catalog = output.start(lang, output_file, pager=not no_pager)
    if presets:
        _cost_presets(catalog, as_json)
        return
    report = estimate_report(
        figures, preset, no_input=no_input, catalog=catalog, api_model=api_model, today=run_date()
    )
    _write(report.document, as_json, lambda _width: _cost_card(report, catalog))


def _cost_card(report: "CostReport", catalog: "Catalog") -> Any:
    from selfhost_advisor.ui import cost_render

    return cost_render.card(report, catalog)


def _cost_presets(catalog: "Catalog", as_json: bool) -> None:
    from selfhost_advisor.errors import AdvisorError
    from selfhost_advisor.ui.cost_estimate import run_date

    if as_json:
        raise AdvisorError("errors.cost_presets_json")
    today = run_date()
    with loading():  # Rich, as for any card
        from selfhost_advisor.ui import cost_presets

    output.write_card(lambda _width: cost_presets.card(catalog, today))


@app.command(help="help.languages")
def languages(as_json: JsonOption = False, lang: LangOption = None) -> None:
    from selfhost_advisor.ui.languages import languages_document, languages_text

    output.catalog_for(lang)
    document = languages_document()
    if as_json:
        output.write_json(document)
        return
    print(languages_text(document), end="", file=output.encodable(output.stdout()))
