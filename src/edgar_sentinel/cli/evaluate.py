"""``edgar-sentinel evaluate``: measure a preprocessing run against labels.

Exit codes: 0 every accuracy target met; 1 at least one target missed (or no record
matched a label); 2 usage error (missing run directory or unreadable labels file).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from edgar_sentinel.cli.main import app
from edgar_sentinel.exit_codes import ExitCode
from edgar_sentinel.preprocess.evaluate import EvaluationResult, FilingEvaluation, evaluate_run

DEFAULT_LABELS = Path("labels") / "filings.jsonl"


def _mark(value: bool | None) -> str:
    if value is None:
        return "[dim]-[/]"
    return "[green]ok[/]" if value else "[red]FAIL[/]"


def _risks(f: FilingEvaluation) -> str:
    if f.expected_risk_count is None:
        return "[dim]-[/]"
    text = f"{f.risk_count}/{f.expected_risk_count}"
    return text if f.risk_count_ok else f"[red]{text}[/]"


def _render(result: EvaluationResult, console: Console) -> None:
    table = Table(title="Per-filing evaluation", show_lines=False)
    for column in ("file", "status", "meta", "first", "last", "risks", "failures"):
        table.add_column(column, overflow="fold")
    for f in result.filings:
        status = f.status.value if f.status_ok else f"[red]{f.status.value}[/]"
        meta_ok = sum(c.ok for c in f.metadata)
        meta = f"{meta_ok}/{len(f.metadata)}" if f.metadata else "-"
        table.add_row(
            f.file,
            status,
            meta,
            _mark(f.first_words_ok),
            _mark(f.last_words_ok),
            _risks(f),
            "; ".join(f.failures),
        )
    console.print(table)
    totals = Table(title="Targets")
    for column in ("target", "measured", "operator", "threshold", "passed/total", "result"):
        totals.add_column(column)
    for t in result.targets:
        measured = "n/a" if t.measured is None else f"{t.measured:.3f}"
        totals.add_row(
            t.name,
            measured,
            t.operator,
            f"{t.threshold:.2f}",
            f"{t.passed_count}/{t.total}",
            "[green]PASS[/]" if t.passed else "[red]FAIL[/]",
        )
    console.print(totals)
    if result.metadata_accuracy:
        parts = [f"{k} {v:.2f}" for k, v in result.metadata_accuracy.items()]
        console.print("metadata accuracy (informational): " + ", ".join(parts))
    if result.unmatched_labels:
        console.print(f"labels without a record in the run: {len(result.unmatched_labels)}")
    if result.unlabelled_records:
        console.print(f"records without a label: {len(result.unlabelled_records)}")
    verdict = "[green]all targets met[/]" if result.passed else "[red]targets missed[/]"
    console.print(f"{len(result.filings)} labelled filings evaluated: {verdict}")


@app.command("evaluate")
def evaluate(
    run_dir: Annotated[
        Path, typer.Argument(help="A preprocessing run directory.", show_default=False)
    ],
    *,
    labels: Annotated[
        Path,
        typer.Option("--labels", help="Labels file (JSON Lines, one object per filing)."),
    ] = DEFAULT_LABELS,
    json_output: Annotated[
        bool, typer.Option("--json", help="Print the evaluation as JSON on stdout.")
    ] = False,
) -> None:
    """Compare a run's filings with labels: status, first/last words, risk counts, metadata.

    Exit codes: 0 all targets met; 1 a target missed or nothing matched; 2 usage error.
    """
    result = evaluate_run(run_dir, labels)
    if json_output:
        typer.echo(result.model_dump_json(indent=2))
    else:
        _render(result, Console(highlight=False, soft_wrap=True))
    raise typer.Exit(int(ExitCode.OK if result.passed else ExitCode.NO_GO))


__all__ = ["evaluate"]
