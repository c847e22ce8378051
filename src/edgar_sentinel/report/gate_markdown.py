"""GitHub-flavoured markdown for a gate report (PR comments, issues, job summaries)."""

from __future__ import annotations

from collections.abc import Sequence

from edgar_sentinel.gate.result import (
    CheckStatus,
    FileResult,
    Finding,
    GateReport,
    GateStatus,
    ValidationRow,
)
from edgar_sentinel.report import values
from edgar_sentinel.report.escaping import md_text
from edgar_sentinel.report.limits import (
    Cuts,
    Detail,
    limit_rows_keeping,
    limit_samples,
    limit_sections,
    note_cut_excerpts,
)
from edgar_sentinel.report.markdown_parts import cut_note, table

_TITLES = {
    GateStatus.PASS: "passed",
    GateStatus.WARN: "passed with warnings",
    GateStatus.FAIL: "failed",
    GateStatus.ERROR: "could not run",
}


class GateMarkdownRenderer:
    """Renders a ``GateReport`` at a given level of detail."""

    kind = "gate"
    fmt = "markdown"

    def render(self, report: GateReport, detail: Detail) -> str:
        cuts = Cuts()
        body: list[str] = []
        if report.errors:
            body.append(_errors(report.errors, detail, cuts))
        if not detail.summary_only:
            blocking = [r for r in report.validation_table if r.blocking]
            others = [r for r in report.validation_table if not r.blocking]
            body.append(_checks("Blocking checks", blocking, detail, cuts))
            body.append(_checks("Other checks", others, detail, cuts))
            body.append(_findings(report.findings, detail, cuts))
            body.append(_quarantine(report.per_file, detail, cuts))
        else:
            cuts.add(
                f"the check tables, {values.count(len(report.findings), 'finding')} and "
                f"{values.count(len(report.per_file), 'offending filing')} are left out"
            )
        head = [_title(report), _summary(report)]
        if cuts:
            head.append(cut_note(cuts))
        parts = [*head, *(p for p in body if p), _identity(report)]
        return "\n\n".join(parts) + "\n"


def _title(report: GateReport) -> str:
    status = report.status
    return (
        f"### {values.icon(status)} edgar-sentinel gate {_TITLES[status]}: "
        f"{status.value} · {report.go_no_go.value}"
    )


def _summary(report: GateReport) -> str:
    o = report.overall_summary
    files = (
        f"{values.count(report.files_checked, 'file')} ({o.files_failed:,} failed, "
        f"{o.files_warned:,} warned, {o.files_unreadable:,} unreadable, "
        f"{values.count(o.dead_letters, 'dead letter')})"
    )
    checks = (
        f"{o.checks_passed:,} of {values.count(o.checks_total, 'check')} passed "
        f"({o.checks_warned:,} warned, {o.checks_failed:,} failed, "
        f"{o.checks_errored:,} errored, {o.checks_skipped:,} skipped)"
    )
    b = report.blocking_summary
    blocking = f"blocking: {b.passed:,} of {b.total_blocking:,} passed"
    return (
        f"**{report.status.value}** · **{report.go_no_go.value}** · {files} · "
        f"{values.count(report.segments_checked, 'segment')} · {checks} · {blocking}"
    )


def _errors(errors: Sequence[str], detail: Detail, cuts: Cuts) -> str:
    limit = 3 if detail.summary_only else None if detail.rows is None else max(detail.rows, 5)
    shown = errors if limit is None else errors[:limit]
    if len(shown) < len(errors):
        cuts.add(f"{len(errors) - len(shown):,} of {len(errors):,} run errors left out")
    width = 100 if detail.summary_only else 300
    lines = [f"- {md_text(e, max_len=width)}" for e in shown]
    return "**Why the run could not be validated**\n\n" + "\n".join(lines)


def _checks(title: str, rows: Sequence[ValidationRow], detail: Detail, cuts: Cuts) -> str:
    if not rows:
        return ""
    header = ["", "Check", "Actual", "Target", "Δ since last GO", "Status"]
    body = [
        [
            values.icon(r.status),
            f"{md_text(r.display_name, max_len=120)}<br><sub>{md_text(r.metric, max_len=80)}</sub>",
            md_text(values.value(r.actual, r.metric_type)),
            md_text(values.target(r)),
            md_text(values.delta(r.delta, r.metric_type)),
            r.status.value,
        ]
        for r in _rows_to_show(rows, detail, cuts, title.lower())
    ]
    return f"#### {title}\n\n" + table(header, body, align="c-r-r-")


def _rows_to_show(
    rows: Sequence[ValidationRow], detail: Detail, cuts: Cuts, what: str
) -> Sequence[ValidationRow]:
    limit = None if detail.rows is None else max(detail.rows, 10)
    if limit is None or len(rows) <= limit:
        return rows
    # Keep every row that is not PASS first, then passing rows, in registry order.
    ordered = [r for r in rows if r.status is not CheckStatus.PASS] + [
        r for r in rows if r.status is CheckStatus.PASS
    ]
    shown = {id(r) for r in ordered[:limit]}
    cuts.add(f"{len(rows) - limit:,} of {len(rows):,} {what} left out (passing ones first)")
    return [r for r in rows if id(r) in shown]


def _findings(findings: Sequence[Finding], detail: Detail, cuts: Cuts) -> str:
    if not findings:
        return ""
    if not detail.details:
        cuts.add(f"the samples of {values.count(len(findings), 'failing or warning check')}")
        return ""
    shown = limit_sections(findings, detail, cuts, "check details")
    sections = [_finding(f, detail, cuts) for f in shown]
    return "#### Findings\n\n" + "\n\n".join(sections)


def _finding(finding: Finding, detail: Detail, cuts: Cuts) -> str:
    samples = limit_samples(finding.samples, detail, cuts, "sample", "check")
    note_cut_excerpts((s.excerpt for s in samples), detail, cuts)
    shown = f", showing {len(samples)}" if len(samples) < finding.offending else ""
    kind = "blocking" if finding.blocking else "non-blocking"
    summary = (
        f"{values.icon(finding.status)} {finding.status.value} · {md_text(finding.metric)} "
        f"({kind}) · {values.count(finding.offending, 'offending item')}{shown}"
    )
    lines = [
        "<details>",
        f"<summary>{summary}</summary>",
        "",
        md_text(finding.message, max_len=500),
    ]
    if samples:
        header = ["File", "CIK", "Accession", "Segment", "Excerpt"]
        rows = [
            [
                md_text(s.file, max_len=100),
                md_text(s.cik or values.DASH),
                md_text(s.accession or values.DASH),
                values.DASH if s.segment_index is None else str(s.segment_index),
                md_text(s.excerpt, max_len=detail.excerpt_chars),
            ]
            for s in samples
        ]
        lines += ["", table(header, rows, align="---r-")]
    lines += ["", "</details>"]
    return "\n".join(lines)


def _fails(file: FileResult) -> bool:
    return file.status is CheckStatus.FAIL


def _quarantine(files: Sequence[FileResult], detail: Detail, cuts: Cuts) -> str:
    if not files:
        return ""
    shown = limit_rows_keeping(files, _fails, detail, cuts, "offending filings")
    title = f"#### Offending filings ({len(files):,})"
    if not shown:
        return title + "\n\nListed in the JSON and HTML reports."
    header = ["", "File", "Company", "CIK", "Accession", "Failed", "Warned"]
    rows = [
        [
            values.icon(f.status),
            md_text(f.file, max_len=100),
            md_text(f.company_name or values.DASH, max_len=80),
            md_text(f.cik or values.DASH),
            md_text(f.accession or values.DASH),
            md_text(", ".join(f.failed_checks) or values.DASH, max_len=200),
            md_text(", ".join(f.warned_checks) or values.DASH, max_len=200),
        ]
        for f in shown
    ]
    return f"{title}\n\n" + table(header, rows, align="c------")


def _identity(report: GateReport) -> str:
    dataset = report.dataset.name or report.dataset.id
    baseline = (
        f"changes compare with GO run #{report.baseline.run_id} of "
        f"{report.baseline.timestamp:%Y-%m-%d %H:%M} UTC"
        if report.baseline
        else "no earlier GO run to compare with"
    )
    items = [
        f"run {md_text(report.run_directory, max_len=200)}",
        f"dataset {md_text(dataset, max_len=120)}",
        f"edgar-sentinel {md_text(report.tool_version, max_len=40)}",
        f"thresholds sha256 {report.thresholds_sha256[:12]} "
        f"({md_text(', '.join(report.thresholds_sources), max_len=200)})",
        f"{report.timestamp:%Y-%m-%d %H:%M:%S} UTC",
        md_text(baseline),
    ]
    return "<sub>" + " · ".join(items) + "</sub>"


__all__ = ["GateMarkdownRenderer"]
