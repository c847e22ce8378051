"""Parsing documents into styled blocks."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from edgar_sentinel.preprocess.document import _flatten_deep_nesting, parse_document
from edgar_sentinel.preprocess.sources import load_source
from tests.preprocess.item1a_support import Processed, parse_markup


def test_paragraphs_become_blocks_with_their_style() -> None:
    parsed = parse_markup(
        "<html><body>"
        '<p style="font-weight:700;font-size:12pt">A bold heading</p>'
        "<p><i>An italic one</i></p>"
        '<p><span style="text-decoration:underline">Underlined</span></p>'
        '<p style="text-align:center;color:#0068B5">Centred blue</p>'
        "<p>Plain <b>partly bold</b> text</p>"
        "</body></html>"
    )
    blocks = parsed.blocks
    assert [b.text for b in blocks] == [
        "A bold heading",
        "An italic one",
        "Underlined",
        "Centred blue",
        "Plain partly bold text",
    ]
    assert blocks[0].bold and blocks[0].font_size == 12.0
    assert blocks[1].italic and not blocks[1].bold
    assert blocks[2].underline
    assert blocks[3].centered and blocks[3].color == "#0068b5"
    assert not blocks[4].bold and blocks[4].lead_bold == ""


def test_a_bold_run_in_title_is_kept_as_lead() -> None:
    parsed = parse_markup("<p><b>RISK FACTORS.</b> The following discussion sets out ...</p>")
    block = parsed.blocks[0]
    assert not block.bold
    assert block.lead_bold == "RISK FACTORS."


def test_table_rows_with_one_block_per_cell_are_joined() -> None:
    parsed = parse_markup(
        "<table><tr><td><div>Item 1A.</div></td><td><div>Risk Factors</div></td>"
        "<td>8</td></tr></table>"
    )
    assert [b.text for b in parsed.blocks] == ["Item 1A. Risk Factors 8"]
    assert parsed.blocks[0].in_table


def test_a_nested_table_stays_inside_its_cell_and_the_page_goes_on_outside() -> None:
    parsed = parse_markup(
        "<table><tr><td><p>Outer cell</p>"
        "<table><tr><td>inner a</td><td>inner b</td></tr></table>"
        "<p>after inner</p></td><td><p>second</p></td></tr></table>"
        "<!-- end --> <p>Body text after the table.</p>"
    )
    blocks = [(b.text, b.in_table) for b in parsed.blocks]
    assert blocks == [
        ("Outer cell", True),
        ("inner a inner b", True),  # the inner row, joined
        ("after inner", True),  # back in the outer cell: its row is not joined
        ("second", True),
        ("Body text after the table.", False),
    ]


def test_a_table_that_ends_the_document_is_closed_cleanly() -> None:
    parsed = parse_markup("<p>Before</p><table><tr><td>a</td><td>b</td></tr></table>")
    assert [(b.text, b.in_table) for b in parsed.blocks] == [("Before", False), ("a b", True)]


def test_unseen_elements_are_skipped_without_splitting_the_text_around_them() -> None:
    parsed = parse_markup(
        "<html><head><title>Form 10-K</title><style>p {color: red}</style></head>"
        "<body><p>Risk<script>document.write('x')</script>Factors</p>"
        "<table><tr><td>cell<style>td {}</style></td><td>two</td></tr></table>"
        "<noscript><p>Enable scripts</p></noscript><p>End</p></body></html>"
    )
    assert [(b.text, b.in_table) for b in parsed.blocks] == [
        ("RiskFactors", False),
        ("cell two", True),
        ("End", False),
    ]


def test_hidden_markup_and_scripts_are_not_text() -> None:
    parsed = parse_markup(
        '<div style="display:none"><ix:header>dei facts</ix:header></div>'
        "<script>var x = 1;</script><p>Visible</p>"
    )
    assert [b.text for b in parsed.blocks] == ["Visible"]


def test_line_breaks_separate_blocks() -> None:
    parsed = parse_markup("<p>ITEM 1A. RISK FACTORS<br>Our business is risky.</p>")
    assert [b.text for b in parsed.blocks] == ["ITEM 1A. RISK FACTORS", "Our business is risky."]


def test_visible_text_joins_blocks_and_can_stop_early() -> None:
    parsed = parse_markup("<p>FORM 10-K</p><p>Apple Inc.</p><p>Cupertino</p>")
    assert parsed.visible_text() == "FORM 10-K\nApple Inc.\nCupertino"
    assert parsed.visible_text(max_chars=12) == "FORM 10-K\nAp"


def test_plain_text_splits_at_blank_lines_and_item_headings() -> None:
    parsed = parse_markup(
        "<PAGE>\nITEM 1. BUSINESS\nWe make things\nand sell them.\n\n   7\nITEM 2. PROPERTIES\n",
        is_html=False,
    )
    assert [b.text for b in parsed.blocks] == [
        "ITEM 1. BUSINESS",
        "We make things and sell them.",
        "7",
        "ITEM 2. PROPERTIES",
    ]


def test_deeply_nested_markup_parses_without_recursion(bad_inputs_dir: Path) -> None:
    parsed = parse_document(load_source(bad_inputs_dir / "deeply-nested.htm"))
    assert parsed.blocks
    assert [code for code, _ in parsed.warnings] == ["deep_nesting"]


def test_real_heading_row_is_one_bold_block(item1a_corpus: Callable[[str], Processed]) -> None:
    blocks = item1a_corpus("AAPL_10-K_2017.htm").parsed.blocks
    headings = [b for b in blocks if b.text == "Item 1A. Risk Factors"]
    assert len(headings) == 1
    assert headings[0].bold and headings[0].in_table
    assert any(b.text == "Item 1A. Risk Factors 8" for b in blocks)  # the TOC row


def test_a_deeply_nested_region_inside_an_ordinary_document_is_flattened() -> None:
    ordinary = "<p>Ordinary <b>text</b> in a paragraph of the filing.</p>\n" * 3000
    nested = "<div>" * 40_000 + "deep text" + "</div>" * 10
    html, flattened = _flatten_deep_nesting(ordinary + nested + ordinary)

    assert flattened
    assert html.count("<div>") < 1_000 and "deep text" in html


def test_ordinary_markup_is_left_alone() -> None:
    ordinary = "<p>Ordinary <b>text</b> in a paragraph of the filing.</p>\n" * 6000

    assert _flatten_deep_nesting(ordinary) == (ordinary, False)


def test_old_unclosed_table_cells_are_not_reported_as_deep_nesting() -> None:
    rows = "<TR><TD>Net sales<TD>1,234<TD>1,100\n" * 5000
    html = f"<HTML><BODY><TABLE>{rows}</TABLE></BODY></HTML>"

    assert _flatten_deep_nesting(html) == (html, False)
