"""Completeness: the metadata and sections a downstream user needs are present.

Rates here count filings. Missing metadata is measured as the tool extracted it:
old primary documents often carry no CIK, and the gate reporting that is correct.
"""

from __future__ import annotations

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
from edgar_sentinel.gate.view import FilingView
from edgar_sentinel.models import Item1AStatus

_C = Category.COMPLETENESS

# Measured by the engine itself (not per filing): named here, where they are registered.
FILING_READABLE = "filing_readable_rate"
DEAD_LETTER = "dead_letter_rate"


def _missing(view: FilingView, field: str, value: object) -> Observation:
    rec = view.record
    offenses = []
    if value is None or (isinstance(value, str) and not value.strip()):
        label = rec.company_name or rec.source_path
        offenses.append(Offense(None, f"{field} missing ({label})"))
    return Observation(measured=1, offenses=offenses)


@per_filing("cik_present_rate", category=_C, unit=Unit.FILINGS, aggregation=Aggregation.RATE_OK)
def cik_present(view: FilingView, params: Params) -> Observation:
    return _missing(view, "cik", view.record.cik)


@per_filing(
    "company_name_present_rate", category=_C, unit=Unit.FILINGS, aggregation=Aggregation.RATE_OK
)
def company_name_present(view: FilingView, params: Params) -> Observation:
    return _missing(view, "company_name", view.record.company_name)


@per_filing(
    "sic_code_present_rate", category=_C, unit=Unit.FILINGS, aggregation=Aggregation.RATE_OK
)
def sic_code_present(view: FilingView, params: Params) -> Observation:
    return _missing(view, "sic_code", view.record.sic_code)


@per_filing(
    "cik_format_valid_rate", category=_C, unit=Unit.FILINGS, aggregation=Aggregation.RATE_OK
)
def cik_format_valid(view: FilingView, params: Params) -> Observation:
    """Among filings with a CIK: ten digits and not all zeros."""
    cik = view.record.cik
    if cik is None:
        return Observation()
    ok = len(cik) == 10 and cik.isdigit() and int(cik) > 0
    return Observation(measured=1, offenses=[] if ok else [Offense(None, f"cik {cik!r}")])


@per_filing(
    "fiscal_year_present_rate", category=_C, unit=Unit.FILINGS, aggregation=Aggregation.RATE_OK
)
def fiscal_year_present(view: FilingView, params: Params) -> Observation:
    return _missing(view, "fiscal_year", view.record.fiscal_year)


@per_filing(
    "item1a_extracted_rate", category=_C, unit=Unit.FILINGS, aggregation=Aggregation.RATE_OK
)
def item1a_extracted(view: FilingView, params: Params) -> Observation:
    """Among filings whose form and era require Item 1A: it was found and has text."""
    if not view.requires_item1a:
        return Observation()
    rec = view.record
    text = rec.item1a_text or ""
    ok = rec.item1a_status is Item1AStatus.EXTRACTED and bool(text) and not text.isspace()
    offenses = [] if ok else [Offense(None, f"item1a_status={rec.item1a_status.value}")]
    return Observation(measured=1, offenses=offenses)


register(
    CheckDef(
        name=FILING_READABLE,
        category=_C,
        unit=Unit.FILINGS,
        shape=Shape.RUN,
        aggregation=Aggregation.RATE_OK,
    )
)
"""Filing JSON files that parse and follow the run-directory contract (engine-measured)."""

register(
    CheckDef(
        name=DEAD_LETTER,
        category=_C,
        unit=Unit.INPUTS,
        shape=Shape.RUN,
        aggregation=Aggregation.RATE_OFFENDING,
    )
)
"""Inputs the preprocessing rejected, over all inputs (engine-measured)."""

__all__ = [
    "cik_format_valid",
    "cik_present",
    "company_name_present",
    "fiscal_year_present",
    "item1a_extracted",
    "sic_code_present",
]
