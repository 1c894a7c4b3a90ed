"""Numbers as people type them, in English and in Spanish, and the card's figures read back."""

from __future__ import annotations

import json
import re
from fractions import Fraction as F

import pytest
from typer.testing import CliRunner

from selfhost_advisor.cli.app import app
from selfhost_advisor.cost.inputs import NumberFormat, parse
from selfhost_advisor.errors import AdvisorError
from selfhost_advisor.i18n import catalogs as i18n

runner = CliRunner()
EN = NumberFormat.of(i18n.load("en"))
ES = NumberFormat.of(i18n.load("es"))


@pytest.mark.parametrize(
    ("field", "text", "value"),
    [
        ("ops_monthly", "1,000", 1000),
        ("ops_monthly", "$20,000", 20000),
        ("ops_monthly", "$ 20,000.50", F("20000.5")),
        ("ops_monthly", "20k", 20000),
        ("ops_monthly", "USD 1,234,567", 1234567),
        ("api_input_price", "0.15", F("0.15")),
        ("api_input_price", "$0.15", F("0.15")),
        ("api_input_price", ".5", F("0.5")),
        ("utilization", "50%", F(1, 2)),
        ("utilization", "37.5 %", F(3, 8)),
        ("utilization", "0.5", F(1, 2)),
        ("input_tokens", "160B", 160 * 10**9),
        ("input_tokens", "2.5e9", 2_500_000_000),
        ("input_tokens", "10,000,000", 10_000_000),
        ("input_tokens", "1.5T", 1_500_000_000_000),
        ("input_tokens", "800 m", 800_000_000),
        ("gpu_throughput", "3,400.4", F("3400.4")),
        ("gpu_throughput", "3,400.4 tokens/s", F("3400.4")),
        ("prompt_tokens", "8k", 8000),
        ("sensitive_share", "20%", F(1, 5)),
    ],
)
def test_english_as_typed(field: str, text: str, value: F | int) -> None:
    assert parse(field, text, EN) == value


@pytest.mark.parametrize(
    ("field", "text", "value"),
    [
        ("ops_monthly", "1.000", 1000),
        ("ops_monthly", "20.000 US$", 20000),
        ("ops_monthly", "20.000\u00a0US$", 20000),
        ("ops_monthly", "20 mil", 20000),
        ("api_input_price", "0,15", F("0.15")),
        ("api_input_price", "0,15 US$", F("0.15")),
        ("utilization", "50\u00a0%", F(1, 2)),
        ("utilization", "0,5", F(1, 2)),
        ("input_tokens", "10 mil millones", 10 * 10**9),
        ("input_tokens", "46,3\u00a0mil\u00a0M", 46_300_000_000),
        ("input_tokens", "800 M", 800_000_000),
        ("input_tokens", "2,5e9", 2_500_000_000),
        ("input_tokens", "1,5 billones", 1_500_000_000_000),
        # Accepted as the international abbreviation (10⁹), though the prompts never suggest it.
        ("input_tokens", "10B", 10 * 10**9),
        ("gpu_throughput", "3.400,4\u00a0tokens/s", F("3400.4")),
    ],
)
def test_spanish_as_typed(field: str, text: str, value: F | int) -> None:
    assert parse(field, text, ES) == value


@pytest.mark.parametrize(
    ("numbers", "text", "reading"),
    [(EN, "1,5", "1.5"), (EN, "0,15", "0.15"), (ES, "1.5", "1,5"), (ES, "0.15", "0,15")],
)
def test_ambiguous_text_is_refused_with_the_reading_it_could_have_had(
    numbers: NumberFormat, text: str, reading: str
) -> None:
    with pytest.raises(AdvisorError) as refused:
        parse("ops_monthly", text, numbers)
    assert refused.value.params["reading"] == reading
    assert refused.value.params["problem_key"] == "errors.cost_accepted.ambiguous"


@pytest.mark.parametrize(
    ("field", "text"),
    [
        ("ops_monthly", "1,50,000"),  # a grouping no language here uses
        ("ops_monthly", "1.000.5"),
        ("ops_monthly", "50%"),  # a percent is for shares
        ("utilization", "$0.5"),  # a currency sign is for dollars
        ("gpus_min", "2k"),  # GPUs take no size word
        ("input_tokens", "10 billion"),
        ("input_tokens", "1" * 200),
        ("input_tokens", "1e99999"),
    ],
)
def test_what_is_not_a_number_of_its_kind_is_refused(field: str, text: str) -> None:
    with pytest.raises(AdvisorError):
        parse(field, text, EN)


DONE_WHEN = [
    "cost",
    "--preset",
    "h100-qwen3-8b-community",
    "--prompt-tokens",
    "8192",
    "--input-tokens",
    "160B",
    "--output-tokens",
    "5B",
]


def test_done_when_forms_are_accepted() -> None:
    result = runner.invoke(
        app,
        [
            *DONE_WHEN,
            "--api-input-price",
            "0.15",
            "--api-output-price",
            "0.60",
            "--ops-monthly",
            "$20,000",
            "--utilization",
            "50%",
            "--json",
        ],
    )
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["inputs"]["ops_monthly"] == 20000
    spanish = runner.invoke(
        app,
        [
            *DONE_WHEN,
            "--lang",
            "es",
            "--api-input-price",
            "0,15",
            "--api-output-price",
            "0,60",
            "--ops-monthly",
            "20.000",
            "--json",
        ],
    )
    assert spanish.exit_code == 0, spanish.stderr
    assert json.loads(spanish.stdout)["inputs"]["api_input_price"] == 0.15


def test_ops_monthly_1_5_is_refused_with_a_hint() -> None:
    result = runner.invoke(
        app,
        [
            *DONE_WHEN,
            "--api-input-price",
            "0.15",
            "--api-output-price",
            "0.6",
            "--ops-monthly",
            "1,5",
        ],
    )
    assert result.exit_code == 2
    assert "--ops-monthly: '1,5' is not accepted" in result.stderr
    assert "if you meant 1.5, type 1.5" in result.stderr


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_cards_figures_are_accepted_back_by_their_flags(lang: str) -> None:
    """Each value on the "Your figures" rows, typed back into its flag, gives the same card."""
    args = [*DONE_WHEN, "--api-input-price", "0.15", "--api-output-price", "0.6"]
    args += ["--ops-monthly", "20000", "--lang", lang]
    if lang == "es":
        args = [a.replace("0.15", "0,15").replace("0.6", "0,6") for a in args]
    card = runner.invoke(app, [*args, "--no-input"], env={"COLUMNS": "200"})
    assert card.exit_code == 0, card.stderr
    catalog = i18n.load(lang)
    rows = {
        "--input-tokens": "cost.inputs.input_tokens.label",
        "--output-tokens": "cost.inputs.output_tokens.label",
        "--api-input-price": "cost.inputs.api_input_price.label",
        "--ops-monthly": "cost.inputs.ops_monthly.label",
        "--gpu-hourly": "cost.inputs.gpu_hourly.label",
        "--gpu-throughput": "cost.inputs.gpu_throughput.label",
        "--utilization": "cost.inputs.utilization.label",
    }
    retyped = list(args)
    for flag, label in rows.items():
        shown = re.search(rf"{re.escape(catalog.text(label))}\s+(.+?)\s+\(", card.stdout)
        assert shown is not None, (label, card.stdout)
        again = runner.invoke(app, [*args, flag, shown.group(1), "--json"])
        assert again.exit_code == 0, (flag, shown.group(1), again.stderr)
        retyped += [flag, shown.group(1)]
    # Every figure as shown: the throughput is then given outright (rounded to 0.1 token/s).
    assert runner.invoke(app, [*retyped, "--json"]).exit_code == 0


@pytest.mark.parametrize(
    ("flag", "example"),
    [
        ("--gpu-hourly", "such as 2.69 or $6.88"),
        ("--gpu-throughput", "such as 3,400 or 786.9"),
        ("--ops-monthly", "such as 20,000, $20,000 or 20k"),
        ("--utilization", "such as 0.5 or 50%"),
        ("--gpus-min", "such as 2"),
        ("--prompt-tokens", "such as 8,192 or 8k"),
    ],
)
def test_each_error_gives_an_example_about_its_own_figure(flag: str, example: str) -> None:
    result = runner.invoke(app, [*DONE_WHEN, flag, "nonsense"])
    assert result.exit_code == 2
    assert example in result.stderr
