"""Run directories: stamped, never reused, written atomically."""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from edgar_sentinel.runs import FILINGS_DIR, atomic_write_bytes, new_dir, new_run_dir


def test_new_dir_never_reuses_a_directory(tmp_path: Path) -> None:
    first = new_dir(tmp_path / "model")
    (first / "keep.txt").write_text("x", encoding="utf-8")
    second, third = new_dir(tmp_path / "model"), new_dir(tmp_path / "model")
    assert [p.name for p in (first, second, third)] == ["model", "model-2", "model-3"]
    assert (first / "keep.txt").read_text(encoding="utf-8") == "x"


def test_run_dirs_are_stamped_and_hold_a_filings_folder(tmp_path: Path) -> None:
    now = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    run_dir = new_run_dir(tmp_path, "preprocessing", now=now)
    assert re.fullmatch(r"20260102_030405_preprocessing_([0-9a-f]{7}|nogit)", run_dir.name)
    assert (run_dir / FILINGS_DIR).is_dir()
    assert new_run_dir(tmp_path, "preprocessing", now=now).name == f"{run_dir.name}-2"


def test_atomic_write_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "doc.json"
    atomic_write_bytes(target, b"{}")
    atomic_write_bytes(target, b'{"a": 1}')
    assert target.read_bytes() == b'{"a": 1}'
    assert [p.name for p in target.parent.iterdir()] == ["doc.json"]


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc to name fds")
def test_an_atomic_write_syncs_the_file_and_then_its_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced: list[str] = []
    real_fsync = os.fsync

    def recording_fsync(fd: int) -> None:
        synced.append(str(Path(f"/proc/self/fd/{fd}").readlink()))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", recording_fsync)
    target = tmp_path / "sub" / "out.json"

    atomic_write_bytes(target, b"{}")

    assert len(synced) == 2
    assert Path(synced[0]).parent == target.parent  # the temporary file, before the rename
    assert Path(synced[1]) == target.parent  # then the folder that holds the new name
