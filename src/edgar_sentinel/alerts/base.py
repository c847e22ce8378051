"""Alerts: one ``Alert`` document per drift event and the ``AlertSink`` protocol sinks follow.

An alert is built from a ``DriftReport`` and carries everything a sink needs, so an alert
waiting in the outbox can be delivered on a later run without the report. Its
``dedup_key`` is the report's (models compared + new-topic signature): the same drift
gives the same key however often the nightly job runs, and the outbox delivers each key
to each sink once. A ``resolved`` alert (key ``{drift key}:resolved``) follows when a later
comparison no longer reaches a sink's tier.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Final, Literal, Protocol

from pydantic import Field

from edgar_sentinel.drift.result import DriftReport, DriftTier
from edgar_sentinel.models import FrozenModel

ALERT_SCHEMA_VERSION: Final = "1.0"
MAX_TOPICS = 10
MAX_TERMS = 10


class AlertEvent(StrEnum):
    DRIFT = "drift"
    RESOLVED = "resolved"


class AlertTopic(FrozenModel):
    topic: int
    top_words: list[str]
    best_similarity: float


class AlertTerm(FrozenModel):
    term: str
    companies: int
    new: bool


class Alert(FrozenModel):
    schema_version: Literal["1.0"] = ALERT_SCHEMA_VERSION
    dedup_key: str
    event: AlertEvent
    tier: DriftTier
    created_at: datetime
    title: str
    reference_model: str
    reference_period: str
    target_model: str
    target_period: str
    reasons: list[str]
    new_topics: list[AlertTopic] = Field(description="At most 10.")
    new_topic_count: int
    vanished_topic_count: int
    emerging_terms: list[AlertTerm] = Field(description="At most 10.")
    false_alarm_rate: float | None
    report_path: str | None

    def resolved(self, *, by: Alert) -> Alert:
        """The resolve notice of this alert, raised by the later comparison ``by``."""
        return by.model_copy(
            update={
                "dedup_key": f"{self.dedup_key}:resolved",
                "event": AlertEvent.RESOLVED,
                "title": (
                    f"Risk drift resolved: {by.reference_period} -> {by.target_period} "
                    f"is now '{by.tier.value}' (was '{self.tier.value}')"
                ),
            }
        )


def alert_from_report(report: DriftReport, *, report_path: str | None = None) -> Alert:
    ref, tgt = report.reference.period, report.target.period
    return Alert(
        dedup_key=report.dedup_key,
        event=AlertEvent.DRIFT,
        tier=report.tier,
        created_at=report.created_at,
        title=(
            f"Risk drift {report.tier.value.upper()}: {len(report.new_topics)} new topic(s) "
            f"in {tgt} vs {ref}"
        ),
        reference_model=report.reference.model_id,
        reference_period=ref,
        target_model=report.target.model_id,
        target_period=tgt,
        reasons=report.tier_reasons,
        new_topics=[
            AlertTopic(topic=t.topic, top_words=t.top_words[:10], best_similarity=t.best_similarity)
            for t in report.new_topics[:MAX_TOPICS]
        ],
        new_topic_count=len(report.new_topics),
        vanished_topic_count=len(report.vanished_topics),
        emerging_terms=[
            AlertTerm(term=e.term, companies=e.target_companies, new=e.new)
            for e in report.emerging_terms[:MAX_TERMS]
        ],
        false_alarm_rate=report.calibration.false_alarm_rate if report.calibration else None,
        report_path=report_path,
    )


class AlertSink(Protocol):
    """A destination for alerts. ``send`` raises ``DeliveryError`` when delivery failed."""

    @property
    def name(self) -> str: ...

    @property
    def min_tier(self) -> DriftTier: ...

    def send(self, alert: Alert) -> None: ...


__all__ = [
    "ALERT_SCHEMA_VERSION",
    "Alert",
    "AlertEvent",
    "AlertSink",
    "AlertTerm",
    "AlertTopic",
    "alert_from_report",
]
