"""The explanation as people read it: the card's tree and changes, and the decision record."""

from __future__ import annotations

import datetime
import io
import re
from pathlib import Path

import pytest
from harness import environment, shell, usage_error
from markdown_it import MarkdownIt
from markdown_it.token import Token
from rich.console import Console
from snapshots import check

from selfhost_advisor.advice.decision import Answers, decide, every_answers
from selfhost_advisor.advice.questions import Volume
from selfhost_advisor.cli.run import run
from selfhost_advisor.i18n import catalogs as i18n
from selfhost_advisor.i18n.catalogs import Catalog
from selfhost_advisor.ui import adr, render
from selfhost_advisor.ui.report import Document, ask_document, option_key

ALL = list(every_answers())
EN = i18n.load("en")
DAY = datetime.date(2026, 1, 31)
WIDTH = 80

# A few answer sets that between them show each path and each shape of explanation.
CASES = {
    # The API; two answers decided it, two did not; four single changes.
    "api-part-control": ("shareable", "part", "modest", "none"),
    # The API against high steady volume: five changes, a warning-free card.
    "api-high-volume": ("shareable", "none", "high-steady", "focused"),
    # Hybrid with a capacity gap: a warning, and only the data answer mattered.
    "hybrid-no-ops": ("mixed", "none", "modest", "none"),
    # Self-hosting forced twice over: no single answer changes it.
    "self-host-forced-twice": ("restricted", "full", "modest", "platform"),
}


def _answers(case: str) -> Answers:
    return Answers.from_ids(
        dict(zip(("data", "control", "volume", "ops"), CASES[case], strict=True))
    )


def _document(answers: Answers, catalog: Catalog) -> Document:
    return ask_document(answers, decide(answers), catalog)


def _text(renderable: object, width: int = WIDTH) -> str:
    out = io.StringIO()
    Console(file=out, width=width, color_system=None, legacy_windows=False).print(renderable)
    # Rich pads table cells to the width; trailing blanks are invisible and editors strip them.
    return "".join(line.rstrip() + "\n" for line in out.getvalue().splitlines())


def _explanation(answers: Answers, catalog: Catalog, width: int = WIDTH) -> str:
    return _text(render.explanation(_document(answers, catalog), catalog), width)


# The card -------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_tree_and_changes_snapshot(case: str, lang: str) -> None:
    check(f"tree-{case}.{lang}.txt", _explanation(_answers(case), i18n.load(lang)))


@pytest.mark.parametrize("answers", ALL, ids=str)
def test_tree_marks_exactly_the_answers_that_mattered(answers: Answers) -> None:
    catalog = i18n.load("en")
    document = _document(answers, catalog)
    deciding = {c["question"] for c in document["what_would_change"]}
    lines = _text(render.answer_path(document, catalog), width=200).splitlines()
    # One branch per answer; the changes hang under the answers that mattered.
    branches = [line for line in lines if line[:1] in (render.MATTERED, render.IDLE)]
    assert len(branches) == 4
    under = sum(1 for line in lines if line not in branches)
    assert (under == 0) is (not deciding)
    for branch, (question, value) in zip(branches, answers.as_ids().items(), strict=True):
        # The marker is a shape, so it reads the same with colour off.
        marker = render.MATTERED if question in deciding else render.IDLE
        assert f"{marker} " in branch
        assert catalog.text(f"questions.{question}.choices.{value}") in branch


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("answers", ALL[::5], ids=str)
def test_explanation_fits_80_columns(answers: Answers, lang: str) -> None:
    document = _document(answers, i18n.load(lang))
    text = _text(render.card(document, i18n.load(lang)), width=WIDTH)
    assert max(len(line) for line in text.splitlines()) <= WIDTH


def test_the_card_explains_and_shows_the_answers_once() -> None:
    catalog = i18n.load("en")
    text = _text(render.card(_document(_answers("api-part-control"), catalog), catalog))
    assert catalog.text("explain.path") in text
    # The team said none of its data is sensitive: the hybrid it could become splits by control.
    # The change names the answers in words, not ids.
    hybrid = catalog.text("options.hybrid-control.title")
    answers = (
        catalog.text("explain.quoted", answer=catalog.text("questions.ops.short.focused"))
        + catalog.text("explain.or")
        + catalog.text("explain.quoted", answer=catalog.text("questions.ops.short.platform"))
    )
    change = catalog.text("explain.change_to", answers=answers, option=hybrid)
    assert " ".join(change.split()) in " ".join(text.replace("│", " ").split())
    assert "ops=" not in text
    # The tree replaced the answers table: each answer appears once on the card.
    assert text.count(catalog.text("questions.control.choices.part")) == 1


# The decision record --------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_decision_record_snapshot(case: str, lang: str) -> None:
    catalog = i18n.load(lang)
    record = adr.decision_record(_document(_answers(case), catalog), catalog, DAY)
    check(f"adr-{case}.{lang}.md", record)


def _inline_text(token: Token) -> str:
    """The plain text a Markdown renderer would show for an inline token."""
    return "".join(
        child.content for child in token.children or [] if child.type in ("text", "code_inline")
    )


def _headings(tokens: list[Token]) -> list[tuple[str, str]]:
    return [
        (token.tag, _inline_text(tokens[index + 1]))
        for index, token in enumerate(tokens)
        if token.type == "heading_open"
    ]


def _all(tokens: list[Token]) -> list[Token]:
    """Every token, with the children of inline tokens."""
    return [each for t in tokens for each in [t, *(t.children or [])]]


def _list_items(tokens: list[Token], after_heading: str) -> list[str]:
    """The items of the first bullet list after the heading with text ``after_heading``."""
    start = next(
        i
        for i, t in enumerate(tokens)
        if t.type == "inline" and t.content and _inline_text(t) == after_heading
    )
    items: list[str] = []
    depth = 0
    for index in range(start, len(tokens)):
        token = tokens[index]
        if token.type == "heading_open" and index > start + 1:
            break
        if token.type == "bullet_list_open":
            depth += 1
        elif token.type == "bullet_list_close":
            return items
        elif token.type == "inline" and depth == 1:
            items.append(_inline_text(token))
    return items


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("answers", ALL, ids=str)
def test_decision_record_is_commonmark_with_the_expected_structure(
    answers: Answers, lang: str
) -> None:
    catalog = i18n.load(lang)
    document = _document(answers, catalog)
    tokens = MarkdownIt("commonmark").parse(adr.decision_record(document, catalog, DAY))
    text = catalog.text
    h2 = [
        text("adr.context"),
        text("adr.decision"),
        text("adr.reasons"),
        text("adr.consequences"),
        text("explain.what_would_change"),
        text("labels.seam"),
    ]
    h3 = [text("labels.tradeoffs")] + ([text("labels.warnings")] if document["warnings"] else [])
    next_step = [("h2", text("labels.next_steps"))] if answers.volume is Volume.HIGH_STEADY else []
    how = [("h2", text("labels.deployment"))] if document["deployment"] else []
    title = text("adr.title", option=document["recommendation"]["title"])
    assert _headings(tokens) == [
        ("h1", title),
        ("h2", h2[0]),
        ("h2", h2[1]),
        ("h2", h2[2]),
        *how,
        ("h2", h2[3]),
        ("h3", h3[0]),
        *[("h3", h) for h in h3[1:]],
        ("h2", h2[4]),
        *next_step,
        ("h2", h2[5]),
    ]
    if next_step:
        # The command is a code span, so a reader can copy it.
        assert _list_items(tokens, text("labels.next_steps")) == [
            step["text"].replace("`", "") for step in document["next_steps"]
        ]
        assert any(t.type == "code_inline" and t.content == "advisor cost" for t in _all(tokens))
    meta = _list_items(tokens, title)
    assert meta == [
        f"{text('adr.date')}: 2026-01-31",
        f"{text('adr.status')}: {text('adr.proposed')}",
    ]
    context = _list_items(tokens, text("adr.context"))
    assert len(context) == 4
    for item, (question, value) in zip(context, answers.as_ids().items(), strict=True):
        assert item.startswith(text(f"questions.{question}.prompt"))
        assert text(f"questions.{question}.choices.{value}") in item
        assert item.endswith(f"({question}={value})")
    assert _list_items(tokens, text("adr.reasons")) == [r["text"] for r in document["reasons"]]
    assert _list_items(tokens, text("labels.tradeoffs")) == document["recommendation"]["tradeoffs"]
    if document["warnings"]:
        warned = _list_items(tokens, text("labels.warnings"))
        assert warned == [w["text"] for w in document["warnings"]]
    if document["deployment"]:
        # Each named example, its name in bold and its text (commands as code spans).
        examples = _list_items(tokens, text("labels.deployment"))
        assert examples == [
            f"{e['name']}: {e['text'].replace('`', '')}" for e in document["deployment"]["examples"]
        ]
    changes = document["what_would_change"]
    if changes:
        items = _list_items(tokens, text("explain.what_would_change"))
        assert len(items) == len(changes)
        for item, change in zip(items, changes, strict=True):
            assert f"{change['question']}={change['answer']}" in item
            key = option_key(change["recommendation"], change.get("split"))
            assert text(f"{key}.title") in item
    else:
        assert _list_items(tokens, text("explain.what_would_change")) == []
        assert text("explain.no_single_change") in [
            _inline_text(t) for t in tokens if t.type == "inline"
        ]


NASTY = "*not emphasis* _nor_ [a](link) <b>tag</b> `code` a|b ~x~ 1 & 2 &amp; #7 \\ end"


@pytest.mark.parametrize(
    "start", ["", "# ", "- ", "+ ", "> ", "1. ", "2) ", "=== ", "    ", "***", "---"]
)
def test_catalog_text_stays_text_whatever_it_holds(start: str) -> None:
    """A translator's punctuation never turns into Markdown: the reader sees it as written."""
    base = i18n.load("en")
    strings = dict(base.strings)
    title = start + NASTY
    strings["options.api.title"] = title
    strings["options.api.summary"] = title
    strings["reasons.data-shareable"] = title
    catalog = Catalog("en", strings)
    answers = _answers("api-part-control")
    record = adr.decision_record(_document(answers, catalog), catalog, DAY)
    tokens = MarkdownIt("commonmark").parse(record)
    shown = title.strip()
    assert ("h1", base.text("adr.title", option=shown)) == _headings(tokens)[0]
    inlines = [_inline_text(t) for t in tokens if t.type == "inline"]
    assert shown in inlines  # the summary: a paragraph, not a heading, list, quote or code
    assert shown in _list_items(tokens, base.text("adr.reasons"))
    assert not [t for t in tokens if t.type in ("html_block", "html_inline", "code_block", "hr")]


# The command line -----------------------------------------------------------------------

ANSWER_FLAGS = ["--data=mixed", "--control=none", "--volume=modest", "--ops=none"]


def test_markdown_on_stdout_with_a_pinned_date(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["ask", *ANSWER_FLAGS, "--markdown", "--date", "2026-01-31"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    catalog = i18n.load("en")
    expected = adr.decision_record(_document(_answers("hybrid-no-ops"), catalog), catalog, DAY)
    assert out == expected
    assert f"- {catalog.text('adr.date')}: 2026-01-31\n" in out


def test_markdown_is_dated_today_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    before = datetime.date.today()
    assert run(["ask", *ANSWER_FLAGS, "--markdown", "--lang", "es"]) == 0
    after = datetime.date.today()
    out = capsys.readouterr().out
    label = re.escape(i18n.load("es").text("adr.date"))
    dated = re.search(rf"^- {label}: (\S+)$", out, re.MULTILINE)
    assert dated is not None
    assert dated.group(1) in {before.isoformat(), after.isoformat()}


@pytest.mark.parametrize(
    ("args", "key", "params"),
    [
        (["--json", "--markdown"], "errors.json_and_markdown", {}),
        (["--markdown", "--json", *ANSWER_FLAGS], "errors.json_and_markdown", {}),
        (["--markdown", "--date", "2026-02-30"], "errors.bad_date", {"given": "'2026-02-30'"}),
        (["--markdown", "--date", "20260131"], "errors.bad_date", {"given": "'20260131'"}),
        (["--markdown", "--date", "yesterday"], "errors.bad_date", {"given": "'yesterday'"}),
        (["--date", "2026-01-31"], "errors.date_without_markdown", {}),
    ],
)
def test_output_choices_that_do_not_go_together_are_usage_errors(
    args: list[str], key: str, params: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    # Without answers, too: the usage error comes before any missing answer or prompt.
    assert run(["ask", *args]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [usage_error(key, **params)]


def test_the_usage_error_speaks_spanish(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["ask", "--json", "--markdown", "--lang", "es"]) == 2
    assert capsys.readouterr().err.splitlines() == [usage_error("errors.json_and_markdown", "es")]


def test_the_installed_advisor_writes_the_record_to_a_file_in_utf8(tmp_path: Path) -> None:
    """As in the README: `advisor ask ... --markdown > docs/adr/0007-llm-inference.md`."""
    target = tmp_path / "0007-llm-inference.md"
    flags = " ".join(ANSWER_FLAGS)
    script = f'"$ADVISOR" ask {flags} --markdown --date 2026-01-31 --lang es >"$OUT"'
    # A C locale must not turn "¿" and "—" into errors or question marks: the file is UTF-8.
    done = shell(script, environment(LANG=None, LC_ALL="C", OUT=str(target)))
    assert done.returncode == 0, done.stderr
    assert done.stderr == b""
    expected = (Path(__file__).parent / "snapshots" / "adr-hybrid-no-ops.es.md").read_bytes()
    assert target.read_bytes() == expected
