"""Large tables of numbers are left out before blocks are built, never changing a result."""

from __future__ import annotations

from pathlib import Path

import pytest

from edgar_sentinel.preprocess.document import parse_document
from edgar_sentinel.preprocess.elision import ELIDED_TEXT, ElidedContentError
from edgar_sentinel.preprocess.extract import extract_item1a
from edgar_sentinel.preprocess.pipeline import analyse_file
from edgar_sentinel.preprocess.sources import load_source
from edgar_sentinel.settings import PreprocessSettings
from tests.preprocess.item1a_support import parse_markup

FRONT = "".join(f"<table><tr><td>Cover line {i}</td></tr></table>" for i in range(4))
BODY = "<p>Item 1A. Risk Factors</p>" + "<p>Our business faces many risks of every kind.</p>" * 30


def numbers_table(label: str = "Net revenue") -> str:
    rows = "".join(f"<tr><td>{label} {i}</td><td>$</td><td>{i},234</td></tr>" for i in range(40))
    return f"<table>{rows}</table>"


def document(*parts: str) -> str:
    return "<html><body>" + "".join(parts) + "</body></html>"


def test_a_large_table_of_numbers_is_left_out_for_a_placeholder() -> None:
    markup = document(FRONT, BODY, "<p>Item 2. Properties</p>", numbers_table())

    elided = parse_markup(markup, elide=True)
    whole = parse_markup(markup)

    assert elided.elided_tables == 1
    assert [b.text for b in elided.blocks if b.text == ELIDED_TEXT] == [ELIDED_TEXT]
    assert not any("Net revenue" in b.text for b in elided.blocks)
    assert whole.elided_tables == 0 and any("Net revenue 7" in b.text for b in whole.blocks)


@pytest.mark.parametrize("label", ["Item 7 line", "Risk-weighted assets", "RISK line"])
def test_a_table_that_may_hold_a_heading_is_kept(label: str) -> None:
    parsed = parse_markup(document(FRONT, BODY, numbers_table(label)), elide=True)

    assert parsed.elided_tables == 0


def test_small_tables_and_the_front_of_the_document_are_kept() -> None:
    small = "<table><tr><td>Total</td><td>1</td></tr></table>"
    parsed = parse_markup(document(numbers_table(), FRONT, BODY, small * 3), elide=True)

    assert parsed.elided_tables == 0


def test_reading_text_that_holds_a_placeholder_asks_for_the_whole_document() -> None:
    parsed = parse_markup(document(FRONT, numbers_table(), BODY), elide=True)

    with pytest.raises(ElidedContentError):
        parsed.visible_text()


def test_an_item1a_section_holding_a_placeholder_asks_for_the_whole_document() -> None:
    parsed = parse_markup(
        document(FRONT, BODY, numbers_table(), "<p>Item 2. Properties</p>"), elide=True
    )

    with pytest.raises(ElidedContentError):
        extract_item1a(
            parsed, form_type="10-K", period_of_report="2024-12-31", settings=PreprocessSettings()
        )


@pytest.mark.parametrize(
    "name",
    [
        "ABBV_10-K_2023.htm",  # tables left out, Item 1A found without them
        "KO_10-K_2024.htm",
        "BA_10-K_2003.htm",  # before Item 1A existed: decided without the tables
        "TGT_10-K_2002.htm",  # the cover text reaches a left-out table: parsed again
        "GE_10-K_2023.htm",  # no Item 1A body, non-standard heading: parsed again
    ],
)
def test_a_real_filing_gives_the_same_record_with_and_without_elision(
    filings_dir: Path, name: str
) -> None:
    path = filings_dir / name
    settings = PreprocessSettings()
    source = load_source(path)

    fast = analyse_file(path, settings=settings)
    whole = analyse_file(path, settings=settings, elide=False)

    assert parse_document(source, elide=True).elided_tables > 0
    assert fast.record == whole.record


def test_a_placeholder_inside_preformatted_text_still_asks_for_the_whole_document() -> None:
    pre = "<pre>ITEM 1A. RISK FACTORS\nSome text\n" + numbers_table() + "\nmore text</pre>"
    parsed = parse_markup(document(FRONT, FRONT, pre), elide=True)

    assert parsed.elided_tables == 1
    with pytest.raises(ElidedContentError):
        parsed.visible_text()
