"""``edgar-sentinel report REPORT.json``: render a gate or drift report.

Markdown goes to stdout unless ``--output`` is given; ``--step-summary`` also appends the
markdown to the GitHub Actions job summary, shortened to the room left under its 1 MiB.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from edgar_sentinel.cli.main import app, err_console
from edgar_sentinel.exit_codes import ExitCode


class ReportFormat(StrEnum):
    MARKDOWN = "markdown"
    HTML = "html"
    JSON = "json"


@app.command("report")
def report(
    report_file: Annotated[
        Path, typer.Argument(help="JSON report written by 'validate' or 'drift'.")
    ],
    *,
    fmt: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ReportFormat.MARKDOWN,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    step_summary: Annotated[
        bool,
        typer.Option(
            "--step-summary", help="Also append markdown to $GITHUB_STEP_SUMMARY (within 1 MiB)."
        ),
    ] = False,
    limit: Annotated[
        int | None,
        typer.Option("--limit", help="Shorten to at most this many bytes (e.g. 65536).", min=1),
    ] = None,
) -> None:
    """Render a JSON report as markdown, self-contained HTML or JSON."""
    from edgar_sentinel.report import load_report, render, write_step_summary
    from edgar_sentinel.report.write import write_text_atomic

    document = load_report(report_file)
    text = render(document, fmt=fmt.value, limit=limit)
    if output is None:
        typer.echo(text, nl=False)
    else:
        write_text_atomic(output, text)
        err_console.print(f"wrote {fmt.value} report to {output}", highlight=False)
    if step_summary and write_step_summary(document) is None:
        err_console.print(
            "note: GITHUB_STEP_SUMMARY is not set (not in GitHub Actions); no job summary",
            highlight=False,
        )
    raise typer.Exit(int(ExitCode.OK))


__all__ = ["ReportFormat", "report"]
