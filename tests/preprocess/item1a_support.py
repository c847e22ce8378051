"""Helpers for the Item 1A tests: run one filing like the pipeline, parse inline markup."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from edgar_sentinel.models import FilingRecord, SourceFormat
from edgar_sentinel.preprocess.document import ParsedDocument, parse_document
from edgar_sentinel.preprocess.evaluate import Label
from edgar_sentinel.preprocess.extract import Item1AResult
from edgar_sentinel.preprocess.pipeline import analyse_file
from edgar_sentinel.preprocess.sources import SourceDocument
from edgar_sentinel.settings import PreprocessSettings


@dataclass(frozen=True)
class Processed:
    label: Label
    parsed: ParsedDocument
    result: Item1AResult
    record: FilingRecord


def process_labelled(path: Path, label: Label) -> Processed:
    """Run one labelled filing through the pipeline, keeping its intermediate results."""
    done = analyse_file(path, settings=PreprocessSettings())
    return Processed(label, done.parsed, done.item1a, done.record)


def parse_markup(content: str, *, is_html: bool = True, elide: bool = False) -> ParsedDocument:
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
        ),
        elide=elide,
    )
