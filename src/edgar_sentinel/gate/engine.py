"""``validate_run``: stream a run directory through every check and decide Go/No-Go.

Files are cut into chunks in name order; chunks run in a process pool (``workers``)
with a bounded window of chunks in flight, and their partial aggregates are merged in
chunk order, so memory stays bounded whatever the number of filings and the result
does not depend on the number of workers. At most every ``CHECKPOINT_SECONDS``, after a
finished chunk, the merged state is checkpointed; ``resume=True`` continues from it.
"""

from __future__ import annotations

import multiprocessing
import time
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import orjson

from edgar_sentinel import __version__
from edgar_sentinel.cpus import available_cpus
from edgar_sentinel.errors import UsageError
from edgar_sentinel.gate import history
from edgar_sentinel.gate.build import build_report
from edgar_sentinel.gate.checkpoint import Checkpoint, CheckpointKey
from edgar_sentinel.gate.checks.completeness import DEAD_LETTER
from edgar_sentinel.gate.checks.consistency import DUPLICATE, NEAR_DUPLICATE
from edgar_sentinel.gate.config import DEFAULT_CHUNK_SIZE, DEFAULT_MAX_SAMPLES
from edgar_sentinel.gate.partial import DIGEST_MOD, Partial
from edgar_sentinel.gate.registry import Shape, all_checks
from edgar_sentinel.gate.result import DatasetIdentity, GateReport
from edgar_sentinel.gate.scan import ChunkJob, ChunkResult, scan_chunk, source_name
from edgar_sentinel.gate.sketch import SketchIndex
from edgar_sentinel.gate.thresholds import ThresholdSet, load_thresholds
from edgar_sentinel.runs import DEAD_LETTER_FILE, FILINGS_DIR, filing_names
from edgar_sentinel.store import default_store_path, open_store

CHECKPOINT_SECONDS = 2.0
"""Checkpoint at most this often: a resumed validation redoes at most ~2 s of work."""


def validate_run(
    run_dir: Path,
    *,
    thresholds: Path | None = None,
    workers: int | None = None,
    resume: bool = False,
    store_path: Path | None = None,
    record: bool = True,
    dataset_name: str | None = None,
    fail_on_warn: bool = False,
    max_samples: int = DEFAULT_MAX_SAMPLES,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    checkpoint_dir: Path | None = None,
) -> GateReport:
    """Validate the run directory ``run_dir`` and return the gate report.

    ``workers`` defaults to the CPUs this process may use, and is never more than the
    number of chunks (a run of one chunk is validated in this process).
    Raises ``ConfigError`` for unreadable or invalid thresholds and
    ``RunDirectoryError`` for a missing or malformed run directory (exit code 2).
    A run without filings returns a report with status ERROR and decision NO-GO.
    The report is recorded in the history store (``store_path``, default
    ``{run_dir.parent}/edgar-sentinel.db``) unless ``record`` is false.
    """
    if (workers is not None and workers < 1) or max_samples < 0 or chunk_size < 1:
        raise UsageError("workers and chunk size must be at least 1, max samples at least 0")
    tset = load_thresholds(thresholds)
    run_dir = run_dir.resolve()
    names = filing_names(run_dir)
    chunks = -(-len(names) // chunk_size)
    workers = max(1, min(workers or available_cpus(), chunks))
    key = CheckpointKey(str(run_dir), len(names), chunk_size, tset.sha256, max_samples)
    ckpt = Checkpoint.for_run(run_dir, key, checkpoint_dir)
    partial = _scan(
        run_dir / FILINGS_DIR,
        names,
        tset=tset,
        ckpt=ckpt,
        workers=workers,
        resume=resume,
        max_samples=max_samples,
        chunk_size=chunk_size,
    )
    partial = _add_dead_letters(run_dir, partial, max_samples)
    dataset = DatasetIdentity(
        id=f"sha256:{partial.digest % DIGEST_MOD:064x}",
        name=dataset_name,
        inputs=partial.digest_inputs,
    )
    conn = open_store(store_path or default_store_path(run_dir.parent)) if record else None
    try:
        go_run = None
        if conn is not None:
            history.ensure_schema(conn)
            go_run = history.last_go_run(conn, history.dataset_key(dataset.id, dataset_name))
        report = build_report(
            partial=partial,
            thresholds=tset,
            run_directory=str(run_dir),
            dataset=dataset,
            tool_version=__version__,
            timestamp=datetime.now(UTC),
            baseline=go_run.baseline if go_run else None,
            previous=go_run.metrics if go_run else None,
            max_samples=max_samples,
            fail_on_warn=fail_on_warn,
        )
        if conn is not None:
            history.record_run(conn, report)
    finally:
        if conn is not None:
            conn.close()
    ckpt.remove()
    return report


def _scan(
    folder: Path,
    names: list[str],
    *,
    tset: ThresholdSet,
    ckpt: Checkpoint,
    workers: int,
    resume: bool,
    max_samples: int,
    chunk_size: int,
) -> Partial:
    checks = all_checks()
    specs = tuple(tset.enabled())
    corpus = {s.name for s in specs if checks[s.name].shape is Shape.CORPUS}
    near = tset.specs[NEAR_DUPLICATE].params["similarity"]
    state = ckpt.load() if resume else None
    if state is None:
        ckpt.reset()
        start, partial = 0, Partial()
    else:
        start, partial = state
    index = SketchIndex(ckpt.sketch_path, near_similarity=near)
    try:
        index.truncate_from(start)
        jobs = (
            ChunkJob(
                index=i // chunk_size,
                paths=tuple(str(folder / name) for name in names[i : i + chunk_size]),
                specs=specs,
                max_samples=max_samples,
                fingerprints=bool(corpus),
                signatures=NEAR_DUPLICATE in corpus,
            )
            for i in range(start * chunk_size, len(names), chunk_size)
        )
        last_save = time.monotonic()
        for result in _run(jobs, workers):
            partial.absorb(result.partial, max_samples)
            _match(result, index, partial, corpus, max_samples)
            if time.monotonic() - last_save >= CHECKPOINT_SECONDS:
                index.commit()
                ckpt.save(result.index + 1, partial)
                last_save = time.monotonic()
        index.commit()
    finally:
        index.close()
    return partial


def _run(jobs: Iterator[ChunkJob], workers: int) -> Iterator[ChunkResult]:
    """Results in job order; at most ``2 * workers`` chunks in flight."""
    if workers == 1:
        yield from map(scan_chunk, jobs)
        return
    with ProcessPoolExecutor(max_workers=workers, mp_context=_context()) as pool:
        window: deque[Future[ChunkResult]] = deque()
        for job in jobs:
            window.append(pool.submit(scan_chunk, job))
            if len(window) >= 2 * workers:
                yield window.popleft().result()
        while window:
            yield window.popleft().result()


def _context() -> multiprocessing.context.BaseContext:
    """Fork where it is known to be safe (Linux, no other thread in this process, native
    ones included): workers start in milliseconds with everything imported. Otherwise
    spawn (a fresh interpreter each, about half a second)."""
    if "fork" in multiprocessing.get_all_start_methods() and _threads() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _threads() -> int | None:
    """Threads of this process as the system counts them (a BLAS library's too), or None
    where the system does not tell (then workers are spawned)."""
    try:
        return sum(1 for _ in Path("/proc/self/task").iterdir())
    except OSError:
        return None


def _match(
    result: ChunkResult, index: SketchIndex, partial: Partial, corpus: set[str], cap: int
) -> None:
    matches = index.add_batch(result.fingerprints, chunk=result.index)
    for fp, (dup, similar) in zip(result.fingerprints, matches, strict=True):
        # An identical filing is the nearest of near duplicates when only that check runs.
        near = dup if dup is not None and DUPLICATE not in corpus else similar
        for name, match in ((DUPLICATE, dup), (NEAR_DUPLICATE, near)):
            if name not in corpus:
                continue
            agg = partial.agg(name)
            agg.measured += 1
            if match is None:
                continue
            agg.offending += 1
            what = "identical to" if name == DUPLICATE else "near-duplicate of"
            text = f"{what} {match.file} (similarity {match.similarity:.2f})"
            agg.add_sample((fp.file, -1, fp.cik, fp.accession, text), cap)
            partial.flag(fp.file, name, cik=fp.cik, accession=fp.accession, company_name=None)


def _add_dead_letters(run_dir: Path, partial: Partial, cap: int) -> Partial:
    """Count ``dead_letter.jsonl`` line by line; inputs = filings + dead letters."""
    agg = partial.agg(DEAD_LETTER)
    agg.measured = partial.files
    agg.offending = 0
    path = run_dir / DEAD_LETTER_FILE
    if path.exists():
        # Parsed line by line and leniently (unlike runs.read_dead_letters): a damaged line
        # still counts as a dead letter instead of stopping the gate.
        with path.open("rb") as fh:
            for n, line in enumerate(fh, start=1):
                if not line.strip():
                    continue
                try:
                    entry = orjson.loads(line)
                    name = source_name(str(entry.get("path", "")))
                    text = f"{entry.get('reason')}: {entry.get('message')}"
                except (orjson.JSONDecodeError, AttributeError):
                    name, text = f"dead_letter.jsonl:{n}", "unparseable dead-letter line"
                agg.measured += 1
                agg.offending += 1
                partial.add_input_name(name or f"dead_letter.jsonl:{n}")
                agg.add_sample((DEAD_LETTER_FILE, -1, None, None, f"{name}: {text}"[:160]), cap)
    return partial


__all__ = ["validate_run"]
