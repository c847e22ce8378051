"""A gate report as one self-contained HTML page (readable offline, no JavaScript)."""

from __future__ import annotations

from collections.abc import Sequence

from edgar_sentinel.gate.result import CheckStatus, FileResult, Finding, GateReport, ValidationRow
from edgar_sentinel.report import values
from edgar_sentinel.report.escaping import html_text
from edgar_sentinel.report.html_page import excerpt_span, html_table, page, status_span
from edgar_sentinel.report.limits import (
    Cuts,
    Detail,
    limit_rows_keeping,
    limit_samples,
    limit_sections,
)


class GateHtmlRenderer:
    kind = "gate"
    fmt = "html"

    def render(self, report: GateReport, detail: Detail) -> str:
        cuts = Cuts()
        o = report.overall_summary
        title = (
            f"{values.icon(report.status)} edgar-sentinel gate: "
            f"{report.status.value} · {report.go_no_go.value}"
        )
        summary = (
            f"<p>{status_span(report.status.value)} · "
            f"{status_span(report.status.value, report.go_no_go.value)} · "
            f"{html_text(values.count(report.files_checked, 'file'))} "
            f"({o.files_failed:,} failed, {o.files_warned:,} warned, "
            f"{o.files_unreadable:,} unreadable, {o.dead_letters:,} dead letters) · "
            f"{html_text(values.count(report.segments_checked, 'segment'))} · "
            f"{o.checks_passed:,} of {o.checks_total:,} checks passed "
            f"({o.checks_warned:,} warned, {o.checks_failed:,} failed, "
            f"{o.checks_errored:,} errored, {o.checks_skipped:,} skipped)</p>"
        )
        sections = [f"<h1>{html_text(title)}</h1>", summary, _identity(report)]
        if report.errors:
            items = "".join(f"<li>{html_text(e)}</li>" for e in report.errors)
            sections.append(f"<h2>Why the run could not be validated</h2><ul>{items}</ul>")
        if not detail.summary_only:
            sections.append(
                _checks("Blocking checks", [r for r in report.validation_table if r.blocking])
            )
            sections.append(
                _checks("Other checks", [r for r in report.validation_table if not r.blocking])
            )
            sections.append(_findings(report.findings, detail, cuts))
            sections.append(_files(report.per_file, detail, cuts))
        else:
            cuts.add("only the summary is shown")
        return page(title, sections, cuts=cuts)


def _identity(report: GateReport) -> str:
    base = report.baseline
    rows = [
        ("Run directory", report.run_directory),
        ("Dataset", f"{report.dataset.name or '(unnamed)'} · {report.dataset.id}"),
        ("Tool version", report.tool_version),
        (
            "Thresholds",
            f"sha256 {report.thresholds_sha256} ({', '.join(report.thresholds_sources)})",
        ),
        ("Finished", f"{report.timestamp:%Y-%m-%d %H:%M:%S} UTC"),
        (
            "Baseline",
            f"GO run #{base.run_id} of {base.timestamp:%Y-%m-%d %H:%M} UTC ({base.run_directory})"
            if base
            else "none: no earlier GO run of this dataset",
        ),
    ]
    return html_table(["", ""], [[html_text(k), html_text(v)] for k, v in rows])


def _checks(title: str, rows: Sequence[ValidationRow]) -> str:
    if not rows:
        return ""
    header = ["Status", "Check", "Actual", "Target", "Previous GO", "Δ", "Measured"]
    body = [
        [
            _status(r.status.value),
            f'<b>{html_text(r.display_name)}</b><br><span class="muted">'
            f"{html_text(r.metric)} · {html_text(r.category.value)}</span>",
            html_text(values.value(r.actual, r.metric_type)),
            html_text(values.target(r)),
            html_text(values.value(r.previous_actual, r.metric_type)),
            html_text(values.delta(r.delta, r.metric_type)),
            html_text(r.message),
        ]
        for r in rows
    ]
    return f"<h2>{html_text(title)}</h2>\n" + html_table(header, body, numeric=(2, 4, 5))


def _findings(findings: Sequence[Finding], detail: Detail, cuts: Cuts) -> str:
    if not findings:
        return ""
    parts = ["<h2>Findings</h2>"]
    shown = limit_sections(findings, detail, cuts, "check details")
    for f in shown:
        samples = limit_samples(f.samples, detail, cuts, "sample", "check")
        rows = [
            [
                html_text(s.file),
                html_text(s.cik or values.DASH),
                html_text(s.accession or values.DASH),
                values.DASH if s.segment_index is None else str(s.segment_index),
                excerpt_span(s.excerpt, detail, cuts),
            ]
            for s in samples
        ]
        kind = "blocking" if f.blocking else "non-blocking"
        more = f", showing {len(samples)}" if len(samples) < f.offending else ""
        parts.append(
            f"<details><summary>{_status(f.status.value)}"
            f" <b>{html_text(f.metric)}</b> ({kind}) · {f.offending:,} offending{more}</summary>\n"
            f"<p>{html_text(f.message)}</p>\n"
            + (
                html_table(["File", "CIK", "Accession", "Segment", "Excerpt"], rows, numeric=(3,))
                if rows
                else ""
            )
            + "</details>"
        )
    return "\n".join(parts)


def _files(files: Sequence[FileResult], detail: Detail, cuts: Cuts) -> str:
    if not files:
        return ""
    # Filings that fail a blocking check are kept before those that only warn.
    shown = limit_rows_keeping(
        files, lambda f: f.status is CheckStatus.FAIL, detail, cuts, "offending filings"
    )
    rows = [
        [
            status_span(f.status.value),
            html_text(f.file),
            html_text(f.company_name or values.DASH),
            html_text(f.cik or values.DASH),
            html_text(f.accession or values.DASH),
            html_text(", ".join(f.failed_checks) or values.DASH),
            html_text(", ".join(f.warned_checks) or values.DASH),
        ]
        for f in shown
    ]
    header = ["Status", "File", "Company", "CIK", "Accession", "Failed checks", "Warned checks"]
    return f"<h2>Offending filings ({len(files):,})</h2>\n" + html_table(header, rows)


def _status(status: str) -> str:
    return status_span(status, f"{values.icon(status)} {status}")


__all__ = ["GateHtmlRenderer"]
