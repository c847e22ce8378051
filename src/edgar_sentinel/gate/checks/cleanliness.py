"""Cleanliness: segment text is prose, free of markup and page furniture.

Rates here count segments: a segment offends when it contains the artifact at least once.
"""

from __future__ import annotations

import re
from collections import Counter

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
    r"|\bstyle=\"|\bfont-(?:family|size|weight):",
    re.IGNORECASE,
)
PAGE_NUMBER = re.compile(
    r"(?:^|\n)[ \t]*(?:page[ \t]+)?[-–—]?[ \t]*\d{1,3}[ \t]*[-–—]?[ \t]*(?=\n|$)"
    r"|(?:^|\n)[ \t]*page[ \t]+\d{1,3}(?:[ \t]+of[ \t]+\d{1,3})?[ \t]*(?=\n|$)"
    r"|Form[ \t]+10-K[ \t]*\|[ \t]*\d{1,3}\b"
    r"|\b\d{1,3}[ \t]*\|[ \t]*[^\n|]{0,60}Form[ \t]+10-K\b",
    re.IGNORECASE,
)
TOC_ITEM = re.compile(r"\bitem\s+(\d{1,2}[a-c]?)\b", re.IGNORECASE)
TOC_LINE = re.compile(r"(?:^|\n)[ \t]*table of contents[ \t]*(?=\n|$)", re.IGNORECASE)
ITEM1A_HEADER = re.compile(
    r"(?:^|\n)[ \t]*item[ \t]*1a\.?[ \t]*[-–—.:]?[ \t]*risk[ \t]+factors[ \t]*(?=\n|$)",
    re.IGNORECASE,
)
ENCODING_ARTIFACT = re.compile(
    "â€[™œ“”˜¦¢\u009d\u0099\u0093\u0094\u2013\u2014]|Ã[\u0080-\u00bf]|Â[\u00a0-\u00bf]"
    "|\ufffd|[\u0080-\u009f]"
)


def _segment_rate(view: FilingView, pattern: re.Pattern[str]) -> Observation:
    segments = view.record.segments
    offenses = []
    for seg in segments:
        m = pattern.search(seg.text)
        if m is not None:
            offenses.append(Offense(seg.index, excerpt(seg.text, m.start())))
    return Observation(measured=len(segments), offenses=offenses)


@per_filing("html_artifact_rate", category=_C, unit=Unit.SEGMENTS)
def html_artifact(view: FilingView, params: Params) -> Observation:
    """Tags, character entities or inline CSS left in the text."""
    return _segment_rate(view, HTML_ARTIFACT)


@per_filing("page_number_artifact_rate", category=_C, unit=Unit.SEGMENTS)
def page_number_artifact(view: FilingView, params: Params) -> Observation:
    """A bare page number on its own line, 'Page N of M', or a 'Form 10-K | N' footer."""
    return _segment_rate(view, PAGE_NUMBER)


@per_filing("encoding_artifact_rate", category=_C, unit=Unit.SEGMENTS)
def encoding_artifact(view: FilingView, params: Params) -> Observation:
    """Mojibake (UTF-8 read as cp1252, e.g. 'â€™'), U+FFFD or C1 control characters."""
    return _segment_rate(view, ENCODING_ARTIFACT)


@per_filing(
    "toc_leak_rate", category=_C, unit=Unit.SEGMENTS, params={"min_items": 4, "max_span": 400}
)
def toc_leak(view: FilingView, params: Params) -> Observation:
    """A table of contents inside a segment.

    ``min_items`` distinct 'Item N' references within ``max_span`` characters: prose
    cross-references name two or three items, a contents list names many, close together.
    """
    min_items, max_span = int(params["min_items"]), int(params["max_span"])
    segments = view.record.segments
    offenses = []
    for seg in segments:
        hits = [(m.start(), m.group(1).lower()) for m in TOC_ITEM.finditer(seg.text)]
        for i, (start, _) in enumerate(hits):
            window = {item for pos, item in hits[i:] if pos - start <= max_span}
            if len(window) >= min_items:
                offenses.append(Offense(seg.index, excerpt(seg.text, start)))
                break
    return Observation(measured=len(segments), offenses=offenses)


@per_filing("running_header_rate", category=_C, unit=Unit.SEGMENTS, params={"min_repeats": 3})
def running_header(view: FilingView, params: Params) -> Observation:
    """Page headers repeated through the text.

    A segment offends when it contains a 'Table of Contents' back-link line, an
    'Item 1A. Risk Factors' line after its start, or a short line (2-12 words) that
    recurs in at least ``min_repeats`` segments of the same filing.
    """
    min_repeats = int(params["min_repeats"])
    segments = view.record.segments
    seen: Counter[str] = Counter()
    per_seg: list[set[str]] = []
    for seg in segments:
        lines = set()
        for line in seg.text.split("\n")[1:]:  # the first line is the segment's own heading
            words = line.split()
            if 2 <= len(words) <= 12 and any(c.isalpha() for c in line):
                lines.add(" ".join(words).casefold())
        per_seg.append(lines)
        seen.update(lines)
    repeated = {line for line, n in seen.items() if n >= min_repeats}
    offenses = []
    for seg, lines in zip(segments, per_seg, strict=True):
        m = TOC_LINE.search(seg.text) or ITEM1A_HEADER.search(seg.text, 1)
        if m is not None:
            offenses.append(Offense(seg.index, excerpt(seg.text, m.start())))
        elif lines & repeated:
            line = sorted(lines & repeated)[0]
            offenses.append(Offense(seg.index, f"repeated line: {line[:120]}"))
    return Observation(measured=len(segments), offenses=offenses)


__all__ = [
    "ENCODING_ARTIFACT",
    "HTML_ARTIFACT",
    "PAGE_NUMBER",
    "encoding_artifact",
    "html_artifact",
    "page_number_artifact",
    "running_header",
    "toc_leak",
]
