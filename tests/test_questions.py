"""The question table's own rules: how a typed value is read, and what completion offers."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from selfhost_advisor.advice.questions import QUESTIONS, _one_dash_between_words, complete

# The rule as it reads in the docs: each run of whitespace, "_" or "-" is one "-".
SEPARATORS = re.compile(r"[\s_-]+")


@given(st.text(alphabet=st.sampled_from("ab-_ \t\n\x0b\x1c\x85\xa0\u2003\u3000\u200bé")))
def test_separators_are_read_as_the_regular_expression_says(text: str) -> None:
    # The module avoids `re` (completion loads it on every Tab); the rule must not change.
    assert _one_dash_between_words(text) == SEPARATORS.sub("-", text)


@given(st.characters())
def test_whitespace_is_what_the_regular_expression_calls_whitespace(char: str) -> None:
    assert _one_dash_between_words(f"a{char}b") == SEPARATORS.sub("-", f"a{char}b")


def test_completion_offers_the_values_that_start_with_what_was_typed() -> None:
    volume = next(q for q in QUESTIONS if q.id == "volume")
    assert complete("volume", "") == list(volume.values)
    assert complete("volume", "hi") == ["high-steady"]
    assert complete("volume", "HI") == []  # the shell would put "high-steady" over "HI"
    assert complete("data", "r") == ["restricted"]
    assert complete("ops", "x") == []
