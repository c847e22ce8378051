"""The batch survives misbehaving workers: hangs, hard crashes, memory errors, bugs.

The process function (``batch_helpers.misbehaving_process``) misbehaves according to the
input's file name. They run in
real worker processes (no mock of the pool), so a hang really hangs a process and a crash
really kills one.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from edgar_sentinel.exit_codes import ExitCode
from edgar_sentinel.models import DeadLetterReason
from edgar_sentinel.preprocess.batch import RunSummary, run_preprocessing
from edgar_sentinel.preprocess.journal import JOURNAL_DIR, JOURNAL_FILE
from edgar_sentinel.preprocess.pool import WorkerPoolError
from edgar_sentinel.runs import MANIFEST_FILE, filing_paths
from edgar_sentinel.settings import PreprocessSettings, Settings
from tests.preprocess.batch_helpers import dead_pool, make_inputs, misbehaving_process


def run(inputs: list[Path], out: Path, *, timeout: float = 60.0, workers: int = 2) -> RunSummary:
    settings = Settings(preprocess=PreprocessSettings(timeout_seconds=timeout))
    return run_preprocessing(
        inputs, out=out, settings=settings, workers=workers, process_fn=misbehaving_process
    )


def reasons(summary: RunSummary) -> dict[str, DeadLetterReason]:
    return {Path(d.path).name: d.reason for d in summary.dead_letters}


def test_hang_and_hard_crash_are_dead_lettered_and_the_run_goes_on(tmp_path: Path) -> None:
    inputs = make_inputs(
        tmp_path / "in",
        ["a-ok.htm", "b-ok.htm", "c-hang.htm", "d-crash.htm", "e-ok.htm", "f-ok.htm"],
    )

    summary = run(inputs, tmp_path / "runs", timeout=3.0)

    assert reasons(summary) == {
        "c-hang.htm": DeadLetterReason.TIMEOUT,
        "d-crash.htm": DeadLetterReason.WORKER_CRASH,
    }
    assert sorted(p.name for p in filing_paths(summary.run_dir)) == [
        "a-ok.json",
        "b-ok.json",
        "e-ok.json",
        "f-ok.json",
    ]
    assert summary.exit_code is ExitCode.PARTIAL
    hang = next(d for d in summary.dead_letters if d.reason is DeadLetterReason.TIMEOUT)
    assert "3 s" in hang.message and hang.stage == "worker"


def test_simultaneous_crashes_are_attributed_to_the_right_files(tmp_path: Path) -> None:
    # Two crashing files side by side break the pool together; re-running the suspects
    # one at a time pins each crash on its own file and spares the innocent ones.
    inputs = make_inputs(
        tmp_path / "in",
        ["a-crash.htm", "b-segfault.htm", "c-ok.htm", "d-ok.htm", "e-crash.htm"],
    )

    summary = run(inputs, tmp_path / "runs")

    assert reasons(summary) == {
        "a-crash.htm": DeadLetterReason.WORKER_CRASH,
        "b-segfault.htm": DeadLetterReason.WORKER_CRASH,
        "e-crash.htm": DeadLetterReason.WORKER_CRASH,
    }
    assert summary.manifest.counts.processed == 2


def test_exceptions_become_specific_dead_letters(tmp_path: Path) -> None:
    inputs = make_inputs(tmp_path / "in", ["bug.htm", "oom.htm", "reject.htm", "ok.htm"])

    summary = run(inputs, tmp_path / "runs")

    assert reasons(summary) == {
        "bug.htm": DeadLetterReason.INTERNAL_ERROR,
        "oom.htm": DeadLetterReason.WORKER_CRASH,
        "reject.htm": DeadLetterReason.EMPTY_FILE,
    }
    bug = next(d for d in summary.dead_letters if d.reason is DeadLetterReason.INTERNAL_ERROR)
    assert "ValueError: unexpected markup" in bug.message
    assert "bug in edgar-sentinel" in bug.message
    assert summary.manifest.counts.processed == 1
    assert (summary.run_dir / MANIFEST_FILE).is_file()


@pytest.mark.parametrize("workers", [1, 3])
def test_every_input_has_exactly_one_outcome(tmp_path: Path, workers: int) -> None:
    names = [f"{i:02d}-{kind}.htm" for i, kind in enumerate(["ok", "crash", "ok", "bug"] * 2)]
    inputs = make_inputs(tmp_path / "in", names)

    summary = run(inputs, tmp_path / "runs", workers=workers)

    outcomes = [Path(i.path).name for i in summary.manifest.inputs]
    assert outcomes == sorted(names)
    assert summary.manifest.counts.processed == 4
    assert summary.manifest.counts.dead_lettered == 4
    assert len(summary.dead_letters) == 4


def test_workers_that_cannot_start_stop_the_run_instead_of_blaming_every_file(
    tmp_path: Path,
) -> None:
    inputs = make_inputs(tmp_path / "in", ["a.htm", "b.htm", "c.htm"])

    with pytest.raises(WorkerPoolError, match="die before they can run anything"):
        run_preprocessing(
            inputs,
            out=tmp_path / "runs",
            settings=Settings(),
            workers=2,
            executor_factory=dead_pool,
            process_fn=misbehaving_process,
        )

    [run_dir] = (tmp_path / "runs").iterdir()
    assert not (run_dir / MANIFEST_FILE).exists()  # unfinished, resumable
    assert (run_dir / JOURNAL_DIR / JOURNAL_FILE).read_bytes() == b""  # nobody blamed


def test_a_filing_that_needs_more_memory_than_a_worker_may_have_is_dead_lettered(
    tmp_path: Path,
) -> None:
    inputs = make_inputs(tmp_path / "in", ["greedy.htm", "ok.htm"])
    settings = Settings(preprocess=PreprocessSettings(worker_memory_mb=768))

    summary = run_preprocessing(
        inputs, out=tmp_path / "runs", settings=settings, workers=1, process_fn=misbehaving_process
    )

    assert reasons(summary) == {"greedy.htm": DeadLetterReason.WORKER_CRASH}
    assert "ran out of memory" in summary.dead_letters[0].message
    assert summary.manifest.counts.processed == 1
