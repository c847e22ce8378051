"""Reading inputs: formats, encodings and envelopes."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from edgar_sentinel.models import SourceFormat
from edgar_sentinel.preprocess.sources import decode_bytes, load_source

# Each damaged input's reason is asserted end to end in test_bad_inputs.py.


@pytest.mark.parametrize(
    ("name", "fmt", "doc_type"),
    [
        ("AAPL_10-K_2024.htm", SourceFormat.IXBRL, None),
        ("GS_10-K_2002.htm", SourceFormat.SGML_HTML, "10-K"),
        ("CIGF5_10-K_2015.htm", SourceFormat.HTML, None),
        ("KO_10-K_1997.txt", SourceFormat.SGML_TEXT, "10-K"),
        ("CIK1025315_10-KSB_2007.txt", SourceFormat.SGML_TEXT, "10KSB"),
    ],
)
def test_formats_are_detected(
    name: str, fmt: SourceFormat, doc_type: str | None, filings_dir: Path
) -> None:
    source = load_source(filings_dir / name)
    assert source.source_format is fmt
    assert source.document_type == doc_type
    assert not [code for code, _ in source.warnings if code == "truncated"]


def test_full_submission_yields_the_10k_document_and_its_header(filings_dir: Path) -> None:
    source = load_source(filings_dir / "CIK1779026_10-K_2023.txt")
    assert source.sgml_header is not None
    assert "ACCESSION NUMBER" in source.sgml_header
    assert "<SEC-HEADER>" not in source.content
    assert "<DOCUMENT>" not in source.content.upper()[:200]


def test_gzip_input_reads_like_the_plain_file(tmp_path: Path, filings_dir: Path) -> None:
    original = filings_dir / "TGT_10-K_2002.htm"
    packed = tmp_path / "TGT_10-K_2002.htm.gz"
    packed.write_bytes(gzip.compress(original.read_bytes()))
    plain, zipped = load_source(original), load_source(packed)
    assert zipped.content == plain.content
    assert zipped.sha256 != plain.sha256  # the hash is of the bytes given


def test_windows_1252_is_decoded_without_mojibake() -> None:
    text, encoding = decode_bytes("Company\u2019s \u201cfuture\u201d \u2014 risks".encode("cp1252"))
    assert encoding == "cp1252"
    assert text == "Company\u2019s \u201cfuture\u201d \u2014 risks"


def test_utf8_with_bom_is_utf8() -> None:
    assert decode_bytes("\ufeffItem 1A".encode()) == ("Item 1A", "utf-8")
