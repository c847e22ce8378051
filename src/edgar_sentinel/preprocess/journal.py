"""Crash-safe bookkeeping of a preprocessing run: plan, journal, staged outputs, finalization.

While a run is under way its directory holds ``_journal/``::

    _journal/plan.json        the sorted inputs and the effective configuration (atomic)
    _journal/journal.jsonl    one line per finished input, appended and fsync'ed
    _journal/staged/NNNNNN.json  the filing JSON of input number NNNNNN (atomic)
    _journal/lock             held (flock) by the process working on the run

A result is staged first and journaled second, so a journal line always points at a
complete file; a kill between the two only costs re-processing that input. On resume the
journal is re-read, torn or unverifiable lines are dropped (the staged file must exist and
match the recorded SHA-256) and only the missing inputs are processed again.

Finalization names the outputs in input order (``{accession or stem}.json``, then ``-2``,
``-3``... for later inputs with the same name), moves them into ``filings/``, writes
``dead_letter.jsonl``, ``RUN_REPORT.md`` and finally ``manifest.json``, then removes
``_journal/``. Every step is idempotent, so a kill during finalization is resumed too.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, ValidationError

from edgar_sentinel import __version__
from edgar_sentinel.errors import RunDirectoryError
from edgar_sentinel.models import DeadLetter, FrozenModel, Item1AStatus
from edgar_sentinel.preprocess.manifest import (
    InputOutcome,
    Manifest,
    ManifestInput,
    config_sha256,
    count_inputs,
)
from edgar_sentinel.preprocess.tasks import TaskResult, file_identity
from edgar_sentinel.runs import (
    DEAD_LETTER_FILE,
    FILINGS_DIR,
    MANIFEST_FILE,
    RUN_REPORT_FILE,
    atomic_write_bytes,
    dump_json,
    fsync_dir,
)
from edgar_sentinel.settings import Settings

JOURNAL_DIR = "_journal"
PLAN_FILE = "plan.json"
JOURNAL_FILE = "journal.jsonl"
STAGED_DIR = "staged"
LOCK_FILE = "lock"


class Plan(FrozenModel):
    schema_version: Literal["1.0"] = "1.0"
    tool_version: str
    git_sha: str | None
    started_at: datetime
    resumes: int = Field(default=0, ge=0)
    config: dict[str, Any]
    inputs: list[str]


class JournalEntry(FrozenModel):
    index: int = Field(ge=0)
    path: str
    sha256: str | None
    size_bytes: int | None
    output_sha256: str | None = Field(description="SHA-256 of the staged filing JSON.")
    name_base: str | None
    item1a_status: Item1AStatus | None
    warnings: list[str]
    dead_letter: DeadLetter | None


def _sha256(path: Path) -> str | None:
    return file_identity(str(path))[0]


def _lock(run_dir: Path) -> int:
    """Take the run's exclusive lock, so that two processes never work on one run."""
    path = run_dir / JOURNAL_DIR / LOCK_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise RunDirectoryError(
            f"{run_dir} is being processed by another edgar-sentinel process",
            hint="wait for it to finish, or stop it and then resume",
        ) from None
    return fd


def assign_names(entries: list[JournalEntry]) -> dict[int, str]:
    """Output file name per processed input; collisions resolved by input order.

    Names differing only in case collide too: they are one file on macOS and Windows.
    """
    names: dict[int, str] = {}
    used: set[str] = set()
    for entry in sorted(entries, key=lambda e: e.index):
        if entry.dead_letter is not None or entry.name_base is None:
            continue
        name, n = entry.name_base, 1
        while name.casefold() in used:
            n += 1
            name = f"{entry.name_base}-{n}"
        used.add(name.casefold())
        names[entry.index] = f"{name}.json"
    return names


class RunJournal:
    """The state of one preprocessing run directory."""

    def __init__(
        self, run_dir: Path, plan: Plan, entries: dict[int, JournalEntry], *, lock_fd: int
    ) -> None:
        self.run_dir = run_dir
        self.plan = plan
        self.entries = entries
        self._dir = run_dir / JOURNAL_DIR
        self._lock_fd: int | None = lock_fd
        (self._dir / STAGED_DIR).mkdir(parents=True, exist_ok=True)

    def close(self) -> None:
        """Release the run's lock (the process exiting releases it too, even on kill -9)."""
        if self._lock_fd is not None:
            os.close(self._lock_fd)
            self._lock_fd = None

    # -- opening ----------------------------------------------------------------------------

    @classmethod
    def create(
        cls, run_dir: Path, *, inputs: list[Path], settings: Settings, git_sha: str | None
    ) -> RunJournal:
        lock_fd = _lock(run_dir)
        plan = Plan(
            tool_version=__version__,
            git_sha=git_sha,
            started_at=datetime.now(UTC),
            config=settings.model_dump(mode="json"),
            inputs=[str(p) for p in inputs],
        )
        atomic_write_bytes(
            run_dir / JOURNAL_DIR / PLAN_FILE, dump_json(plan.model_dump(mode="json"))
        )
        atomic_write_bytes(run_dir / JOURNAL_DIR / JOURNAL_FILE, b"")
        return cls(run_dir, plan, {}, lock_fd=lock_fd)

    @classmethod
    def open(cls, run_dir: Path) -> RunJournal:
        """Re-open an interrupted run, keeping only the journal lines that still verify."""
        plan_path = run_dir / JOURNAL_DIR / PLAN_FILE
        if not plan_path.is_file():
            raise RunDirectoryError(
                f"{run_dir} cannot be resumed: it has no {JOURNAL_DIR}/{PLAN_FILE}",
                hint="pass the run directory of an interrupted 'edgar-sentinel preprocess', "
                "or start a new run",
            )
        lock_fd = _lock(run_dir)
        try:
            plan = Plan.model_validate_json(plan_path.read_bytes())
        except (OSError, ValidationError) as exc:
            os.close(lock_fd)
            raise RunDirectoryError(f"{plan_path} is unreadable: {exc}") from exc
        if plan.tool_version != __version__:
            os.close(lock_fd)
            raise RunDirectoryError(
                f"{run_dir} was started by edgar-sentinel {plan.tool_version}, this is "
                f"{__version__}: resuming would mix outputs of two versions",
                hint="resume with the version that started the run, or start a new run",
            )
        plan = plan.model_copy(update={"resumes": plan.resumes + 1})
        atomic_write_bytes(plan_path, dump_json(plan.model_dump(mode="json")))
        journal = cls(run_dir, plan, {}, lock_fd=lock_fd)
        journal._load_entries()
        return journal

    def _load_entries(self) -> None:
        raw = self._dir / JOURNAL_FILE
        lines = raw.read_bytes().splitlines() if raw.is_file() else []
        found: dict[int, JournalEntry] = {}
        for line in lines:
            try:
                entry = JournalEntry.model_validate_json(line)
            except ValidationError:
                continue  # a line torn by a kill
            if entry.index < len(self.plan.inputs) and self.plan.inputs[entry.index] == entry.path:
                found[entry.index] = entry
        names = assign_names(list(found.values()))
        self.entries = {
            i: e for i, e in found.items() if e.dead_letter is not None or self._verify(e, names)
        }
        body = b"".join(self._line(e) for e in sorted(self.entries.values(), key=lambda e: e.index))
        atomic_write_bytes(raw, body)

    def _verify(self, entry: JournalEntry, names: dict[int, str]) -> bool:
        candidates = [self._staged(entry.index)]
        if entry.index in names:  # already moved by an interrupted finalization
            candidates.append(self.run_dir / FILINGS_DIR / names[entry.index])
        return any(p.is_file() and _sha256(p) == entry.output_sha256 for p in candidates)

    # -- recording --------------------------------------------------------------------------

    @property
    def settings(self) -> Settings:
        return Settings(**self.plan.config)

    def pending(self) -> list[int]:
        return [i for i in range(len(self.plan.inputs)) if i not in self.entries]

    def _staged(self, index: int) -> Path:
        return self._dir / STAGED_DIR / f"{index:06d}.json"

    @staticmethod
    def _line(entry: JournalEntry) -> bytes:
        return entry.model_dump_json().encode("utf-8") + b"\n"

    def record(self, result: TaskResult) -> JournalEntry:
        """Stage the result's output, then append its journal line (durably)."""
        output_sha = None
        if result.filing_json is not None:
            atomic_write_bytes(self._staged(result.index), result.filing_json)
            output_sha = hashlib.sha256(result.filing_json).hexdigest()
        entry = JournalEntry(
            index=result.index,
            path=result.path,
            sha256=result.sha256,
            size_bytes=result.size_bytes,
            output_sha256=output_sha,
            name_base=result.name_base,
            item1a_status=Item1AStatus(result.item1a_status) if result.item1a_status else None,
            warnings=list(result.warning_codes),
            dead_letter=result.dead_letter,
        )
        fd = os.open(self._dir / JOURNAL_FILE, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, self._line(entry))
            os.fsync(fd)
        finally:
            os.close(fd)
        self.entries[result.index] = entry
        return entry

    # -- finalization -----------------------------------------------------------------------

    def finalize(
        self, *, render_report: Callable[[Manifest, list[DeadLetter]], str]
    ) -> tuple[Manifest, list[DeadLetter]]:
        """Move outputs into place and write the run's documents; the manifest comes last.

        Returns the manifest and the dead letters it wrote."""
        missing = self.pending()
        if missing:  # pragma: no cover - the runner reports every task
            raise RuntimeError(f"cannot finalize: {len(missing)} inputs have no outcome")
        ordered = [self.entries[i] for i in range(len(self.plan.inputs))]
        names = assign_names(ordered)
        filings = self.run_dir / FILINGS_DIR
        filings.mkdir(exist_ok=True)
        for index, name in names.items():
            staged = self._staged(index)
            if staged.exists():
                staged.replace(filings / name)
        fsync_dir(filings)  # the renames are durable before the manifest says "finished"
        letters = [e.dead_letter for e in ordered if e.dead_letter is not None]
        atomic_write_bytes(
            self.run_dir / DEAD_LETTER_FILE,
            b"".join(letter.model_dump_json().encode("utf-8") + b"\n" for letter in letters),
        )
        inputs = [self._manifest_input(e, names.get(e.index)) for e in ordered]
        manifest = Manifest(
            tool_version=self.plan.tool_version,
            git_sha=self.plan.git_sha,
            config=self.plan.config,
            config_sha256=config_sha256(self.plan.config),
            started_at=self.plan.started_at,
            finished_at=datetime.now(UTC),
            resumes=self.plan.resumes,
            inputs=inputs,
            counts=count_inputs(inputs),
        )
        atomic_write_bytes(
            self.run_dir / RUN_REPORT_FILE, render_report(manifest, letters).encode("utf-8")
        )
        atomic_write_bytes(
            self.run_dir / MANIFEST_FILE, dump_json(manifest.model_dump(mode="json"))
        )
        shutil.rmtree(self._dir)
        self.close()
        return manifest, letters

    @staticmethod
    def _manifest_input(entry: JournalEntry, name: str | None) -> ManifestInput:
        letter = entry.dead_letter
        return ManifestInput(
            path=entry.path,
            sha256=entry.sha256,
            size_bytes=entry.size_bytes,
            outcome=InputOutcome.PROCESSED if letter is None else InputOutcome.DEAD_LETTERED,
            output=f"{FILINGS_DIR}/{name}" if name else None,
            item1a_status=entry.item1a_status,
            dead_letter_reason=letter.reason if letter else None,
            warnings=entry.warnings,
        )


def is_unfinished(run_dir: Path) -> bool:
    return (run_dir / JOURNAL_DIR).is_dir()


__all__ = ["JOURNAL_DIR", "JournalEntry", "Plan", "RunJournal", "assign_names", "is_unfinished"]
