"""Issue 12 as a user sees it: how to do it, no economics without numbers, what is split.

Every "Done when" line of the issue, in English and Spanish, on the card, in JSON and in the
decision record; and ``advisor ask --cost FILE`` with good and bad cost documents.
"""

from __future__ import annotations

import datetime
import json
import os
import re
import subprocess
import sys
import threading
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from harness import COST_EXAMPLE
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from selfhost_advisor.advice.decision import Recommendation, decide, every_answers
from selfhost_advisor.cli.app import app
from selfhost_advisor.i18n import catalogs as i18n
from selfhost_advisor.ui import adr
from selfhost_advisor.ui.report import ask_document

runner = CliRunner()
LANGS = ["en", "es"]
COST_FLAGS = [*COST_EXAMPLE, "--json"]
ECONOMICS = ["--data", "shareable", "--control", "none", "--volume", "high-steady"]
ECONOMICS += ["--ops", "platform"]
CONTROL_SPLIT = ["--data", "shareable", "--control", "part", "--volume", "modest"]
CONTROL_SPLIT += ["--ops", "focused"]
# The money as each catalog writes it (cost.format): the two monthly figures of the example.
FIGURES = {"en": ("$23,927", "$4,500"), "es": ("23.927\u00a0US$", "4.500\u00a0US$")}
SENSITIVE = {"en": re.compile("sensitiv", re.I), "es": re.compile("sensib", re.I)}


def invoke(*args: str, input: str | bytes | None = None) -> Any:
    return runner.invoke(app, list(args), input=input)


def ask_json(*args: str) -> dict[str, Any]:
    result = invoke("ask", *args, "--json")
    assert result.exit_code == 0, result.stderr
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def card(*args: str) -> str:
    """The card's words: borders dropped, each wrapped line joined to the next."""
    result = invoke("ask", *args)
    assert result.exit_code == 0, result.stderr
    lines = [line.strip("│╭╮╰╯─ ") for line in result.stdout.splitlines()]
    return " ".join(line for line in lines if line)


def record(*args: str) -> str:
    result = invoke("ask", *args, "--markdown", "--date", "2026-11-28")
    assert result.exit_code == 0, result.stderr
    return str(result.stdout)


def validator() -> Draft202012Validator:
    text = resources.files("selfhost_advisor").joinpath("schema/ask.schema.json").read_text()
    return Draft202012Validator(json.loads(text))


@pytest.fixture(scope="module")
def cost_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The issue's example, saved as `advisor cost --json` writes it."""
    result = invoke(*COST_FLAGS)
    assert result.exit_code == 0, result.stderr
    path = tmp_path_factory.mktemp("cost") / "cost.json"
    path.write_text(result.stdout, encoding="utf-8")
    return path


# Every self-host and hybrid has a deployment path ----------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("answers", list(every_answers()), ids=str)
def test_every_document_says_how_to_do_it_and_follows_the_schema(answers: Any, lang: str) -> None:
    catalog = i18n.load(lang)
    advice = decide(answers)
    document = ask_document(answers, advice, catalog)
    validator().validate(json.loads(json.dumps(document)))
    path = document["deployment"]
    if advice.recommendation is not Recommendation.API:
        assert path is not None
        if answers.ops.value == "none":
            assert path["id"] == "managed-private"
    if path is not None:
        assert 2 <= len(path["examples"]) <= 3
        assert path["checked"] == "2026-11-28"
        markdown = adr.decision_record(document, catalog, datetime.date(2026, 1, 1))
        assert f"## {catalog.text('labels.deployment')}" in markdown
        for example in path["examples"]:
            assert f"**{example['name']}**" in markdown


@pytest.mark.parametrize("lang", LANGS)
def test_with_no_one_to_run_models_the_card_shows_the_managed_path(lang: str) -> None:
    catalog = i18n.load(lang)
    args = ["--data", "restricted", "--control", "none", "--volume", "modest", "--ops", "none"]
    text = card(*args, "--lang", lang)
    assert catalog.text("labels.deployment") in text
    assert "Amazon Bedrock Custom Model Import" in text
    assert "Google Vertex AI Model Garden" in text
    # The plain statement, in the warning: where the data may run only on your own hardware,
    # budget for people.
    own_hardware = {"en": "only on hardware you own", "es": "solo pueden procesarse en hardware"}
    assert own_hardware[lang] in " ".join(text.replace("│", " ").split())
    assert ask_json(*args, "--lang", lang)["deployment"]["id"] == "managed-private"


# Mixed data, full ownership, focused capacity: hybrid ------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_mixed_full_modest_focused_recommends_hybrid(lang: str) -> None:
    args = ["--data", "mixed", "--control", "full", "--volume", "modest", "--ops", "focused"]
    document = ask_json(*args, "--lang", lang)
    catalog = i18n.load(lang)
    assert document["recommendation"]["id"] == "hybrid"
    assert document["recommendation"]["split"] == "sensitivity"
    assert document["deployment"]["id"] == "focused"
    assert [w["id"] for w in document["warnings"]] == []  # it fits the stated capacity
    assert catalog.text("options.hybrid.title") in card(*args, "--lang", lang)
    assert f"**{catalog.text('options.hybrid.title')}**" in record(*args, "--lang", lang)


# No economics without numbers ------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_economics_alone_warns_and_points_to_advisor_cost(lang: str) -> None:
    catalog = i18n.load(lang)
    document = ask_json(*ECONOMICS, "--lang", lang)
    assert document["recommendation"]["id"] == "self-host"
    assert "economics-unchecked" in [w["id"] for w in document["warnings"]]
    assert [s["id"] for s in document["next_steps"]] == ["cost-estimate", "cost-settle"]
    assert document["cost"] is None
    warning = catalog.text("warnings.economics-unchecked")
    text = card(*ECONOMICS, "--lang", lang)
    assert " ".join(warning.split()) in text
    assert "`advisor cost`" in text
    assert "`advisor ask --cost cost.json`" in text
    markdown = record(*ECONOMICS, "--lang", lang)
    assert warning in markdown
    assert "`advisor cost`" in markdown
    assert "`advisor ask --cost cost.json`" in markdown


@pytest.mark.parametrize("lang", LANGS)
def test_a_saved_estimate_settles_economics_for_the_api(lang: str, cost_file: Path) -> None:
    selfhost, api = FIGURES[lang]
    document = ask_json(*ECONOMICS, "--cost", str(cost_file), "--lang", lang)
    validator().validate(document)
    assert document["recommendation"]["id"] == "api"
    reason = document["reasons"][0]
    assert reason["id"] == "cost-api-cheaper"
    assert selfhost in reason["text"]
    assert api in reason["text"]
    # The JSON records which estimate was used: its figures, never its path.
    assert document["cost"] == {
        "api_monthly": 4500,
        "selfhost_monthly": 23927.4,
        "cheaper": "api",
        "settled": True,
        "preset": "h100-8b",
        # Its figures, the null ones (a prompt length it did not need) left out.
        "inputs": {
            field: value
            for field, value in json.loads(cost_file.read_text("utf-8"))["inputs"].items()
            if value is not None
        },
    }
    assert str(cost_file) not in json.dumps(document)
    assert cost_file.name not in json.dumps(document)
    assert document["warnings"] == []
    assert document["next_steps"] == []
    assert selfhost in card(*ECONOMICS, "--cost", str(cost_file), "--lang", lang)
    markdown = record(*ECONOMICS, "--cost", str(cost_file), "--lang", lang)
    assert selfhost in markdown
    assert api in markdown


@pytest.mark.parametrize("lang", LANGS)
def test_a_saved_estimate_never_overrides_restricted_data(lang: str, cost_file: Path) -> None:
    args = ["--data", "restricted", *ECONOMICS[2:]]
    document = ask_json(*args, "--cost", str(cost_file), "--lang", lang)
    assert document["recommendation"]["id"] == "self-host"
    assert document["cost"]["settled"] is False
    assert [r["id"] for r in document["reasons"]] == ["data-restricted", "cost-not-deciding"]
    selfhost, api = FIGURES[lang]
    assert selfhost in document["reasons"][-1]["text"]
    assert api in document["reasons"][-1]["text"]
    assert i18n.load(lang).text("options.self-host.title") in record(
        *args, "--cost", str(cost_file), "--lang", lang
    )


def test_mixed_data_never_goes_all_api_whatever_the_estimate(cost_file: Path) -> None:
    args = ["--data", "mixed", *ECONOMICS[2:]]
    assert ask_json(*args)["recommendation"]["id"] == "hybrid"  # the split, until numbers
    document = ask_json(*args, "--cost", str(cost_file))
    assert document["recommendation"]["id"] == "hybrid"
    assert [r["id"] for r in document["reasons"]] == ["data-mixed", "cost-api-cheaper"]


def test_a_self_hosting_estimate_settles_for_self_hosting(tmp_path: Path) -> None:
    result = invoke(*[f for f in COST_FLAGS if f != "--json"][:-2], "--ops-monthly", "0", "--json")
    cheap = json.loads(result.stdout)
    assert cheap["verdict"] == "self-host"
    path = tmp_path / "cheap.json"
    path.write_text(result.stdout, encoding="utf-8")
    document = ask_json("--data", "mixed", *ECONOMICS[2:], "--cost", str(path))
    assert document["recommendation"]["id"] == "self-host"
    assert document["reasons"][0]["id"] == "cost-self-host-cheaper"


def test_the_estimate_can_come_from_standard_input(cost_file: Path) -> None:
    result = invoke("ask", *ECONOMICS, "--cost", "-", "--json", input=cost_file.read_bytes())
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["recommendation"]["id"] == "api"


# A hybrid for control alone says nothing about sensitive data ----------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_a_hybrid_for_control_says_nothing_about_sensitive_data(lang: str) -> None:
    catalog = i18n.load(lang)
    text = card(*CONTROL_SPLIT, "--lang", lang)
    assert catalog.text("options.hybrid-control.title") in text
    assert not SENSITIVE[lang].search(text), text
    document = ask_json(*CONTROL_SPLIT, "--lang", lang)
    assert document["recommendation"]["split"] == "control"
    assert document["recommendation"]["title"] == catalog.text("options.hybrid-control.title")
    said = [
        document["recommendation"]["summary"],
        *document["recommendation"]["tradeoffs"],
        *(c["text"] for c in document["recommendation"]["choose_when"]),
        *(r["text"] for r in document["reasons"]),
        *(w["text"] for w in document["warnings"]),
    ]
    assert not [s for s in said if SENSITIVE[lang].search(s)]
    markdown = record(*CONTROL_SPLIT, "--lang", lang)
    decision = markdown.split(f"## {catalog.text('explain.what_would_change')}")[0]
    # The record's context quotes the questions; what it decides must not claim sensitive data.
    after_context = decision.split(f"## {catalog.text('adr.decision')}")[1]
    assert not SENSITIVE[lang].search(after_context)
    assert (
        f"# {catalog.text('adr.title', option=catalog.text('options.hybrid-control.title'))}"
        in (markdown)
    )


# A bad cost document: one line, exit 2 ---------------------------------------------------


def _error(result: Any) -> str:
    assert result.exit_code == 2, (result.exit_code, result.stderr)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return str(lines[0])


@pytest.mark.parametrize(
    ("content", "fault"),
    [
        ("", "is empty; expected the output of advisor cost"),
        ("{", "is not valid JSON (line 1"),
        ('{"api_monthly": NaN}', "is not valid JSON (NaN"),
        ("[1]", "is not an advisor cost --json document"),
        ('{"data": "mixed"}', "is not an advisor cost --json document"),
        ('{"schema_version": 2, "api_monthly": 1}', "has schema_version 2; this advisor reads"),
        ('{"schema_version": 1, "api_monthly": "4500"}', "api_monthly must be a number, 0 or more"),
        ('{"schema_version": 1, "api_monthly": true}', "api_monthly must be a number, 0 or more"),
        (
            '{"schema_version": 1, "api_monthly": 1, "selfhost_monthly": 0}',
            "selfhost_monthly must be a number more than 0",
        ),
        (
            '{"schema_version": 1, "api_monthly": 1, "selfhost_monthly": 2, "verdict": "cheap"}',
            'verdict must be "api" or "self-host"',
        ),
        (
            '{"schema_version": 1, "api_monthly": 1, "selfhost_monthly": 2,'
            ' "verdict": "self-host"}',
            "says self-host is cheaper, but its own figures say otherwise",
        ),
        (
            '{"schema_version": 1, "api_monthly": 1, "selfhost_monthly": 2, "verdict": "api"}',
            "inputs must be an object holding the nine figures",
        ),
    ],
)
def test_a_bad_cost_document_is_one_line_naming_the_file(
    tmp_path: Path, content: str, fault: str
) -> None:
    path = tmp_path / "cost.json"
    path.write_text(content, encoding="utf-8")
    line = _error(invoke("ask", *ECONOMICS, "--cost", str(path), "--json"))
    assert line.startswith(f"advisor: error: cost file {path}: ")
    assert fault in line


def test_a_missing_figure_in_inputs_is_named(tmp_path: Path, cost_file: Path) -> None:
    document = json.loads(cost_file.read_text("utf-8"))
    del document["inputs"]["gpu_hourly"]
    path = tmp_path / "cost.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    line = _error(invoke("ask", *ECONOMICS, "--cost", str(path)))
    assert line.endswith("inputs.gpu_hourly must be a number, 0 or more")


def test_a_bad_cost_document_in_spanish(tmp_path: Path) -> None:
    line = _error(invoke("ask", *ECONOMICS, "--cost", str(tmp_path / "nope"), "--lang", "es"))
    assert line == f"advisor: error: archivo de costes {tmp_path / 'nope'}: no existe ese archivo"


@pytest.mark.parametrize(
    ("where", "fault"),
    [("missing.json", "no such file"), (".", "is a directory, not a file")],
)
def test_a_cost_file_that_cannot_be_read(tmp_path: Path, where: str, fault: str) -> None:
    line = _error(invoke("ask", *ECONOMICS, "--cost", str(tmp_path / where)))
    assert line.endswith(fault)


def test_answers_and_cost_cannot_both_read_standard_input() -> None:
    line = _error(invoke("ask", "--answers", "-", "--cost", "-", input="{}"))
    assert "can't both read standard input" in line


def _advisor() -> str:
    found = Path(os.environ.get("VIRTUAL_ENV", "")) / "bin" / "advisor"
    if not found.is_file():
        found = Path(sys.executable).parent / "advisor"
    assert found.is_file(), "install the package first: pip install -e '.[test,dev]'"
    return str(found)


def test_an_endless_pipe_is_read_only_up_to_the_bound() -> None:
    """`yes | advisor ask --cost -` ends: at most 1 MiB + 1 byte is read, then one line."""
    command = f"yes | '{_advisor()}' ask {' '.join(ECONOMICS)} --cost - --json"
    done = subprocess.run(command, shell=True, capture_output=True, timeout=60)
    assert done.returncode == 2
    assert done.stdout == b""
    assert done.stderr.decode().splitlines() == [
        "advisor: error: cost file - (standard input): is larger than 1 MiB;"
        " a cost estimate is a small JSON document"
    ]


def test_an_endless_fifo_is_read_only_up_to_the_bound(tmp_path: Path) -> None:
    fifo = tmp_path / "cost.fifo"
    os.mkfifo(fifo)
    stop = threading.Event()

    def write_forever() -> None:
        try:
            with open(fifo, "wb") as out:
                while not stop.is_set():
                    out.write(b"x" * 65536)
        except BrokenPipeError:
            pass

    writer = threading.Thread(target=write_forever, daemon=True)
    writer.start()
    try:
        done = subprocess.run(
            [_advisor(), "ask", *ECONOMICS, "--cost", str(fifo)],
            capture_output=True,
            timeout=60,
        )
    finally:
        stop.set()
    writer.join(timeout=10)
    assert done.returncode == 2
    assert (
        done.stderr.decode()
        .strip()
        .endswith("is larger than 1 MiB; a cost estimate is a small JSON document")
    )
