"""`advisor cost` as a user runs it: the card, --json, presets, prompts and bad input."""

from __future__ import annotations

import io
import json
import re
from fractions import Fraction
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from rich.console import Console
from typer.testing import CliRunner

from selfhost_advisor.cli import run as cli
from selfhost_advisor.cli.app import app
from selfhost_advisor.cost.figures import FIGURES, IDS
from selfhost_advisor.cost.inputs import Known
from selfhost_advisor.cost.model import CostInputs, estimate
from selfhost_advisor.i18n import catalogs as i18n
from selfhost_advisor.ui import cost_render, output
from selfhost_advisor.ui.cost_report import cost_report

runner = CliRunner()


@pytest.fixture
def fail(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Any:
    """Run the command line as the console script does: exit code, stdout, stderr."""
    monkeypatch.setattr(output.Session, "catalog", None)

    def run(*args: str) -> tuple[int, str, str]:
        code = cli.run(list(args))
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


DONE_WHEN = [
    "cost",
    "--preset",
    "h100-8b",
    "--output-tokens",
    "5B",
    "--input-tokens",
    "10B",
    "--api-input-price",
    "0.15",
    "--api-output-price",
    "0.60",
    "--ops-monthly",
    "20000",
]
# The same figures as a Spanish reader types them: decimal comma, "mil millones", "US$".
DONE_WHEN_ES = [
    *DONE_WHEN[:3],
    "--output-tokens",
    "5 mil millones",
    "--input-tokens",
    "10.000.000.000",
    "--api-input-price",
    "0,15",
    "--api-output-price",
    "0,60 US$",
    "--ops-monthly",
    "20.000",
]
NBSP = "\u00a0"


def schema() -> Draft202012Validator:
    text = resources.files("selfhost_advisor").joinpath("schema/cost.schema.json").read_text()
    loaded = json.loads(text)
    Draft202012Validator.check_schema(loaded)
    return Draft202012Validator(loaded)


def card_text(*args: str) -> str:
    """The card's words on one line: borders dropped, wrapped lines joined."""
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.stderr
    text = result.stdout.replace("│", " ").replace("╭", " ").replace("╰", " ")
    return re.sub(r"[ \n]+", " ", re.sub(r"[─╮╯]", "", text))


def json_doc(*args: str) -> Any:
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    schema().validate(document)
    return document


def test_done_when_card_in_english() -> None:
    card = card_text(*DONE_WHEN, "--lang", "en")
    # Both monthly costs (worked by hand in test_cost.test_done_when_figures_by_hand).
    assert "the hosted API is cheaper: $4,500/month against $23,927/month to self-host" in card
    # The break-even: 46,223,000,000 output tokens, shown rounded up.
    assert "above 46.3B output tokens a month" in card
    # Flip points, each rounded towards the side where the sentence stays true.
    assert "Self-hosting wins once ops cost falls under $572.60/month." in card
    assert "more than $2.10 per million input tokens" in card  # 2.09274 rounded up
    assert "more than $4.49 per million output tokens" in card  # 4.48548 rounded up
    assert "input traffic exceeds 140B tokens a month" in card  # 139.516B rounded up
    assert "GPU price: no value makes self-hosting win" in card
    # The sources, with their dates, and the plain warning that these are examples.
    assert "Lambda, LLMs inference benchmarks, using vLLM, on Lambda Cloud" in card
    assert "(2024-09)" in card
    assert "https://github.com/LambdaLabsML/vllm-benchmark/blob/main/benchmark_v0.md" in card
    assert "RunPod, H100 SXM 80GB on demand, Community Cloud" in card
    assert "(2026-11-09, tier community) https://www.runpod.io/pricing" in card
    assert "Prices move: the preset figures are examples" in card
    assert "(preset h100-8b)" in card
    # The 2024 benchmark is more than six months old on the day of the run: said so.
    assert "(2024-09) https://github.com/LambdaLabsML/vllm-benchmark" in card
    assert "benchmark_v0.md ⚠ older than six months" in card
    assert "Some preset figures are older than six months" in card
    assert "2 GPUs \u00d7 $1,964/month" in card
    assert "at least 2 always on, so one can fail or be upgraded" in card


def test_done_when_card_in_spanish() -> None:
    card = card_text(*DONE_WHEN_ES, "--lang", "es")
    assert (
        f"la API alojada sale más barata: 4.500{NBSP}US$/mes frente a 23.927{NBSP}US$/mes" in card
    )
    assert f"por encima de 46,3{NBSP}mil{NBSP}M tokens de salida al mes" in card
    assert f"el coste de operación baja de 572,60{NBSP}US$/mes." in card
    assert "Lambda, pruebas de rendimiento de inferencia de LLM con vLLM" in card
    assert "(2024-09)" in card
    assert "(2026-11-09, nivel comunitario)" in card
    assert "de hace más de seis meses" in card
    assert "Los precios cambian" in card
    assert "(preajuste h100-8b)" in card


@pytest.mark.parametrize("lang", ["en", "es"])
def test_done_when_json_has_the_same_numbers(lang: str) -> None:
    args = DONE_WHEN_ES if lang == "es" else DONE_WHEN
    document = json_doc(*args, "--lang", lang)
    assert document["api_monthly"] == 4500
    assert document["selfhost_monthly"] == 23927.4
    assert document["gpus"] == 2
    assert document["breakeven_output_tokens"] == 46_223_000_000
    assert document["verdict"] == "api"
    flips = {flip["input"]: flip for flip in document["flips"]}
    assert flips["ops_monthly"] == {
        "input": "ops_monthly",
        "self_host_wins": "below",
        "value": 572.6,
        "text": flips["ops_monthly"]["text"],
    }
    assert flips["api_input_price"]["value"] == 2.09274
    assert flips["gpu_hourly"]["self_host_wins"] == "never"
    assert document["inputs"]["gpu_throughput"] == 3400.4
    assert document["inputs"]["gpu_hourly"] == 2.69
    assert document["preset"] == "h100-8b"
    assert {s["id"]: s["inputs"] for s in document["sources"]} == {
        "runpod-community": ["gpu_hourly"],
        "lambda-vllm-2024": ["gpu_throughput"],
    }
    by_id = {s["id"]: s for s in document["sources"]}
    assert by_id["runpod-community"]["tier"] == "community"
    assert by_id["runpod-community"]["stale"] is False
    assert by_id["lambda-vllm-2024"]["stale"] is True
    assert document["stale"] is True
    # The card's sentences are the document's.
    card = card_text(*args, "--lang", lang)
    for text in [document["verdict_text"], *(f["text"] for f in document["flips"])]:
        assert re.sub(r"[ \n]+", " ", text) in card


def test_flags_win_over_the_preset() -> None:
    document = json_doc(*DONE_WHEN, "--gpu-hourly", "4")
    assert document["inputs"]["gpu_hourly"] == 4
    assert document["origins"]["gpu_hourly"] == "given"
    assert [s["inputs"] for s in document["sources"]] == [["gpu_throughput"]]
    # 2 GPUs x $4 x 730 + $20,000 = $25,840.
    assert document["selfhost_monthly"] == 25840


def test_without_a_preset_there_are_no_sources_and_no_examples_note() -> None:
    document = json_doc(
        "cost",
        "--input-tokens=0",
        "--output-tokens=1e9",
        "--api-input-price=0",
        "--api-output-price=10",
        "--gpu-hourly=2",
        "--gpu-throughput=1000",
        "--utilization=1",
        "--ops-monthly=1000",
    )
    # As in test_cost.test_a_case_where_self_hosting_wins_by_hand, with the default second GPU:
    # 2 x $2 x 730 + $1,000 = $3,920.
    assert (document["api_monthly"], document["selfhost_monthly"]) == (10000, 3920)
    assert document["verdict"] == "self-host"
    assert document["sources"] == []
    assert document["preset"] is None
    assert [note["id"] for note in document["notes"]] == ["hours"]
    assert document["origins"]["gpus_min"] == "default"
    assert document["inputs"]["gpus_min"] == 2
    assert document["stale"] is False
    # Two always-on GPUs by default: 2 x $2 x 730 + $1,000 = $3,920 still wins.
    assert document["utilization_needed"] == pytest.approx(1e9 / (1000 * 2_628_000 * 6))


@pytest.mark.parametrize(
    ("text", "tokens"),
    [("2.5e9", 2_500_000_000), ("2.5B", 2_500_000_000), ("800M", 800_000_000), ("10k", 10_000)],
)
def test_token_counts_accept_suffixes_and_exponents(text: str, tokens: int) -> None:
    document = json_doc(*DONE_WHEN, "--input-tokens", text)
    assert document["inputs"]["input_tokens"] == tokens


@pytest.mark.parametrize(
    ("flag", "value", "accepted"),
    [
        ("--output-tokens", "-5", "more than 0"),
        ("--output-tokens", "0", "more than 0"),
        ("--input-tokens", "abc", "such as 160B, 800M, 2.5e9 or 10,000,000"),
        ("--gpu-throughput", "0", "more than 0"),
        ("--gpu-hourly", "-2.69", "more than 0"),
        ("--utilization", "1.5", "at most 1"),
        ("--utilization", "0", "more than 0 and at most 1"),
        ("--gpus-min", "1.5", "whole number"),
        ("--api-input-price", "-0.1", "0 or more"),
        ("--ops-monthly", "lots", "US dollars a month, 0 or more, such as 20,000"),
        ("--gpu-hourly", "lots", "US dollars per GPU-hour, more than 0, such as 2.69"),
        ("--gpu-throughput", "fast", "output tokens per second on one GPU"),
        ("--ops-monthly", "1,5", "if you meant 1.5, type 1.5"),
        ("--api-input-price", "0,15", "if you meant 0.15, type 0.15"),
        ("--input-tokens", "10 billion", "such as 160B"),
    ],
)
def test_bad_figures_exit_2_naming_the_flag(
    fail: Any, flag: str, value: str, accepted: str
) -> None:
    code, out, err = fail(*DONE_WHEN, f"{flag}={value}")
    assert code == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"advisor: error: {flag}: {value!r} is not accepted")
    assert accepted in lines[0]


def test_help_offers_every_figure_as_a_flag_in_the_tables_order() -> None:
    result = runner.invoke(app, ["cost", "--help"])
    assert result.exit_code == 0
    offered = re.findall(r"^  (--[a-z-]+) ([A-Z/]+)\b", result.stdout, re.MULTILINE)
    assert offered[: len(FIGURES)] == [(figure.flag, figure.metavar) for figure in FIGURES]
    assert offered[5] == ("--gpu-throughput", "TOKENS/S")


def test_bad_figure_is_worded_in_spanish(fail: Any) -> None:
    code, _, err = fail(*DONE_WHEN_ES, "--utilization", "2", "--lang", "es")
    assert code == 2
    assert "--utilization: '2' no se acepta; se espera una fracción" in err
    code, _, err = fail(*DONE_WHEN_ES, "--api-input-price", "0.15", "--lang", "es")
    assert code == 2
    assert "si querías decir 0,15, escribe 0,15" in err
    code, _, err = fail(*DONE_WHEN_ES, "--ops-monthly", "1,5.0", "--lang", "es")
    assert code == 2
    assert "--ops-monthly: '1,5.0' no se acepta" in err


def test_unknown_preset_lists_the_presets(fail: Any) -> None:
    code, _, err = fail("cost", "--preset", "a100")
    assert code == 2
    assert (
        "--preset: 'a100' is not a preset; choose one of: h100-8b, h100-qwen3-8b-community" in err
    )


def test_missing_figures_without_a_terminal_name_the_flags(fail: Any) -> None:
    code, out, err = fail("cost", "--preset", "h100-8b", "--output-tokens", "5B")
    assert code == 2
    assert out == ""
    line = err.strip()
    assert "no terminal to ask them in" in line
    for flag in ("--input-tokens", "--api-input-price", "--api-output-price", "--ops-monthly"):
        assert flag in line
    # The preset supplied these, and the defaults these: none is asked for.
    for flag in ("--gpu-hourly", "--gpu-throughput", "--utilization", "--gpus-min"):
        assert flag not in line


def test_no_input_refuses_to_ask(fail: Any) -> None:
    code, _, err = fail("cost", "--no-input", "--output-tokens", "5B")
    assert code == 2
    assert "--no-input forbids asking" in err
    assert "--gpu-hourly" in err
    assert "--preset {h100-8b,h100-qwen3-8b-community," in err


def test_preset_figures_carry_a_source_and_a_date() -> None:
    from selfhost_advisor.cost.inputs import load_preset
    from selfhost_advisor.cost.presets import preset_ids

    for name in preset_ids():
        preset = load_preset(name)
        # Every figure has a source; a fitted GPU time stands for the throughput.
        assert set(preset.figures) | ({"gpu_throughput"} if preset.fit else set()) == set(
            preset.sources
        ), name
        for figure_id, source in preset.sources.items():
            assert source.publisher, name
            for lang in ("en", "es"):
                assert i18n.load(lang).text(f"cost.sources.{source.id}"), (name, lang)
            assert re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", source.date), name
            assert source.url.startswith("https://"), name
            if figure_id == "gpu_hourly":
                assert source.tier in {"community", "secure", "gpu-cloud", "hyperscaler"}, name
    assert load_preset("h100-8b").figures == {
        "gpu_throughput": Fraction("3400.4"),
        "gpu_hourly": Fraction("2.69"),
    }
    tiers = {load_preset(n).sources["gpu_hourly"].tier for n in preset_ids()}
    assert tiers == {"community", "secure", "gpu-cloud", "hyperscaler"}


def test_presets_match_ignoring_case() -> None:
    document = json_doc(*DONE_WHEN[:2], "H100-8B", *DONE_WHEN[3:])
    assert document["preset"] == "h100-8b"


def test_no_preset_text_has_a_superlative() -> None:
    text = (Path(__file__).parent.parent / "selfhost_advisor/cost/presets.toml").read_text()
    for word in ("most", "best", "cheapest", "fastest", "favourable", "optimal"):
        assert not re.search(rf"\b{word}\b", text, re.IGNORECASE), word


def test_ask_points_to_cost_at_high_steady_volume() -> None:
    args = ["ask", "--data=shareable", "--control=none", "--ops=platform"]
    steady = runner.invoke(app, [*args, "--volume=high-steady"])
    assert "`advisor cost` compares the API bill" in steady.stdout
    modest = runner.invoke(app, [*args, "--volume=modest"])
    assert "advisor cost" not in modest.stdout
    document = json.loads(runner.invoke(app, [*args, "--volume=high-steady", "--json"]).stdout)
    assert [step["id"] for step in document["next_steps"]] == ["cost-estimate", "cost-settle"]
    document = json.loads(runner.invoke(app, [*args, "--volume=spiky", "--json"]).stdout)
    assert document["next_steps"] == []


# Every amount a card shows must be one the document states: the card and the JSON's sentences
# take each amount from the same string, formatted once from the exact value. (The card once
# re-formatted the JSON's floats: 2.675 became $2.67 on its row and $2.68 in the verdict.)
_AMOUNTS = {
    "en": re.compile(r"\$\d[\d,]*(?:\.\d+)?|\d[\d,]*(?:\.\d+)?(?:[MBT]\b|%| tokens/s)"),
    "es": re.compile(r"\d[\d.]*(?:,\d+)? (?:US\$|%|mil M|M\b|billones|tokens/s)"),
}
EXAMPLES = [
    DONE_WHEN[1:],
    [
        "--preset",
        "h100-qwen3-8b-hyperscaler",
        "--prompt-tokens",
        "2k",
        "--output-tokens",
        "50B",
        "--input-tokens",
        "100B",
        "--api-input-price",
        "2.5",
        "--api-output-price",
        "10",
        "--ops-monthly",
        "5000",
    ],
    [
        "--input-tokens",
        "0",
        "--output-tokens",
        "1M",
        "--api-input-price",
        "0",
        "--api-output-price",
        "2.675",
        "--gpu-hourly",
        "2",
        "--gpu-throughput",
        "100",
        "--gpus-min",
        "1",
        "--ops-monthly",
        "0",
    ],
    [
        "--preset",
        "h100-8b",
        "--output-tokens",
        "100B",
        "--input-tokens",
        "1B",
        "--api-input-price",
        "3",
        "--api-output-price",
        "15",
        "--ops-monthly",
        "0",
    ],
]


def _words(text: str) -> str:
    """Text as read: borders gone, no-break spaces and line breaks read as one space."""
    return " ".join(re.sub("[\u2500-\u257f]", " ", text).split())


def _stated(document: Any) -> str:
    """Every sentence of a cost document, one after another."""
    texts = [document["verdict_text"], *document["explain"].values()]
    texts += [flip["text"] for flip in document["flips"]]
    texts += [source["title"] for source in document["sources"]]
    if document["shape"] is not None:
        texts.append(document["shape"]["text"])
    return _words(" | ".join(texts))


def assert_card_amounts_are_the_documents(card: str, document: Any, lang: str) -> None:
    amounts, flat = _AMOUNTS[lang], _words(card)
    shown = amounts.findall(flat)
    assert shown, card
    stated = set(amounts.findall(_stated(document)))
    assert set(shown) <= stated, (set(shown) - stated, card)
    # Both monthly totals, on their rows, are the verdict's.
    catalog = i18n.load(lang)
    verdict = amounts.findall(_words(document["verdict_text"]))
    for label in ("cost.labels.api", "cost.labels.selfhost"):
        row = re.search(rf"{re.escape(catalog.text(label))} ({amounts.pattern})", flat)
        assert row is not None, (label, card)
        assert row.group(1) in verdict


def _typed_in(lang: str, args: list[str]) -> list[str]:
    """The examples' numbers as a reader of ``lang`` types them (2.675 is 2,675 in Spanish)."""
    if lang == "en":
        return args
    return [re.sub(r"(?<=\d)\.(?=\d)", ",", arg) if arg[:1].isdigit() else arg for arg in args]


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("example", EXAMPLES, ids=range(len(EXAMPLES)))
def test_every_amount_on_the_card_is_the_documents(example: list[str], lang: str) -> None:
    args = ["cost", *_typed_in(lang, example), "--lang", lang]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    assert_card_amounts_are_the_documents(result.stdout, json_doc(*args), lang)


def test_an_amount_half_a_cent_up_reads_the_same_in_verdict_and_rows() -> None:
    # 1M tokens at $2.675 per million: $2.675 a month, which the verdict rounds to $2.68.
    card = card_text("cost", *EXAMPLES[2], "--lang", "en")
    assert "the hosted API is cheaper: $2.68/month against $1,460/month" in card
    assert "Hosted API $2.68/month" in card
    assert "API output price $2.68 (given)" in card
    assert "$2.67" not in card


# Figures whose amounts often land on half cents (1M tokens at $2.675 a million): where a
# card that formats the JSON's float (2.67499...) and a sentence that formats the exact value
# (2.675) disagree.
half_cents = st.integers(0, 2000).map(lambda n: Fraction(2 * n + 1, 200))
prices = half_cents | st.integers(0, 10**6).map(lambda n: Fraction(n, 1000))
millions = st.integers(1, 50).map(lambda n: Fraction(n * 10**6))
volumes = millions | st.integers(1, 10**7).map(lambda n: Fraction(n * 10**5))
any_figures = st.builds(
    CostInputs,
    input_tokens=st.just(Fraction(0)) | volumes,
    output_tokens=volumes,
    api_input_price=prices,
    api_output_price=prices,
    gpu_hourly=st.integers(1, 20_000).map(lambda n: Fraction(n, 1000)),
    gpu_throughput=st.integers(1, 10**6).map(lambda n: Fraction(n, 20)),
    gpus_min=st.integers(1, 8),
    utilization=st.integers(1, 1000).map(lambda n: Fraction(n, 1000)),
    ops_monthly=st.just(Fraction(0)) | prices,
)


@settings(max_examples=150, deadline=None)
@given(any_figures, st.sampled_from(["en", "es"]))
def test_every_amount_on_any_card_is_the_documents(figures: CostInputs, lang: str) -> None:
    catalog = i18n.load(lang)
    values = {f: Fraction(getattr(figures, f)) for f in IDS if getattr(figures, f) is not None}
    report = cost_report(estimate(figures), catalog, Known(values, {}, set(values), None))
    out = io.StringIO()
    Console(file=out, width=80, color_system=None).print(cost_render.card(report, catalog))
    assert_card_amounts_are_the_documents(out.getvalue(), report.document, lang)


def test_one_gpu_is_singular_and_nothing_is_zero_dollars() -> None:
    args = ["cost", "--preset", "h100-8b", "--input-tokens", "0", "--output-tokens", "1M"]
    args += ["--api-input-price", "0", "--api-output-price", "0", "--ops-monthly", "0"]
    card = card_text(*args, "--gpus-min", "1")
    assert "Hosted API $0/month" in card
    assert "1 GPU \u00d7 $1,964/month" in card
    assert "at least 1 always on: no spare" in card
    assert "$0.0000" not in card
    card = card_text(*args)
    assert "2 GPUs \u00d7 $1,964/month" in card
    assert "at least 2 always on, so one can fail or be upgraded" in card
    assert "GPU(s)" not in card
