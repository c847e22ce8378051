"""One filing, start to finish: read, parse, metadata, Item 1A, segments -> ``FilingRecord``.

``process_file`` is a pure function of the file's bytes and the settings (no clock, no
randomness), so a resumed run writes byte-identical records. Inputs that cannot be a
filing raise ``InputRejectedError``; the batch runner dead-letters them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from edgar_sentinel.models import FilingRecord, FilingWarning
from edgar_sentinel.preprocess.collector import collector_paused
from edgar_sentinel.preprocess.document import ParsedDocument, parse_document
from edgar_sentinel.preprocess.elision import ElidedContentError
from edgar_sentinel.preprocess.extract import Item1AResult, extract_item1a
from edgar_sentinel.preprocess.metadata import COVER_CHARS, Metadata, extract_metadata
from edgar_sentinel.preprocess.sources import SourceDocument, load_source
from edgar_sentinel.settings import PreprocessSettings, Settings


@dataclass(frozen=True)
class ProcessedFiling:
    """Every stage's result for one filing; ``record`` is what the run directory keeps."""

    source: SourceDocument
    parsed: ParsedDocument
    metadata: Metadata
    item1a: Item1AResult
    record: FilingRecord


def process_file(path: Path, *, settings: Settings) -> FilingRecord:
    """Process one input file into its run-directory record."""
    with collector_paused():  # the filing's objects are freed before it resumes
        return analyse_file(path, settings=settings.preprocess).record


def analyse_file(
    path: Path, *, settings: PreprocessSettings, elide: bool = True
) -> ProcessedFiling:
    """Process one input file and keep the intermediate results (for tests and tools).

    With ``elide`` the document is parsed without its large tables of numbers first
    (``elision``); when a step needs one of them, it is parsed again whole, so the result
    is the same as without ``elide``, only sooner.
    """
    source = load_source(path)
    if elide:
        try:
            return _analyse(path, source, parse_document(source, elide=True), settings)
        except ElidedContentError:
            pass
    return _analyse(path, source, parse_document(source), settings)


def _analyse(
    path: Path, source: SourceDocument, parsed: ParsedDocument, settings: PreprocessSettings
) -> ProcessedFiling:
    meta = extract_metadata(source, cover=lambda: parsed.visible_text(max_chars=COVER_CHARS))
    item1a = extract_item1a(
        parsed,
        form_type=meta.get_str("form_type"),
        period_of_report=meta.get_str("period_of_report"),
        settings=settings,
    )
    record = build_record(path, source=source, meta=meta, item1a=item1a)
    return ProcessedFiling(
        source=source, parsed=parsed, metadata=meta, item1a=item1a, record=record
    )


def build_record(
    path: Path, *, source: SourceDocument, meta: Metadata, item1a: Item1AResult
) -> FilingRecord:
    source_warnings = [
        FilingWarning(code=code, message=message) for code, message in source.warnings
    ]
    fiscal_year = meta.values.get("fiscal_year")
    return FilingRecord(
        source_path=path.as_posix(),
        source_sha256=source.sha256,
        source_bytes=source.size_bytes,
        source_format=source.source_format,
        cik=meta.get_str("cik"),
        company_name=meta.get_str("company_name"),
        form_type=meta.get_str("form_type"),
        period_of_report=meta.get_str("period_of_report"),
        fiscal_year=fiscal_year if isinstance(fiscal_year, int) else None,
        filed_at=meta.get_str("filed_at"),
        sic_code=meta.get_str("sic_code"),
        accession_number=meta.get_str("accession_number"),
        ticker=meta.get_str("ticker"),
        field_sources=dict(meta.sources),
        item1a_status=item1a.status,
        item1a_heading=item1a.heading,
        item1a_text=item1a.text,
        segments=item1a.segments,
        warnings=[*source_warnings, *meta.warnings, *item1a.warnings],
    )


__all__ = ["ProcessedFiling", "analyse_file", "build_record", "process_file"]
