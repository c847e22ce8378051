"""Reports rendered from the JSON documents: markdown (GitHub), HTML, JSON.

``render(document, fmt=..., limit=...)`` renders a gate or drift report; ``load_report``
reads one from JSON; ``write_reports`` puts markdown and HTML next to a run;
``append_step_summary`` adds markdown to a GitHub Actions job summary within its limit.
"""

from edgar_sentinel.report.document import ReportDocument, load_report, parse_report
from edgar_sentinel.report.limits import COMMENT_LIMIT, STEP_SUMMARY_LIMIT
from edgar_sentinel.report.render import FORMATS, Format, ReportTooLargeError, render
from edgar_sentinel.report.step_summary import (
    StepSummaryFullError,
    append_step_summary,
    remaining_budget,
    write_step_summary,
)
from edgar_sentinel.report.write import write_reports

__all__ = [
    "COMMENT_LIMIT",
    "FORMATS",
    "STEP_SUMMARY_LIMIT",
    "Format",
    "ReportDocument",
    "ReportTooLargeError",
    "StepSummaryFullError",
    "append_step_summary",
    "load_report",
    "parse_report",
    "remaining_budget",
    "render",
    "write_reports",
    "write_step_summary",
]
