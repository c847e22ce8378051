"""One filing, start to finish: read, metadata, Item 1A, segments -> ``FilingRecord``.

``process_file`` is a pure function of the file's bytes and the settings (no clock, no
randomness), so a resumed run writes byte-identical records. Inputs that cannot be a
filing raise ``InputRejectedError``; the batch runner dead-letters them.
"""

from __future__ import annotations

from pathlib import Path

from edgar_sentinel.models import FilingRecord, FilingWarning
from edgar_sentinel.preprocess.document import parse_document
from edgar_sentinel.preprocess.extract import extract_item1a
from edgar_sentinel.preprocess.metadata import COVER_CHARS, extract_metadata
from edgar_sentinel.preprocess.sources import load_source
from edgar_sentinel.settings import Settings


def process_file(path: Path, *, settings: Settings) -> FilingRecord:
    """Process one input file into its run-directory record."""
    source = load_source(path)
    parsed = parse_document(source)
    meta = extract_metadata(source, cover=parsed.visible_text(max_chars=COVER_CHARS))
    item1a = extract_item1a(
        parsed,
        form_type=meta.get_str("form_type"),
        period_of_report=meta.get_str("period_of_report"),
        settings=settings.preprocess,
    )
    source_warnings = [
        FilingWarning(code=code, message=message) for code, message in source.warnings
    ]
    v = meta.values
    return FilingRecord(
        source_path=path.as_posix(),
        source_sha256=source.sha256,
        source_bytes=source.size_bytes,
        source_format=source.source_format,
        cik=meta.get_str("cik"),
        company_name=meta.get_str("company_name"),
        form_type=meta.get_str("form_type"),
        period_of_report=meta.get_str("period_of_report"),
        fiscal_year=fiscal_year if isinstance(fiscal_year := v.get("fiscal_year"), int) else None,
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


__all__ = ["process_file"]
