"""A filing as the checks see it: the record plus cheap, cached derived values."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import cached_property

from edgar_sentinel import excerpts
from edgar_sentinel.gate import kernels
from edgar_sentinel.models import ITEM1A_FIRST_PERIOD_END, FilingRecord, Item1AStatus, is_10k_form

EXCERPT_CHARS = 160
SHORT_LINE_CHARS = 160
SHORT_LINE_WORDS = 12
"""Page furniture (headers, footers, page numbers) fits in a short line of few words."""

ITEM1A_EXEMPT = frozenset(
    {
        Item1AStatus.PRE_ITEM1A,
        Item1AStatus.NOT_APPLICABLE,
        Item1AStatus.INCORPORATED_BY_REFERENCE,
        Item1AStatus.OMITTED,
        Item1AStatus.NOT_A_10K,
    }
)


SEGMENT_SEPARATOR = "\n\x00\n"
"""Joins segments for scanning: line-anchored patterns see each segment's start and end."""
SEGMENT_SEPARATOR_BYTES = SEGMENT_SEPARATOR.encode()


def excerpt(text: str, start: int = 0) -> str:
    """A one-line sample excerpt of ``text`` around ``start``."""
    return excerpts.excerpt(text, start, width=EXCERPT_CHARS)


def normalise(text: str) -> str:
    """Case-folded text with whitespace collapsed: the basis of content hashes."""
    return " ".join(text.casefold().split())


@dataclass
class FilingView:
    file: str
    record: FilingRecord

    @cached_property
    def requires_item1a(self) -> bool:
        """10-K family, filed when Item 1A existed, and not legitimately without it."""
        rec = self.record
        if rec.item1a_status in ITEM1A_EXEMPT:
            return False
        if rec.form_type is not None and not is_10k_form(rec.form_type):
            return False
        return not (rec.period_of_report and rec.period_of_report < ITEM1A_FIRST_PERIOD_END)

    @cached_property
    def joined(self) -> str:
        """Every segment's text, separated by ``SEGMENT_SEPARATOR``: one string to scan."""
        return SEGMENT_SEPARATOR.join(seg.text for seg in self.record.segments)

    @cached_property
    def offsets(self) -> list[int]:
        """Start of each segment in ``joined``."""
        out, pos = [], 0
        for seg in self.record.segments:
            out.append(pos)
            pos += len(seg.text) + len(SEGMENT_SEPARATOR)
        return out

    def segment_at(self, position: int) -> int:
        """Index (into ``record.segments``) of the segment holding ``joined[position]``."""
        return bisect.bisect_right(self.offsets, position) - 1

    @cached_property
    def encoded(self) -> list[bytes]:
        """Each segment's text as UTF-8 (byte scans are 2-3x faster than str scans)."""
        return [seg.text.encode("utf-8") for seg in self.record.segments]

    @cached_property
    def joined_bytes(self) -> bytes:
        """``joined`` as UTF-8: shared by the byte scans and the duplicate fingerprint."""
        return SEGMENT_SEPARATOR_BYTES.join(self.encoded)

    @cached_property
    def byte_offsets(self) -> list[int]:
        out, pos = [], 0
        for data in self.encoded:
            out.append(pos)
            pos += len(data) + len(SEGMENT_SEPARATOR_BYTES)
        return out

    def segment_at_byte(self, position: int) -> int:
        """Index (into ``record.segments``) of the segment holding ``joined_bytes[position]``."""
        return bisect.bisect_right(self.byte_offsets, position) - 1

    @cached_property
    def short_lines(self) -> list[tuple[int, int]]:
        """(start, stop) in ``joined_bytes`` of every line of 1 to ``SHORT_LINE_CHARS``
        characters and at most ``SHORT_LINE_WORDS`` words (trimmed): where page furniture
        hides. Longer lines are prose."""
        return kernels.short_lines(self.joined_bytes, SHORT_LINE_CHARS, SHORT_LINE_WORDS)

    def locate_byte(self, position: int) -> tuple[int, int]:
        """(segment list index, character offset in its text) of ``joined_bytes[position]``."""
        i = self.segment_at_byte(position)
        if i < 0:
            return -1, 0
        prefix = self.encoded[i][: max(0, position - self.byte_offsets[i])]
        return i, len(prefix.decode("utf-8", errors="ignore"))


__all__ = [
    "EXCERPT_CHARS",
    "ITEM1A_EXEMPT",
    "SEGMENT_SEPARATOR",
    "SEGMENT_SEPARATOR_BYTES",
    "FilingView",
    "excerpt",
    "normalise",
]
