"""Substance: segments carry enough real risk-factor text to be worth training on.

Segment rates count segments; ``risk_keyword_present`` counts filings with an extracted
Item 1A; ``min_segments_per_filing`` is the smallest segment count among those filings.
"""

from __future__ import annotations

import re

from edgar_sentinel.gate.registry import Aggregation, Observation, Offense, Params, per_filing
from edgar_sentinel.gate.result import Category, Unit
from edgar_sentinel.gate.view import FilingView, excerpt
from edgar_sentinel.models import Item1AStatus

_C = Category.SUBSTANCE

RISK_KEYWORDS = re.compile(
    r"\b(?:risks?|adverse(?:ly)?|uncertaint(?:y|ies)|could\s+(?:harm|affect)|material(?:ly)?)\b",
    re.IGNORECASE,
)

_QUICK = ("risk", "Risk", "RISK", "adverse")
"""Substrings that settle the common case without a case-insensitive regex scan."""


@per_filing("empty_segment_rate", category=_C, unit=Unit.SEGMENTS)
def empty_segment(view: FilingView, params: Params) -> Observation:
    """Segments with no text at all (only whitespace)."""
    segments = view.record.segments
    offenses = [Offense(s.index, "<empty>") for s in segments if not s.text.strip()]
    return Observation(measured=len(segments), offenses=offenses)


@per_filing("short_segment_rate", category=_C, unit=Unit.SEGMENTS, params={"min_chars": 50})
def short_segment(view: FilingView, params: Params) -> Observation:
    """Non-empty segments under ``min_chars`` characters (after trimming)."""
    min_chars = int(params["min_chars"])
    segments = view.record.segments
    offenses = []
    for seg in segments:
        text = seg.text
        if len(text) >= max(min_chars, 1) and not text[0].isspace() and not text[-1].isspace():
            continue  # nothing to trim: long enough (the common case, without a copy)
        text = text.strip()
        if text and len(text) < min_chars:
            offenses.append(Offense(seg.index, excerpt(text)))
    return Observation(measured=len(segments), offenses=offenses)


@per_filing("long_segment_rate", category=_C, unit=Unit.SEGMENTS, params={"max_words": 1500})
def long_segment(view: FilingView, params: Params) -> Observation:
    """Segments over ``max_words`` words: splitting failed (align with preprocessing)."""
    max_words = int(params["max_words"])
    segments = view.record.segments
    offenses = [
        Offense(s.index, f"{s.word_count} words: {excerpt(s.text)}")
        for s in segments
        if s.word_count > max_words
    ]
    return Observation(measured=len(segments), offenses=offenses)


@per_filing(
    "min_segments_per_filing", category=_C, unit=Unit.FILINGS, aggregation=Aggregation.MINIMUM
)
def min_segments(view: FilingView, params: Params) -> Observation:
    """The segment count of each filing with an extracted Item 1A (the run keeps the minimum)."""
    rec = view.record
    if rec.item1a_status is not Item1AStatus.EXTRACTED:
        return Observation()
    n = len(rec.segments)
    # The scan turns a value that misses the threshold into an offense.
    return Observation(measured=1, value=float(n))


@per_filing("risk_keyword_present", category=_C, unit=Unit.FILINGS, aggregation=Aggregation.RATE_OK)
def risk_keyword(view: FilingView, params: Params) -> Observation:
    """Extracted Item 1A sections that mention risk vocabulary ('risk', 'adverse', ...)."""
    rec = view.record
    if rec.item1a_status is not Item1AStatus.EXTRACTED:
        return Observation()
    text = rec.item1a_text or ""
    ok = any(word in text for word in _QUICK) or RISK_KEYWORDS.search(text) is not None
    return Observation(measured=1, offenses=[] if ok else [Offense(None, excerpt(text))])


__all__ = [
    "RISK_KEYWORDS",
    "empty_segment",
    "long_segment",
    "min_segments",
    "risk_keyword",
    "short_segment",
]
