"""Benchmark of ``edgar-sentinel preprocess`` against the floor of parsing the same bytes.

In one invocation, over the shared filings (``../shared/filings`` by default):

* floor: parse every document and extract its whole text, nothing else, with selectolax
  (lexbor) and with lxml, each in a fresh process (peak memory) that parses every file
  three times and keeps its best time; the faster of the two is the floor;
* pipeline: ``run_preprocessing`` with 1 and with 2 worker processes, each in a fresh
  child process so that its workers' peak resident memory (``RUSAGE_CHILDREN``
  ``ru_maxrss``) is its own;
* linearity and memory: ``process_file`` on every filing, smallest first, in a fresh
  process, timed per file and grouped by input size next to the floor for the same files,
  with the peak resident memory reached after each size group.

Prints filings/s, MB/s, peak memory per worker and the ratio to the floor (for 2 workers
the floor is divided by 2: the ideal use of both cores).
Usage: ``python -m benchmarks.bench_preprocess [--filings DIR] [--workers 1 2] [--repeat N]``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import resource
import tempfile
import time
from concurrent.futures import Executor, ProcessPoolExecutor
from pathlib import Path
from typing import Any

from benchmarks.common import SHARED_FILINGS, machine, run_child

BUCKETS_MB = (0.5, 1.0, 2.0, 4.0)


def filings(folder: Path) -> list[Path]:
    from edgar_sentinel.preprocess.inputs import expand_inputs

    return expand_inputs([folder])


def _read(path: Path) -> bytes:
    import gzip

    data = path.read_bytes()
    return gzip.decompress(data) if path.name.lower().endswith(".gz") else data


FLOOR_PARSERS = ("selectolax", "lxml")


def floor_times(paths: list[Path], parser: str) -> dict[str, Any]:
    """Seconds per file to parse the document and extract its whole text with ``parser``,
    and this (fresh) process's peak resident memory."""
    import lxml.html  # type: ignore[import-untyped]
    from selectolax.lexbor import LexborHTMLParser

    def selectolax(data: bytes) -> int:
        return len(LexborHTMLParser(data).text() or "")

    def lxml_text(data: bytes) -> int:
        return len(lxml.html.document_fromstring(data).text_content())

    parse = {"selectolax": selectolax, "lxml": lxml_text}[parser]
    seconds: dict[str, float] = {}
    # Three passes in the same process, each file's best time: the floor is the parser
    # at its fastest (warm caches and allocator), never a cold start.
    for _ in range(3):
        for path in paths:
            data = _read(path)
            start = time.perf_counter()
            parse(data)
            took = time.perf_counter() - start
            seconds[str(path)] = min(took, seconds.get(str(path), took))
    return {"seconds": seconds, "peak_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}


def pipeline_per_file(folder: Path) -> dict[str, Any]:
    """``process_file`` on each filing, smallest first, in this (fresh) process: seconds per
    file and the peak resident memory so far after each one."""
    from edgar_sentinel.errors import InputRejectedError
    from edgar_sentinel.preprocess.pipeline import process_file
    from edgar_sentinel.settings import Settings

    settings = Settings()
    rows = []
    for path in sorted(filings(folder), key=lambda p: p.stat().st_size):
        start = time.perf_counter()
        with contextlib.suppress(InputRejectedError):
            process_file(path, settings=settings)
        elapsed = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        rows.append({"path": str(path), "seconds": elapsed, "peak_kib": peak})
    return {"rows": rows}


def spawn_pool(workers: int) -> Executor:
    """Workers as direct children (spawn), so that RUSAGE_CHILDREN sees their peak memory;
    the default forkserver pool makes them grandchildren, invisible to getrusage."""
    import multiprocessing

    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))


def child(folder: Path, workers: int) -> dict[str, Any]:
    """One batch run, measured from inside a fresh process."""
    from edgar_sentinel.preprocess.batch import run_preprocessing
    from edgar_sentinel.settings import Settings

    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        summary = run_preprocessing(
            [folder],
            out=Path(out),
            settings=Settings(),
            workers=workers,
            executor_factory=spawn_pool,
        )
        elapsed = time.perf_counter() - start
    return {
        "elapsed": elapsed,
        "processed": summary.manifest.counts.processed,
        "dead_lettered": summary.manifest.counts.dead_lettered,
        "worker_peak_kib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
        "parent_peak_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    }


def bucket(size: int) -> str:
    mb = size / 1e6
    low = 0.0
    for high in BUCKETS_MB:
        if mb < high:
            return f"{low:g}-{high:g} MB"
        low = high
    return f">={low:g} MB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--filings", type=Path, default=SHARED_FILINGS)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=1, help="Keep the best of N runs.")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "linear":
        print(json.dumps(pipeline_per_file(args.filings)))
        return
    if args.child in FLOOR_PARSERS:
        print(json.dumps(floor_times(filings(args.filings), args.child)))
        return
    if args.child:
        print(json.dumps(child(args.filings, int(args.child))))
        return

    paths = filings(args.filings)
    sizes = {p: p.stat().st_size for p in paths}
    total_mb = sum(sizes.values()) / 1e6
    print(f"machine: {machine()}")
    print(f"corpus: {len(paths)} files, {total_mb:.1f} MB ({args.filings})")

    floors: dict[str, dict[Path, float]] = {}
    floor_peak: dict[str, int] = {}
    for name in FLOOR_PARSERS:
        # Each parser in fresh processes; each file's best time (less noise on shared cores).
        for _ in range(args.repeat):
            r = run_child("bench_preprocess", name, "--filings", str(args.filings))
            times = {Path(p): float(t) for p, t in r["seconds"].items()}
            known = floors.setdefault(name, times)
            floors[name] = {p: min(t, known[p]) for p, t in times.items()}
            floor_peak[name] = max(floor_peak.get(name, 0), int(r["peak_kib"]))
    floor_totals = {name: sum(t.values()) for name, t in floors.items()}
    best = min(floor_totals, key=lambda name: floor_totals[name])
    floor = floor_totals[best]
    for name, total in floor_totals.items():
        print(
            f"floor {name:<10} {total:6.2f} s  {len(paths) / total:6.1f} filings/s  "
            f"{total_mb / total:6.1f} MB/s  peak {floor_peak[name] / 1024:4.0f} MB"
        )
    print(f"floor = {best}")

    print("\nlinearity and memory: process_file per file, smallest first, one fresh process")
    rows = run_child("bench_preprocess", "linear", "--filings", str(args.filings))["rows"]
    per_file = {Path(r["path"]): float(r["seconds"]) for r in rows}
    peak_after = {Path(r["path"]): int(r["peak_kib"]) for r in rows}
    sequential = sum(per_file.values())
    print(
        f"{'size':>10} {'files':>6} {'MB/s':>7} {'floor MB/s':>11} {'x floor':>8} "
        f"{'largest':>8} {'peak RSS':>9}"
    )
    groups: dict[str, list[Path]] = {}
    for path in sorted(paths, key=lambda p: sizes[p]):
        groups.setdefault(bucket(sizes[path]), []).append(path)
    for label, members in groups.items():
        mb = sum(sizes[p] for p in members) / 1e6
        spent = sum(per_file[p] for p in members)
        floor_spent = sum(floors[best][p] for p in members)
        largest = max(sizes[p] for p in members) / 1e6
        print(
            f"{label:>10} {len(members):>6} {mb / spent:7.1f} {mb / floor_spent:11.1f} "
            f"{spent / floor_spent:8.2f} {largest:6.1f}MB {peak_after[members[-1]] / 1024:6.0f} MB"
        )
    print(
        f"{'all':>10} {len(paths):>6} {total_mb / sequential:7.1f} {total_mb / floor:11.1f} "
        f"{sequential / floor:8.2f}"
    )
    slowest = max(paths, key=lambda p: per_file[p] / max(sizes[p], 1))
    print(f"slowest per byte: {slowest.name} ({sizes[slowest] / 1e6 / per_file[slowest]:.1f} MB/s)")
    print("peak RSS: the process's peak after the bucket (it grows with the largest document)")

    print("\nbatch run (run_preprocessing, fresh process per row; 'x seq' = vs the sum above)")
    print(
        f"{'workers':>7} {'s':>7} {'filings/s':>10} {'MB/s':>7} {'peak/worker':>12} "
        f"{'x floor':>8} {'x seq':>6}"
    )
    for workers in args.workers:
        r = min(
            (
                run_child("bench_preprocess", str(workers), "--filings", str(args.filings))
                for _ in range(args.repeat)
            ),
            key=lambda run: float(run["elapsed"]),
        )
        ideal = min(workers, len(paths))
        print(
            f"{workers:>7} {r['elapsed']:7.2f} {len(paths) / r['elapsed']:10.1f} "
            f"{total_mb / r['elapsed']:7.1f} {r['worker_peak_kib'] / 1024:9.0f} MB "
            f"{r['elapsed'] / (floor / ideal):8.2f} {r['elapsed'] / (sequential / ideal):6.2f}"
        )
    print(
        "x floor: batch time / (floor / workers); x seq: batch time / (sequential "
        "process_file time / workers), i.e. the runner's own overhead"
    )


if __name__ == "__main__":
    main()
