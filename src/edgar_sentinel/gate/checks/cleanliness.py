"""Cleanliness: segment text is prose, free of markup and page furniture.

Rates here count segments: a segment offends when it contains the artifact at least once.
Each pattern scans all of a filing's segments in one pass (``FilingView.joined``), after a
cheap substring test, so clean text costs little more than reading it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator

from edgar_sentinel.gate.registry import Observation, Offense, Params, per_filing
from edgar_sentinel.gate.result import Category, Unit
from edgar_sentinel.gate.view import FilingView, excerpt

_C = Category.CLEANLINESS

_HTML_TAGS = (
    "a|b|i|u|p|br|hr|td|tr|th|li|ul|ol|em|div|span|font|table|tbody|strong|sup|sub|img|"
    "center|html|body|head|title|style|script|ix:[a-z]+"
)
HTML_ARTIFACT = re.compile(
    rf"</?(?:{_HTML_TAGS})(?:\s[^<>]{{0,200}})?/?>"
    r"|&(?:nbsp|amp|lt|gt|quot|apos|rsquo|lsquo|rdquo|ldquo|mdash|ndash|#\d{2,6}|#x[0-9a-f]{2,5});"
    r"|font-(?:family|size|weight):",
    re.IGNORECASE,
)
_HTML_HINTS = ("<", "&", "font-")
"""Every HTML artifact starts with one of these (inline CSS leaks as 'font-...:')."""
PAGE_NUMBER_LINE = re.compile(
    r"\n[ \t]*(?:[Pp]age[ \t]+)?[-–—]?[ \t]*\d{1,3}"
    r"(?:[ \t]+of[ \t]+\d{1,3})?[ \t]*[-–—]?[ \t]*(?=\n)"
)
_LINE_START_CANDIDATE = re.compile(r"\n[ \t]*[Pp\d\-–—]")
PAGE_FOOTER = re.compile(
    r"10-K[ \t]*\|[ \t]*\d{1,3}\b|\b\d{1,3}[ \t]*\|[ \t]*[^\n|]{0,60}Form[ \t]+10-K\b"
)
ITEM_NUMBER = re.compile(r"\s+(\d{1,2}[a-cA-C]?)\b")
"""What follows 'Item' in an item reference; 'Item' itself is found with str.find."""
ENCODING_ARTIFACT = re.compile(
    "[âÃÂ\ufffd\u0080-\u009f](?:(?<=â)€[™œ“”˜¦¢\u009d\u0099\u0093\u0094\u2013\u2014]"
    "|(?<=Ã)[\u0080-\u00bf]|(?<=Â)[\u00a0-\u00bf]|(?<=[\ufffd\u0080-\u009f]))"
)
_ENCODING_HINTS = "âÃÂ\ufffd\x80\x85\x91\x92\x93\x94\x95\x96\x97\x99"
"""Mojibake lead bytes, U+FFFD, and the C1 characters cp1252 punctuation turns into when
read as Latin-1 (quotes, dashes, bullet, ellipsis, euro, trade mark)."""
ITEM1A_LINE = re.compile(r"item\s*1a\.?\s*[-–—.:]?\s*risk\s+factors")


def _offenses(view: FilingView, starts: Iterable[int]) -> list[Offense]:
    """One offense per segment holding a match at one of ``starts`` (joined positions)."""
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


def _find_all(text: str, needle: str) -> Iterator[int]:
    """Positions of ``needle`` (str.find is far faster than a regex character class)."""
    pos = text.find(needle)
    while pos >= 0:
        yield pos
        pos = text.find(needle, pos + 1)


@per_filing("html_artifact_rate", category=_C, unit=Unit.SEGMENTS)
def html_artifact(view: FilingView, params: Params) -> Observation:
    """Tags, character entities or inline CSS left in the text."""
    text = view.joined
    starts = [
        pos
        for hint in _HTML_HINTS
        for pos in _find_all(text, hint)
        if HTML_ARTIFACT.match(text, pos) is not None
    ]
    return Observation(measured=len(view.record.segments), offenses=_offenses(view, sorted(starts)))


@per_filing("page_number_artifact_rate", category=_C, unit=Unit.SEGMENTS)
def page_number_artifact(view: FilingView, params: Params) -> Observation:
    """A line holding only a page number ('17', '- 17 -', 'Page 17 of 80') or a 10-K footer."""
    # Segments are joined with newlines around a separator, so each segment's first and
    # last lines are newline-delimited like the others.
    text = "\n" + view.joined + "\n"
    starts = [
        max(0, m.start() - 1)
        for m in _LINE_START_CANDIDATE.finditer(text)
        if PAGE_NUMBER_LINE.match(text, m.start()) is not None
    ]
    joined = view.joined
    if "10-K" in joined:
        for bar in _find_all(joined, "|"):
            lo = max(0, bar - 80)
            m = PAGE_FOOTER.search(joined, lo, bar + 80)
            if m is not None:
                starts.append(m.start())
    return Observation(measured=len(view.record.segments), offenses=_offenses(view, sorted(starts)))


@per_filing("encoding_artifact_rate", category=_C, unit=Unit.SEGMENTS)
def encoding_artifact(view: FilingView, params: Params) -> Observation:
    """Mojibake (UTF-8 read as cp1252, e.g. 'â€™'), U+FFFD or C1 control characters."""
    text = view.joined
    if text.isascii() or not any(ch in text for ch in _ENCODING_HINTS):
        return Observation(measured=len(view.record.segments))
    starts = [m.start() for m in ENCODING_ARTIFACT.finditer(text)]
    return Observation(measured=len(view.record.segments), offenses=_offenses(view, starts))


@per_filing(
    "toc_leak_rate", category=_C, unit=Unit.SEGMENTS, params={"min_items": 4, "max_span": 400}
)
def toc_leak(view: FilingView, params: Params) -> Observation:
    """A table of contents inside a segment.

    ``min_items`` distinct 'Item N' references within ``max_span`` characters: prose
    cross-references name two or three items, a contents list names many, close together.
    """
    min_items, max_span = int(params["min_items"]), int(params["max_span"])
    text = view.joined
    hits = []
    for word in ("Item", "ITEM", "item"):
        for pos in _find_all(text, word):
            if pos > 0 and text[pos - 1].isalpha():
                continue
            m = ITEM_NUMBER.match(text, pos + 4)
            if m is not None:
                hits.append((pos, m.group(1).lower()))
    hits.sort()
    if len(hits) < min_items:
        return Observation(measured=len(view.record.segments))
    starts = []
    for i, (start, _) in enumerate(hits):
        # Necessary: min_items references (distinct or not) start within max_span.
        if i + min_items > len(hits) or hits[i + min_items - 1][0] - start > max_span:
            continue
        seg = view.segment_at(start)
        window = {
            item
            for pos, item in hits[i : i + 4 * min_items]
            if pos - start <= max_span and view.segment_at(pos) == seg
        }
        if len(window) >= min_items:
            starts.append(start)
    return Observation(measured=len(view.record.segments), offenses=_offenses(view, starts))


@per_filing("running_header_rate", category=_C, unit=Unit.SEGMENTS, params={"min_repeats": 3})
def running_header(view: FilingView, params: Params) -> Observation:
    """Page headers repeated through the text.

    A segment offends when it contains a 'Table of Contents' back-link line, an
    'Item 1A. Risk Factors' line after its first line, or a short line (2-12 words) that
    recurs in at least ``min_repeats`` segments of the same filing.
    """
    min_repeats = int(params["min_repeats"])
    segments = view.record.segments
    seen: Counter[str] = Counter()
    per_seg: list[set[str]] = []
    flagged: dict[int, str] = {}
    for seg in segments:
        lines: set[str] = set()
        per_seg.append(lines)
        if "\n" not in seg.text:
            continue
        for line in seg.text.split("\n")[1:]:  # the first line is the segment's own heading
            if len(line) > 160:
                continue  # a paragraph, not a header
            words = line.split()
            if not 1 <= len(words) <= 12:
                continue
            key = " ".join(words).lower()
            if key == "table of contents" or ITEM1A_LINE.fullmatch(key):
                flagged.setdefault(seg.index, line.strip())
            elif len(words) >= 2 and any(c.isalpha() for c in key):
                lines.add(key)
        seen.update(lines)
    repeated = {line for line, n in seen.items() if n >= min_repeats}
    offenses = []
    for seg, lines in zip(segments, per_seg, strict=True):
        if seg.index in flagged:
            offenses.append(Offense(seg.index, f"header line: {flagged[seg.index][:120]}"))
        elif lines & repeated:
            line = sorted(lines & repeated)[0]
            offenses.append(Offense(seg.index, f"repeated line: {line[:120]}"))
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
