"""Run directories written by tests: the layout preprocessing writes, with chosen records."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from edgar_sentinel.models import FilingRecord
from edgar_sentinel.runs import (
    DEAD_LETTER_FILE,
    FILINGS_DIR,
    MANIFEST_FILE,
    atomic_write_bytes,
    dump_json,
)

FileName = Callable[[int, FilingRecord], str]


def numbered(n: int, record: FilingRecord) -> str:
    """``filing-00000.json``, ``filing-00001.json``, ... in the order given."""
    return f"filing-{n:05d}.json"


def write_run(
    run_dir: Path,
    records: Iterable[FilingRecord],
    *,
    file_name: FileName = numbered,
    dead_letters: Iterable[Mapping[str, Any]] = (),
    manifest: Mapping[str, Any] | None = None,
) -> Path:
    """Write ``records`` (and optional dead letters and manifest) as a run directory."""
    (run_dir / FILINGS_DIR).mkdir(parents=True, exist_ok=True)
    for n, record in enumerate(records):
        data = dump_json(record.model_dump(mode="json"))
        atomic_write_bytes(run_dir / FILINGS_DIR / file_name(n, record), data)
    lines = [dump_json(dict(d)).replace(b"\n", b"") + b"\n" for d in dead_letters]
    if lines:
        atomic_write_bytes(run_dir / DEAD_LETTER_FILE, b"".join(lines))
    if manifest is not None:
        atomic_write_bytes(run_dir / MANIFEST_FILE, dump_json(dict(manifest)))
    return run_dir
