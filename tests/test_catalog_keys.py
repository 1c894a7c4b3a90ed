"""Every catalog key the code asks for exists in en.toml, the source every language falls back to.

Two ways in, because neither sees everything alone: the source is read for the keys it spells
out (``"labels.why"``) and the key templates it builds (``f"reasons.{r}"`` must match some key),
and every id the code can put into a template (each reason, warning, question, value, option,
criterion, answers-file fault) is looked up.
"""

from __future__ import annotations

import ast
import re
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from selfhost_advisor.advice.decision import CRITERIA, Recommendation, decide, every_answers
from selfhost_advisor.advice.deployment import EXAMPLES, Deployment
from selfhost_advisor.advice.questions import QUESTIONS
from selfhost_advisor.i18n import catalogs as i18n

PACKAGE = Path(i18n.__file__).resolve().parent.parent
ENGLISH = i18n.load("en")
KEYS = set(ENGLISH.strings)
TABLES = set(tomllib.loads((PACKAGE.parent / "locales" / "en.toml").read_text("utf-8")))
_KEY = re.compile(r"[a-z][a-z0-9_-]*(\.[a-z0-9_{}-]+)+")


def _sources() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _template(node: ast.JoinedStr) -> str:
    """An f-string as a key template, each replacement field written as ``{}``."""
    return "".join(
        part.value if isinstance(part, ast.Constant) and isinstance(part.value, str) else "{}"
        for part in node.values
    )


def _spelled_keys() -> Iterator[tuple[str, str]]:
    """(where, key or template) for every string in the package that looks like a catalog key."""
    for path in _sources():
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.JoinedStr):
                text = _template(node)
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                text = node.value
            else:
                continue
            if _KEY.fullmatch(text) and text.split(".", 1)[0] in TABLES:
                yield f"{path.name}:{node.lineno}", text


def _matches(template: str) -> bool:
    """A key, a table (prefix of keys), or a template with at least one key that fits it."""
    if "{}" not in template:
        return template in KEYS or any(key.startswith(template + ".") for key in KEYS)
    pattern = re.compile(
        "\\.".join(
            "[^.]+" if part == "{}" else re.escape(part).replace("\\{\\}", "[^.]+")
            for part in template.split(".")
        )
        + r"(\..+)?"
    )
    return any(pattern.fullmatch(key) for key in KEYS)


SPELLED = sorted(set(_spelled_keys()))


def test_the_scan_sees_keys_and_templates_and_can_tell_a_missing_one() -> None:
    found = {key for _, key in SPELLED}
    assert {"labels.why", "errors.bad_value", "reasons.{}", "questions.{}.choices.{}"} <= found
    assert _matches("questions.{}.choices.{}")
    assert not _matches("labels.nowhere")
    assert not _matches("reasons.{}.nowhere")


@pytest.mark.parametrize(("where", "key"), SPELLED, ids=[f"{w} {k}" for w, k in SPELLED])
def test_every_key_in_the_code_exists_in_english(where: str, key: str) -> None:
    assert _matches(key), f"{where} uses {key!r}, which locales/en.toml does not have"


def test_every_reason_and_warning_the_decision_gives_is_worded() -> None:
    # With no cost estimate, and with one for each side.
    advices = [decide(a, c) for a in every_answers() for c in (None, *Recommendation)]
    reasons = {r for advice in advices for r in advice.reasons}
    warnings = {w for advice in advices for w in advice.warnings}
    steps = {s for advice in advices for s in advice.next_steps}
    assert {"cost-api-cheaper", "cost-self-host-cheaper", "cost-not-deciding"} <= reasons
    assert {f"reasons.{r}" for r in reasons} <= KEYS
    assert {f"warnings.{w}" for w in warnings} <= KEYS
    assert {f"next_steps.{s}" for s in steps} <= KEYS


@pytest.mark.parametrize("path", list(Deployment))
def test_every_deployment_path_and_example_is_worded(path: Deployment) -> None:
    base = f"deployment.{path.value}"
    assert {f"{base}.text", f"{base}.checked"} <= KEYS
    for example in EXAMPLES[path]:
        assert {f"{base}.examples.{example}.name", f"{base}.examples.{example}.text"} <= KEYS
    # No example in the catalog that the code does not show.
    shown = {f"{base}.examples.{e}.{f}" for e in EXAMPLES[path] for f in ("name", "text")}
    assert {k for k in KEYS if k.startswith(f"{base}.examples.")} == shown


def test_every_question_and_value_is_worded() -> None:
    for question in QUESTIONS:
        assert f"questions.{question.id}.prompt" in KEYS
        assert f"help.{question.id}" in KEYS
        for value in question.values:
            assert f"questions.{question.id}.choices.{value}" in KEYS


@pytest.mark.parametrize("option", list(Recommendation))
def test_every_option_and_criterion_is_worded(option: Recommendation) -> None:
    base = f"options.{option.value}"
    assert {f"{base}.title", f"{base}.summary", f"{base}.tradeoffs"} <= KEYS
    assert ENGLISH.items(f"{base}.tradeoffs")
    for criterion in CRITERIA[option]:
        assert f"{base}.choose_when.{criterion}" in KEYS


def test_every_answers_file_fault_is_worded() -> None:
    source = (PACKAGE / "advice" / "inputs.py").read_text("utf-8")
    problems = set(re.findall(r'_file_error\(\s*[a-z"-]+,\s*"([a-z_]+)"', source))
    # The bounded reader answers files and cost documents share words its faults by kind.
    shared = set(re.findall(r'fail\(\s*"([a-z_]+)"', source))
    assert {"not_found", "is_directory", "unreadable", "too_large"} <= shared
    assert {"not_json", "unknown_key", "bad_value"} <= problems
    assert {f"errors.file.{p}" for p in problems | shared} <= KEYS
    assert {f"errors.costfile.{p}" for p in shared} <= KEYS
