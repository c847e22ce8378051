"""GitHub-flavoured markdown for a drift report (job summaries, issues, comments)."""

from __future__ import annotations

from collections.abc import Sequence

from edgar_sentinel.drift.result import DriftReport, EmergingTerm, TopicMatch, TopicSummary
from edgar_sentinel.report import values
from edgar_sentinel.report.escaping import md_text
from edgar_sentinel.report.limits import (
    Cuts,
    Detail,
    limit_rows,
    limit_samples,
    limit_sections,
    note_cut_excerpts,
)
from edgar_sentinel.report.markdown_parts import cut_note, table

TIER_ICONS = {"none": "✅", "warn": "⚠️", "critical": "🚨"}
TIER_TITLES = {"none": "no drift", "warn": "drift warning", "critical": "critical drift"}
TOP_WORDS = 10


class DriftMarkdownRenderer:
    kind = "drift"
    fmt = "markdown"

    def render(self, report: DriftReport, detail: Detail) -> str:
        cuts = Cuts()
        tier = report.tier.value
        head = [
            f"### {TIER_ICONS[tier]} edgar-sentinel risk drift: {TIER_TITLES[tier]} "
            f"({tier.upper()})",
            _summary(report),
        ]
        body: list[str] = []
        if report.tier_reasons:
            reasons = report.tier_reasons[:3] if detail.summary_only else report.tier_reasons
            width = 120 if detail.summary_only else 300
            body.append("\n".join(f"- {md_text(r, max_len=width)}" for r in reasons))
        if detail.summary_only:
            cuts.add("the topic and term tables are left out")
        else:
            body.append(_topics("New topics", report.new_topics, detail, cuts))
            body.append(_topics("Vanished topics", report.vanished_topics, detail, cuts))
            body.append(_terms(report.emerging_terms, detail, cuts))
            body.append(_matches(report.matches, detail, cuts))
            body.append(_calibration(report))
        if cuts:
            head.append(cut_note(cuts))
        return "\n\n".join([*head, *(b for b in body if b), _identity(report)]) + "\n"


def _summary(report: DriftReport) -> str:
    ref, tgt = report.reference, report.target
    return (
        f"**{report.tier.value}** · reference {md_text(ref.period, max_len=40)} → "
        f"target {md_text(tgt.period, max_len=40)} · "
        f"{values.count(len(report.new_topics), 'new topic')}, "
        f"{len(report.vanished_topics):,} vanished · "
        f"mean best similarity {report.mean_best_similarity:.3f} · "
        f"{values.count(len(report.emerging_terms), 'emerging term')}"
    )


def _words(words: Sequence[str]) -> str:
    return md_text(", ".join(words[:TOP_WORDS]), max_len=200)


def _topics(title: str, topics: Sequence[TopicSummary], detail: Detail, cuts: Cuts) -> str:
    if not topics:
        return ""
    rows = [
        [
            str(t.topic),
            _words(t.top_words),
            f"{t.best_similarity:.3f}",
            f"{t.prevalence * 100:.1f}%",
        ]
        for t in limit_rows(topics, detail, cuts, title.lower())
    ]
    header = ["Topic", "Top words", "Best similarity", "Prevalence"]
    return f"#### {title} ({len(topics):,})\n\n" + table(header, rows, align="r-rr")


def _terms(terms: Sequence[EmergingTerm], detail: Detail, cuts: Cuts) -> str:
    if not terms:
        return ""
    shown = limit_rows(terms, detail, cuts, "emerging terms")
    rows = [
        [
            md_text(t.term, max_len=80),
            f"{t.reference_doc_freq * 100:.2f}%",
            f"{t.target_doc_freq * 100:.2f}%",
            f"{t.reference_companies:,} → {t.target_companies:,}",
            "new" if t.new else "",
            f"{t.score:.3f}",
        ]
        for t in shown
    ]
    header = ["Term", "Reference share", "Target share", "Companies", "", "Score"]
    parts = ["#### Emerging terms (term-level evidence)\n\n" + table(header, rows, align="-rrr-r")]
    if not detail.details:
        cuts.add("the example paragraphs of emerging terms")
        return parts[0]
    with_examples = [t for t in shown if t.examples]
    sections = limit_sections(with_examples, detail, cuts, "terms' examples")
    parts += [_term_examples(t, detail, cuts) for t in sections]
    return "\n\n".join(parts)


def _term_examples(term: EmergingTerm, detail: Detail, cuts: Cuts) -> str:
    examples = limit_samples(term.examples, detail, cuts, "example", "term")
    companies = md_text(", ".join(term.companies), max_len=300)
    lines = [
        "<details>",
        f"<summary>{md_text(term.term, max_len=80)}: used by "
        f"{values.count(term.target_companies, 'company', 'companies')}</summary>",
        "",
        f"Companies: {companies}",
    ]
    note_cut_excerpts((e.excerpt for e in examples), detail, cuts)
    if examples and detail.excerpt_chars != 0:
        rows = [
            [
                md_text(e.company or values.DASH, max_len=80),
                md_text(e.cik or values.DASH),
                values.DASH if e.fiscal_year is None else str(e.fiscal_year),
                md_text(e.file, max_len=100),
                str(e.segment_index),
                md_text(e.excerpt, max_len=detail.excerpt_chars),
            ]
            for e in examples
        ]
        header = ["Company", "CIK", "Year", "File", "Segment", "Excerpt"]
        lines += ["", table(header, rows, align="--r-r-")]
    lines += ["", "</details>"]
    return "\n".join(lines)


def _matches(matches: Sequence[TopicMatch], detail: Detail, cuts: Cuts) -> str:
    if not matches:
        return ""
    rows = [
        [
            str(m.target_topic),
            m.status.value,
            str(m.best_reference_topic),
            f"{m.best_similarity:.3f}",
            values.DASH if m.assigned_reference_topic is None else str(m.assigned_reference_topic),
            values.DASH if m.recurrence is None else f"{m.recurrence:.2f}",
            _words([w.word for w in m.top_words]),
        ]
        for m in limit_rows(matches, detail, cuts, "topic matches")
    ]
    header = ["Topic", "Status", "Best match", "Similarity", "Assigned", "Recurrence", "Top words"]
    return "#### All target topics\n\n" + table(header, rows, align="r-rrrr-")


def _calibration(report: DriftReport) -> str:
    c = report.calibration
    if c is None:
        return ""
    return (
        f"Noise calibration ({md_text(c.method, max_len=40)}, {c.pairs:,} pairs): the bare "
        f"threshold rule warned in {c.raw_false_alarm_rate * 100:.0f}% of same-period pairs, "
        f"{c.false_alarm_rate * 100:.0f}% after the noise filter; noise floor "
        f"{c.noise_floor:.3f}."
    )


def _identity(report: DriftReport) -> str:
    p = report.parameters
    items = [
        f"reference {md_text(report.reference.model_id, max_len=80)}",
        f"target {md_text(report.target.model_id, max_len=80)}",
        f"top {p.top_n} words, warn below {p.warn_threshold:.2f}, critical below "
        f"{p.critical_threshold:.2f} or {p.critical_new_topics}+ new topics "
        f"(threshold from {md_text(p.threshold_source, max_len=40)})",
        f"edgar-sentinel {md_text(report.tool_version, max_len=40)}",
        f"{report.created_at:%Y-%m-%d %H:%M:%S} UTC",
    ]
    return "<sub>" + " · ".join(items) + "</sub>"


__all__ = ["TIER_ICONS", "DriftMarkdownRenderer"]
