"""Write ``docs/decision-table.md``: every one of the 108 combinations and what ``decide`` says.

The table is generated from the code, never edited by hand, so it is the decision as it
really is. ``tests/test_decision_table.py`` fails when the committed file is out of date;
regenerate it with ``.venv/bin/python scripts/decision_table.py``. ``--check`` only compares.
"""

from __future__ import annotations

import argparse
import inspect
import sys
from collections import Counter
from pathlib import Path

from selfhost_advisor.advice.decision import (
    Recommendation,
    decide,
    economics_decides,
    every_answers,
)

OUTPUT = Path(__file__).resolve().parent.parent / "docs" / "decision-table.md"
COMMAND = ".venv/bin/python scripts/decision_table.py"


def rules() -> str:
    """The numbered rules from ``decide``'s docstring, where the decision states them."""
    doc = inspect.cleandoc(decide.__doc__ or "")
    start = doc.index("1. ")
    return doc[start:].strip()


def _ids(ids: tuple[str, ...]) -> str:
    return ", ".join(f"`{i}`" for i in ids) if ids else ""


def render() -> str:
    """The whole Markdown file."""
    rows = [(answers, decide(answers)) for answers in every_answers()]
    counts = Counter(advice.recommendation for _, advice in rows)
    totals = ", ".join(f"`{r.value}` {counts[r]}" for r in Recommendation)
    lines = [
        "# The decision, every combination",
        "",
        f"<!-- Generated from decide(); do not edit. Regenerate: {COMMAND} -->",
        "",
        "The advisor's position, from its source text: the hosted API is the honest",
        "default; self-hosting is something a team is *forced* into (data that legally can't",
        "leave, a real need to own the model's lifecycle, economics at very high steady",
        "volume), and only with the operational muscle to run it; when only part of the",
        "traffic is sensitive, split (hybrid).",
        "",
        "`decide()` in `selfhost_advisor/advice/decision.py` applies these rules,"
        " first match wins:",
        "",
        rules(),
        "",
        "Reasons are listed most important first; the first is the rule that decided. Warnings",
        "flag a capacity gap (the answer needs more operational muscle than the team said it has),",
        "a need for control that no one can meet yet, or economics nobody has put numbers on.",
        "A hybrid says what it splits on (`sensitivity` or `control`). The deployment path is how",
        "to do it with the capacity the team has (`managed-private`, `focused`, `platform`; see",
        "`docs/advice.md`); the API needs none, except for a lifecycle need with no one to run it.",
        "",
        f"All {len(rows)} combinations: {totals}.",
        "",
        "| # | data | control | volume | ops | result | split | deployment path | reasons"
        " | warnings |",
        "|---:|---|---|---|---|---|---|---|---|---|",
    ]
    for number, (answers, advice) in enumerate(rows, start=1):
        cells = [
            str(number),
            *answers.as_ids().values(),
            f"**{advice.recommendation.value}**",
            advice.split.value if advice.split else "",
            f"`{advice.deployment.value}`" if advice.deployment else "",
            _ids(advice.reasons),
            _ids(advice.warnings),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    lines += [
        "",
        "## With a cost estimate (`advisor ask --cost FILE`)",
        "",
        "A saved `advisor cost --json` estimate settles only the rows where economics alone",
        "points to self-hosting. Everywhere else the answers decide, and a reason says the",
        "estimate did not (`cost-not-deciding`): restricted data still self-hosts, and partly",
        "sensitive data never goes all-API.",
        "",
        "| # | data | control | volume | ops | no estimate | API cheaper | self-hosting cheaper |",
        "|---:|---|---|---|---|---|---|---|",
    ]
    for number, (answers, advice) in enumerate(rows, start=1):
        if not economics_decides(answers):
            continue
        results = [
            advice,
            decide(answers, Recommendation.API),
            decide(answers, Recommendation.SELF_HOST),
        ]
        cells = [
            f"#{number}",  # the row in the table above
            *answers.as_ids().values(),
            *(
                f"**{r.recommendation.value}**" + (f" ({r.split.value})" if r.split else "")
                for r in results
            ),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="fail if the file is out of date")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        if current != text:
            print(f"{OUTPUT.name} is out of date; regenerate it: {COMMAND}", file=sys.stderr)
            return 1
        return 0
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
