"""Metadata comes from the document itself and matches the hand-made labels."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from edgar_sentinel.models import FieldSource, SourceFormat
from edgar_sentinel.preprocess.document import parse_document
from edgar_sentinel.preprocess.elision import ElidedContentError
from edgar_sentinel.preprocess.evaluate import METADATA_FIELDS, normalise_company
from edgar_sentinel.preprocess.metadata import (
    COVER_CHARS,
    extract_metadata,
    parse_cover_page,
    parse_date,
    parse_dei_facts,
    parse_sgml_header,
)
from edgar_sentinel.preprocess.sources import SourceDocument, load_source
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
    # Apple's NoTradingSymbolFlag marks its notes, not the common stock.
    assert item1a_corpus("AAPL_10-K_2020.htm").record.ticker == "AAPL"


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


# --- cover page, SGML header and ticker rules (inline documents) -------------------------

_CHECKS = "Indicate by check mark whether the registrant is a shell company. Yes ☐ No ☒\n"


def _source(content: str, *, header: str | None = None) -> SourceDocument:
    return SourceDocument(
        path=Path("inline.htm"),
        sha256="0" * 64,
        size_bytes=len(content.encode()),
        source_format=SourceFormat.HTML,
        content=content,
        is_html=True,
        encoding="utf-8",
        sgml_header=header,
    )


def _cover(*lines: str) -> str:
    return "\n".join(lines) + "\n"


_ANNUAL_TOP = (
    "UNITED STATES",
    "SECURITIES AND EXCHANGE COMMISSION",
    "Washington, D.C. 20549",
    "FORM 10-K",
    "(Mark One)",
    "☒ ANNUAL REPORT PURSUANT TO SECTION 13 OR 15(d) OF THE SECURITIES EXCHANGE ACT OF 1934",
    "For the fiscal year ended December 31, 2024",
    "or",
    "☐ TRANSITION REPORT PURSUANT TO SECTION 13 OR 15(d) OF THE SECURITIES EXCHANGE ACT OF 1934",
    "For the transition period from to .",
    "Commission File Number: 001-12345",
)


@pytest.mark.parametrize(
    ("name_lines", "expected"),
    [
        # the usual layout: the name, then its label
        (("Acme Widgets, Inc.", "(Exact name of registrant as specified in its charter)"), "Acme"),
        # the label above the name; boilerplate above the label is not a name
        (("(Exact name of registrant as specified in its charter)", "Acme Widgets, Inc."), "Acme"),
        (
            (
                "(Exact name of registrant as specified in its charter)",
                "Acme Widgets, Inc.",
                "Commission File Number: 001-99999",
            ),
            "Acme",
        ),
        # name and label in one table row
        (("Acme Widgets, Inc. (Exact name of registrant as specified in its charter)",), "Acme"),
        # small business issuers
        (("Acme Widgets, Inc.", "(Name of small business issuer in its charter)"), "Acme"),
        (("Acme Widgets, Inc.", "(Exact name of small business issuer as specified"), "Acme"),
        # no name-shaped line beside the label: null, never the boilerplate
        (("____________", "(Exact name of registrant as specified in its charter)"), None),
        (("FOR THE YEAR ENDED DECEMBER 31, 2024", "(Exact name of registrant)"), None),
    ],
)
def test_cover_company_name_is_a_name_shaped_line_beside_its_label(
    name_lines: tuple[str, ...], expected: str | None
) -> None:
    text = _cover(*_ANNUAL_TOP, *name_lines, "Delaware 12-3456789", "(State or other jurisdiction)")
    name = parse_cover_page(text + _CHECKS).get("company_name")
    if expected is None:
        assert name is None
    else:
        assert name == "Acme Widgets, Inc."


@pytest.mark.parametrize(
    "name", ["United States Steel Corporation", "State Street Corporation", "Washington Trust Co"]
)
def test_names_that_begin_like_boilerplate_are_still_names(name: str) -> None:
    text = _cover(*_ANNUAL_TOP, name, "(Exact name of registrant as specified in its charter)")
    assert parse_cover_page(text + _CHECKS).get("company_name") == name


def test_the_jurisdiction_below_a_bare_label_is_not_a_name() -> None:
    text = _cover(
        *_ANNUAL_TOP,
        "____________",
        "(Exact name of registrant as specified in its charter)",
        "Delaware",
        "(State or other jurisdiction of incorporation or organization)",
    )
    assert parse_cover_page(text + _CHECKS).get("company_name") is None


def test_cover_values_come_from_the_cover_page_not_the_body() -> None:
    # A 10-Q that mentions the annual report later: the form and the period are the
    # cover's; sentences after the check-mark questions are body text.
    text = _cover(
        "FORM 10-Q",
        "☒ QUARTERLY REPORT PURSUANT TO SECTION 13 OR 15(d) OF THE SECURITIES EXCHANGE ACT",
        "For the quarterly period ended March 31, 2024",
        "Acme Widgets, Inc.",
        "(Exact name of registrant as specified in its charter)",
    )
    body = "As described in our Annual Report on Form 10-K for the year ended December 31, 2023."
    found = parse_cover_page(text + _CHECKS + "FORM 10-K\n" + body)
    assert (found.get("form_type"), found.get("period")) == ("10-Q", "March 31, 2024")


def test_cover_form_and_period_are_null_when_the_cover_states_none() -> None:
    text = _cover("UNITED STATES", "SECURITIES AND EXCHANGE COMMISSION", "Acme Widgets, Inc.")
    body = "This Annual Report on Form 10-K for the fiscal year ended December 31, 2023 ..."
    found = parse_cover_page(text + _CHECKS + body)
    assert "form_type" not in found and "period" not in found
    # without any cover boundary, the cover is cut after a few thousand characters
    far = parse_cover_page(text + "x " * 20_000 + "For the year ended December 31, 2023")
    assert "period" not in far


@pytest.mark.parametrize(
    ("heading", "form"),
    [
        ("FORM 10-K", "10-K"),
        ("FORM 10-K/A", "10-K/A"),
        ("FORM 10-K\n(Amendment No. 1)", "10-K/A"),
        ("______\nFORM 10-K\n______\n(Amendment No. 1)", "10-K/A"),
        ("Amendment No. 2\nto\nForm 10-K", "10-K/A"),
        ("Form 10-Q", "10-Q"),
        ("FORM 8-K", "8-K"),
        ("FORM 20-F", "20-F"),
        ("FORM 40-F", "40-F"),
        ("FORM 10-KSB", "10-KSB"),
        ("FORM 10-KT", "10-KT"),
        ("- ------------- FORM 10-K UNITED STATES SECURITIES AND EXCHANGE COMMISSION", "10-K"),
        ("SECURITIES AND EXCHANGE COMMISSION Washington, D.C. 20549 FORM 10-K", "10-K"),
        ("ANNUAL REPORT ON FORM 10-K", "10-K"),
    ],
)
def test_cover_form_statement_gives_the_form(heading: str, form: str) -> None:
    assert parse_cover_page(heading + "\n" + _CHECKS).get("form_type") == form


def test_a_part_i_page_header_above_the_cover_does_not_end_it() -> None:
    text = "PART I\n" + _cover(
        "FORM 10-K",
        "For the fiscal year ended December 31, 2023",
        "ACME CORPORATION",
        "(Exact name of registrant as specified in its charter)",
    )

    found = parse_cover_page(text)

    assert found == {
        "form_type": "10-K",
        "period": "December 31, 2023",
        "company_name": "ACME CORPORATION",
    }


def test_transition_report_cover_gives_10_kt_and_the_period_end() -> None:
    text = _cover(
        "FORM 10-K",
        "☐ ANNUAL REPORT PURSUANT TO SECTION 13 OR 15(d) OF THE SECURITIES EXCHANGE ACT OF 1934",
        "For the fiscal year ended ____________",
        "☒ TRANSITION REPORT PURSUANT TO SECTION 13 OR 15(d) OF THE SECURITIES EXCHANGE ACT",
        "For the transition period from July 1, 2024 to December 31, 2024",
    )
    found = parse_cover_page(text + _CHECKS)
    assert (found.get("form_type"), found.get("period")) == ("10-KT", "December 31, 2024")
    amended = parse_cover_page("FORM 10-K/A\n" + text + _CHECKS)
    assert amended.get("form_type") == "10-KT/A"
    # the transition box checked without dates: still a transition report
    boxed = text.replace("from July 1, 2024 to December 31, 2024", "from to")
    assert parse_cover_page(boxed + _CHECKS).get("form_type") == "10-KT"


@pytest.mark.parametrize(
    ("statement", "iso"),
    [
        ("For the fiscal year ended: 12/31/2024", "2024-12-31"),
        ("For the fiscal year ended 12/29/2024", "2024-12-29"),
        ("For the fiscal year ended 31 December 2024", "2024-12-31"),
        ("For the fiscal year ended 31 Dec. 2024", "2024-12-31"),
        ("FOR THE YEAR ENDED DECEMBER 31, 2024", "2024-12-31"),
        ("For the fiscal year ended Sept. 28, 2024", "2024-09-28"),
    ],
)
def test_cover_period_in_numeric_and_day_first_forms(statement: str, iso: str) -> None:
    found = parse_cover_page("FORM 10-K\n" + statement + "\n" + _CHECKS)
    assert parse_date(found.get("period")) == iso


@pytest.mark.parametrize("placeholder", ["N/A", "None", "NONE", "-", "—", "n/a", "NA"])
def test_placeholder_trading_symbols_are_not_tickers(placeholder: str) -> None:
    content = (
        '<html><body><ix:nonNumeric name="dei:TradingSymbol" contextRef="c">'
        f"{placeholder}</ix:nonNumeric></body></html>"
    )
    meta = extract_metadata(_source(content), cover=lambda: "")
    assert meta.values["ticker"] is None
    assert any(w.field == "ticker" for w in meta.warnings)


def test_a_symbol_that_is_not_ticker_shaped_is_not_a_ticker() -> None:
    content = (
        '<ix:nonNumeric name="dei:TradingSymbol" contextRef="c">None</ix:nonNumeric>'
        '<ix:nonNumeric name="dei:TradingSymbol" contextRef="c">ACME</ix:nonNumeric>'
        '<ix:nonNumeric name="dei:TradingSymbol" contextRef="d">ACME27</ix:nonNumeric>'
    )
    assert extract_metadata(_source(content), cover=lambda: "").values["ticker"] == "ACME"
    notes_only = '<ix:nonNumeric name="dei:TradingSymbol" contextRef="d">ACME27</ix:nonNumeric>'
    assert extract_metadata(_source(notes_only), cover=lambda: "").values["ticker"] is None


def test_registrant_fields_come_from_the_first_filer_block_only() -> None:
    header = (
        "ACCESSION NUMBER:\t\t0000000001-24-000001\n"
        "CONFORMED SUBMISSION TYPE:\t10-K\n"
        "FILED AS OF DATE:\t\t20240301\n"
        "FILER:\n\tCOMPANY DATA:\n"
        "\t\tCOMPANY CONFORMED NAME:\t\tFIRST CO\n"
        "\t\tCENTRAL INDEX KEY:\t\t0000000001\n"
        "FILER:\n\tCOMPANY DATA:\n"
        "\t\tCOMPANY CONFORMED NAME:\t\tSECOND CO\n"
        "\t\tCENTRAL INDEX KEY:\t\t0000000002\n"
        "\t\tSTANDARD INDUSTRIAL CLASSIFICATION:\tSERVICES-PREPACKAGED SOFTWARE [7372]\n"
    )
    meta = extract_metadata(_source("<p>FORM 10-K</p>", header=header), cover=lambda: "")
    assert meta.values["company_name"] == "FIRST CO"
    assert meta.values["cik"] == "0000000001"
    assert meta.values["sic_code"] is None
    assert meta.values["filed_at"] == "2024-03-01"
    assert "STANDARD INDUSTRIAL CLASSIFICATION" not in parse_sgml_header(header)


def test_real_covers_read_alone_agree_with_the_labels(
    labelled_file: str, item1a_corpus: Corpus, filings_dir: Path
) -> None:
    """Each labelled filing's cover page, read without its dei facts and SGML header,
    states the labelled values or nothing: the cover rules never invent one."""
    done = item1a_corpus(labelled_file)
    try:
        text = done.parsed.visible_text(max_chars=COVER_CHARS)
    except ElidedContentError:  # parsed without its large tables: parse it whole
        whole = parse_document(load_source(filings_dir / labelled_file))
        text = whole.visible_text(max_chars=COVER_CHARS)
    found = parse_cover_page(text)
    label = done.label
    if name := found.get("company_name"):
        assert label.company_name is not None
        assert normalise_company(name) == normalise_company(label.company_name)
    if period := found.get("period"):
        assert parse_date(period) == label.period_of_report
    if form := found.get("form_type"):
        # 10-K405 filings print "FORM 10-K" on the cover (the 405 box is a check mark)
        assert form == (label.form_type or "").replace("405", "")
