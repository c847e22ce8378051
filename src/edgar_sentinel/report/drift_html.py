"""A drift report as one self-contained HTML page."""

from __future__ import annotations

from collections.abc import Sequence

from edgar_sentinel.drift.result import DriftReport, EmergingTerm, ModelRef, TopicSummary
from edgar_sentinel.report import values
from edgar_sentinel.report.drift_markdown import TIER_ICONS
from edgar_sentinel.report.escaping import html_text
from edgar_sentinel.report.html_page import excerpt_span, html_table, page, status_span
from edgar_sentinel.report.limits import Cuts, Detail, limit_rows, limit_samples, limit_sections


class DriftHtmlRenderer:
    kind = "drift"
    fmt = "html"

    def render(self, report: DriftReport, detail: Detail) -> str:
        cuts = Cuts()
        tier = report.tier.value
        title = f"{TIER_ICONS[tier]} edgar-sentinel risk drift: {tier}"
        reasons = "".join(f"<li>{html_text(r)}</li>" for r in report.tier_reasons)
        sections = [
            f"<h1>{html_text(title)}</h1>",
            f"<p>{status_span(tier)} · {len(report.new_topics):,} new topics, "
            f"{len(report.vanished_topics):,} vanished · mean best similarity "
            f"{report.mean_best_similarity:.3f} · "
            f"{len(report.emerging_terms):,} emerging terms</p>",
            f"<ul>{reasons}</ul>" if reasons else "",
            _models(report.reference, report.target),
        ]
        if detail.summary_only:
            cuts.add("only the summary is shown")
        else:
            sections += [
                _topics("New topics", report.new_topics, detail, cuts),
                _topics("Vanished topics", report.vanished_topics, detail, cuts),
                _terms(report.emerging_terms, detail, cuts),
                _matches(report, detail, cuts),
                _parameters(report),
            ]
        return page(title, sections, cuts=cuts)


def _models(ref: ModelRef, tgt: ModelRef) -> str:
    def row(label: str, get: str) -> list[str]:
        return [html_text(label), html_text(getattr(ref, get)), html_text(getattr(tgt, get))]

    rows = [
        row(label, attr)
        for label, attr in (
            ("Period", "period"),
            ("Model", "model_id"),
            ("Path", "path"),
            ("Topics", "num_topics"),
            ("Documents", "documents"),
            ("Vocabulary", "vocabulary"),
            ("Created", "created_at"),
            ("Coherence", "coherence"),
        )
    ]
    return "<h2>Models</h2>\n" + html_table(["", "Reference", "Target"], rows)


def _topics(title: str, topics: Sequence[TopicSummary], detail: Detail, cuts: Cuts) -> str:
    if not topics:
        return ""
    shown = limit_rows(topics, detail, cuts, title.lower())
    rows = [
        [
            str(t.topic),
            html_text(", ".join(t.top_words)),
            f"{t.best_similarity:.3f}",
            f"{t.prevalence * 100:.1f}%",
        ]
        for t in shown
    ]
    header = ["Topic", "Top words", "Best similarity", "Prevalence"]
    return f"<h2>{html_text(title)} ({len(topics):,})</h2>\n" + html_table(
        header, rows, numeric=(0, 2, 3)
    )


def _terms(terms: Sequence[EmergingTerm], detail: Detail, cuts: Cuts) -> str:
    if not terms:
        return ""
    parts = ["<h2>Emerging terms (term-level evidence)</h2>"]
    shown = limit_rows(terms, detail, cuts, "emerging terms")
    if not detail.details:
        cuts.add("the example paragraphs of emerging terms")
    sections = limit_sections(shown, detail, cuts, "terms' examples") if detail.details else []
    expanded = {id(t) for t in sections}
    for t in shown:
        if id(t) not in expanded:
            parts.append(f"<p>{_term_line(t)}</p>")
            continue
        examples = limit_samples(t.examples, detail, cuts, "example", "term")
        rows = [
            [
                html_text(e.company or values.DASH),
                html_text(e.cik or values.DASH),
                values.DASH if e.fiscal_year is None else str(e.fiscal_year),
                html_text(e.file),
                str(e.segment_index),
                excerpt_span(e.excerpt, detail, cuts),
            ]
            for e in examples
        ]
        table = (
            html_table(["Company", "CIK", "Year", "File", "Segment", "Excerpt"], rows)
            if rows
            else ""
        )
        parts.append(
            f"<details><summary>{_term_line(t)}</summary>\n"
            f"<p>{html_text(', '.join(t.companies))}</p>\n{table}</details>"
        )
    return "\n".join(parts)


def _term_line(t: EmergingTerm) -> str:
    return (
        f"<b>{html_text(t.term)}</b>{' (new)' if t.new else ''}: "
        f"{t.reference_doc_freq * 100:.2f}% → {t.target_doc_freq * 100:.2f}% of segments, "
        f"{t.reference_companies:,} → {t.target_companies:,} companies, score {t.score:.3f}"
    )


def _matches(report: DriftReport, detail: Detail, cuts: Cuts) -> str:
    rows = [
        [
            str(m.target_topic),
            status_span(m.status.value),
            str(m.best_reference_topic),
            f"{m.best_similarity:.3f}",
            values.DASH if m.assigned_reference_topic is None else str(m.assigned_reference_topic),
            values.DASH if m.recurrence is None else f"{m.recurrence:.2f}",
            f"{m.prevalence * 100:.1f}%",
            html_text(", ".join(w.word for w in m.top_words)),
        ]
        for m in limit_rows(report.matches, detail, cuts, "topic matches")
    ]
    header = [
        "Topic",
        "Status",
        "Best match",
        "Similarity",
        "Assigned",
        "Recurrence",
        "Prevalence",
        "Top words",
    ]
    return "<h2>All target topics</h2>\n" + html_table(header, rows, numeric=(0, 2, 3, 4, 5, 6))


def _parameters(report: DriftReport) -> str:
    p = report.parameters
    rows = [[html_text(k), html_text(v)] for k, v in p.model_dump().items()]
    rows.append([html_text("dedup_key"), html_text(report.dedup_key)])
    rows.append([html_text("tool_version"), html_text(report.tool_version)])
    c = report.calibration
    if c is not None:
        rows += [[html_text(f"calibration.{k}"), html_text(v)] for k, v in c.model_dump().items()]
    return "<h2>Parameters</h2>\n" + html_table(["", ""], rows)


__all__ = ["DriftHtmlRenderer"]
