"""Every JSON document the advisor writes follows the JSON Schema shipped in the package."""

from __future__ import annotations

import copy
import json
from functools import cache
from importlib import resources
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from selfhost_advisor.advice.decision import (
    CONTROL_SPLIT_CRITERIA,
    CRITERIA,
    Answers,
    Recommendation,
    Split,
    every_answers,
)
from selfhost_advisor.advice.deployment import Deployment
from selfhost_advisor.advice.questions import QUESTIONS
from selfhost_advisor.cli.app import app
from selfhost_advisor.i18n import catalogs as i18n

runner = CliRunner()
ALL = list(every_answers())


@cache
def schema(name: str) -> dict[str, Any]:
    """A schema as the installed package carries it (not read from the source tree)."""
    text = resources.files("selfhost_advisor").joinpath(f"schema/{name}.schema.json").read_text()
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(schema(name))


def json_out(*args: str) -> Any:
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return json.loads(result.stdout)


@pytest.mark.parametrize("name", ["ask", "list"])
def test_schema_is_valid_draft_2020_12(name: str) -> None:
    assert schema(name)["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema(name))


def _flags(answers: Answers) -> list[str]:
    return [f"--{question}={value}" for question, value in answers.as_ids().items()]


@pytest.mark.parametrize("answers", ALL, ids=str)
def test_every_ask_document_follows_the_schema(answers: Answers) -> None:
    document = json_out("ask", *_flags(answers))
    validator("ask").validate(document)
    assert document["answers"] == answers.as_ids()


@pytest.mark.parametrize("lang", i18n.available())
def test_list_document_follows_the_schema(lang: str) -> None:
    document = json_out("list", "--lang", lang)
    validator("list").validate(document)
    assert document["locale"] == lang


@pytest.mark.parametrize("lang", i18n.available())
def test_ask_document_in_every_language_follows_the_schema(lang: str) -> None:
    document = json_out("ask", *_flags(ALL[50]), "--lang", lang)
    validator("ask").validate(document)
    assert document["locale"] == lang


def test_closed_sets_in_the_schema_are_the_codes_own() -> None:
    """The enums in the schema are the ids the code uses, so neither can drift alone."""
    ask = schema("ask")
    answers = ask["properties"]["answers"]["properties"]
    assert {q.id: list(q.values) for q in QUESTIONS} == {k: v["enum"] for k, v in answers.items()}
    options = [r.value for r in Recommendation]
    criteria = [c for r in Recommendation for c in CRITERIA[r]]
    listed = schema("list")
    assert ask["$defs"]["option_id"]["enum"] == options
    assert listed["$defs"]["option"]["properties"]["id"]["enum"] == options
    # An ask card may also be the control split's, with its own criteria.
    card_criteria = list(dict.fromkeys(criteria + list(CONTROL_SPLIT_CRITERIA)))
    assert ask["$defs"]["criterion_id"]["enum"] == card_criteria
    assert ask["$defs"]["split"]["enum"] == [s.value for s in Split]
    path = ask["properties"]["deployment"]["properties"]["id"]["enum"]
    assert path == [d.value for d in Deployment]
    assert listed["$defs"]["criterion_id"]["enum"] == criteria
    prefix = listed["properties"]["options"]["prefixItems"]
    assert [item["properties"]["id"]["const"] for item in prefix] == options


def _broken_ask_documents() -> list[tuple[str, dict[str, Any]]]:
    good = json_out("ask", "--data=mixed", "--control=part", "--volume=modest", "--ops=none")
    cases: list[tuple[str, dict[str, Any]]] = []

    def case(label: str, change: Any) -> None:
        doc = copy.deepcopy(good)
        change(doc)
        cases.append((label, doc))

    case("no reasons", lambda d: d.update(reasons=[]))
    case("unknown answer", lambda d: d["answers"].update(volume="huge"))
    case("unknown option", lambda d: d["recommendation"].update(id="on-prem"))
    case("unmarked criterion", lambda d: d["recommendation"]["choose_when"][0].pop("matched"))
    case("empty text", lambda d: d["reasons"][0].update(text=""))
    case("stray field", lambda d: d.update(colour="\x1b[1m"))
    case("future version", lambda d: d.update(schema_version=2))
    case("missing seam", lambda d: d.pop("seam"))
    return cases


def test_the_ask_schema_rejects_broken_documents() -> None:
    """The schema is a contract, not a formality: each of these breaks it."""
    check = validator("ask")
    for label, document in _broken_ask_documents():
        assert not check.is_valid(document), label


def test_the_list_schema_rejects_options_out_of_order() -> None:
    document = json_out("list")
    document["options"].reverse()
    assert not validator("list").is_valid(document)
    document["options"] = document["options"][:2]
    assert not validator("list").is_valid(document)
