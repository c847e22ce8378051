"""Benchmark of ``edgar-sentinel validate`` against the floor of reading the same files.

Builds runs of N filings by copying and perturbing real preprocessing outputs of
``../shared/filings`` (fresh CIK, accession and source per copy; most words tagged per copy
so copies are neither duplicates nor near duplicates), then, each in a fresh child
process, measures:

* floor: read every ``filings/*.json`` and parse it into a ``FilingRecord``, in one
  process and split over 2 forked processes;
* gate:  ``validate_run`` with 1 and with 2 worker processes.

Prints filings/s, peak resident memory (VmHWM of the main process, ru_maxrss of its
largest worker) and the ratio to the floor. Workers are forked, so a worker's peak counts
the pages it shares with the main process too: an upper bound of its own memory.
Usage: ``python -m benchmarks.bench_gate [--sizes 2000 10000] [--repeats 2]``.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import resource
import shutil
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import orjson

from benchmarks.common import SHARED_FILINGS, machine, run_child

ENDINGS = "esdtnyrl"


def base_records() -> list[dict[str, Any]]:
    """Real preprocessing outputs of the shared filings."""
    from edgar_sentinel.preprocess.inputs import expand_inputs
    from edgar_sentinel.preprocess.pipeline import process_file
    from edgar_sentinel.settings import Settings

    settings = Settings()
    return [
        process_file(path, settings=settings).model_dump(mode="json")
        for path in expand_inputs([SHARED_FILINGS])
    ]


def _perturb(text: str, k: int) -> str:
    """Tag most words (those ending in common letters) so copies share few shingles."""
    for end in ENDINGS:
        text = text.replace(f"{end} ", f"{end}{k} ")
    return text


def build_run(run: Path, bases: list[dict[str, Any]], n: int) -> None:
    """Write ``n`` perturbed copies of ``bases`` as a run directory."""
    filings = run / "filings"
    filings.mkdir(parents=True)
    for k in range(n):
        doc = dict(bases[k % len(bases)])
        tag = k // len(bases)
        doc["source_path"] = f"inputs/{k:06d}-{Path(doc['source_path']).name}"
        doc["source_sha256"] = f"{k:064x}"
        # One new company per (base company, copy round); metadata the real documents
        # lack is filled in, so the copies pass and memory shows the streaming state
        # rather than the quarantine list (which grows with the offending filings).
        cik = doc["cik"] or f"{9_000_000 + k % len(bases):010d}"
        doc["cik"] = f"{tag % 1000:03d}{cik[3:]}"
        doc["sic_code"] = doc["sic_code"] or "7372"
        doc["accession_number"] = f"{1_000_000 + k:010d}-24-{k % 1_000_000:06d}"
        if doc["item1a_text"] and tag:
            doc["item1a_text"] = _perturb(doc["item1a_text"], tag)
            doc["segments"] = [{**s, "text": _perturb(s["text"], tag)} for s in doc["segments"]]
        (filings / f"{k:06d}.json").write_bytes(orjson.dumps(doc))


def _peak_mb() -> tuple[float, float]:
    """(this process, its largest worker) peak resident memory in MiB (Linux).

    A forked worker's ru_maxrss includes the pages it shares with this process.
    """
    status = Path("/proc/self/status").read_text(encoding="ascii")
    own_kib = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM"))
    kids_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return own_kib / 1024, kids_kib / 1024


def _parse_all(paths: list[str]) -> int:
    from edgar_sentinel.models import FilingRecord

    for path in paths:
        FilingRecord.model_validate_json(Path(path).read_bytes())
    return len(paths)


def child(mode: str, run: Path, workers: int) -> dict[str, float]:
    """One measurement in this (fresh) process."""
    from edgar_sentinel.gate import validate_run

    start = time.perf_counter()
    if mode == "floor":
        paths = [str(p) for p in sorted((run / "filings").glob("*.json"))]
        if workers == 1:
            n = _parse_all(paths)
        else:  # the same split as the gate's: chunks of 64 files over forked processes
            chunks = [paths[i : i + 64] for i in range(0, len(paths), 64)]
            ctx = multiprocessing.get_context("fork")
            with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
                n = sum(pool.map(_parse_all, chunks))
    else:
        report = validate_run(run, workers=workers, record=False)
        n = report.files_checked
        assert report.go_no_go.value == "GO", [
            r.metric for r in report.validation_table if r.status.value != "PASS"
        ]
    seconds = time.perf_counter() - start
    own, worker = _peak_mb()
    return {"files": n, "seconds": seconds, "peak_mb": own, "worker_peak_mb": worker}


def measure(mode: str, run: Path, workers: int = 1) -> dict[str, float]:
    result: dict[str, float] = run_child("bench_gate", mode, str(run), str(workers))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 10000])
    parser.add_argument("--repeats", type=int, default=2, help="Best of N rounds per mode.")
    parser.add_argument("--child", nargs=3, metavar=("MODE", "RUN", "WORKERS"))
    args = parser.parse_args()
    if args.child:
        mode, run, workers = args.child
        print(json.dumps(child(mode, Path(run), int(workers))))
        return
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory(prefix="bench-gate-") as tmp:
        root = Path(tmp)
        bases = base_records()
        print(f"base: {len(bases)} real preprocessed filings")
        header = (
            f"{'filings':>8} {'mode':<14} {'files/s':>9} {'main MB':>8} {'worker MB':>9}"
            f" {'time/floor':>10} {'same procs':>10}"
        )
        print(header)
        for size in args.sizes:
            run = root / f"run-{size}"
            build_run(run, bases, size)
            modes = [
                ("floor (parse)", "floor", 1),
                ("gate 1 worker", "gate", 1),
                ("floor 2 procs", "floor", 2),
                ("gate 2 workers", "gate", 2),
            ]
            best: dict[str, dict[str, float]] = {}
            for _ in range(args.repeats):  # interleaved rounds; keep each mode's fastest
                for name, mode, workers in modes:
                    r = measure(mode, run, workers)
                    if name not in best or r["seconds"] < best[name]["seconds"]:
                        best[name] = r
            floor = best["floor (parse)"]
            # time/floor: against one process reading and parsing (the target's floor);
            # same procs: against the floor run with as many processes as the gate's workers.
            same = {1: floor, 2: best["floor 2 procs"]}
            for (name, _, workers), r in zip(modes, best.values(), strict=True):
                ratio = r["seconds"] / floor["seconds"]
                per_proc = r["seconds"] / same[workers]["seconds"]
                worker = f"{r['worker_peak_mb']:>9.0f}" if r["worker_peak_mb"] else f"{'-':>9}"
                print(
                    f"{size:>8} {name:<14} {r['files'] / r['seconds']:>9.0f} "
                    f"{r['peak_mb']:>8.0f} {worker} {ratio:>10.2f} {per_proc:>10.2f}"
                )
            shutil.rmtree(run)


if __name__ == "__main__":
    main()
