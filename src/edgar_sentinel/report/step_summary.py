"""Append markdown to a GitHub Actions job summary (``$GITHUB_STEP_SUMMARY``).

GitHub drops a step's whole summary when it grows past 1 MiB, so nothing is appended
that would take the file over the limit: render with ``limit=remaining_budget()`` first.
"""

from __future__ import annotations

import os
from pathlib import Path

from edgar_sentinel.errors import DeliveryError
from edgar_sentinel.report.document import ReportDocument
from edgar_sentinel.report.limits import MIN_LIMIT, STEP_SUMMARY_LIMIT, size
from edgar_sentinel.report.render import render

ENV_VAR = "GITHUB_STEP_SUMMARY"


class StepSummaryFullError(DeliveryError):
    """The job summary has no room for the markdown."""


def step_summary_path() -> Path | None:
    """The job summary file, or ``None`` outside GitHub Actions."""
    value = os.environ.get(ENV_VAR, "").strip()
    return Path(value) if value else None


def remaining_budget(path: Path | None = None) -> int:
    """Bytes that can still be appended to the job summary (1 MiB when there is none)."""
    target = path if path is not None else step_summary_path()
    used = target.stat().st_size if target is not None and target.is_file() else 0
    return max(0, STEP_SUMMARY_LIMIT - used - 1)


def append_step_summary(markdown: str, *, path: Path | None = None) -> Path | None:
    """Append ``markdown`` to the job summary; ``None`` when there is no job summary.

    Raises ``StepSummaryFullError`` rather than push the summary over 1 MiB (which would
    lose all of it).
    """
    target = path if path is not None else step_summary_path()
    if target is None:
        return None
    room = remaining_budget(target)
    needed = size(markdown)
    if needed > room:
        raise StepSummaryFullError(
            f"the job summary {target} has room for {room:,} more bytes; the report needs "
            f"{needed:,}",
            hint="render the report with a limit of the remaining room (`report --step-summary` "
            "does this)",
        )
    text = markdown if markdown.endswith("\n") else markdown + "\n"
    try:
        with target.open("a", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as exc:
        raise DeliveryError(f"cannot write the job summary {target}: {exc.strerror}") from None
    return target


def write_step_summary(document: ReportDocument, *, path: Path | None = None) -> Path | None:
    """Render ``document`` as markdown shortened to the room left and append it.

    Returns the summary file, or ``None`` outside GitHub Actions.
    """
    target = path if path is not None else step_summary_path()
    if target is None:
        return None
    room = remaining_budget(target)
    if room < MIN_LIMIT:
        raise StepSummaryFullError(
            f"the job summary {target} has only {room:,} bytes left of GitHub's "
            f"{STEP_SUMMARY_LIMIT:,}; the {document.kind} report was not added",
            hint="write less to the job summary in earlier commands of this step",
        )
    return append_step_summary(render(document, fmt="markdown", limit=room), path=target)


__all__ = [
    "ENV_VAR",
    "StepSummaryFullError",
    "append_step_summary",
    "remaining_budget",
    "step_summary_path",
    "write_step_summary",
]
