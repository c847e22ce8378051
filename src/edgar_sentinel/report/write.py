"""Write the human-readable renderings next to a run's JSON report."""

from __future__ import annotations

from pathlib import Path

from edgar_sentinel.errors import UsageError
from edgar_sentinel.report.document import ReportDocument
from edgar_sentinel.report.render import Format, render
from edgar_sentinel.runs import atomic_write_text

WRITTEN_FORMATS: dict[Format, str] = {"markdown": "md", "html": "html"}


def write_reports(report_document: ReportDocument, *, out_dir: Path) -> dict[str, Path]:
    """Write ``{kind}_report.md`` and ``{kind}_report.html`` into ``out_dir``.

    Returns the paths by format (``"markdown"``, ``"html"``). Each file is written to a
    temporary name and renamed, so a reader never sees half a report.
    """
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot create the report folder {out_dir}: {exc.strerror}") from None
    written: dict[str, Path] = {}
    for fmt, suffix in WRITTEN_FORMATS.items():
        target = out_dir / f"{report_document.kind}_report.{suffix}"
        write_text_atomic(target, render(report_document, fmt=fmt))
        written[fmt] = target
    return written


def write_text_atomic(target: Path, text: str) -> None:
    """``runs.atomic_write_text`` with a user-facing error when the file cannot be written."""
    try:
        atomic_write_text(target, text)
    except OSError as exc:
        raise UsageError(f"cannot write {target}: {exc.strerror}") from None


__all__ = ["write_reports", "write_text_atomic"]
