"""Test support for the batch runner: process functions that misbehave on purpose.

They are module-level so that worker processes can import them.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import signal
import time
from concurrent.futures import Executor, ProcessPoolExecutor
from pathlib import Path

from edgar_sentinel.errors import InputRejectedError
from edgar_sentinel.models import DeadLetterReason, FilingRecord, Item1AStatus, SourceFormat
from edgar_sentinel.settings import Settings


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
    """Does what the file name says: hang, crash, segfault, oom, greedy (allocates 1.5 GiB),
    bug, reject; else works.

    A file whose content says ``interrupt`` raises ``KeyboardInterrupt`` (a Ctrl-C).
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
    if "greedy" in name:
        hoard = bytearray(1536 * 1024 * 1024)  # 1.5 GiB: more than a capped worker may map
        del hoard
    if "bug" in name:
        raise ValueError("unexpected markup")
    if b"interrupt" in path.read_bytes():
        raise KeyboardInterrupt
    if "reject" in name:
        raise InputRejectedError(
            DeadLetterReason.EMPTY_FILE, "the file is empty; download it again"
        )
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


def _die_at_start() -> None:
    os._exit(3)


def dead_pool(workers: int) -> Executor:
    """A process pool whose workers die as they start: a broken environment."""
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("forkserver"),
        initializer=_die_at_start,
    )
