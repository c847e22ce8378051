"""The job summary: appended, never pushed over GitHub's 1 MiB (which would lose it all)."""

from __future__ import annotations

from pathlib import Path

import pytest

from edgar_sentinel.exit_codes import ExitCode
from edgar_sentinel.report import (
    STEP_SUMMARY_LIMIT,
    StepSummaryFullError,
    append_step_summary,
    remaining_budget,
    write_step_summary,
)
from tests.report.report_docs import gate_report, huge_gate_report


def test_outside_github_actions_nothing_is_written(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    assert append_step_summary("# hi") is None
    assert remaining_budget() == STEP_SUMMARY_LIMIT - 1


def test_markdown_is_appended_to_the_summary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step output\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert append_step_summary("# Gate") == summary
    assert summary.read_text(encoding="utf-8") == "earlier step output\n# Gate\n"
    assert remaining_budget() == STEP_SUMMARY_LIMIT - summary.stat().st_size - 1


def test_an_append_that_would_overflow_is_refused_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = tmp_path / "summary.md"
    summary.write_bytes(b"x" * (STEP_SUMMARY_LIMIT - 100))
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    with pytest.raises(StepSummaryFullError, match="room for"):
        append_step_summary("y" * 200)
    assert summary.stat().st_size == STEP_SUMMARY_LIMIT - 100


def test_a_report_is_shortened_to_the_room_left(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = tmp_path / "summary.md"
    summary.write_bytes(b"x" * (STEP_SUMMARY_LIMIT - 30_000))
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert write_step_summary(huge_gate_report(findings=300)) == summary
    assert STEP_SUMMARY_LIMIT - 30_000 < summary.stat().st_size <= STEP_SUMMARY_LIMIT
    assert "Shortened to fit" in summary.read_text(encoding="utf-8")


def test_a_nearly_full_summary_is_a_delivery_error_not_a_lost_summary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = tmp_path / "summary.md"
    summary.write_bytes(b"x" * (STEP_SUMMARY_LIMIT - 1000))
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    with pytest.raises(StepSummaryFullError, match="only 999 bytes left") as info:
        write_step_summary(gate_report())
    assert info.value.exit_code == ExitCode.DELIVERY_FAILED
    assert summary.stat().st_size == STEP_SUMMARY_LIMIT - 1000
