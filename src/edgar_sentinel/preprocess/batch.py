"""The preprocessing batch: many inputs in, one stamped, crash-safe run directory out.

``run_preprocessing`` expands the inputs, creates the run directory, runs the per-file
pipeline on a worker pool (``preprocess.pool``), journals each outcome
(``preprocess.journal``) and finally writes ``filings/``, ``dead_letter.jsonl``,
``RUN_REPORT.md`` and ``manifest.json``. An interrupted run is finished with ``resume=``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, Protocol

from edgar_sentinel.cpus import available_cpus
from edgar_sentinel.errors import RunDirectoryError, UsageError
from edgar_sentinel.exit_codes import ExitCode
from edgar_sentinel.models import DeadLetter
from edgar_sentinel.preprocess.inputs import expand_inputs
from edgar_sentinel.preprocess.journal import RunJournal, is_unfinished
from edgar_sentinel.preprocess.manifest import InputOutcome, Manifest
from edgar_sentinel.preprocess.pool import ExecutorFactory, process_pool_factory, run_tasks
from edgar_sentinel.preprocess.run_report import render_run_report
from edgar_sentinel.preprocess.tasks import ProcessFn, Task, TaskResult
from edgar_sentinel.runs import MANIFEST_FILE, git_sha7, new_run_dir, read_dead_letters
from edgar_sentinel.settings import Settings

RUN_STAGE = "preprocessing"


class Progress(Protocol):
    """Receives progress events; the CLI shows a bar or log lines, the library stays silent."""

    def start(self, *, run_dir: Path, total: int, completed: int) -> None: ...

    def advance(self, *, path: str, outcome: InputOutcome, detail: str) -> None:
        """``detail`` is the Item 1A status, or the dead-letter reason code."""

    def finish(self) -> None: ...


class SilentProgress:
    def start(self, *, run_dir: Path, total: int, completed: int) -> None:
        return None

    def advance(self, *, path: str, outcome: InputOutcome, detail: str) -> None:
        return None

    def finish(self) -> None:
        return None


@dataclass(frozen=True)
class RunSummary:
    """The outcome of a preprocessing run."""

    run_dir: Path
    manifest: Manifest
    dead_letters: list[DeadLetter]

    @property
    def exit_code(self) -> ExitCode:
        return ExitCode.PARTIAL if self.manifest.counts.dead_lettered else ExitCode.OK

    def to_json(self) -> dict[str, Any]:
        """The machine-readable summary printed by ``preprocess --json``."""
        counts = self.manifest.counts
        return {
            "run_dir": str(self.run_dir),
            "exit_code": int(self.exit_code),
            "inputs": counts.inputs,
            "processed": counts.processed,
            "dead_lettered": counts.dead_lettered,
            "item1a_status": counts.item1a_status,
            "warnings": counts.warnings,
            "dead_letters": [d.model_dump(mode="json") for d in self.dead_letters],
        }


def _size(path: str) -> int:
    try:
        return Path(path).stat().st_size
    except OSError:
        return 0


def _default_process_fn() -> ProcessFn:
    from edgar_sentinel.preprocess.pipeline import process_file

    return process_file


def _completed_summary(run_dir: Path) -> RunSummary:
    manifest = Manifest.model_validate_json((run_dir / MANIFEST_FILE).read_bytes())
    return RunSummary(run_dir=run_dir, manifest=manifest, dead_letters=read_dead_letters(run_dir))


def _open_resume(resume: Path, inputs: Sequence[str | Path]) -> RunJournal | RunSummary:
    if inputs:
        raise UsageError(
            "--resume takes its inputs from the interrupted run; do not pass INPUT too",
            hint=f"run: edgar-sentinel preprocess --resume {resume}",
        )
    if not resume.is_dir():
        raise RunDirectoryError(f"run directory not found: {resume}")
    if not is_unfinished(resume) and (resume / MANIFEST_FILE).is_file():
        return _completed_summary(resume)
    return RunJournal.open(resume)


def run_preprocessing(
    inputs: Sequence[str | Path],
    *,
    out: Path,
    settings: Settings,
    workers: int | None = None,
    resume: Path | None = None,
    executor_factory: ExecutorFactory | None = None,
    progress: Progress | None = None,
    process_fn: ProcessFn | None = None,
) -> RunSummary:
    """Preprocess ``inputs`` (files, folders, globs) into a new run directory under ``out``.

    With ``resume``, finish that interrupted run instead: its recorded inputs and
    configuration are used (``inputs`` must be empty, ``settings`` is ignored), inputs
    already journaled are kept, and a run that is already complete is returned as is.
    Raises ``UsageError`` when no input matches; per-file problems never raise, they
    become dead letters.
    """
    sink: Progress = progress or SilentProgress()
    fn = process_fn or _default_process_fn()
    if resume is not None:
        opened = _open_resume(resume, inputs)
        if isinstance(opened, RunSummary):
            return opened
        journal = opened
    else:
        paths = expand_inputs(inputs)
        sha = git_sha7()
        try:
            run_dir = new_run_dir(out, RUN_STAGE, git_sha=sha or "nogit")
        except OSError as exc:
            raise UsageError(
                f"cannot create a run directory in {out}: {exc.strerror or exc}",
                hint="pass a writable folder with --out",
            ) from exc
        journal = RunJournal.create(run_dir, inputs=paths, settings=settings, git_sha=sha)
    effective = journal.settings
    pool_size = workers or available_cpus()
    pending = journal.pending()
    if pool_size > 1:  # largest first: no worker is left alone with a big file at the end
        pending.sort(key=lambda i: -_size(journal.plan.inputs[i]))
    total = len(journal.plan.inputs)
    sink.start(run_dir=journal.run_dir, total=total, completed=total - len(pending))

    def on_result(result: TaskResult) -> None:
        entry = journal.record(result)
        if entry.dead_letter is not None:
            sink.advance(
                path=entry.path,
                outcome=InputOutcome.DEAD_LETTERED,
                detail=entry.dead_letter.reason.value,
            )
        else:
            status = entry.item1a_status.value if entry.item1a_status else "unknown"
            sink.advance(path=entry.path, outcome=InputOutcome.PROCESSED, detail=status)

    run_name = journal.run_dir.name
    try:
        try:
            run_tasks(
                (Task(i, journal.plan.inputs[i], effective, fn) for i in pending),
                workers=pool_size,
                timeout=effective.preprocess.timeout_seconds,
                on_result=on_result,
                executor_factory=executor_factory
                or partial(process_pool_factory, memory_mb=effective.preprocess.worker_memory_mb),
            )
        finally:
            sink.finish()
        manifest, letters = journal.finalize(
            render_report=lambda m, letters: render_run_report(m, letters, run_name=run_name)
        )
    finally:
        journal.close()
    return RunSummary(run_dir=journal.run_dir, manifest=manifest, dead_letters=letters)


__all__ = [
    "Progress",
    "RunSummary",
    "SilentProgress",
    "run_preprocessing",
]
