"""What ``advisor ask`` is given: answers from a file, flags and a person; the record's date.

Flags win over the answers file; what neither answers is asked at the prompts when a person is
there (:mod:`selfhost_advisor.ui.terminal`), else the error names the flags that would answer.
"""

from __future__ import annotations

import datetime
import sys
from collections.abc import Mapping

from selfhost_advisor.advice import costfile, inputs
from selfhost_advisor.advice.decision import Answers
from selfhost_advisor.errors import AdvisorError, quoted
from selfhost_advisor.i18n.catalogs import Catalog


def gather(
    flags: Mapping[str, str | None],
    answers_file: str | None,
    cost_file: str | None,
    *,
    no_input: bool,
    catalog: Catalog,
) -> Answers:
    """The four answers: from ``answers_file``, then ``flags``, then the prompts.

    Nothing is asked when ``answers_file`` or ``cost_file`` was standard input (``-``).
    """
    given = inputs.from_file(answers_file, sys.stdin) if answers_file is not None else {}
    given.update(inputs.from_flags(flags))
    still_missing = inputs.missing(given)
    if still_missing:
        from selfhost_advisor.ui import terminal  # here: with every answer given, nobody is asked

        flag_hint = inputs.flag_hint(still_missing)
        reading_stdin = "-" in (answers_file, cost_file)
        can_prompt = terminal.person_present() and not reading_stdin
        if no_input or not can_prompt:
            key = "errors.missing_answers_no_input" if no_input else "errors.missing_answers"
            raise AdvisorError(key, flags=flag_hint)
        given.update(terminal.ask_questions(still_missing, catalog, flag_hint))
    return Answers.from_ids(given)


def saved_cost(cost_file: str | None, answers_file: str | None) -> costfile.CostEvidence | None:
    """The estimate read with ``--cost`` (a saved ``advisor cost --json``), if one was given."""
    if answers_file == "-" and cost_file == "-":
        raise AdvisorError(
            "errors.two_stdin",
            fallback="--answers - and --cost - can't both read standard input",
        )
    stdin = sys.stdin.buffer if sys.stdin is not None else None  # None: stdin closed (`<&-`)
    return costfile.load(cost_file, stdin) if cost_file is not None else None


def record_date(given: str | None, *, as_json: bool, as_markdown: bool) -> datetime.date:
    """The decision record's date: ``--date`` when given (for reproducible records), else today.

    The output flags are checked with it, before any prompt: a usage error must not cost four
    answers.
    """
    if as_json and as_markdown:
        raise AdvisorError(
            "errors.json_and_markdown",
            fallback="--json and --markdown can't be used together; choose one",
        )
    if given is None:
        return datetime.date.today()
    if not as_markdown:
        raise AdvisorError(
            "errors.date_without_markdown",
            fallback="--date is the decision record's date: use it with --markdown",
        )
    try:
        # fromisoformat alone would also take "20260131" and week dates; a record wants one form.
        if len(given) != len("YYYY-MM-DD"):
            raise ValueError(given)
        return datetime.date.fromisoformat(given)
    except ValueError:
        raise AdvisorError(
            "errors.bad_date",
            fallback=f"--date: {quoted(given)} is not a date; use YYYY-MM-DD, such as 2026-01-31",
            given=quoted(given),
        ) from None
