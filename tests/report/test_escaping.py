"""Hostile filing text stays literal: it never leaves its table cell, makes tags or mentions."""

from __future__ import annotations

import html
import re

from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from edgar_sentinel.report.escaping import ZWSP, html_text, md_text, one_line, strip_references
from edgar_sentinel.report.markdown_parts import table

# Text biased towards the characters that matter, plus anything else Unicode has.
hostile = st.lists(
    st.one_of(
        st.sampled_from(list("|\\`<>&#@[]()!*_~$-+=.:/ \n\r\t\u2028\u202e\x00\x85")),
        st.sampled_from(["<!--", "-->", "<script>", "www.", "://", "@team/x", "#12", "1. "]),
        st.characters(),
    ),
    max_size=40,
).map("".join)
MD = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


@given(hostile)
def test_markdown_text_is_one_line_without_syntax(text: str) -> None:
    cell = md_text(text)
    bare = strip_references(cell)
    assert "\n" not in cell and "\r" not in cell
    assert not set(bare) & set("|<>`[]*~$&\\#")
    assert not re.search(r"(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])", bare)  # only intraword _
    assert "://" not in cell
    assert "www." not in cell.lower()
    assert all(part.startswith(ZWSP) for part in cell.split("@")[1:])
    assert all(part.startswith(ZWSP) for part in cell.split("&#35;")[1:])


@given(hostile)
def test_markdown_text_shows_the_original_characters(text: str) -> None:
    shown = html.unescape(md_text(text)).replace(ZWSP, "")
    assert shown == one_line(text).replace(ZWSP, "").replace("\ue000", "")


@given(hostile, hostile)
def test_a_hostile_cell_never_leaves_its_table_cell(left: str, right: str) -> None:
    markdown = table(["A", "B", "C"], [[md_text(left), "x", md_text(right)]])
    tokens = MD.parse(markdown)
    cells = [t for t in tokens if t.type == "td_open"]
    assert len(cells) == 3
    inline_children = [c for t in tokens if t.type == "inline" for c in (t.children or [])]
    assert {c.type for c in inline_children} <= {"text"}
    rendered = MD.render(markdown)
    assert "<script" not in rendered and "<a " not in rendered and "<img" not in rendered
    assert "<!--" not in rendered


@given(hostile)
def test_mentions_and_references_never_survive_rendering(text: str) -> None:
    rendered = html.unescape(MD.render("x " + md_text(text)))
    assert not re.search(r"@[A-Za-z0-9]", rendered)
    assert not re.search(r"#\d", rendered)


def test_cut_text_ends_with_an_ellipsis_and_respects_the_length() -> None:
    assert one_line("word " * 100, max_len=20) == "word word word word…"
    assert len(one_line("x" * 10_000, max_len=50)) == 50
    assert one_line(" " * 5000 + "tail", max_len=10).endswith("…")


def test_html_text_escapes_tags_and_keeps_line_breaks() -> None:
    assert html_text("<script>a & b\nc</script>") == "&lt;script&gt;a &amp; b\nc&lt;/script&gt;"
    assert html_text('"quoted"') == "&quot;quoted&quot;"
    assert "\u202e" not in html_text("evil\u202etxt")
