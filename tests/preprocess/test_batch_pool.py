"""The batch survives misbehaving workers: hangs, hard crashes, memory errors, bugs.

The process functions below misbehave according to the input's file name. They run in
real worker processes (no mock of the pool), so a hang really hangs a process and a crash
really kills one.
"""

from __future__ import annotations

import hashlib
import os
import signal
import time
from pathlib import Path

import pytest

from edgar_sentinel.errors import InputRejectedError
from edgar_sentinel.exit_codes import ExitCode
from edgar_sentinel.models import (
    DeadLetterReason,
    FilingRecord,
    Item1AStatus,
    SourceFormat,
)
from edgar_sentinel.preprocess.batch import RunSummary, run_preprocessing
from edgar_sentinel.runs import MANIFEST_FILE, filing_paths
from edgar_sentinel.settings import PreprocessSettings, Settings


def tiny_record(path: Path) -> FilingRecord:
    """A minimal valid record, so these tests do not depend on the extraction pipeline."""
    data = path.read_bytes()
    return FilingRecord(
        source_path=path.as_posix(),
        source_sha256=hashlib.sha256(data).hexdigest(),
        source_bytes=len(data),
        source_format=SourceFormat.HTML,
        cik=None,
        company_name=path.stem,
        form_type="10-K",
        period_of_report=None,
        fiscal_year=None,
        filed_at=None,
        sic_code=None,
        accession_number=None,
        ticker=None,
        field_sources={},
        item1a_status=Item1AStatus.NOT_FOUND,
        item1a_heading=None,
        item1a_text=None,
        segments=[],
        warnings=[],
    )


def misbehaving_process(path: Path, *, settings: Settings) -> FilingRecord:
    """Does what the file name says: hang, crash, segfault, oom, bug, reject; else works.

    Files in a folder named ``slow`` take a second.
    """
    name = path.name
    if "hang" in name:
        while True:  # a stuck parser: never returns, ignores nothing
            time.sleep(0.05)
    if "segfault" in name:
        os.kill(os.getpid(), signal.SIGSEGV)
    if "crash" in name:
        os._exit(1)
    if "oom" in name:
        raise MemoryError
    if "bug" in name:
        raise ValueError("unexpected markup")
    if "reject" in name:
        raise InputRejectedError("empty_file", "the file is empty; download it again")
    time.sleep(1.0 if path.parent.name == "slow" else 0.05)
    return tiny_record(path)


def make_inputs(folder: Path, names: list[str]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name in names:
        path = folder / name
        path.write_text(f"<html>{name}</html>", encoding="utf-8")
        paths.append(path)
    return paths


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
        ["a-ok.htm", "b-hang.htm", "c-ok.htm", "d-crash.htm", "e-ok.htm", "f-ok.htm"],
    )

    summary = run(inputs, tmp_path / "runs", timeout=3.0)

    assert reasons(summary) == {
        "b-hang.htm": DeadLetterReason.TIMEOUT,
        "d-crash.htm": DeadLetterReason.WORKER_CRASH,
    }
    assert sorted(p.name for p in filing_paths(summary.run_dir)) == [
        "a-ok.json",
        "c-ok.json",
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
