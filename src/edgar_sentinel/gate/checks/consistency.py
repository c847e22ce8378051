"""Consistency: filings are distinct and their metadata agree with each other.

``duplicate_rate`` and ``near_duplicate_filing_rate`` count filings and need the whole
corpus: each worker reduces a filing to a fingerprint (see ``gate.sketch``) and the
engine matches fingerprints in a disk-backed index, so memory does not grow with the run.
"""

from __future__ import annotations

from datetime import date

from edgar_sentinel.gate.registry import (
    Aggregation,
    CheckDef,
    Observation,
    Offense,
    Params,
    Shape,
    per_filing,
    register,
)
from edgar_sentinel.gate.result import Category, Unit
from edgar_sentinel.gate.view import FilingView, excerpt

_C = Category.CONSISTENCY

# Corpus-wide checks measured by the engine's duplicate index: named where registered.
DUPLICATE = "duplicate_rate"
NEAR_DUPLICATE = "near_duplicate_filing_rate"


@per_filing("duplicate_segment_rate", category=_C, unit=Unit.SEGMENTS, params={"min_chars": 50})
def duplicate_segment(view: FilingView, params: Params) -> Observation:
    """Segments whose text (trimmed) repeats an earlier segment of the same filing.

    Segments under ``min_chars`` are ignored (short captions may legitimately repeat).
    """
    min_chars = int(params["min_chars"])
    segments = view.record.segments
    by_length: dict[int, list[tuple[str, int]]] = {}  # compared, not hashed: texts are long
    offenses = []
    for seg in segments:
        key = seg.text.strip()
        if len(key) < min_chars:
            continue
        same_length = by_length.setdefault(len(key), [])
        for text, first in same_length:
            if text == key:
                offenses.append(Offense(seg.index, f"repeats segment {first}: {excerpt(key)}"))
                break
        else:
            same_length.append((key, seg.index))
    return Observation(measured=len(segments), offenses=offenses)


@per_filing(
    "period_consistency_rate",
    category=_C,
    unit=Unit.FILINGS,
    aggregation=Aggregation.RATE_OK,
    params={"max_filing_lag_days": 730},
)
def period_consistency(view: FilingView, params: Params) -> Observation:
    """Fiscal year, period of report and filing date agree.

    The fiscal year is the period's year or the year before (52/53-week years ending in
    January); the filing date falls after the period end, within ``max_filing_lag_days``.
    Filings with fewer than two of the three fields are not measured.
    """
    rec = view.record
    period = date.fromisoformat(rec.period_of_report) if rec.period_of_report else None
    filed = date.fromisoformat(rec.filed_at) if rec.filed_at else None
    problems = []
    measured = False
    if period is not None and rec.fiscal_year is not None:
        measured = True
        if rec.fiscal_year not in (period.year, period.year - 1):
            problems.append(f"fiscal_year {rec.fiscal_year} vs period {period.isoformat()}")
    if period is not None and filed is not None:
        measured = True
        lag = (filed - period).days
        if not 0 < lag <= int(params["max_filing_lag_days"]):
            problems.append(f"filed {filed.isoformat()} vs period {period.isoformat()}")
    if not measured:
        return Observation()
    return Observation(
        measured=1, offenses=[Offense(None, "; ".join(problems))] if problems else []
    )


register(
    CheckDef(
        name=DUPLICATE,
        category=_C,
        unit=Unit.FILINGS,
        shape=Shape.CORPUS,
        aggregation=Aggregation.RATE_OFFENDING,
    )
)
register(
    CheckDef(
        name=NEAR_DUPLICATE,
        category=_C,
        unit=Unit.FILINGS,
        shape=Shape.CORPUS,
        aggregation=Aggregation.RATE_OFFENDING,
        params={"similarity": 0.9},
    )
)

__all__ = ["duplicate_segment", "period_consistency"]
