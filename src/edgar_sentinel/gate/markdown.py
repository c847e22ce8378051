"""A compact markdown rendering of a gate report (for ``validate --markdown``).

The report package renders the full PR comment and HTML from the same JSON; this one
is a plain summary a person can read in a terminal or a CI log.
"""

from __future__ import annotations

from edgar_sentinel.gate.result import CheckStatus, GateReport

_ICON = {
    CheckStatus.PASS: "✓",
    CheckStatus.WARN: "⚠",
    CheckStatus.FAIL: "✗",
    CheckStatus.ERROR: "✗",
    CheckStatus.SKIPPED: "–",
}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(report: GateReport) -> str:
    s = report.blocking_summary
    lines = [
        f"# Data-quality gate: {report.go_no_go} ({report.status})",
        "",
        f"**Files:** {report.files_checked} · **Segments:** {report.segments_checked} · "
        f"**Blocking checks:** {s.passed}/{s.total_blocking} passed · "
        f"**Dataset:** `{report.dataset.name or report.dataset.id[:19]}`",
        "",
        "| Status | Check | Actual | Target | Blocking | Δ since last GO |",
        "|---|---|---|---|---|---|",
    ]
    for row in report.validation_table:
        actual = "–" if row.actual is None else f"{row.actual:.4g}"
        delta = "–" if row.delta is None else f"{row.delta:+.4g}"
        lines.append(
            f"| {_ICON[row.status]} {row.status} | {_cell(row.display_name)} | {actual} | "
            f"{row.operator} {row.target:g} | {'yes' if row.blocking else 'no'} | {delta} |"
        )
    for finding in report.findings:
        lines += ["", f"## {finding.metric}: {finding.status} ({finding.offending} offending)", ""]
        for sample in finding.samples:
            seg = "" if sample.segment_index is None else f" segment {sample.segment_index}"
            lines.append(
                f"- `{sample.file}` CIK {sample.cik or '–'} {sample.accession or ''}{seg}: "
                f"{_cell(sample.excerpt)}"
            )
    for error in report.errors:
        lines += ["", f"**Error:** {_cell(error)}"]
    return "\n".join(lines) + "\n"


__all__ = ["render_markdown"]
