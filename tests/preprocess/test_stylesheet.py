"""Style sheets: headings set in bold through a class are headings like inline-styled ones."""

from __future__ import annotations

import pytest

from edgar_sentinel.models import SegmentKind
from edgar_sentinel.preprocess.extract import extract_item1a
from edgar_sentinel.preprocess.stylesheet import parse_stylesheet
from edgar_sentinel.settings import PreprocessSettings
from tests.preprocess.item1a_support import parse_markup

BODY = "Any of these events could materially harm our business and results of operations. " * 4


def test_simple_rules_are_read_and_complex_selectors_ignored() -> None:
    sheet = parse_stylesheet(
        [
            "/* exported */ p { margin: 0 } .rf, h3 { font-weight: bold; }",
            "p.cap { text-decoration: underline } div p { color: red } a:hover { color: blue }",
            "@media print { .rf { font-style: italic } }",
        ]
    )
    assert sheet.by_tag == {"p": "margin: 0", "h3": "font-weight: bold"}
    assert sheet.by_class == {"rf": "font-weight: bold;font-style: italic"}
    assert sheet.by_tag_class == {("p", "cap"): "text-decoration: underline"}
    assert sheet.declarations("p", "cap rf") == (
        "margin: 0;font-weight: bold;font-style: italic;text-decoration: underline"
    )
    assert not parse_stylesheet(["div > p { color: red }"])


def test_inline_style_overrides_the_style_sheet() -> None:
    parsed = parse_markup(
        "<html><head><style>.b { font-weight: bold }</style></head><body>"
        '<p class="b">Bold by class</p><p class="b" style="font-weight:normal">Not bold</p>'
        "</body></html>"
    )
    assert [(b.text, b.bold) for b in parsed.blocks] == [
        ("Bold by class", True),
        ("Not bold", False),
    ]


def test_runs_laid_apart_by_a_class_are_separate_words() -> None:
    parsed = parse_markup(
        "<html><head><style>.tab { display: inline-block; width: 36pt }</style></head><body>"
        '<p><span class="tab">Item 1A.</span><span>Risk Factors</span></p></body></html>'
    )
    assert [b.text for b in parsed.blocks] == ["Item 1A. Risk Factors"]


def test_risk_headings_styled_by_class_become_risk_segments() -> None:
    risks = [
        "We face intense competition.",
        "We depend on a few suppliers.",
        "Our stock price may be volatile.",
        "We may not protect our intellectual property.",
    ]
    items = "".join(f'<p class="rf">{title}</p><p class="body">{BODY}</p>' for title in risks)
    parsed = parse_markup(
        "<html><head><style>.rf{font-weight:700} .body{font-weight:400}"
        " .cap{font-weight:bold;text-decoration:underline}</style></head><body>"
        '<p class="cap">Item 1A. Risk Factors</p>'
        f"<p>You should consider the risks below. {BODY}</p>{items}"
        '<p class="cap">Item 1B. Unresolved Staff Comments</p><p>None.</p></body></html>'
    )
    result = extract_item1a(
        parsed, form_type="10-K", period_of_report="2024-12-31", settings=PreprocessSettings()
    )
    found = [s for s in result.segments if s.kind is SegmentKind.RISK]
    assert [s.heading for s in found] == risks


@pytest.mark.parametrize(
    "wrapper",
    [
        "<XBRL>\n<html><head>{style}</head><body>{body}</body></html>\n</XBRL>",
        "<html><head></head><body>{style}{body}</body></html>",
    ],
    ids=["edgar-xbrl-wrapper", "style-in-body"],
)
def test_a_style_sheet_outside_the_head_still_applies(wrapper: str) -> None:
    markup = wrapper.format(
        style="<style>.rf { font-weight: bold }</style>",
        body='<p class="rf">Bold by class</p><p>Plain</p>',
    )
    parsed = parse_markup(markup)
    assert [(b.text, b.bold) for b in parsed.blocks] == [("Bold by class", True), ("Plain", False)]


@pytest.mark.parametrize(
    "markup",
    [
        "<html><head><style>.rf { font-weight: bold !important }</style></head><body>"
        '<p class="rf">Heading</p></body></html>',
        '<p style="font-weight:700 !important;font-style: italic ! important">Heading</p>',
    ],
)
def test_important_declarations_keep_their_value(markup: str) -> None:
    assert parse_markup(markup).blocks[0].bold
