"""docs/decision-table.md is the decision as the code makes it, all 108 combinations."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

from selfhost_advisor.advice.decision import decide, every_answers

ROOT = Path(__file__).resolve().parent.parent
TABLE = ROOT / "docs" / "decision-table.md"


def _script() -> ModuleType:
    path = ROOT / "scripts" / "decision_table.py"
    spec = importlib.util.spec_from_file_location("decision_table", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_table_is_up_to_date() -> None:
    script = _script()
    assert TABLE.read_text(encoding="utf-8") == script.render(), (
        f"docs/decision-table.md is out of date with decide(); regenerate it: {script.COMMAND}"
    )


def test_table_lists_every_combination_with_its_result() -> None:
    """Read the committed table as a reader would: one row per combination, as decide says."""
    rows = re.findall(
        r"^\| (\d+) \| (\S+) \| (\S+) \| (\S+) \| (\S+) \| \*\*(\S+)\*\* \|",
        TABLE.read_text(encoding="utf-8"),
        flags=re.MULTILINE,
    )
    expected = [
        (str(n), *answers.as_ids().values(), decide(answers).recommendation.value)
        for n, answers in enumerate(every_answers(), start=1)
    ]
    assert rows == expected
    assert len(rows) == 108


def test_header_states_the_rules_from_decide() -> None:
    text = TABLE.read_text(encoding="utf-8")
    assert _script().rules() in text
    assert "6. Otherwise nothing forces you: the hosted API." in text


def test_check_mode_reports_a_stale_file(tmp_path: Path) -> None:
    script = _script()
    script.OUTPUT = tmp_path / "decision-table.md"
    script.OUTPUT.write_text("stale\n", encoding="utf-8")
    assert script.main(["--check"]) == 1
    assert script.main([]) == 0
    assert script.main(["--check"]) == 0
