"""Cleanliness: segment text is prose, free of markup and page furniture.

Rates here count segments: a segment offends when it contains the artifact at least once.
Each check scans all of a filing's segments at once (``FilingView.joined_bytes``): candidates
come from the compiled kernels (every position of a byte or word, every short line; see
``gate.kernels``) and are confirmed with a pattern, so clean text costs little more than
reading it once.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator

from edgar_sentinel.gate.kernels import find_all
from edgar_sentinel.gate.registry import Observation, Offense, Params, per_filing
from edgar_sentinel.gate.result import Category, Unit
from edgar_sentinel.gate.view import SHORT_LINE_WORDS, FilingView, excerpt

_C = Category.CLEANLINESS

_HTML_TAGS = (
    rb"a|b|i|u|p|br|hr|td|tr|th|li|ul|ol|em|div|span|font|table|tbody|strong|sup|sub|img|"
    rb"center|html|body|head|title|style|script|ix:[a-z]+"
)
HTML_ARTIFACT = re.compile(
    rb"</?(?:" + _HTML_TAGS + rb")(?:\s[^<>]{0,200})?/?>"
    rb"|&(?:nbsp|amp|lt|gt|quot|apos|rsquo|lsquo|rdquo|ldquo|mdash|ndash|#\d{2,6}|#x[0-9a-f]{2,5});",
    re.IGNORECASE,
)
"""Tags and character entities; matched at each '<' and '&' (found with bytes.find)."""
CSS_PROPERTIES = (b"font-family", b"font-size", b"font-weight")
"""Inline CSS that leaked as text, recognised before each ':'."""
_DASH = rb"(?:-|\xe2\x80\x93|\xe2\x80\x94)"
PAGE_NUMBER_LINE = re.compile(
    rb"[ \t]*(?:[Pp]age[ \t]+)?" + _DASH + rb"?[ \t]*\d{1,3}"
    rb"(?:[ \t]+of[ \t]+\d{1,3})?[ \t]*" + _DASH + rb"?[ \t]*"
)
"""A whole line holding only a page number (matched against the short lines)."""
_PAGE_NUMBER_FIRST = frozenset(b" \tPp-0123456789\xe2")
"""The bytes such a line can start with (a quick test before the pattern)."""
PAGE_FOOTER = re.compile(
    rb"10-K[ \t]*\|[ \t]*\d{1,3}\b|\b\d{1,3}[ \t]*\|[ \t]*[^\n|]{0,60}Form[ \t]+10-K\b"
)
ITEM_NUMBER = re.compile(rb"\s+(\d{1,2}[a-cA-C]?)\b")
"""What follows 'Item' / 'ITEM' in an item reference."""
ENCODING_ARTIFACT = re.compile(
    "[âÃÂ\ufffd\u0080-\u009f](?:(?<=â)€[™œ“”˜¦¢\u009d\u0099\u0093\u0094\u2013\u2014]"
    "|(?<=Ã)[\u0080-\u00bf]|(?<=Â)[\u00a0-\u00bf]|(?<=[\ufffd\u0080-\u009f]))"
)
_ENCODING_HINTS = "âÃÂ\ufffd\x80\x85\x91\x92\x93\x94\x95\x96\x97\x99"
"""Mojibake lead bytes, U+FFFD, and the C1 characters cp1252 punctuation turns into when
read as Latin-1 (quotes, dashes, bullet, ellipsis, euro, trade mark)."""
_ENCODING_LEAD_BYTES = (b"\xc2", b"\xc3", b"\xef")
"""The first UTF-8 byte of every hint: text without them needs no closer look."""
ITEM1A_LINE = re.compile(r"item\s*1a\.?\s*[-–—.:]?\s*risk\s+factors")


def _offenses(view: FilingView, starts: Iterable[int]) -> list[Offense]:
    """One offense per segment holding a match at one of ``starts`` (``joined`` positions)."""
    segments = view.record.segments
    seen: set[int] = set()
    out = []
    for pos in starts:
        i = view.segment_at(pos)
        if i in seen or i < 0:
            continue
        seen.add(i)
        seg = segments[i]
        out.append(Offense(seg.index, excerpt(seg.text, max(0, pos - view.offsets[i]))))
    return out


def _byte_offenses(view: FilingView, starts: Iterable[int]) -> list[Offense]:
    """One offense per segment holding a match at one of ``starts`` (``joined_bytes``)."""
    segments = view.record.segments
    seen: set[int] = set()
    out = []
    for pos in sorted(starts):
        i, char = view.locate_byte(pos)
        if i in seen or i < 0:
            continue
        seen.add(i)
        out.append(Offense(segments[i].index, excerpt(segments[i].text, char)))
    return out


@per_filing("html_artifact_rate", category=_C, unit=Unit.SEGMENTS)
def html_artifact(view: FilingView, params: Params) -> Observation:
    """Tags, character entities or inline CSS left in the text."""
    data = view.joined_bytes
    starts = [
        pos
        for hint in (b"<", b"&")
        for pos in find_all(data, hint)
        if HTML_ARTIFACT.match(data, pos) is not None
    ]
    for colon in find_all(data, b":"):
        before = data[max(0, colon - 11) : colon].lower()
        starts += [colon - len(p) for p in CSS_PROPERTIES if before.endswith(p)]
    return Observation(measured=len(view.record.segments), offenses=_byte_offenses(view, starts))


@per_filing("page_number_artifact_rate", category=_C, unit=Unit.SEGMENTS)
def page_number_artifact(view: FilingView, params: Params) -> Observation:
    """A line holding only a page number ('17', '- 17 -', 'Page 17 of 80') or a 10-K footer."""
    data = view.joined_bytes
    starts = [
        start
        for start, stop in view.short_lines
        if data[start] in _PAGE_NUMBER_FIRST
        and PAGE_NUMBER_LINE.fullmatch(data, start, stop) is not None
    ]
    bars = find_all(data, b"|")
    if bars and b"10-K" in data:
        for bar in bars:
            m = PAGE_FOOTER.search(data, max(0, bar - 80), bar + 80)
            if m is not None:
                starts.append(m.start())
    return Observation(measured=len(view.record.segments), offenses=_byte_offenses(view, starts))


@per_filing("encoding_artifact_rate", category=_C, unit=Unit.SEGMENTS)
def encoding_artifact(view: FilingView, params: Params) -> Observation:
    """Mojibake (UTF-8 read as cp1252, e.g. 'â€™'), U+FFFD or C1 control characters."""
    data = view.joined_bytes
    if not any(lead in data for lead in _ENCODING_LEAD_BYTES):
        return Observation(measured=len(view.record.segments))
    text = view.joined
    if not any(ch in text for ch in _ENCODING_HINTS):
        return Observation(measured=len(view.record.segments))
    starts = [m.start() for m in ENCODING_ARTIFACT.finditer(text)]
    return Observation(measured=len(view.record.segments), offenses=_offenses(view, starts))


_LETTERS = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def _item_words(data: bytes) -> list[int]:
    """Positions of the words 'Item' and 'ITEM' (not inside a longer word), in order."""
    found = sorted(find_all(data, b"Item") + find_all(data, b"ITEM"))
    return [p for p in found if p == 0 or data[p - 1] not in _LETTERS]


@per_filing(
    "toc_leak_rate", category=_C, unit=Unit.SEGMENTS, params={"min_items": 4, "max_span": 400}
)
def toc_leak(view: FilingView, params: Params) -> Observation:
    """A table of contents inside a segment.

    ``min_items`` distinct 'Item N' / 'ITEM N' references within ``max_span`` bytes: prose
    cross-references name two or three items, a contents list names many, close together.
    """
    min_items, max_span = int(params["min_items"]), int(params["max_span"])
    data = view.joined_bytes
    hits = [
        (pos, m.group(1).lower())
        for pos in _item_words(data)
        if (m := ITEM_NUMBER.match(data, pos + 4)) is not None
    ]  # in position order, as _item_words finds them
    if len(hits) < min_items:
        return Observation(measured=len(view.record.segments))
    starts = []
    for i, (start, _) in enumerate(hits):
        # Necessary: min_items references (distinct or not) start within max_span.
        if i + min_items > len(hits) or hits[i + min_items - 1][0] - start > max_span:
            continue
        seg = view.segment_at_byte(start)
        window = {
            item
            for pos, item in hits[i : i + 4 * min_items]
            if pos - start <= max_span and view.segment_at_byte(pos) == seg
        }
        if len(window) >= min_items:
            starts.append(start)
    return Observation(measured=len(view.record.segments), offenses=_byte_offenses(view, starts))


def _header_candidates(view: FilingView) -> Iterator[tuple[int, str]]:
    """(segment list index, line) of each short line that is not a segment's first line
    (its own heading)."""
    data = view.joined_bytes
    firsts = set(view.byte_offsets)
    for start, stop in view.short_lines:
        if start not in firsts:
            yield view.segment_at_byte(start), data[start:stop].decode("utf-8", errors="replace")


@per_filing("running_header_rate", category=_C, unit=Unit.SEGMENTS, params={"min_repeats": 3})
def running_header(view: FilingView, params: Params) -> Observation:
    """Page headers repeated through the text.

    A segment offends when it contains a 'Table of Contents' back-link line, an
    'Item 1A. Risk Factors' line after its first line, or a short line (2-12 words) that
    recurs in at least ``min_repeats`` segments of the same filing.
    """
    min_repeats = int(params["min_repeats"])
    segments = view.record.segments
    per_seg: dict[int, set[str]] = {}
    flagged: dict[int, str] = {}
    for seg, line in _header_candidates(view):
        words = line.split()
        if not 1 <= len(words) <= SHORT_LINE_WORDS:
            continue
        key = " ".join(words).lower()
        if key == "table of contents" or ("risk" in key and ITEM1A_LINE.fullmatch(key)):
            flagged.setdefault(seg, line.strip())
        elif len(words) >= 2 and any(map(str.isalpha, key)):
            per_seg.setdefault(seg, set()).add(key)
    if not per_seg and not flagged:
        return Observation(measured=len(segments))
    seen: Counter[str] = Counter()
    for lines in per_seg.values():
        seen.update(lines)
    repeated = {line for line, n in seen.items() if n >= min_repeats}
    offenses = []
    for i in sorted(flagged.keys() | per_seg.keys()):
        index = segments[i].index
        if i in flagged:
            offenses.append(Offense(index, f"header line: {flagged[i][:120]}"))
        elif hits := per_seg[i] & repeated:
            offenses.append(Offense(index, f"repeated line: {sorted(hits)[0][:120]}"))
    return Observation(measured=len(segments), offenses=offenses)


__all__ = [
    "ENCODING_ARTIFACT",
    "HTML_ARTIFACT",
    "PAGE_FOOTER",
    "PAGE_NUMBER_LINE",
    "encoding_artifact",
    "html_artifact",
    "page_number_artifact",
    "running_header",
    "toc_leak",
]
