"""Turn merged aggregates into the ``GateReport``: rows, findings, per-file list, decision."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from edgar_sentinel.gate.checks.completeness import DEAD_LETTER, FILING_READABLE
from edgar_sentinel.gate.partial import CheckAgg, Partial
from edgar_sentinel.gate.registry import Aggregation, all_checks
from edgar_sentinel.gate.result import (
    Baseline,
    BlockingSummary,
    CheckStatus,
    DatasetIdentity,
    Decision,
    FileResult,
    Finding,
    GateReport,
    GateStatus,
    OverallSummary,
    Sample,
    ValidationRow,
)
from edgar_sentinel.gate.thresholds import ThresholdSet, ThresholdSpec

_BAD = (CheckStatus.FAIL, CheckStatus.ERROR)


def _fmt(value: float) -> str:
    return f"{value:.4g}"


def _row(
    spec: ThresholdSpec, agg: CheckAgg, previous: Mapping[str, float | None] | None
) -> ValidationRow:
    check = all_checks()[spec.name]
    numerator: int | None = None
    denominator: int | None = agg.measured
    actual: float | None
    if check.aggregation is Aggregation.MINIMUM:
        actual, denominator = agg.minimum, None
    elif agg.measured == 0:
        actual = None
    elif check.aggregation is Aggregation.RATE_OK:
        numerator = agg.measured - agg.offending
        actual = numerator / agg.measured
    else:
        numerator = agg.offending
        actual = numerator / agg.measured
    if actual is None:
        status = CheckStatus.SKIPPED
        message = f"{spec.display_name}: nothing to measure"
    else:
        status = spec.evaluate(actual)
        counted = "" if numerator is None else f" ({numerator}/{denominator} {check.unit.value})"
        bound = (
            f"[{_fmt(spec.target)}, {_fmt(spec.target_upper)}]"
            if spec.target_upper is not None
            else _fmt(spec.target)
        )
        message = f"{spec.display_name} = {_fmt(actual)}{counted}; target {spec.operator} {bound}"
    prev = previous.get(spec.name) if previous else None
    return ValidationRow(
        category=spec.category,
        metric=spec.name,
        display_name=spec.display_name,
        description=spec.description,
        metric_type=spec.metric_type,
        unit=check.unit,
        operator=spec.operator,
        target=spec.target,
        target_upper=spec.target_upper,
        warn_threshold=spec.warn_threshold,
        actual=actual,
        numerator=numerator,
        denominator=denominator,
        status=status,
        go_no_go=Decision.NO_GO if spec.blocking and status in _BAD else Decision.GO,
        blocking=spec.blocking,
        previous_actual=prev,
        delta=None if prev is None or actual is None else actual - prev,
        message=message,
    )


def _finding(row: ValidationRow, agg: CheckAgg, cap: int) -> Finding:
    samples = [
        Sample(
            file=file,
            cik=cik,
            accession=acc,
            segment_index=None if seg < 0 else seg,
            excerpt=text,
        )
        for file, seg, cik, acc, text in agg.samples[:cap]
    ]
    return Finding(
        metric=row.metric,
        category=row.category,
        status=row.status,
        blocking=row.blocking,
        message=row.message,
        offending=agg.offending,
        samples=samples,
        samples_truncated=agg.offending > len(samples),
    )


def build_report(
    *,
    partial: Partial,
    thresholds: ThresholdSet,
    run_directory: str,
    dataset: DatasetIdentity,
    tool_version: str,
    timestamp: datetime,
    baseline: Baseline | None,
    previous: Mapping[str, float | None] | None,
    max_samples: int,
    fail_on_warn: bool,
) -> GateReport:
    specs = thresholds.enabled()
    rows = [_row(s, partial.checks.get(s.name, CheckAgg()), previous) for s in specs]
    findings = [
        _finding(r, partial.checks.get(r.metric, CheckAgg()), max_samples)
        for r in rows
        if r.status in (CheckStatus.WARN, CheckStatus.FAIL, CheckStatus.ERROR)
    ]
    blocking = {s.name for s in specs if s.blocking}
    per_file = []
    for file in sorted(partial.problems):
        entry = partial.problems[file]
        names = [s.name for s in specs if s.name in entry.checks]
        failed = [n for n in names if n in blocking]
        warned = [n for n in names if n not in blocking]
        if not names:
            continue
        per_file.append(
            FileResult(
                file=file,
                cik=entry.cik,
                accession=entry.accession,
                company_name=entry.company_name,
                status=CheckStatus.FAIL if failed else CheckStatus.WARN,
                failed_checks=failed,
                warned_checks=warned,
            )
        )
    count = {st: sum(r.status is st for r in rows) for st in CheckStatus}
    evaluated = [r for r in rows if r.status is not CheckStatus.SKIPPED]
    blocking_rows = [r for r in evaluated if r.blocking]
    errors: list[str] = []
    if partial.files == 0:
        errors.append("the run has no filings to validate")
    elif not evaluated:
        errors.append("no check could be evaluated")
    if errors:
        status = GateStatus.ERROR
    elif any(r.status in _BAD for r in blocking_rows):
        status = GateStatus.FAIL
    elif any(r.status is not CheckStatus.PASS for r in evaluated):
        status = GateStatus.WARN
    else:
        status = GateStatus.PASS
    go = status is GateStatus.PASS or (status is GateStatus.WARN and not fail_on_warn)
    files_failed = sum(f.status is CheckStatus.FAIL for f in per_file)
    files_warned = len(per_file) - files_failed
    readable = partial.checks.get(FILING_READABLE, CheckAgg())
    dead = partial.checks.get(DEAD_LETTER, CheckAgg())
    return GateReport(
        status=status,
        go_no_go=Decision.GO if go else Decision.NO_GO,
        timestamp=timestamp,
        run_directory=run_directory,
        dataset=dataset,
        tool_version=tool_version,
        thresholds_sha256=thresholds.sha256,
        thresholds_sources=list(thresholds.sources),
        files_checked=partial.files,
        segments_checked=partial.segments,
        blocking_summary=BlockingSummary(
            total_blocking=len(blocking_rows),
            passed=sum(r.status is CheckStatus.PASS for r in blocking_rows),
            failed=sum(r.status in _BAD for r in blocking_rows),
            warned=sum(r.status is CheckStatus.WARN for r in blocking_rows),
            all_pass=bool(blocking_rows) and not any(r.status in _BAD for r in blocking_rows),
        ),
        overall_summary=OverallSummary(
            files_passed=partial.files - len(per_file),
            files_warned=files_warned,
            files_failed=files_failed,
            files_unreadable=readable.offending,
            dead_letters=dead.offending,
            checks_total=len(rows),
            checks_passed=count[CheckStatus.PASS],
            checks_warned=count[CheckStatus.WARN],
            checks_failed=count[CheckStatus.FAIL],
            checks_errored=count[CheckStatus.ERROR],
            checks_skipped=count[CheckStatus.SKIPPED],
        ),
        validation_table=rows,
        findings=findings,
        per_file=per_file,
        baseline=baseline,
        errors=errors,
    )


__all__ = ["build_report"]
