"""The offline demo: the bundled fictional corpus in, a run directory of five companies out."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from edgar_sentinel.demo import DemoResult, DemoStep, demo_corpus, run_demo
from edgar_sentinel.exit_codes import ExitCode
from edgar_sentinel.models import FilingRecord, Item1AStatus
from edgar_sentinel.runs import iter_filings

COMPANIES = {
    "0009990101": "Northwind Harbor Logistics, Inc.",
    "0009990102": "Bluefern Biotherapeutics Corp.",
    "0009990103": "Copperline Regional Bancorp, Inc.",
    "0009990104": "Quillfeather Software, Inc.",
    "0009990105": "SALTMARSH HOME & GARDEN STORES INC.",
}
AI_TERMS = re.compile(r"generative artificial intelligence|large language model", re.IGNORECASE)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> DemoResult:
    return run_demo(out_dir=tmp_path_factory.mktemp("demo") / "edgar-sentinel-demo")


@pytest.fixture(scope="module")
def filings(demo: DemoResult) -> list[FilingRecord]:
    run_dir = demo.output("run_dir")
    assert run_dir is not None
    return [record for _, record in iter_filings(run_dir)]


def test_demo_runs_every_stage(demo: DemoResult) -> None:
    assert [(s.name, s.exit_code) for s in demo.steps] == [
        ("preprocess", ExitCode.OK),
        ("validate", ExitCode.OK),
        ("drift", ExitCode.OK),
    ]
    assert all(path.exists() for step in demo.steps for path in step.outputs.values())


def test_demo_gate_says_go_and_writes_reports_next_to_the_run(demo: DemoResult) -> None:
    from edgar_sentinel.gate.result import GateReport

    report_json = demo.output("report_json")
    assert report_json is not None
    report = GateReport.model_validate_json(report_json.read_bytes())
    assert report.go_no_go == "GO"
    assert report.files_checked == 10
    markdown = demo.output("report_markdown")
    assert markdown is not None
    assert markdown.read_text(encoding="utf-8").lstrip().startswith("#")
    html = demo.output("report_html")
    assert html is not None
    assert "<html" in html.read_text(encoding="utf-8").lower()


def test_demo_drift_flags_the_planted_generative_ai_risk(demo: DemoResult) -> None:
    from edgar_sentinel.drift.result import DriftReport

    report_path = demo.output("drift_report")
    assert report_path is not None
    report = DriftReport.model_validate_json(report_path.read_bytes())
    assert (report.reference.period, report.target.period) == ("2023", "2024")
    assert report.tier != "none"
    new_words = {word for topic in report.new_topics for word in topic.top_words}
    assert {"generative", "artificial", "intelligence", "language"} <= new_words, new_words
    emerging = {term.term for term in report.emerging_terms}
    assert {"generative", "generative artificial", "large language"} <= emerging, emerging


def test_demo_preprocesses_every_bundled_filing(demo: DemoResult) -> None:
    step = demo.steps[0]
    assert (step.name, step.exit_code) == ("preprocess", ExitCode.OK)
    assert "10 of 10 filings processed" in step.summary
    assert demo.exit_code is ExitCode.OK
    copied = sorted(p.name for p in demo.corpus_dir.iterdir())
    bundled = sorted(item.name for item in demo_corpus().iterdir())
    assert copied == bundled


def test_demo_run_has_five_companies_over_two_fiscal_years(filings: list[FilingRecord]) -> None:
    years: dict[str | None, set[int | None]] = defaultdict(set)
    for record in filings:
        years[record.cik].add(record.fiscal_year)
        assert record.company_name == COMPANIES[str(record.cik)]
        assert record.form_type == "10-K"
        assert record.item1a_status is Item1AStatus.EXTRACTED
        assert sum(s.kind == "risk" for s in record.segments) >= 5
    assert years == {cik: {2023, 2024} for cik in COMPANIES}


def test_a_new_risk_appears_in_2024_for_at_least_three_companies(
    filings: list[FilingRecord],
) -> None:
    def mentions(year: int) -> set[str | None]:
        return {
            r.cik for r in filings if r.fiscal_year == year and AI_TERMS.search(r.item1a_text or "")
        }

    assert mentions(2023) == set()
    assert len(mentions(2024)) >= 3


def test_later_stages_append_their_steps(tmp_path: Path) -> None:
    result = DemoResult(out_dir=tmp_path, corpus_dir=tmp_path)
    result.add(DemoStep("preprocess", "Preprocess", ExitCode.OK, "ok", {"run_dir": tmp_path}))
    result.add(DemoStep("validate", "Gate", ExitCode.NO_GO, "NO-GO"))

    assert result.output("run_dir") == tmp_path
    assert result.exit_code is ExitCode.NO_GO


def test_demo_command_prints_where_it_wrote(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "edgar_sentinel", "demo", "--out", "here", "--workers", "1"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )

    assert result.returncode == ExitCode.OK, result.stderr
    assert "demo folder: here" in result.stdout
    run_dirs = list((tmp_path / "here" / "runs").iterdir())
    assert len(run_dirs) == 1
    assert f"run_dir: {Path('here') / 'runs' / run_dirs[0].name}" in result.stdout
