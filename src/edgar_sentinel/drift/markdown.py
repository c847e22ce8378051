"""A minimal markdown rendering of a ``DriftReport`` (the JSON stays the source of truth)."""

from __future__ import annotations

from edgar_sentinel.drift.result import DriftReport, TopicStatus

MARKDOWN_FILE = "drift_report.md"
_ICON = {"none": "OK", "warn": "WARN", "critical": "CRITICAL"}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(report: DriftReport, *, max_examples: int = 2) -> str:
    ref, tgt, p = report.reference, report.target, report.parameters
    out = [
        f"# Risk drift: {ref.period} → {tgt.period} — {_ICON[report.tier.value]}",
        "",
        f"- Reference model: `{ref.model_id}` ({ref.documents} segments, K={ref.num_topics})",
        f"- Target model: `{tgt.model_id}` ({tgt.documents} segments, K={tgt.num_topics})",
        f"- Rule: Jaccard of top {p.top_n} words; warn below {p.warn_threshold:g} "
        f"({p.threshold_source}), critical below {p.critical_threshold:g} "
        f"or {p.critical_new_topics}+ new topics",
        f"- New topics: {len(report.new_topics)}; vanished: {len(report.vanished_topics)}; "
        f"mean best similarity {report.mean_best_similarity:.3f}",
    ]
    cal = report.calibration
    if cal is not None:
        out.append(
            f"- Seed noise ({cal.method}, {cal.pairs} same-period pairs): bare rule warns in "
            f"{cal.raw_false_alarm_rate:.0%}, filtered rule in {cal.false_alarm_rate:.0%}; "
            f"noise floor {cal.noise_floor:.3f}"
        )
    out += ["", "## Why", *[f"- {r}" for r in report.tier_reasons], ""]
    out += [
        "## Target topics",
        "",
        "| topic | status | best | ref topic | 1:1 ref (sim) | recurrence | top words |",
        "|---:|---|---:|---:|---|---:|---|",
    ]
    for m in report.matches:
        one = (
            f"{m.assigned_reference_topic} ({m.assigned_similarity:.2f})"
            if m.assigned_reference_topic is not None and m.assigned_similarity is not None
            else "-"
        )
        rec = "-" if m.recurrence is None else f"{m.recurrence:.0%}"
        status = f"**{m.status.value}**" if m.status is TopicStatus.NEW else m.status.value
        words = ", ".join(w.word for w in m.top_words[:10])
        out.append(
            f"| {m.target_topic} | {status} | {m.best_similarity:.3f} | "
            f"{m.best_reference_topic} | {one} | {rec} | {_cell(words)} |"
        )
    if report.vanished_topics:
        out += ["", "## Vanished reference topics", ""]
        out += [
            f"- topic {v.topic} (best {v.best_similarity:.3f}): {', '.join(v.top_words[:10])}"
            for v in report.vanished_topics
        ]
    if report.emerging_terms:
        out += [
            "",
            "## Emerging terms",
            "",
            "| term | companies (ref → target) | doc freq (ref → target) | new |",
            "|---|---|---|---|",
        ]
        out += [
            f"| `{_cell(e.term)}` | {e.reference_companies} → {e.target_companies} | "
            f"{e.reference_doc_freq:.2%} → {e.target_doc_freq:.2%} | {'yes' if e.new else ''} |"
            for e in report.emerging_terms
        ]
        out += ["", "### Examples", ""]
        for e in report.emerging_terms[:5]:
            for ex in e.examples[:max_examples]:
                out.append(
                    f"- `{_cell(e.term)}` — {ex.company or ex.cik or '?'} "
                    f"({ex.fiscal_year}, {ex.file} #{ex.segment_index}): {_cell(ex.excerpt)}"
                )
    if report.heatmap_file:
        out += ["", f"![similarity heatmap]({report.heatmap_file})"]
    return "\n".join(out) + "\n"


__all__ = ["MARKDOWN_FILE", "render_markdown"]
