"""Markdown and HTML written next to a run."""

from __future__ import annotations

from pathlib import Path

from edgar_sentinel.report import render, write_reports
from tests.report.report_docs import drift_report, gate_report


def test_gate_reports_are_written_next_to_the_run(tmp_path: Path) -> None:
    report = gate_report()
    paths = write_reports(report, out_dir=tmp_path / "run")
    assert paths == {
        "markdown": tmp_path / "run" / "gate_report.md",
        "html": tmp_path / "run" / "gate_report.html",
    }
    assert paths["markdown"].read_text(encoding="utf-8") == render(report, fmt="markdown")
    assert paths["html"].read_text(encoding="utf-8") == render(report, fmt="html")
    assert sorted(p.name for p in (tmp_path / "run").iterdir()) == [
        "gate_report.html",
        "gate_report.md",
    ]


def test_drift_reports_use_their_own_names(tmp_path: Path) -> None:
    paths = write_reports(drift_report(), out_dir=tmp_path)
    assert paths["markdown"].name == "drift_report.md"
    assert paths["html"].name == "drift_report.html"
