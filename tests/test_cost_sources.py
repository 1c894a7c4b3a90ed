"""Where the cost figures come from: presets with source, date and tier, six-month staleness,
`--presets`, and API prices by name from the genai-prices data (no network)."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
from typer.testing import CliRunner

from selfhost_advisor.cli.app import app
from selfhost_advisor.cost.inputs import Source, load_preset
from selfhost_advisor.cost.presets import preset_ids, presets_file
from selfhost_advisor.i18n import catalogs as i18n

runner = CliRunner()
TIERS = {"community", "secure", "gpu-cloud", "hyperscaler"}
FIGURES = [
    "--input-tokens",
    "160B",
    "--output-tokens",
    "5B",
    "--ops-monthly",
    "20000",
    "--prompt-tokens",
    "8192",
]


def test_every_preset_figure_has_a_source_a_date_and_for_prices_a_tier() -> None:
    data = presets_file()
    for name, preset in data["presets"].items():
        for figure, entry in preset.items():
            source_id = data["fits"][entry]["source"] if figure == "gpu_time" else entry["source"]
            source = data["sources"][source_id]
            assert source["url"].startswith("https://"), (name, figure)
            datetime.date.fromisoformat(
                source["date"] if len(source["date"]) == 10 else source["date"] + "-01"
            )
            if figure == "gpu_hourly":
                assert source.get("tier") in TIERS, (name, figure)
            else:
                assert "tier" not in source, (name, figure)
    # Every tier as it is sold, for the same model, GPU and engine.
    fitted = [load_preset(n) for n in preset_ids() if load_preset(n).fit is not None]
    assert {p.sources["gpu_hourly"].tier for p in fitted} == TIERS


def test_staleness_is_six_months_on_the_day_of_the_run() -> None:
    source = Source("s", "p", "https://example.org", "2026-09-24")
    assert not source.stale(datetime.date(2027, 3, 25))  # 182 days
    assert source.stale(datetime.date(2027, 3, 27))
    month = Source("s", "p", "https://example.org", "2024-09")
    assert month.stale(datetime.date(2026, 11, 28))


def _json(*args: str, today: str = "2026-11-28") -> Any:
    result = runner.invoke(app, [*args, "--json"], env={"ADVISOR_TODAY": today})
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_a_figure_turns_stale_on_the_card_and_in_json_as_time_passes() -> None:
    args = ["cost", "--preset", "h100-qwen3-8b-hyperscaler", *FIGURES]
    args += ["--api-input-price", "0.15", "--api-output-price", "0.6"]
    fresh = _json(*args)
    assert fresh["stale"] is False
    later = _json(*args, today="2027-06-01")
    assert later["stale"] is True
    assert {s["id"] for s in later["sources"] if s["stale"]} == {"aws-p5", "silybench-qwen3-8b"}
    assert later["date"] == "2027-06-01"
    card = runner.invoke(app, args, env={"ADVISOR_TODAY": "2027-06-01", "COLUMNS": "200"})
    assert card.stdout.count("⚠ older than six months") == 2
    assert "Some preset figures are older than six months" in card.stdout


def test_presets_lists_each_with_source_date_and_tier() -> None:
    result = runner.invoke(app, ["cost", "--presets"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.stderr
    for name in preset_ids():
        assert name in result.stdout
    for tier in TIERS:
        assert f"tier {tier}" in result.stdout
    assert "https://aws.amazon.com/ec2/pricing/on-demand/" in result.stdout
    assert "(2026-09-24)" in result.stdout
    # The 2024 benchmark is flagged, and nothing is called the best or the most anything.
    assert "⚠ older than six months" in result.stdout
    spanish = runner.invoke(app, ["cost", "--presets", "--lang", "es"], env={"COLUMNS": "200"})
    assert "nivel gran nube pública" in spanish.stdout


def test_presets_has_no_json_form() -> None:
    result = runner.invoke(app, ["cost", "--presets", "--json"])
    assert result.exit_code == 2
    assert "--presets shows a listing for people" in result.stderr


API_MODEL = ["cost", "--preset", "h100-qwen3-8b-community", *FIGURES]


def test_api_model_fills_the_prices_from_the_price_data() -> None:
    document = _json(*API_MODEL, "--api-model", "openai:gpt-4o-mini")
    assert document["inputs"]["api_input_price"] == 0.15
    assert document["inputs"]["api_output_price"] == 0.6
    # Looked up, not typed: the user gave a model, not these prices.
    assert document["origins"]["api_input_price"] == "api_model"
    assert document["origins"]["api_output_price"] == "api_model"
    found = document["api_model"]
    assert (found["provider"], found["model"], found["source"]) == (
        "openai",
        "gpt-4o-mini",
        "genai-prices",
    )
    assert found["version"].startswith("0.")
    card = runner.invoke(app, [*API_MODEL, "--api-model", "openai:gpt-4o-mini"]).stdout
    flat = " ".join(card.replace("│", " ").split())
    assert "API prices: gpt-4o-mini at OpenAI, from the genai-prices" in flat
    assert "$0.15 and $0.60 per million" in flat
    # "Your figures" says where the prices came from, not that the user gave them.
    english = i18n.source()
    looked_up = english.text("cost.labels.looked_up", model="openai:gpt-4o-mini")
    assert f"API input price $0.15 ({looked_up})" in flat
    assert f"API output price $0.60 ({looked_up})" in flat
    assert f"$0.15 ({english.text('cost.labels.given')})" not in flat


def test_an_unknown_api_model_is_exit_2_with_close_matches_that_resolve() -> None:
    result = runner.invoke(app, [*API_MODEL, "--api-model", "openai:gpt-4o-mni"])
    assert result.exit_code == 2
    line = result.stderr.strip()
    assert "--api-model: 'openai:gpt-4o-mni' is not in the price data" in line
    matches = line.split("close matches: ", 1)[1].split(", ")
    assert "openai:gpt-4o-mini" in matches
    for match in matches:  # each one offered looks up
        assert _json(*API_MODEL, "--api-model", match)["api_model"] is not None


def test_api_model_and_prices_together_are_refused() -> None:
    result = runner.invoke(
        app, [*API_MODEL, "--api-model", "openai:gpt-4o-mini", "--api-input-price", "1"]
    )
    assert result.exit_code == 2
    assert "--api-model fills both API prices; leave out --api-input-price" in result.stderr


@pytest.mark.parametrize(
    ("reference", "prices"),
    [
        ("together:meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo", (0.18, 0.18)),
        ("openrouter:qwen/qwen3-8b", (0.035, 0.138)),
    ],
)
def test_the_same_open_weight_model_hosted_is_priced_like_for_like(
    reference: str, prices: tuple[float, float]
) -> None:
    document = _json(*API_MODEL, "--api-model", reference)
    inputs = document["inputs"]
    assert (inputs["api_input_price"], inputs["api_output_price"]) == prices
