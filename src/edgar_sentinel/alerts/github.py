"""GitHub issue sink: critical drift opens an issue, recurrence comments, resolution closes it.

Delegates to ``edgar_sentinel.github.issues.sync_issue`` (one issue per fingerprint,
found by a hidden marker among open issues with the configured labels). The token is
the client's business: it is redacted from every message the client builds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from edgar_sentinel.alerts.base import Alert, AlertEvent
from edgar_sentinel.alerts.config import AlertsSettings
from edgar_sentinel.drift.result import DriftTier
from edgar_sentinel.report.escaping import md_text

if TYPE_CHECKING:
    from edgar_sentinel.github.client import GitHubClient


def issue_body(alert: Alert) -> str:
    """The issue's markdown; words taken from filings are escaped (no mentions, links, HTML)."""
    lines = [
        f"**{md_text(alert.title)}**",
        "",
        f"- Reference: {md_text(alert.reference_model)} (period {md_text(alert.reference_period)})",
        f"- Target: {md_text(alert.target_model)} (period {md_text(alert.target_period)})",
        f"- Tier: **{alert.tier.value}**; new topics: {alert.new_topic_count}; "
        f"vanished topics: {alert.vanished_topic_count}",
    ]
    if alert.false_alarm_rate is not None:
        lines.append(f"- Seed-noise false-alarm rate: {alert.false_alarm_rate:.0%}")
    lines += ["", "### Why", *[f"- {md_text(r)}" for r in alert.reasons]]
    if alert.new_topics:
        lines += ["", "### New topics", "| topic | best similarity | top words |", "|---|---|---|"]
        lines += [
            f"| {t.topic} | {t.best_similarity:.3f} | {md_text(', '.join(t.top_words))} |"
            for t in alert.new_topics
        ]
    if alert.emerging_terms:
        lines += ["", "### Emerging terms (distinct companies)"]
        lines += [
            f"- {md_text(e.term)}: {e.companies} companies{' (new)' if e.new else ''}"
            for e in alert.emerging_terms
        ]
    lines += [
        "",
        "### What to do",
        "- Read the drift report"
        + (f" ({md_text(alert.report_path)})" if alert.report_path else "")
        + " and its example segments.",
        "- Decide whether the new risk needs new labels, features or a retrained model.",
        "- This issue closes by itself when a later comparison no longer shows critical drift.",
    ]
    return "\n".join(lines)


class GitHubIssueSink:
    def __init__(self, *, client: GitHubClient, settings: AlertsSettings) -> None:
        self._client = client
        self._settings = settings

    @property
    def name(self) -> str:
        return "github"

    @property
    def min_tier(self) -> DriftTier:
        return DriftTier(self._settings.github_min_tier)

    def send(self, alert: Alert) -> None:
        from edgar_sentinel.github.issues import sync_issue

        sync_issue(
            self._client,
            fingerprint=self._settings.github_fingerprint,
            title=alert.title,
            body=issue_body(alert),
            labels=list(self._settings.github_labels),
            failing=alert.event is AlertEvent.DRIFT,
        )


__all__ = ["GitHubIssueSink", "issue_body"]
