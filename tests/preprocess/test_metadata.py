"""Metadata comes from the document itself and matches the hand-made labels."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from edgar_sentinel.models import FieldSource
from edgar_sentinel.preprocess.evaluate import METADATA_FIELDS, normalise_company
from edgar_sentinel.preprocess.metadata import (
    parse_date,
    parse_dei_facts,
    parse_sgml_header,
)
from tests.preprocess.item1a_support import Processed

Corpus = Callable[[str], Processed]


def test_metadata_matches_label(labelled_file: str, item1a_corpus: Corpus) -> None:
    """Through the pipeline, as a run directory gets it (cover page from the parsed text)."""
    done = item1a_corpus(labelled_file)
    record, label = done.record, done.label
    for name in METADATA_FIELDS:
        expected = getattr(label, name)
        if expected is None:
            continue
        got = getattr(record, name)
        if name == "company_name":
            assert isinstance(got, str), f"{labelled_file}: company_name missing"
            assert normalise_company(got) == normalise_company(expected), name
        else:
            assert got == expected, f"{labelled_file}: {name} = {got!r}, label {expected!r}"


def test_missing_fields_are_null_and_named_in_warnings(item1a_corpus: Corpus) -> None:
    # A primary HTML document of 2002 states no CIK, SIC code or filing date.
    record = item1a_corpus("GS_10-K_2002.htm").record
    missing = {w.field for w in record.warnings if w.code == "missing_field"}
    assert {"cik", "sic_code", "filed_at", "accession_number"} <= missing
    assert (record.cik, record.sic_code, record.filed_at) == (None, None, None)


def test_field_sources_say_where_each_value_came_from(item1a_corpus: Corpus) -> None:
    header_filing = item1a_corpus("KO_10-K_1997.txt").record
    assert header_filing.field_sources["sic_code"] is FieldSource.SGML_HEADER
    assert header_filing.field_sources["fiscal_year"] is FieldSource.DERIVED
    ixbrl_filing = item1a_corpus("HD_10-K_2023.htm").record
    # Home Depot's fiscal 2023 ends in January 2024: the dei fact, not the period, decides.
    assert (ixbrl_filing.fiscal_year, ixbrl_filing.period_of_report) == (2023, "2024-01-28")
    assert ixbrl_filing.field_sources["fiscal_year"] is FieldSource.IXBRL_DEI
    cover_filing = item1a_corpus("GS_10-K_2002.htm").record
    assert cover_filing.field_sources["company_name"] is FieldSource.COVER_PAGE
    assert "cik" not in cover_filing.field_sources


def test_ticker_is_the_primary_listing_not_a_note(item1a_corpus: Corpus) -> None:
    # ABBV also lists notes as ABBV27 ... ABBV31; the last symbol is not the ticker.
    assert item1a_corpus("ABBV_10-K_2024.htm").record.ticker == "ABBV"


def test_nested_dei_facts_keep_their_full_text() -> None:
    markup = (
        '<ix:nonNumeric name="dei:DocumentPeriodEndDate" contextRef="c">'
        '<ix:nonNumeric name="dei:CurrentFiscalYearEndDate" contextRef="c">December&#160;31'
        "</ix:nonNumeric>, 2023</ix:nonNumeric>"
    )
    facts = parse_dei_facts(markup)
    assert facts["DocumentPeriodEndDate"] == "December 31, 2023"
    assert facts["CurrentFiscalYearEndDate"] == "December 31"


def test_sgml_header_first_filer_wins() -> None:
    header = (
        "ACCESSION NUMBER:\t\t0000000001-24-000001\n"
        "FILER:\n\tCOMPANY DATA:\n\t\tCOMPANY CONFORMED NAME:\t\tFIRST CO\n"
        "FILER:\n\tCOMPANY DATA:\n\t\tCOMPANY CONFORMED NAME:\t\tSECOND CO\n"
    )
    assert parse_sgml_header(header)["COMPANY CONFORMED NAME"] == "FIRST CO"


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("20071231", "2007-12-31"),
        ("September 28, 2024", "2024-09-28"),
        ("DECEMBER 31 , 2015", "2015-12-31"),
        ("Sept. 30, 2017", "2017-09-30"),
        ("2023-02-28", "2023-02-28"),
        ("not a date", None),
        ("February 30, 2024", None),
    ],
)
def test_dates_are_normalised(written: str, iso: str | None) -> None:
    assert parse_date(written) == iso


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("THE COCA-COLA COMPANY", "COCA COLA CO"),
        ("International Business Machines Corp", "INTERNATIONAL BUSINESS MACHINES CORPORATION"),
        ("Merck & Co., Inc.", "MERCK & CO INC"),
    ],
)
def test_company_names_compare_without_suffixes(a: str, b: str) -> None:
    assert normalise_company(a) == normalise_company(b)
