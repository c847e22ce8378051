"""Markdown for GitHub: what a reviewer sees in a pull request or a job summary."""

from __future__ import annotations

import html
import re

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from edgar_sentinel.report import render
from tests.report.report_docs import HOSTILE, drift_report, gate_report, hostile_gate_report

MD = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
ALLOWED_HTML = re.compile(r"^(<details>|</details>|<summary>.*</summary>|<br>|<sub>|</sub>)$")


def table_shapes(markdown: str) -> list[tuple[int, set[int]]]:
    """For each table: (header cells, set of body row cell counts)."""
    tokens = MD.parse(markdown)
    shapes: list[tuple[int, set[int]]] = []
    header, cells = 0, 0
    rows: set[int] = set()
    for token in tokens:
        if token.type == "table_open":
            header, rows = 0, set()
        elif token.type in ("th_open", "td_open"):
            cells += 1
        elif token.type == "tr_close":
            if header == 0:
                header = cells
            else:
                rows.add(cells)
            cells = 0
        elif token.type == "table_close":
            shapes.append((header, rows))
    return shapes


def raw_html(markdown: str) -> list[str]:
    found: list[str] = []

    def walk(tokens: list[Token]) -> None:
        for t in tokens:
            if t.type in ("html_block", "html_inline"):
                found.extend(line for line in t.content.splitlines() if line.strip())
            if t.children:
                walk(t.children)

    walk(MD.parse(markdown))
    return found


@pytest.mark.parametrize(
    ("status", "headline"),
    [
        ("PASS", "### ✅ edgar-sentinel gate passed: PASS · GO"),
        ("WARN", "### ⚠️ edgar-sentinel gate passed with warnings: WARN · GO"),
        ("FAIL", "### ❌ edgar-sentinel gate failed: FAIL · NO-GO"),
        ("ERROR", "### ⛔ edgar-sentinel gate could not run: ERROR · NO-GO"),
    ],
)
def test_headline_carries_the_status_icon_and_decision(status: str, headline: str) -> None:
    markdown = render(gate_report(status=status), fmt="markdown")
    assert markdown.splitlines()[0] == headline


def test_summary_line_counts_files_and_checks() -> None:
    summary = render(gate_report(), fmt="markdown").splitlines()[2]
    assert summary.startswith("**FAIL** · **NO-GO** · 61 files (1 failed, 1 warned")
    assert "4,210 segments" in summary
    assert "2 of 4 checks passed" in summary


def test_checks_show_actual_target_with_operator_and_change_since_last_go() -> None:
    markdown = render(gate_report(), fmt="markdown")
    blocking = markdown.split("#### Blocking checks")[1].split("####")[0]
    others = markdown.split("#### Other checks")[1].split("####")[0]
    row = next(line for line in blocking.splitlines() if "cik_present_rate" in line)
    cells = [c.strip() for c in row.strip("|").split(" | ")]
    assert cells[0] == "❌"
    assert html.unescape(cells[2]) == "95.00%"
    assert html.unescape(cells[3]) == "≥ 99.00% (warn down to 98.00%)"
    assert cells[4] == "−4.90 pp"
    assert cells[5] == "FAIL"
    assert "html_artifact_rate" in others and "html_artifact" not in blocking


def test_each_failing_check_has_collapsible_samples_keyed_for_lookup() -> None:
    markdown = render(gate_report(findings=2, samples=3), fmt="markdown")
    assert markdown.count("<details>") == markdown.count("</details>") == 2
    assert "8 offending items, showing 3" in markdown
    assert "| 0000320193-23-000001.json | 0000320193 | 0000320193-23-000001 | 1 |" in markdown
    assert [body for header, body in table_shapes(markdown) if header == 5] == [{5}, {5}]


def test_run_identity_is_shown() -> None:
    markdown = render(gate_report(), fmt="markdown")
    last = markdown.strip().splitlines()[-1]
    assert "runs/20260102_030405_preprocess" in last
    assert "thresholds sha256 bbbbbbbbbbbb" in last
    assert "edgar-sentinel 0.1.0" in html.unescape(last)
    assert "GO run &#35;\u200b7" in last


def test_run_errors_are_listed_for_an_error_report() -> None:
    markdown = render(gate_report(status="ERROR", errors=["no filings found"]), fmt="markdown")
    assert "**Why the run could not be validated**\n\n- no filings found" in markdown


def test_hostile_text_everywhere_keeps_every_table_intact() -> None:
    markdown = render(hostile_gate_report(), fmt="markdown")
    shapes = table_shapes(markdown)
    assert len(shapes) >= 5
    for header, rows in shapes:
        assert rows <= {header}
    assert all(ALLOWED_HTML.match(tag) for tag in raw_html(markdown)), raw_html(markdown)
    rendered = MD.render(markdown)
    for forbidden in ("<script", "<a ", "<img", "<!--", "<details open", "<code>", "<em>", "<del>"):
        assert forbidden not in rendered
    text = html.unescape(rendered)
    assert not re.search(r"@[A-Za-z0-9]", text)
    assert not re.search(r"#\d", text)
    assert "<script>alert(1)</script>" in text  # shown as text, not lost


def test_hostile_text_cannot_fake_the_sticky_marker() -> None:
    markdown = render(
        hostile_gate_report(HOSTILE + "\n<!-- edgar-sentinel:gate -->"), fmt="markdown"
    )
    assert "<!--" not in markdown


def test_drift_markdown_shows_tier_new_topics_and_emerging_terms() -> None:
    markdown = render(drift_report(tier="critical", terms=2), fmt="markdown")
    lines = markdown.splitlines()
    assert lines[0] == "### 🚨 edgar-sentinel risk drift: critical drift (CRITICAL)"
    assert "reference 2022 → target 2023" in lines[2]
    assert "#### New topics (1)" in markdown
    assert "| 2 | cybersecurity, ai | 0.020 | 30.0% |" in markdown
    assert "#### Emerging terms (term-level evidence)" in markdown
    assert "used by 4 companies" in markdown
    assert markdown.count("<details>") == markdown.count("</details>") == 2
    for header, rows in table_shapes(markdown):
        assert rows <= {header}


@pytest.mark.parametrize(("tier", "icon"), [("none", "✅"), ("warn", "⚠️"), ("critical", "🚨")])
def test_drift_headline_icon_follows_the_tier(tier: str, icon: str) -> None:
    assert render(drift_report(tier=tier), fmt="markdown").startswith(f"### {icon} ")


def test_hostile_drift_terms_are_escaped() -> None:
    markdown = render(drift_report(text=HOSTILE), fmt="markdown")
    for header, rows in table_shapes(markdown):
        assert rows <= {header}
    assert all(ALLOWED_HTML.match(tag) for tag in raw_html(markdown))
    assert not re.search(r"@[A-Za-z0-9]", html.unescape(MD.render(markdown)))
