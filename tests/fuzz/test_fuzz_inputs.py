"""Fuzzing what a user types or pipes in: answers documents, flag values, cost figures.

Each test draws inputs with Hypothesis, runs the real entry point, and checks the promises in
:mod:`promises`. The budget is the profile in ``conftest.py``.
"""

from __future__ import annotations

import json
from fractions import Fraction

import pytest
from harness import COST_EXAMPLE
from hypothesis import given
from hypothesis import strategies as st
from promises import invoke, kept

from selfhost_advisor.advice.inputs import MAX_FILE_BYTES
from selfhost_advisor.advice.questions import BY_ID, QUESTION_IDS
from selfhost_advisor.cost import inputs as cost_inputs
from selfhost_advisor.cost.figures import FIGURES
from selfhost_advisor.errors import AdvisorError, ExitCode

ANSWERED = ["--data", "mixed", "--control", "part", "--volume", "modest", "--ops", "none"]
COST = list(COST_EXAMPLE)
FIELDS = [figure.id for figure in FIGURES]

# Text as people and attackers type it: any character but lone surrogates, which no argv or
# UTF-8 file can carry, weighted towards the ones that matter here.
_TRICKY = "\x1b\x07\x00\n\r\t\u202e\u200b\ufeff{}[]:!._-eE+0123456789 kMBT"
any_text = st.text(st.characters(exclude_categories=["Cs"]), max_size=60) | st.text(
    st.sampled_from(_TRICKY), max_size=60
)
json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=20,
)
answer_text = (
    st.sampled_from([v for q in BY_ID.values() for v in q.values])
    | st.sampled_from(["MIXED", " part ", "high steady", "plat", "hi"])
    | any_text
)
answers_object = st.dictionaries(
    st.sampled_from([*QUESTION_IDS, "schema_version", "answers", "colour"]),
    answer_text | json_value,
)


def _document(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode("utf-8", "surrogatepass")


@given(
    st.one_of(
        answers_object.map(_document),
        json_value.map(_document),
        st.binary(max_size=2048),
        # Sizes around the limit, and nesting deeper than any parser's stack.
        st.integers(MAX_FILE_BYTES - 64, MAX_FILE_BYTES + 64).map(
            lambda n: b'{"data": "mixed", "x": "' + b"a" * (n - 26) + b'"}'
        ),
        st.integers(1, 200_000).map(lambda n: b"[" * n + b"]" * n),
        st.integers(4000, 6000).map(lambda n: b'{"data": ' + b"9" * n + b"}"),
    )
)
def test_any_answers_document_on_stdin(document: bytes) -> None:
    outcome = invoke(["ask", "--no-input", "--json", "--answers", "-"], stdin=document)
    kept(outcome, product="ask", codes={ExitCode.OK, ExitCode.USAGE})


@given(st.sampled_from(QUESTION_IDS), answer_text)
def test_any_answer_flag(question: str, value: str) -> None:
    argv = [a for a in ANSWERED]
    argv[argv.index(f"--{question}") + 1] = value
    kept(invoke(["ask", "--json", *argv]), product="ask", codes={ExitCode.OK, ExitCode.USAGE})


@given(
    st.sampled_from(["--lang", "--date", "--answers", "--cost"]),
    any_text | st.sampled_from(["es", "ES_mx.UTF-8", "2026-01-31", "-"]),
)
def test_any_text_in_other_flags(flag: str, value: str) -> None:
    argv = ["ask", "--no-input", *ANSWERED, flag, value]
    if flag == "--date":
        argv.append("--markdown")
    outcome = invoke(argv, stdin=b"{}")
    kept(outcome, product="markdown" if flag == "--date" else "card")


@given(st.sampled_from(FIELDS), any_text | st.from_regex(r"\A[0-9._eE+-]{0,80}[kMBT]?\Z"))
def test_a_cost_figure_parses_or_is_refused_never_raises(field: str, text: str) -> None:
    # The prompts validate with parse as the user types: anything else it raised would put
    # prompt_toolkit's traceback loop on the screen (issue 11, defect 2).
    try:
        value = cost_inputs.parse(field, text)
    except AdvisorError as error:
        code = error.code
    else:
        code = ExitCode.OK
    assert code in (ExitCode.OK, ExitCode.USAGE)
    if code == ExitCode.USAGE:
        return
    assert value == 0 or cost_inputs.SMALLEST <= value <= cost_inputs.LARGEST
    assert isinstance(value, Fraction)


@given(st.sampled_from(FIELDS), any_text | st.from_regex(r"\A[0-9.e+-]{1,12}[kMBT]?\Z"))
def test_any_cost_figure_on_the_command_line(field: str, text: str) -> None:
    flag = "--" + field.replace("_", "-")
    outcome = invoke([*COST, flag, text, "--json"])
    kept(outcome, product="cost", codes={ExitCode.OK, ExitCode.USAGE})


@pytest.mark.parametrize("field", FIELDS)
def test_the_extremes_of_every_figure_compute(field: str) -> None:
    # The bounds are chosen so every product of in-range figures stays a finite float.
    flag = "--" + field.replace("_", "-")
    for text in ("1e-9", "1e18", "0", "1"):
        kept(invoke([*COST, flag, text, "--json"]), product="cost")
