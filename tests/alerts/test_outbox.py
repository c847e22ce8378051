"""The outbox: one delivery per (sink, drift), waiting alerts go out on the next run, resolves."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import httpx
import orjson
import pytest

from edgar_sentinel.alerts.base import Alert, AlertEvent, AlertSink
from edgar_sentinel.alerts.config import AlertsSettings
from edgar_sentinel.alerts.file import FileSink
from edgar_sentinel.alerts.outbox import dispatch
from edgar_sentinel.alerts.slack import SlackSink
from edgar_sentinel.drift.result import DriftTier
from edgar_sentinel.store import open_store
from tests.alerts.alert_factory import make_alert
from tests.fakes.slack_webhook import FakeSlack, running_slack

SETTINGS = AlertsSettings(max_attempts=2, backoff_seconds=0)


@pytest.fixture
def conn(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    c = open_store(tmp_path / "store.db")
    yield c
    c.close()


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    with running_slack() as fake:
        yield fake


@pytest.fixture
def sinks(tmp_path: Path, slack: FakeSlack) -> Iterator[list[AlertSink]]:
    with httpx.Client() as http:
        yield [
            FileSink(tmp_path / "alerts.jsonl"),
            SlackSink(webhook_url=slack.url, http=http, settings=SETTINGS, sleep=lambda _s: None),
        ]


def file_lines(path: Path) -> list[dict[str, object]]:
    return [orjson.loads(line) for line in path.read_bytes().splitlines()]


def test_the_same_drift_is_sent_once_however_often_the_job_runs(
    conn: sqlite3.Connection, sinks: list[AlertSink], slack: FakeSlack, tmp_path: Path
) -> None:
    for _ in range(3):
        result = dispatch(conn, make_alert(), sinks)

    assert len(slack.messages) == 1
    assert len(file_lines(tmp_path / "alerts.jsonl")) == 1
    assert result.duplicates == [("file", "drift:0001"), ("slack", "drift:0001")]
    assert result.deliveries == []


def test_an_undelivered_alert_waits_and_goes_out_on_the_next_run_once(
    conn: sqlite3.Connection, sinks: list[AlertSink], slack: FakeSlack
) -> None:
    slack.fail_next(503)
    slack.fail_next(503)

    first = dispatch(conn, make_alert(), sinks)
    assert [d.sink for d in first.failed] == ["slack"]
    assert first.waiting == 1
    assert slack.messages == []

    second = dispatch(conn, None, sinks)  # e.g. the next night, nothing new
    third = dispatch(conn, make_alert(), sinks)

    assert [(d.sink, d.delivered) for d in second.deliveries] == [("slack", True)]
    assert third.deliveries == [] and third.waiting == 0
    assert len(slack.messages) == 1


def test_a_new_drift_alerts_again_and_a_resolved_one_sends_a_resolve_notice(
    conn: sqlite3.Connection, sinks: list[AlertSink], slack: FakeSlack
) -> None:
    dispatch(conn, make_alert(key="drift:a"), sinks)
    dispatch(conn, make_alert(key="drift:b", target="2025"), sinks)
    calm = make_alert(DriftTier.NONE, key="drift:c", target="2026")
    resolved = dispatch(conn, calm, sinks)
    again = dispatch(conn, calm, sinks)

    assert [m["text"][:18] for m in slack.messages] == [
        "Risk drift CRITICA",
        "Risk drift CRITICA",
        "Risk drift resolve",
    ]
    assert ("slack", "drift:b:resolved") in resolved.enqueued
    assert again.enqueued == []


def test_a_warn_tier_reaches_slack_but_not_a_critical_only_sink(
    conn: sqlite3.Connection, tmp_path: Path
) -> None:
    sent: list[Alert] = []

    class CriticalOnly:
        name = "critical-only"
        min_tier = DriftTier.CRITICAL

        def send(self, alert: Alert) -> None:
            sent.append(alert)

    file_sink = FileSink(tmp_path / "alerts.jsonl")
    dispatch(conn, make_alert(DriftTier.WARN), [file_sink, CriticalOnly()])
    dispatch(conn, make_alert(DriftTier.CRITICAL, key="drift:2"), [file_sink, CriticalOnly()])
    dispatch(conn, make_alert(DriftTier.WARN, key="drift:3"), [file_sink, CriticalOnly()])

    assert [(a.dedup_key, a.event) for a in sent] == [
        ("drift:2", AlertEvent.DRIFT),
        ("drift:2:resolved", AlertEvent.RESOLVED),
    ]
    assert len(file_lines(tmp_path / "alerts.jsonl")) == 3


def test_two_runs_flushing_at_once_send_a_waiting_alert_once(
    conn: sqlite3.Connection, tmp_path: Path
) -> None:
    from edgar_sentinel.alerts.outbox import enqueue, flush

    other = open_store(tmp_path / "store.db")  # a second nightly job on the same store
    sent: list[str] = []

    class Racing:
        name = "racing"
        min_tier = DriftTier.WARN

        def send(self, alert: Alert) -> None:
            sent.append(alert.dedup_key)
            if len(sent) == 1:  # the other job starts flushing while we deliver
                flush(other, [self])

    enqueue(conn, make_alert(), [Racing()])
    deliveries, waiting = flush(conn, [Racing()])
    other.close()

    assert sent == ["drift:0001"]
    assert [d.delivered for d in deliveries] == [True] and waiting == 0
