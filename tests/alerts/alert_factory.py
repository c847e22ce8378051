"""Alerts for tests, built directly (the drift side is tested in tests/drift)."""

from __future__ import annotations

from datetime import UTC, datetime

from edgar_sentinel.alerts.base import Alert, AlertEvent, AlertTerm, AlertTopic
from edgar_sentinel.drift.result import DriftTier


def make_alert(
    tier: DriftTier = DriftTier.CRITICAL, *, key: str = "drift:0001", target: str = "2024"
) -> Alert:
    return Alert(
        dedup_key=key,
        event=AlertEvent.DRIFT,
        tier=tier,
        created_at=datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC),
        title=f"Risk drift {tier.value.upper()}: 3 new topic(s) in {target} vs 2023",
        reference_model="20260101_000000_lda_2023",
        reference_period="2023",
        target_model=f"20260101_000000_lda_{target}",
        target_period=target,
        reasons=["3 new topic(s) with best similarity below 0.1"],
        new_topics=[
            AlertTopic(topic=4, top_words=["generative", "ai", "models"], best_similarity=0.0)
        ],
        new_topic_count=3,
        vanished_topic_count=0,
        emerging_terms=[AlertTerm(term="generative ai", companies=5, new=True)],
        false_alarm_rate=0.0,
        report_path="out/drift_report.json",
    )
