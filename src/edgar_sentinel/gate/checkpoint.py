"""Resume state of a long validation: the merged partial after a finished chunk.

The checkpoint folder (default ``{run_dir}/.gate-checkpoint/``; for a read-only run a
private folder in the temporary directory, named after the run) holds ``state.json``,
written atomically at most every few seconds after a finished chunk, and the duplicate
sketch database. A checkpoint is reused only for the same run, file count, chunk size,
thresholds and sample cap; otherwise the validation starts over. It is deleted when a
validation completes.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from edgar_sentinel.gate.partial import Partial
from edgar_sentinel.runs import atomic_write_bytes

CHECKPOINT_DIR = ".gate-checkpoint"
STATE_FILE = "state.json"
SKETCH_FILE = "sketch.db"
_VERSION = 2
"""2: duplicate content keys are XXH3-128 (a version 1 sketch is not comparable)."""


@dataclass(frozen=True)
class CheckpointKey:
    """What a checkpoint must match to be resumed."""

    run_directory: str
    files: int
    chunk_size: int
    thresholds_sha256: str
    max_samples: int

    def as_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


class Checkpoint:
    def __init__(self, folder: Path, key: CheckpointKey) -> None:
        self.folder = folder
        self.key = key

    @classmethod
    def for_run(cls, run_dir: Path, key: CheckpointKey, folder: Path | None = None) -> Checkpoint:
        """Use ``folder`` or the run's own checkpoint folder, else (a read-only run) a
        private temporary folder named after the run, so that ``--resume`` finds it again."""
        target = folder or run_dir / CHECKPOINT_DIR
        if _writable_folder(target):
            return cls(target, key)
        digest = hashlib.sha256(str(run_dir.resolve()).encode()).hexdigest()[:16]
        private = Path(tempfile.gettempdir()) / f"edgar-sentinel-gate-{os.getuid()}-{digest}"
        if _writable_folder(private, private_to_user=True):
            return cls(private, key)
        return cls(Path(tempfile.mkdtemp(prefix="edgar-sentinel-gate-")), key)

    @property
    def sketch_path(self) -> Path:
        return self.folder / SKETCH_FILE

    def load(self) -> tuple[int, Partial] | None:
        """(next chunk, merged partial) of a matching checkpoint, else None."""
        path = self.folder / STATE_FILE
        try:
            data = orjson.loads(path.read_bytes())
        except (OSError, orjson.JSONDecodeError):
            return None
        if data.get("version") != _VERSION or data.get("key") != self.key.as_dict():
            return None
        return int(data["next_chunk"]), Partial.from_json(data["partial"])

    def reset(self) -> None:
        (self.folder / STATE_FILE).unlink(missing_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{self.sketch_path}{suffix}").unlink(missing_ok=True)

    def save(self, next_chunk: int, partial: Partial) -> None:
        doc = {
            "version": _VERSION,
            "key": self.key.as_dict(),
            "next_chunk": next_chunk,
            "partial": partial.to_json(),
        }
        atomic_write_bytes(self.folder / STATE_FILE, orjson.dumps(doc))

    def remove(self) -> None:
        """Delete the files this checkpoint wrote, and its folder when that is left empty."""
        self.reset()
        with contextlib.suppress(OSError):
            self.folder.rmdir()


def _writable_folder(folder: Path, *, private_to_user: bool = False) -> bool:
    """Create ``folder`` if needed; true when this user can write to it. A folder in the
    shared temporary directory must be a real folder owned by this user, not a link."""
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        if private_to_user:
            info = folder.lstat()
            if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
                return False
        return os.access(folder, os.W_OK)
    except OSError:
        return False


__all__ = ["CHECKPOINT_DIR", "Checkpoint", "CheckpointKey"]
