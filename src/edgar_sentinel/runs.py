"""Run directories: naming, atomic writes and streaming readers.

Layout of a preprocessing run (the contract every later stage reads)::

    {out}/{YYYYMMDD_HHMMSS}_preprocessing_{git-sha7 or nogit}/
        filings/*.json        one FilingRecord per processed filing
        manifest.json         tool version, config, inputs, counts
        dead_letter.jsonl     one DeadLetter per rejected input
        RUN_REPORT.md         a short human summary
"""

from __future__ import annotations

import os
import subprocess  # nosec B404
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

from edgar_sentinel.errors import RunDirectoryError
from edgar_sentinel.models import DeadLetter, FilingRecord

FILINGS_DIR = "filings"
MANIFEST_FILE = "manifest.json"
DEAD_LETTER_FILE = "dead_letter.jsonl"
RUN_REPORT_FILE = "RUN_REPORT.md"


def git_sha7(cwd: Path | None = None) -> str | None:
    """The short commit of the code that runs (the checkout holding this package, or
    ``cwd`` when given), or ``None`` when it is not a git checkout (an installed wheel).

    The only subprocess in the package (bandit B404/B603 are silenced for it): a
    constant ``git rev-parse`` argv, no shell, no user input.
    """
    argv = ["git", "rev-parse", "--short=7", "HEAD"]
    options: dict[str, Any] = {"capture_output": True, "text": True, "timeout": 5}
    try:
        where = cwd or Path(__file__).resolve().parent
        out = subprocess.run(argv, cwd=where, check=False, **options)  # nosec B603
    except (OSError, subprocess.SubprocessError):
        return None
    sha = out.stdout.strip()
    return sha if out.returncode == 0 and len(sha) == 7 else None


def stamp(now: datetime | None = None) -> str:
    """``YYYYMMDD_HHMMSS`` in UTC."""
    return (now or datetime.now(UTC)).strftime("%Y%m%d_%H%M%S")


def new_dir(path: Path) -> Path:
    """Create ``path``, or ``path-2``, ``path-3``, ... if it exists: never reuse a directory."""
    candidate, n = path, 1
    while True:
        try:
            candidate.mkdir(parents=True)
        except FileExistsError:
            n += 1
            candidate = path.with_name(f"{path.name}-{n}")
        else:
            return candidate


def new_run_dir(
    out: Path, stage: str, *, git_sha: str | None = None, now: datetime | None = None
) -> Path:
    """Create ``{out}/{stamp}_{stage}_{sha7|nogit}/``; never reuses an existing one.

    ``git_sha`` is the commit to stamp (default: ``git_sha7()``); pass it when the caller
    records the same commit elsewhere, so both agree.
    """
    sha = git_sha or git_sha7() or "nogit"
    run_dir = new_dir(out / f"{stamp(now)}_{stage}_{sha}")
    (run_dir / FILINGS_DIR).mkdir()
    return run_dir


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new, never half,
    and the new one survives a power cut once this returns (file and folder synced)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def fsync_dir(folder: Path) -> None:
    """Make the names in ``folder`` durable (a rename is not, until its folder is synced).

    A no-op where folders cannot be opened for syncing (Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems refuse to sync a folder: nothing more can be done
    finally:
        os.close(fd)


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def dump_json(obj: object) -> bytes:
    """Canonical JSON used for every persisted document (sorted keys, indented)."""
    return orjson.dumps(obj, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS) + b"\n"


def filing_paths(run_dir: Path) -> list[Path]:
    """The filing JSON files of a run, sorted by name; raises if the run is unusable."""
    filings = run_dir / FILINGS_DIR
    return [filings / name for name in filing_names(run_dir)]


def filing_names(run_dir: Path) -> list[str]:
    """The names of the filing JSON files in ``run_dir/filings``, sorted; raises if the run
    is unusable. Names only (about 60 bytes each): a listing of a million filings stays small."""
    if not run_dir.is_dir():
        raise RunDirectoryError(
            f"run directory not found: {run_dir}",
            hint="pass the directory that 'edgar-sentinel preprocess' printed",
        )
    filings = run_dir / FILINGS_DIR
    if not filings.is_dir():
        raise RunDirectoryError(
            f"{run_dir} has no '{FILINGS_DIR}/' folder: not a preprocessing run directory",
            hint="pass the directory that 'edgar-sentinel preprocess' printed",
        )
    with os.scandir(filings) as entries:
        return sorted(
            e.name for e in entries if e.name.endswith(".json") and not e.name.startswith(".")
        )


def read_filing(path: Path) -> FilingRecord:
    return FilingRecord.model_validate_json(path.read_bytes())


def iter_filings(run_dir: Path) -> Iterator[tuple[Path, FilingRecord]]:
    """Stream the filings of a run one at a time (memory does not grow with the run)."""
    for path in filing_paths(run_dir):
        yield path, read_filing(path)


def read_dead_letters(run_dir: Path) -> list[DeadLetter]:
    path = run_dir / DEAD_LETTER_FILE
    if not path.exists():
        return []
    return [
        DeadLetter.model_validate_json(line)
        for line in path.read_bytes().splitlines()
        if line.strip()
    ]


__all__ = [
    "DEAD_LETTER_FILE",
    "FILINGS_DIR",
    "MANIFEST_FILE",
    "RUN_REPORT_FILE",
    "atomic_write_bytes",
    "atomic_write_text",
    "dump_json",
    "filing_names",
    "filing_paths",
    "fsync_dir",
    "git_sha7",
    "iter_filings",
    "new_dir",
    "new_run_dir",
    "read_dead_letters",
    "read_filing",
    "stamp",
]
