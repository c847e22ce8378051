"""The HTML report: one self-contained, offline-readable page with everything escaped."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from edgar_sentinel.report import render
from tests.report.report_docs import drift_report, gate_report, hostile_gate_report

ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "h1", "h2", "p", "table", "thead",
    "tbody", "tr", "th", "td", "span", "b", "br", "details", "summary", "ul", "li",
}  # fmt: skip


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += [name for name, _ in attrs]


def parse(page: str) -> Tags:
    tags = Tags()
    tags.feed(page)
    return tags


def test_gate_page_is_self_contained() -> None:
    page = render(gate_report(), fmt="html")
    tags = parse(page)
    assert set(tags.tags) <= ALLOWED_TAGS
    assert "script" not in tags.tags and "link" not in tags.tags and "img" not in tags.tags
    assert not {"src", "href"} & set(tags.attrs)
    assert not re.search(r"url\(", page)
    assert page.startswith("<!DOCTYPE html>")


def test_gate_page_shows_checks_findings_files_and_identity() -> None:
    page = render(gate_report(findings=2, samples=3, files=2), fmt="html")
    assert "<h1>❌ edgar-sentinel gate: FAIL · NO-GO</h1>" in page
    assert "≥ 99.00% (warn down to 98.00%)" in page
    assert page.count("<details>") == 2
    assert "Offending filings (2)" in page
    assert "b" * 64 in page  # full thresholds digest
    assert "&lt;b&gt;html&lt;/b&gt;" in page  # the excerpt's markup is shown, not applied


def test_hostile_text_never_becomes_markup() -> None:
    page = render(hostile_gate_report(), fmt="html")
    tags = parse(page)
    assert set(tags.tags) <= ALLOWED_TAGS
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<!-- edgar-sentinel" not in page
    assert "<details open>" not in page
    assert "\u202e" not in page


def test_drift_page_is_self_contained_and_complete() -> None:
    page = render(drift_report(terms=2), fmt="html")
    tags = parse(page)
    assert set(tags.tags) <= ALLOWED_TAGS
    assert not {"src", "href"} & set(tags.attrs)
    assert "New topics (1)" in page and "Emerging terms" in page
    assert "20260101_000000_lda_2023" in page
