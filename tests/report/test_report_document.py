"""Loading a report: JSON is the source of truth; the kind picks the model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from edgar_sentinel.drift.result import DriftReport
from edgar_sentinel.errors import UsageError
from edgar_sentinel.gate.result import GateReport
from edgar_sentinel.report import load_report, parse_report, render
from tests.report.report_docs import drift_report, gate_data, gate_report


def test_kind_selects_the_model(tmp_path: Path) -> None:
    gate, drift = tmp_path / "gate.json", tmp_path / "drift.json"
    gate.write_text(render(gate_report(), fmt="json"), encoding="utf-8")
    drift.write_text(render(drift_report(), fmt="json"), encoding="utf-8")
    assert isinstance(load_report(gate), GateReport)
    assert isinstance(load_report(drift), DriftReport)


def test_json_rendering_round_trips() -> None:
    report = gate_report()
    assert parse_report(json.loads(render(report, fmt="json"))) == report


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", r"not JSON \(line 1"),
        ("[1, 2]", "a report is a JSON object"),
        ('{"kind": "weather"}', "unknown report kind 'weather'"),
        (json.dumps({**gate_data(), "status": "MAYBE"}), "not a valid gate report: status"),
    ],
)
def test_bad_reports_are_user_errors_saying_what_is_wrong(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "report.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(UsageError, match=message) as info:
        load_report(path)
    assert str(path) in str(info.value)


def test_missing_report_file_has_a_hint(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="cannot read report") as info:
        load_report(tmp_path / "nope.json")
    assert info.value.hint is not None and "validate" in info.value.hint
