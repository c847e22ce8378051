"""``edgar-sentinel preprocess``: filings in, a stamped run directory out.

Progress goes to stderr (a rich bar on a terminal, plain log lines otherwise); stdout
carries only the result (``--json``: one JSON document).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from edgar_sentinel.cli.main import app, err_console
from edgar_sentinel.exit_codes import ExitCode
from edgar_sentinel.preprocess.batch import RunSummary, run_preprocessing
from edgar_sentinel.preprocess.manifest import InputOutcome
from edgar_sentinel.runs import DEAD_LETTER_FILE, RUN_REPORT_FILE
from edgar_sentinel.settings import load_settings


class _FilesPerSecond(ProgressColumn):
    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f} files/s" if speed else "- files/s", style="cyan")


class BarProgress:
    """A rich progress bar with files/s and ETA; dead letters are printed above it."""

    def __init__(self, console: Console) -> None:
        self._console = console
        self._bar = Progress(
            TextColumn("preprocessing"),
            BarColumn(),
            MofNCompleteColumn(),
            _FilesPerSecond(),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=console,
            transient=False,
        )
        self._task = self._bar.add_task("preprocessing", total=None)
        self.run_dir: Path | None = None

    def start(self, *, run_dir: Path, total: int, completed: int) -> None:
        self.run_dir = run_dir
        self._console.print(f"run directory: {run_dir}", highlight=False, markup=False)
        self._bar.update(self._task, total=total, completed=completed)
        self._bar.start()

    def advance(self, *, path: str, outcome: InputOutcome, detail: str) -> None:
        if outcome is InputOutcome.DEAD_LETTERED:
            self._bar.console.print(
                f"[yellow]dead letter[/] {escape(Path(path).name)}: {detail}", highlight=False
            )
        self._bar.advance(self._task)

    def finish(self) -> None:
        self._bar.stop()


class LogProgress:
    """One plain line per input on stderr, for logs and CI."""

    def __init__(self) -> None:
        self.run_dir: Path | None = None
        self._total = 0
        self._done = 0

    def _log(self, line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    def start(self, *, run_dir: Path, total: int, completed: int) -> None:
        self.run_dir = run_dir
        self._total, self._done = total, completed
        self._log(f"preprocess: run directory {run_dir}; {total - completed} of {total} to do")

    def advance(self, *, path: str, outcome: InputOutcome, detail: str) -> None:
        self._done += 1
        word = "processed" if outcome is InputOutcome.PROCESSED else "dead letter"
        self._log(f"preprocess: [{self._done}/{self._total}] {word}: {Path(path).name} ({detail})")

    def finish(self) -> None:
        return None


def _render(summary: RunSummary) -> None:
    counts = summary.manifest.counts
    out = Console(highlight=False, soft_wrap=True, markup=False)
    out.print(f"run directory: {summary.run_dir}")
    out.print(
        f"{counts.inputs} inputs: {counts.processed} processed, "
        f"{counts.dead_lettered} dead-lettered"
    )
    for status, n in counts.item1a_status.items():
        out.print(f"  item 1A {status}: {n}")
    for letter in summary.dead_letters:
        out.print(f"  dead letter {letter.path}: {letter.reason.value}: {letter.message}")
    if counts.dead_lettered:
        out.print(f"see {summary.run_dir / RUN_REPORT_FILE} and {DEAD_LETTER_FILE}")


@app.command("preprocess")
def preprocess(
    inputs: Annotated[
        list[str] | None,
        typer.Argument(
            help="Filing files, folders (searched recursively) or glob patterns.",
            metavar="INPUT...",
            show_default=False,
        ),
    ] = None,
    *,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            help="Parent folder of the run directory.",
            show_default="preprocess.out_dir setting",
        ),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option("--workers", min=1, help="Worker processes.", show_default="number of CPUs"),
    ] = None,
    resume: Annotated[
        Path | None,
        typer.Option("--resume", help="Finish this interrupted run directory instead."),
    ] = None,
    json_output: Annotated[
        bool, typer.Option("--json", help="Print a JSON summary (with run_dir) on stdout.")
    ] = False,
    config: Annotated[
        Path | None, typer.Option("--config", help="YAML configuration file.")
    ] = None,
) -> None:
    """Preprocess 10-K filings into a stamped run directory (filings/, manifest, dead letters).

    Exit codes: 0 every input processed; 3 some inputs dead-lettered; 2 usage or
    configuration error (nothing processed).
    """
    # A resumed run uses the configuration recorded in its plan: --config is not read.
    settings = load_settings(None if resume is not None else config)
    progress: BarProgress | LogProgress = (
        BarProgress(err_console) if err_console.is_terminal else LogProgress()
    )
    try:
        summary = run_preprocessing(
            inputs or [],
            out=out if out is not None else Path(settings.preprocess.out_dir),
            settings=settings,
            workers=workers,
            resume=resume,
            progress=progress,
        )
    except KeyboardInterrupt:
        where = progress.run_dir or "RUN_DIR"
        err_console.print(
            f"interrupted: finish the run with: edgar-sentinel preprocess --resume {where}",
            highlight=False,
            markup=False,
        )
        raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
    if json_output:
        typer.echo(json.dumps(summary.to_json(), indent=2, sort_keys=True))
    else:
        _render(summary)
    raise typer.Exit(int(summary.exit_code))


__all__ = ["BarProgress", "LogProgress", "preprocess"]
