"""One unit of work, run inside a worker process: one input file in, one picklable result out.

The worker turns every outcome into data: a serialized ``FilingRecord`` or a ``DeadLetter``.
``InputRejectedError`` becomes a dead letter with its own reason; ``MemoryError`` a
``worker_crash``; any other exception is a bug in the pipeline but is still dead-lettered
(``internal_error``) so the run goes on.
Hangs and hard crashes cannot be caught here; the pool runner handles those.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from edgar_sentinel.errors import InputRejectedError
from edgar_sentinel.models import DeadLetter, DeadLetterReason, DeadLetterStage, FilingRecord
from edgar_sentinel.runs import dump_json
from edgar_sentinel.settings import Settings


class ProcessFn(Protocol):
    """The per-file pipeline: ``edgar_sentinel.preprocess.pipeline.process_file``.

    It must be a module-level function so that it can be sent to worker processes.
    """

    def __call__(self, path: Path, /, *, settings: Settings) -> FilingRecord: ...


@dataclass(frozen=True)
class Task:
    index: int
    """Position of the input in the run's sorted input list."""
    path: str
    settings: Settings
    process_fn: ProcessFn


@dataclass(frozen=True)
class TaskResult:
    index: int
    path: str
    sha256: str | None
    size_bytes: int | None
    filing_json: bytes | None = None
    """Canonical JSON of the FilingRecord; ``None`` when dead-lettered."""
    name_base: str | None = None
    """Accession number, else the input's stem: the base of the output file name."""
    item1a_status: str | None = None
    warning_codes: tuple[str, ...] = field(default_factory=tuple)
    dead_letter: DeadLetter | None = None


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def input_stem(path: str) -> str:
    """``AAPL_10-K_2024.htm.gz`` -> ``AAPL_10-K_2024``, made safe as a file name."""
    name = Path(path).name
    if name.lower().endswith(".gz"):
        name = name[:-3]
    stem = Path(name).stem or name
    return _UNSAFE.sub("_", stem).lstrip(".") or "filing"


def file_identity(path: str) -> tuple[str | None, int | None]:
    """(sha256, size) of the input's bytes, or ``(None, None)`` if it cannot be read."""
    try:
        with Path(path).open("rb") as fh:
            digest = hashlib.file_digest(fh, "sha256").hexdigest()
            return digest, fh.tell()
    except OSError:
        return None, None


def dead_letter_result(
    task_index: int,
    path: str,
    *,
    reason: DeadLetterReason,
    stage: DeadLetterStage,
    message: str,
    identity: tuple[str | None, int | None] | None = None,
) -> TaskResult:
    """A dead letter; ``identity`` is the input's (sha256, size), read from disk if not given."""
    sha, size = identity if identity is not None else file_identity(path)
    letter = DeadLetter(path=path, stage=stage, reason=reason, message=message)
    return TaskResult(index=task_index, path=path, sha256=sha, size_bytes=size, dead_letter=letter)


def _rejected(task: Task, exc: InputRejectedError) -> TaskResult:
    known = (exc.sha256, exc.size_bytes) if exc.sha256 is not None else None
    return dead_letter_result(
        task.index,
        task.path,
        reason=exc.reason,
        stage=exc.stage,
        message=exc.message,
        identity=known,
    )


def run_task(task: Task) -> TaskResult:
    """Process one input; never raises for a problem of the input itself."""
    try:
        record = task.process_fn(Path(task.path), settings=task.settings)
    except InputRejectedError as exc:
        return _rejected(task, exc)
    except MemoryError:
        return dead_letter_result(
            task.index,
            task.path,
            reason=DeadLetterReason.WORKER_CRASH,
            stage=DeadLetterStage.WORKER,
            message="ran out of memory while processing this file; "
            "check that it is a single 10-K filing, or run with fewer --workers",
        )
    except Exception as exc:  # a pipeline bug must not stop the run
        return dead_letter_result(
            task.index,
            task.path,
            reason=DeadLetterReason.INTERNAL_ERROR,
            stage=DeadLetterStage.EXTRACT,
            message=f"unexpected {type(exc).__name__}: {exc}; this is a bug in edgar-sentinel, "
            "please report it with this file",
        )
    # The record carries the hash and size of the very bytes it was made from.
    return TaskResult(
        index=task.index,
        path=task.path,
        sha256=record.source_sha256,
        size_bytes=record.source_bytes,
        filing_json=dump_json(record.model_dump(mode="json")),
        name_base=record.accession_number or input_stem(task.path),
        item1a_status=record.item1a_status.value,
        warning_codes=tuple(w.code for w in record.warnings),
    )


__all__ = [
    "ProcessFn",
    "Task",
    "TaskResult",
    "dead_letter_result",
    "file_identity",
    "input_stem",
    "run_task",
]
