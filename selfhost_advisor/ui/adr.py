"""The result as a Markdown Architecture Decision Record: ``advisor ask --markdown``.

Built from the same ``ask`` document as ``--json`` and the card (see :mod:`report`), so the
record says what they say; every word comes from the catalog. The output is CommonMark: text
from the catalog is escaped where Markdown would read it as markup, so a translator's ``*`` or
``[`` stays a character. No Rich here: this is plain text for a file.
"""

from __future__ import annotations

import datetime
import re

from selfhost_advisor.advice.questions import QUESTIONS
from selfhost_advisor.i18n.catalogs import Catalog
from selfhost_advisor.schema import Document
from selfhost_advisor.ui.report import option_key

# Characters that are markup anywhere in a line (emphasis, code, links, raw HTML, entities,
# GFM strikethrough and tables). Others ('.', '!', '(') are left alone so the source stays
# readable; they only matter at the start of a line, handled below.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>&~|#])")
# At the start of a paragraph or list item these would open a list, quote or heading.
_BLOCK_START = re.compile(r"^(\s*)([-+=>]|\d+[.)])")


def escape(text: str) -> str:
    """``text`` as literal CommonMark inline content, on one line."""
    # Only ASCII whitespace folds: a no-break space (as in "4.500 US$") must stay unbroken.
    one_line = " ".join(re.split(r"[ \t\r\n\f\v]+", text.strip(" \t\r\n\f\v")))
    escaped = _INLINE_SPECIAL.sub(r"\\\1", one_line)
    return _BLOCK_START.sub(lambda m: m.group(1) + _escape_marker(m.group(2)), escaped)


def _escape_marker(marker: str) -> str:
    # "1." becomes "1\." and "-" becomes "\-": both are then plain text.
    if marker[-1] in ".)":
        return marker[:-1] + "\\" + marker[-1]
    return "\\" + marker


def _code(text: str) -> str:
    # Ids are lower-case words and dashes, never backticks, so a plain code span holds them.
    return f"`{text}`"


def _with_code(text: str) -> str:
    """``text`` escaped, but its `backticked` commands kept as code spans to copy."""
    parts = text.split("`")
    if len(parts) % 2 == 0:  # an unpaired backtick: all plain text
        return escape(text)
    codes = parts[1::2]
    # NUL stand-ins (no catalog text has a reason to hold one) keep the spaces around spans.
    marked = "".join(part if i % 2 == 0 else f"\0{i // 2}\0" for i, part in enumerate(parts))
    return re.sub("\0(\\d+)\0", lambda m: _code(codes[int(m.group(1))]), escape(marked))


def _fill(catalog: Catalog, key: str, **markup: str) -> str:
    """The catalog text at ``key``, escaped, with ``markup`` (already Markdown) put in."""
    return escape(catalog.text(key)).format(**markup)


def _bullets(lines: list[str]) -> list[str]:
    return [f"- {line}" for line in lines]


def decision_record(document: Document, catalog: Catalog, date: datetime.date) -> str:
    """The ADR for an ``ask`` document, ending with a newline."""
    option = document["recommendation"]
    title = _fill(catalog, "adr.title", option=escape(option["title"]))
    out: list[str] = [f"# {title}", ""]
    out += _bullets(
        [
            f"{escape(catalog.text('adr.date'))}: {date.isoformat()}",
            f"{escape(catalog.text('adr.status'))}: {escape(catalog.text('adr.proposed'))}",
        ]
    )

    out += ["", f"## {escape(catalog.text('adr.context'))}", ""]
    out += [escape(catalog.text("adr.context_lead")), ""]
    context = []
    for question in QUESTIONS:
        value = document["answers"][question.id]
        prompt = escape(catalog.text(f"questions.{question.id}.prompt"))
        choice = escape(catalog.text(f"questions.{question.id}.choices.{value}"))
        context.append(f"{prompt} **{choice}** ({_code(f'{question.id}={value}')})")
    out += _bullets(context)

    out += ["", f"## {escape(catalog.text('adr.decision'))}", ""]
    out += [f"**{escape(option['title'])}**", "", escape(option["summary"])]

    out += ["", f"## {escape(catalog.text('adr.reasons'))}", ""]
    out += _bullets([escape(reason["text"]) for reason in document["reasons"]])

    path = document.get("deployment")
    if path:
        out += ["", f"## {escape(catalog.text('labels.deployment'))}", ""]
        out += [escape(path["text"]), ""]
        out += _bullets(
            [f"**{escape(e['name'])}**: {_with_code(e['text'])}" for e in path["examples"]]
        )
        out += ["", escape(catalog.text("labels.checked", date=path["checked"]))]

    out += ["", f"## {escape(catalog.text('adr.consequences'))}", ""]
    out += [f"### {escape(catalog.text('labels.tradeoffs'))}", ""]
    out += _bullets([escape(tradeoff) for tradeoff in option["tradeoffs"]])
    if document["warnings"]:
        out += ["", f"### {escape(catalog.text('labels.warnings'))}", ""]
        out += _bullets([escape(warning["text"]) for warning in document["warnings"]])

    out += ["", f"## {escape(catalog.text('explain.what_would_change'))}", ""]
    changes = document["what_would_change"]
    if changes:
        out += _bullets([_change(catalog, change) for change in changes])
    else:
        out.append(escape(catalog.text("explain.no_single_change")))

    if document.get("next_steps"):
        out += ["", f"## {escape(catalog.text('labels.next_steps'))}", ""]
        out += _bullets([_with_code(step["text"]) for step in document["next_steps"]])

    out += ["", f"## {escape(catalog.text('labels.seam'))}", "", escape(document["seam"])]
    return "\n".join(out) + "\n"


def _change(catalog: Catalog, change: Document) -> str:
    question, value = change["question"], change["answer"]
    answer = _fill(
        catalog,
        "explain.answer_with_text",
        id=_code(f"{question}={value}"),
        text=escape(catalog.text(f"questions.{question}.choices.{value}")),
    )
    title = catalog.text(f"{option_key(change['recommendation'], change.get('split'))}.title")
    return _fill(catalog, "explain.change", answer=answer, option=f"**{escape(title)}**")
