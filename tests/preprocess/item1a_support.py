"""Helpers for the Item 1A tests: run one filing like the pipeline, parse inline markup."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from edgar_sentinel.models import FilingRecord, FilingWarning, SourceFormat
from edgar_sentinel.preprocess.document import ParsedDocument, parse_document
from edgar_sentinel.preprocess.evaluate import Label
from edgar_sentinel.preprocess.extract import Item1AResult, extract_item1a
from edgar_sentinel.preprocess.metadata import extract_metadata
from edgar_sentinel.preprocess.sources import SourceDocument, load_source
from edgar_sentinel.settings import PreprocessSettings


@dataclass(frozen=True)
class Processed:
    label: Label
    parsed: ParsedDocument
    result: Item1AResult
    record: FilingRecord


def process_labelled(path: Path, label: Label) -> Processed:
    source = load_source(path)
    meta = extract_metadata(source)
    parsed = parse_document(source)
    result = extract_item1a(
        parsed,
        form_type=meta.get_str("form_type"),
        period_of_report=meta.get_str("period_of_report"),
        settings=PreprocessSettings(),
    )
    fiscal_year = meta.values.get("fiscal_year")
    record = FilingRecord(
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
        item1a_status=result.status,
        item1a_heading=result.heading,
        item1a_text=result.text,
        segments=result.segments,
        warnings=[
            *(FilingWarning(code=c, message=m) for c, m in source.warnings),
            *meta.warnings,
            *result.warnings,
        ],
    )
    return Processed(label, parsed, result, record)


def parse_markup(content: str, *, is_html: bool = True) -> ParsedDocument:
    """Parse a small document written inside a test."""
    return parse_document(
        SourceDocument(
            path=Path("inline.htm" if is_html else "inline.txt"),
            sha256="0" * 64,
            size_bytes=len(content.encode()),
            source_format=SourceFormat.HTML if is_html else SourceFormat.TEXT,
            content=content,
            is_html=is_html,
            encoding="utf-8",
        )
    )
