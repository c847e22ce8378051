"""``edgar-sentinel validate RUN_DIR``: the data-quality gate.

Exit codes: 0 GO, 1 NO-GO (or WARN with ``--fail-on-warn``), 2 could not validate
(missing directory, no filings, unreadable thresholds).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from edgar_sentinel.cli.main import app
from edgar_sentinel.exit_codes import ExitCode
from edgar_sentinel.gate import validate_run
from edgar_sentinel.gate.result import CheckStatus, Decision, GateReport, GateStatus
from edgar_sentinel.report.values import delta, target, value
from edgar_sentinel.runs import dump_json
from edgar_sentinel.settings import load_settings

_STYLE = {
    CheckStatus.PASS: "green",
    CheckStatus.WARN: "yellow",
    CheckStatus.FAIL: "red",
    CheckStatus.ERROR: "red",
    CheckStatus.SKIPPED: "dim",
}


def exit_code(report: GateReport) -> ExitCode:
    """ERROR -> 2 (could not validate), NO-GO -> 1, GO -> 0."""
    if report.status is GateStatus.ERROR:
        return ExitCode.USAGE
    return ExitCode.OK if report.go_no_go is Decision.GO else ExitCode.NO_GO


def _render(report: GateReport, console: Console) -> None:
    table = Table(title=f"Gate: {report.run_directory}", show_lines=False)
    for col in ("status", "check", "actual", "target", "blocking", "delta"):
        table.add_column(col)
    for row in report.validation_table:
        style = _STYLE[row.status]
        table.add_row(
            f"[{style}]{row.status}[/]",
            row.metric,
            value(row.actual, row.metric_type),
            target(row),
            "yes" if row.blocking else "no",
            delta(row.delta, row.metric_type),
        )
    console.print(table)
    for finding in report.findings:
        console.print(f"[bold]{finding.metric}[/] {finding.status}: {finding.offending} offending")
        for s in finding.samples[:5]:
            seg = "" if s.segment_index is None else f" segment {s.segment_index}"
            identity = f"CIK {s.cik or '-'}, accession {s.accession or '-'}"
            console.print(f"  {s.file} ({identity}){seg}: {s.excerpt}")
    for error in report.errors:
        console.print(f"[red]error:[/] {error}")
    colour = "green" if report.go_no_go is Decision.GO else "red"
    console.print(
        f"[bold {colour}]{report.go_no_go}[/] status {report.status}: "
        f"{report.files_checked} filings, {report.segments_checked} segments, "
        f"{report.blocking_summary.failed} blocking check(s) failed"
    )


@app.command("validate")
def validate(
    run_dir: Annotated[Path, typer.Argument(help="Run directory made by 'preprocess'.")],
    *,
    thresholds: Annotated[
        Path | None, typer.Option("--thresholds", help="YAML merged over the defaults.")
    ] = None,
    output: Annotated[Path | None, typer.Option("--output", help="Write the JSON report.")] = None,
    markdown: Annotated[
        Path | None, typer.Option("--markdown", help="Write a markdown report.")
    ] = None,
    fail_on_warn: Annotated[
        bool, typer.Option("--fail-on-warn", help="Exit 1 when the gate only warns.")
    ] = False,
    workers: Annotated[
        int | None,
        typer.Option("--workers", min=1, help="Worker processes.", show_default="number of CPUs"),
    ] = None,
    resume: Annotated[
        bool, typer.Option("--resume", help="Continue an interrupted validation.")
    ] = False,
    store: Annotated[Path | None, typer.Option("--store", help="History store file.")] = None,
    dataset: Annotated[
        str | None, typer.Option("--dataset", help="Name the dataset for history.")
    ] = None,
    no_history: Annotated[
        bool, typer.Option("--no-history", help="Do not record this validation.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the JSON report.")] = False,
    step_summary: Annotated[
        bool, typer.Option("--step-summary", help="Append the report to $GITHUB_STEP_SUMMARY.")
    ] = False,
    config: Annotated[Path | None, typer.Option("--config", help="Settings YAML.")] = None,
) -> None:
    """Check a run directory against the data-quality thresholds and decide Go/No-Go."""
    gate = load_settings(config).gate
    report = validate_run(
        run_dir,
        thresholds=thresholds or gate.thresholds_file,
        workers=workers or gate.workers,
        resume=resume,
        store_path=store or gate.store_path,
        record=not no_history,
        dataset_name=dataset,
        fail_on_warn=fail_on_warn or gate.fail_on_warn,
        max_samples=gate.max_samples,
        chunk_size=gate.chunk_size,
    )
    document = dump_json(report.model_dump(mode="json"))
    if output is not None or markdown is not None:
        from edgar_sentinel.report import render
        from edgar_sentinel.report.write import write_text_atomic

        if output is not None:
            write_text_atomic(output, document.decode("utf-8"))
        if markdown is not None:
            write_text_atomic(markdown, render(report, fmt="markdown"))
    if step_summary:
        from edgar_sentinel.report import write_step_summary

        write_step_summary(report)
    if as_json:
        typer.echo(document.decode("utf-8"), nl=False)
    else:
        _render(report, Console())
    raise typer.Exit(int(exit_code(report)))


__all__ = ["exit_code", "validate"]
