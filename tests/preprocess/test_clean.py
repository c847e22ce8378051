"""Cleaning: entities, Unicode, whitespace and page furniture."""

from __future__ import annotations

import html
import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from edgar_sentinel.preprocess.clean import (
    FurnitureDetector,
    clean_text,
    furniture_key,
    is_page_number,
    is_toc_link,
)
from tests.preprocess.item1a_support import parse_markup


@given(st.text())
def test_cleaning_is_idempotent(text: str) -> None:
    once = clean_text(text)
    assert clean_text(once) == once


_SOUP = st.lists(st.sampled_from(["&", "amp;", "#38;", "nbsp;", "\u200b", " ", "a", "\xa0"]))


@given(_SOUP)
def test_cleaning_is_idempotent_on_entity_soup(pieces: list[str]) -> None:
    once = clean_text("".join(pieces))
    assert clean_text(once) == once


def _reference_clean(text: str) -> str:
    """The cleaning rules written plainly: decode, drop invisibles, NFKC, collapse; repeat."""
    while True:
        again = html.unescape(text)
        again = re.sub("[\u00ad\u200b\u200c\u200d\u2060\ufeff\x00-\x08\x0e-\x1b\x7f]", "", again)
        again = " ".join(unicodedata.normalize("NFKC", again).split())
        if again == text:
            return again
        text = again


_TYPESET = st.lists(
    st.sampled_from(
        [
            "Risk",
            " ",
            "\n",
            "\xa0",
            "’",
            "—",
            "“",
            "\u2009",
            "\u00ad",
            "\u200b",
            "ﬁ",
            "é",
            "e\u0301",
            "&amp;",
            "&#160;",
            "\x1c",
            "\x07",
            "Ａ",
            "\u2028",
            "½",
        ]
    )
).map("".join)


@given(st.one_of(st.text(), _TYPESET))
def test_cleaning_follows_the_plain_rules(text: str) -> None:
    assert clean_text(text) == _reference_clean(clean_text(text)) == _reference_clean(text)


@given(st.one_of(st.text(), st.text(alphabet="aZ_09 #-.|$()\t\n\x0b\u2014\u00e9\u0663")))
def test_furniture_keys_mask_numbers_and_drop_punctuation(text: str) -> None:
    plain = re.sub(r"[^\w#]+", " ", re.sub(r"\d+", "#", text.lower())).strip()
    assert furniture_key(text) == plain


def test_control_separators_are_whitespace_in_every_path() -> None:
    # ASCII-only and non-ASCII texts take different paths; both treat \x1c as a space.
    assert clean_text("a\x1cb") == "a b"
    assert clean_text("a\x1cb\xe9") == "a b\xe9"
    assert clean_text("a\x07b\xe9") == "ab\xe9"


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Risk&#160;Factors", "Risk Factors"),
        ("AT&amp;amp;T", "AT&T"),
        ("the Company&#8217;s", "the Company’s"),
        ("  many \n\t spaces\xa0here  ", "many spaces here"),
        ("soft\xadhyphen and zero\u200bwidth", "softhyphen and zerowidth"),
        ("ﬁnancial", "financial"),
        ("“quoted” — kept", "“quoted” — kept"),
    ],
)
def test_cleaning_examples(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean


def test_words_split_by_adjacent_inline_markup_stay_whole() -> None:
    parsed = parse_markup("<p><b>RISK FA</b><b>CTORS</b></p><p>Item<span>1A</span></p>")
    assert [b.text for b in parsed.blocks] == ["RISK FACTORS", "Item1A"]


def test_runs_separated_only_by_layout_get_a_space() -> None:
    parsed = parse_markup(
        '<div><span style="display:inline-block;width:72pt">Item 1A.</span>'
        "<span>Risk Factors.</span></div>"
    )
    assert parsed.blocks[0].text == "Item 1A. Risk Factors."


@pytest.mark.parametrize("text", ["12", "- 3 -", "F-7", "Page 4", "iv", "(21)"])
def test_page_numbers(text: str) -> None:
    assert is_page_number(text)


@pytest.mark.parametrize("text", ["2023", "Risk Factors", "In 12 months"])
def test_not_page_numbers(text: str) -> None:
    assert not is_page_number(text)


def test_toc_links() -> None:
    assert is_toc_link("Table of Contents")
    assert is_toc_link("TABLE OF CONTENTS")
    assert is_toc_link("33 Table of Contents")
    assert is_toc_link("Table of Contents | 12")
    assert not is_toc_link("Table of Contents for the Annual Report on Form 10-K of the Company")


def test_running_footers_are_recognised_by_repetition() -> None:
    texts = [f"Apple Inc. | 2017 Form 10-K | {n}" for n in range(5, 30)]
    texts += ["The Company faces intense competition.", "Not applicable."]
    detector = FurnitureDetector(texts)
    assert detector.is_furniture("Apple Inc. | 2017 Form 10-K | 31")
    assert not detector.is_furniture("The Company faces intense competition.")
    assert furniture_key("2023 Form 10-K | 12") == furniture_key("2023 Form 10-K | 13")


def test_repeated_short_answers_survive_when_repetition_is_not_used() -> None:
    detector = FurnitureDetector(["Not applicable."] * 5)
    assert detector.is_furniture("Not applicable.")
    assert not detector.is_furniture("Not applicable.", repeated=False)
