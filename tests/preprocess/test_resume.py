"""An interrupted run, resumed, ends exactly like an uninterrupted one."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from edgar_sentinel.errors import RunDirectoryError, UsageError
from edgar_sentinel.exit_codes import ExitCode
from edgar_sentinel.models import DeadLetter
from edgar_sentinel.preprocess.batch import RunSummary, run_preprocessing
from edgar_sentinel.preprocess.journal import JOURNAL_DIR, JOURNAL_FILE, STAGED_DIR, RunJournal
from edgar_sentinel.preprocess.manifest import Manifest
from edgar_sentinel.preprocess.tasks import Task, run_task
from edgar_sentinel.runs import MANIFEST_FILE, filing_paths, new_run_dir, read_dead_letters
from edgar_sentinel.settings import Settings
from tests.preprocess.batch_helpers import make_inputs, misbehaving_process

KILL_FILINGS = [
    "CIK1025315_10-KSB_2007.txt",
    "CIK1779026_10-K_2023.txt",
    "GE_10-K_1993.txt",
    "GS_10-K_2002.htm",
    "IBM_10-K405_1997.txt",
    "KO_10-K_1997.txt",
    "MRK_10-K405_1995.txt",
    "REAC_10-K_2015.htm",
    "TGT_10-K_2002.htm",
    "WFC_10-K_2008.htm",
]


def filings_bytes(run_dir: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in filing_paths(run_dir)}


def journal_lines(run_dir: Path) -> int:
    path = run_dir / JOURNAL_DIR / JOURNAL_FILE
    return path.read_bytes().count(b"\n") if path.exists() else 0


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "edgar_sentinel", "preprocess", *args]


def test_resume_after_kill_9_matches_an_uninterrupted_run(
    filings_dir: Path, tmp_path: Path
) -> None:
    inputs = [str(filings_dir / name) for name in KILL_FILINGS]
    reference = run_preprocessing(inputs, out=tmp_path / "ref", settings=Settings(), workers=2)

    # Start the real command, wait until it has journaled some work, kill -9 the whole
    # process group (parent and workers) at that moment, then resume.
    out = tmp_path / "killed"
    proc = subprocess.Popen(
        cli(*inputs, "--out", str(out), "--workers", "1"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    run_dir: Path | None = None
    while time.monotonic() < deadline and proc.poll() is None:
        runs = list(out.glob("*_preprocessing_*"))
        if runs and journal_lines(runs[0]) >= 2:
            run_dir = runs[0]
            break
        time.sleep(0.002)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert run_dir is not None, "the run finished before it could be killed"
    assert not (run_dir / MANIFEST_FILE).exists()
    assert journal_lines(run_dir) < len(inputs)

    resumed = subprocess.run(
        cli("--resume", str(run_dir), "--json"), capture_output=True, check=False, timeout=120
    )

    assert resumed.returncode == reference.exit_code
    assert json.loads(resumed.stdout)["run_dir"] == str(run_dir)
    assert filings_bytes(run_dir) == filings_bytes(reference.run_dir)
    assert read_dead_letters(run_dir) == reference.dead_letters
    manifest = json.loads((run_dir / MANIFEST_FILE).read_bytes())
    assert manifest["resumes"] == 1
    assert manifest["counts"] == reference.manifest.counts.model_dump(mode="json")
    assert not (run_dir / JOURNAL_DIR).exists()


def interrupted_run(tmp_path: Path, names: list[str]) -> Path:
    """A run stopped by Ctrl-C on the input whose name says 'interrupt' (one worker)."""
    inputs = make_inputs(tmp_path / "in", names)
    with pytest.raises(KeyboardInterrupt):
        run_preprocessing(
            inputs,
            out=tmp_path / "runs",
            settings=Settings(),
            workers=1,
            process_fn=misbehaving_process,
        )
    [run_dir] = (tmp_path / "runs").iterdir()
    for path in inputs:  # the next attempt goes through
        path.write_text("<html>calm</html>", encoding="utf-8")
    return run_dir


def resume(run_dir: Path) -> RunSummary:
    return run_preprocessing(
        [],
        out=run_dir.parent,
        settings=Settings(),
        workers=2,
        resume=run_dir,
        process_fn=misbehaving_process,
    )


NAMES = ["a.htm", "b-bug.htm", "c.htm", "d-interrupt.htm", "e.htm", "f-bug.htm", "g.htm"]


def test_interrupted_run_resumes_without_missing_or_duplicated_outcomes(tmp_path: Path) -> None:
    run_dir = interrupted_run(tmp_path, NAMES)
    journal = (run_dir / JOURNAL_DIR / JOURNAL_FILE).read_text(encoding="utf-8").splitlines()
    journaled = {Path(json.loads(line)["path"]).name for line in journal}
    assert set(NAMES[:3]) <= journaled  # done before the interrupt
    assert "d-interrupt.htm" not in journaled
    assert not (run_dir / MANIFEST_FILE).exists()

    summary = resume(run_dir)

    assert [Path(i.path).name for i in summary.manifest.inputs] == NAMES
    assert [Path(d.path).name for d in summary.dead_letters] == ["b-bug.htm", "f-bug.htm"]
    assert summary.manifest.counts.processed == 5
    assert summary.manifest.resumes == 1
    assert len(filing_paths(run_dir)) == 5


def test_torn_journal_lines_and_damaged_outputs_are_redone(tmp_path: Path) -> None:
    run_dir = interrupted_run(tmp_path, NAMES)
    journal = run_dir / JOURNAL_DIR / JOURNAL_FILE
    with journal.open("ab") as fh:
        fh.write(b'{"index": 4, "path": "')  # a kill in the middle of a write
    staged_a = run_dir / JOURNAL_DIR / STAGED_DIR / "000000.json"
    staged_a.write_bytes(staged_a.read_bytes()[:10])  # not what the journal recorded

    summary = resume(run_dir)

    assert summary.manifest.counts.inputs == len(NAMES)
    assert summary.manifest.counts.processed == 5
    assert len(summary.dead_letters) == 2
    assert json.loads((run_dir / "filings" / "a.json").read_bytes())["company_name"] == "a"


def test_resuming_a_finished_run_changes_nothing(tmp_path: Path) -> None:
    run_dir = interrupted_run(tmp_path, NAMES)
    first = resume(run_dir)
    before = {p.name: p.read_bytes() for p in run_dir.rglob("*") if p.is_file()}

    again = resume(run_dir)

    assert again.manifest == first.manifest
    assert {p.name: p.read_bytes() for p in run_dir.rglob("*") if p.is_file()} == before
    assert again.exit_code is ExitCode.PARTIAL


def test_resume_refuses_new_inputs_and_foreign_folders(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="do not pass INPUT"):
        run_preprocessing(["x.htm"], out=tmp_path, settings=Settings(), resume=tmp_path)
    with pytest.raises(RunDirectoryError, match="cannot be resumed"):
        run_preprocessing([], out=tmp_path, settings=Settings(), resume=tmp_path)


def test_a_run_being_worked_on_cannot_be_resumed_twice(tmp_path: Path) -> None:
    run_dir = interrupted_run(tmp_path, NAMES)
    busy = RunJournal.open(run_dir)  # another process would hold the same lock
    try:
        with pytest.raises(RunDirectoryError, match="being processed by another"):
            resume(run_dir)
    finally:
        busy.close()

    assert resume(run_dir).manifest.counts.inputs == len(NAMES)


def test_a_run_killed_while_finalizing_is_finished_by_resume(tmp_path: Path) -> None:
    inputs = make_inputs(tmp_path / "in", ["a.htm", "b-bug.htm", "c.htm"])
    run_dir = new_run_dir(tmp_path / "runs", "preprocessing")
    journal = RunJournal.create(run_dir, inputs=inputs, settings=Settings(), git_sha=None)
    for index, path in enumerate(inputs):
        journal.record(run_task(Task(index, str(path), Settings(), misbehaving_process)))

    def killed(manifest: Manifest, letters: list[DeadLetter]) -> str:
        raise KeyboardInterrupt  # after the outputs moved, before the manifest

    with pytest.raises(KeyboardInterrupt):
        journal.finalize(render_report=killed)
    journal.close()
    moved = filings_bytes(run_dir)
    assert sorted(moved) == ["a.json", "c.json"]
    assert not (run_dir / MANIFEST_FILE).exists()

    summary = resume(run_dir)

    assert filings_bytes(run_dir) == moved
    assert summary.manifest.counts.processed == 2
    assert [Path(d.path).name for d in summary.dead_letters] == ["b-bug.htm"]


def test_a_run_started_by_another_version_is_not_resumed(tmp_path: Path) -> None:
    run_dir = interrupted_run(tmp_path, NAMES)
    plan_path = run_dir / JOURNAL_DIR / "plan.json"
    plan = json.loads(plan_path.read_bytes())
    plan_path.write_text(json.dumps({**plan, "tool_version": "0.0.1"}), encoding="utf-8")

    with pytest.raises(RunDirectoryError, match=r"started by edgar-sentinel 0\.0\.1"):
        resume(run_dir)
