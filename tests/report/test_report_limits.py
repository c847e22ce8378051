"""Size limits: a report with thousands of findings still fits a PR comment and a job summary."""

from __future__ import annotations

from typing import Literal

import pytest

from edgar_sentinel.drift.result import DriftReport
from edgar_sentinel.errors import UsageError
from edgar_sentinel.gate.result import GateReport
from edgar_sentinel.report import COMMENT_LIMIT, STEP_SUMMARY_LIMIT, ReportTooLargeError, render
from edgar_sentinel.report.limits import MIN_LIMIT, size
from tests.report.report_docs import (
    drift_data,
    drift_report,
    gate_data,
    gate_report,
    hostile_gate_report,
    huge_gate_report,
)
from tests.report.test_report_markdown import table_shapes


@pytest.fixture(scope="module")
def huge() -> GateReport:
    return huge_gate_report(findings=3000, files=5000)


LIMITS = [COMMENT_LIMIT, STEP_SUMMARY_LIMIT, 20_000, MIN_LIMIT]


@pytest.fixture(scope="module")
def shortened(huge: GateReport) -> dict[int, str]:
    """The huge report rendered once per limit."""
    return {limit: render(huge, fmt="markdown", limit=limit) for limit in LIMITS}


def assert_whole(markdown: str) -> None:
    """Every table has its rows complete and every <details> is closed."""
    assert markdown.count("<details>") == markdown.count("</details>")
    for header, rows in table_shapes(markdown):
        assert rows <= {header}
    assert markdown.rstrip().endswith("</sub>")  # the run identity closes every rendering


def test_the_huge_report_is_far_over_the_comment_limit_unshortened(huge: GateReport) -> None:
    assert size(render(huge, fmt="markdown")) > 10 * COMMENT_LIMIT


@pytest.mark.parametrize("limit", LIMITS)
def test_huge_report_fits_the_limit_whole_and_says_what_was_cut(
    shortened: dict[int, str], limit: int
) -> None:
    markdown = shortened[limit]
    assert size(markdown) <= limit
    assert_whole(markdown)
    assert "> [!NOTE]\n> Shortened to fit GitHub's size limit:" in markdown
    assert "The JSON and HTML reports have everything." in markdown
    assert markdown.splitlines()[0].startswith("### ❌ edgar-sentinel gate failed")


def test_comment_rendering_keeps_the_failing_check_and_some_samples(
    shortened: dict[int, str],
) -> None:
    markdown = shortened[COMMENT_LIMIT]
    assert "Cik present rate" in markdown  # the failing blocking check survives the cut
    assert "<details>" in markdown
    assert "of 3,000 check details" in markdown
    assert "of 5,000 offending filings" in markdown


def test_job_summary_keeps_more_than_a_comment(shortened: dict[int, str]) -> None:
    comment, summary = shortened[COMMENT_LIMIT], shortened[STEP_SUMMARY_LIMIT]
    assert size(comment) < size(summary) <= STEP_SUMMARY_LIMIT
    assert summary.count("<details>") > comment.count("<details>")


def test_a_report_that_fits_is_not_shortened() -> None:
    report = gate_report()
    assert render(report, fmt="markdown", limit=COMMENT_LIMIT) == render(report, fmt="markdown")
    assert "[!NOTE]" not in render(report, fmt="markdown")


def test_long_excerpts_are_cut_first_with_a_note() -> None:
    report = gate_report(findings=40, samples=20, excerpt="long excerpt " * 40)
    markdown = render(report, fmt="markdown", limit=COMMENT_LIMIT)
    assert size(markdown) <= COMMENT_LIMIT
    assert "excerpts cut to" in markdown
    assert markdown.count("<details>") == 40  # every failing check keeps its section


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_every_format_says_when_excerpts_were_cut(fmt: Literal["markdown", "html"]) -> None:
    report = gate_report(findings=40, samples=20, excerpt="long excerpt " * 40)
    full = render(report, fmt=fmt)
    shortened = render(report, fmt=fmt, limit=size(full) - 1)
    assert "excerpts cut to" in shortened
    assert "excerpts cut to" not in full


def test_html_honours_a_limit_too() -> None:
    page = render(huge_gate_report(findings=500, files=1000), fmt="html", limit=STEP_SUMMARY_LIMIT)
    assert size(page) <= STEP_SUMMARY_LIMIT
    assert page.rstrip().endswith("</html>")
    assert "Shortened to fit a size limit" in page


def test_drift_report_fits_a_small_limit() -> None:
    report = drift_report(terms=500)
    markdown = render(report, fmt="markdown", limit=MIN_LIMIT)
    assert size(markdown) <= MIN_LIMIT
    assert markdown.count("<details>") == markdown.count("</details>")


def test_drift_html_drops_rows_and_sections_to_fit_and_says_so() -> None:
    report = drift_report(terms=3000)
    full = render(report, fmt="html")
    assert size(full) > 1024 * 1024  # far over the job-summary limit unshortened

    page = render(report, fmt="html", limit=STEP_SUMMARY_LIMIT)

    assert size(page) <= STEP_SUMMARY_LIMIT
    assert page.rstrip().endswith("</html>")
    assert page.count("<details>") == page.count("</details>")
    assert "Shortened to fit a size limit" in page
    assert "of 3,000 emerging terms" in page


def test_json_is_never_shortened(huge: GateReport) -> None:
    with pytest.raises(ReportTooLargeError, match="over the limit"):
        render(huge, fmt="json", limit=COMMENT_LIMIT)


def test_a_limit_below_the_minimum_is_refused() -> None:
    with pytest.raises(UsageError, match="too small"):
        render(gate_report(), fmt="markdown", limit=100)


def test_even_pathological_text_fits_the_smallest_limit() -> None:
    text = "#" * 3000  # the most expensive character to escape, in every free-text field
    gate = render(hostile_gate_report(text), fmt="markdown", limit=MIN_LIMIT)
    data = drift_data(text=text)
    data["tier_reasons"] = [text] * 10
    data["tool_version"] = data["parameters"]["threshold_source"] = text
    for side in ("reference", "target"):
        data[side].update(model_id=text, period=text)
    drift = render(DriftReport.model_validate(data), fmt="markdown", limit=MIN_LIMIT)
    assert size(gate) <= MIN_LIMIT and size(drift) <= MIN_LIMIT


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_failing_filings_are_kept_before_warned_ones_when_rows_are_cut(
    fmt: Literal["markdown", "html"],
) -> None:
    data = gate_data(files=300)
    for i, entry in enumerate(data["per_file"]):
        entry["status"] = "FAIL" if i % 50 == 49 else "WARN"
        entry["file"] = f"{entry['status'].lower()}_{i}.json"
    rendered = render(GateReport.model_validate(data), fmt=fmt, limit=20_000)
    quarantine = rendered.split("Offending filings (300)")[1]
    assert all(f"fail_{i}.json" in quarantine for i in range(49, 300, 50))
    assert quarantine.count("warn_") < 294  # rows were cut: the failing ones stayed
