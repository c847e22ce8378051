"""Size limits of the places reports go, and the ladder of shorter renderings.

GitHub refuses a pull-request or issue comment over 65,536 characters, and drops a
step's whole job summary when ``$GITHUB_STEP_SUMMARY`` grows past 1 MiB. Limits here are
counted in UTF-8 bytes, which also bounds the character count.

A renderer is asked for the most detailed rendering first; while the result is too large
it is asked again one rung lower: fewer samples per check, shorter excerpts, fewer rows,
then no collapsible details at all, and finally a summary that points to the artifacts.
Every shortened rendering says what was cut. Nothing is ever cut mid-table.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

COMMENT_LIMIT = 65_536
"""GitHub's maximum length of an issue or pull-request comment body."""
STEP_SUMMARY_LIMIT = 1024 * 1024
"""GitHub's maximum size of one step's job summary."""
MIN_LIMIT = 8_192
"""Below this not even the summary rung fits reliably."""


@dataclass(frozen=True)
class Detail:
    """How much of a report one rendering shows (``None``: everything)."""

    samples: int | None = None
    """Samples (or examples) per check, term or topic."""
    excerpt_chars: int | None = None
    rows: int | None = None
    """Rows of long tables (offending filings, topic matches, emerging terms)."""
    details: bool = True
    """Collapsible ``<details>`` sections with samples at all."""
    sections: int | None = None
    """How many ``<details>`` sections."""
    summary_only: bool = False
    """Only the headline, the summary counts and the run identity."""


FULL = Detail()
LADDER: tuple[Detail, ...] = (
    FULL,
    Detail(samples=10, excerpt_chars=200, rows=500),
    Detail(samples=5, excerpt_chars=120, rows=200),
    Detail(samples=3, excerpt_chars=80, rows=100, sections=200),
    Detail(samples=1, excerpt_chars=60, rows=50, sections=100),
    Detail(samples=0, excerpt_chars=0, rows=25, sections=50),
    Detail(samples=0, excerpt_chars=0, rows=10, details=False, sections=0),
    Detail(samples=0, excerpt_chars=0, rows=0, details=False, sections=0, summary_only=True),
)


@dataclass
class Cuts:
    """What a rendering left out; turned into the visible note at the top."""

    items: list[str] = field(default_factory=list)

    def add(self, text: str) -> None:
        if text not in self.items:
            self.items.append(text)

    def __bool__(self) -> bool:
        return bool(self.items)


T = TypeVar("T")


def limit_rows(items: Sequence[T], detail: Detail, cuts: Cuts, what: str) -> Sequence[T]:
    """The first ``detail.rows`` of ``items``; what was left out is noted in ``cuts``."""
    if detail.rows is None or len(items) <= detail.rows:
        return items
    cuts.add(f"{len(items) - detail.rows:,} of {len(items):,} {what}")
    return items[: detail.rows]


def limit_rows_keeping(
    items: Sequence[T], first: Callable[[T], bool], detail: Detail, cuts: Cuts, what: str
) -> Sequence[T]:
    """``limit_rows``, but when rows must go the items for which ``first`` holds stay first
    (in their order), e.g. filings that fail a blocking check before those that only warn."""
    if detail.rows is None or len(items) <= detail.rows:
        return items
    return limit_rows(sorted(items, key=lambda item: not first(item)), detail, cuts, what)


def limit_samples(
    items: Sequence[T], detail: Detail, cuts: Cuts, noun: str, per: str
) -> Sequence[T]:
    """The first ``detail.samples`` of ``items``, noted in ``cuts`` as "at most N <noun>s per
    <per>" when some were left out."""
    if detail.samples is None or len(items) <= detail.samples:
        return items
    shown = detail.samples
    cuts.add(f"at most {shown:,} {noun if shown == 1 else noun + 's'} per {per}")
    return items[:shown]


def limit_sections(items: Sequence[T], detail: Detail, cuts: Cuts, what: str) -> Sequence[T]:
    """The first ``detail.sections`` of ``items`` (collapsible sections); cuts noted."""
    if detail.sections is None or len(items) <= detail.sections:
        return items
    cuts.add(f"{len(items) - detail.sections:,} of {len(items):,} {what}")
    return items[: detail.sections]


def note_cut_excerpts(excerpts: Iterable[str], detail: Detail, cuts: Cuts) -> None:
    """Note in ``cuts`` when any of ``excerpts`` is longer than the rendering shows."""
    limit = detail.excerpt_chars
    if limit is not None and any(len(excerpt) > limit for excerpt in excerpts):
        cuts.add(f"excerpts cut to {limit} characters")


def size(text: str) -> int:
    """Size of ``text`` as the limits count it: UTF-8 bytes."""
    return len(text.encode("utf-8"))


__all__ = [
    "COMMENT_LIMIT",
    "FULL",
    "LADDER",
    "MIN_LIMIT",
    "STEP_SUMMARY_LIMIT",
    "Cuts",
    "Detail",
    "limit_rows",
    "limit_rows_keeping",
    "limit_samples",
    "limit_sections",
    "note_cut_excerpts",
    "size",
]
