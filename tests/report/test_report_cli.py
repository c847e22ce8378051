"""``edgar-sentinel report``: render a JSON report, optionally into the job summary."""

from __future__ import annotations

from pathlib import Path

import pytest

from edgar_sentinel.exit_codes import ExitCode
from edgar_sentinel.report import COMMENT_LIMIT, render
from edgar_sentinel.report.limits import size
from tests.cli_helpers import invoke
from tests.gate.helpers import make_record, write_run
from tests.report.report_docs import drift_report, gate_report, huge_gate_report


@pytest.fixture
def gate_json(tmp_path: Path) -> Path:
    path = tmp_path / "gate_report.json"
    path.write_text(render(gate_report(), fmt="json"), encoding="utf-8")
    return path


def test_markdown_goes_to_stdout_by_default(gate_json: Path) -> None:
    code, output = invoke("report", str(gate_json))
    assert code == ExitCode.OK
    assert output == render(gate_report(), fmt="markdown")


@pytest.mark.parametrize(("fmt", "start"), [("html", "<!DOCTYPE html>"), ("json", "{")])
def test_other_formats_are_written_to_a_file(
    gate_json: Path, tmp_path: Path, fmt: str, start: str
) -> None:
    out = tmp_path / f"out.{fmt}"
    code, _ = invoke("report", str(gate_json), "--format", fmt, "--output", str(out))
    assert code == ExitCode.OK
    assert out.read_text(encoding="utf-8").startswith(start)


def test_drift_reports_render_too(tmp_path: Path) -> None:
    path = tmp_path / "drift_report.json"
    path.write_text(render(drift_report(), fmt="json"), encoding="utf-8")
    code, output = invoke("report", str(path))
    assert code == ExitCode.OK and "risk drift" in output


def test_step_summary_is_appended_within_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.json"
    path.write_text(render(huge_gate_report(findings=400), fmt="json"), encoding="utf-8")
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    out = tmp_path / "comment.md"
    limit = str(COMMENT_LIMIT)
    code, _ = invoke("report", str(path), "--step-summary", "--output", str(out), "--limit", limit)
    assert code == ExitCode.OK
    assert size(out.read_text(encoding="utf-8")) <= COMMENT_LIMIT
    assert summary.read_text(encoding="utf-8").startswith("### ❌ edgar-sentinel gate failed")


def test_a_missing_report_is_a_usage_error(tmp_path: Path) -> None:
    code, message = invoke("report", str(tmp_path / "missing.json"))
    assert code == ExitCode.USAGE and "cannot read report" in message


def test_validate_writes_the_gate_report_into_the_job_summary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    run = write_run(tmp_path, [make_record(i) for i in range(10)])
    code, _ = invoke("validate", str(run), "--no-history", "--json", "--step-summary")
    assert code == ExitCode.OK
    assert summary.read_text(encoding="utf-8").startswith("### ✅ edgar-sentinel gate passed")
