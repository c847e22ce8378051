"""Resume state of a long validation: the merged partial after each finished chunk.

The checkpoint folder (default ``{run_dir}/.gate-checkpoint/``) holds ``state.json``,
written atomically after every chunk, and the duplicate sketch database. A checkpoint
is reused only for the same run, file count, chunk size and thresholds; otherwise the
validation starts over. It is deleted when a validation completes.
"""

from __future__ import annotations

import contextlib
import os
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
_VERSION = 1


@dataclass(frozen=True)
class CheckpointKey:
    """What a checkpoint must match to be resumed."""

    run_directory: str
    files: int
    chunk_size: int
    thresholds_sha256: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "run_directory": self.run_directory,
            "files": self.files,
            "chunk_size": self.chunk_size,
            "thresholds_sha256": self.thresholds_sha256,
        }


class Checkpoint:
    def __init__(self, folder: Path, key: CheckpointKey) -> None:
        self.folder = folder
        self.key = key

    @classmethod
    def for_run(cls, run_dir: Path, key: CheckpointKey, folder: Path | None = None) -> Checkpoint:
        """Use ``folder`` or the run's own checkpoint folder, else a private temp folder."""
        target = folder or run_dir / CHECKPOINT_DIR
        try:
            target.mkdir(parents=True, exist_ok=True)
            if not os.access(target, os.W_OK):
                raise PermissionError(target)
        except OSError:
            target = Path(tempfile.mkdtemp(prefix="edgar-sentinel-gate-"))
        return cls(target, key)

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


__all__ = ["CHECKPOINT_DIR", "Checkpoint", "CheckpointKey"]
