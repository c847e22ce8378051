"""The alert outbox (SQLite, namespace ``alerts``): every alert reaches every sink once.

``dispatch`` first *enqueues*, then *flushes*:

* enqueue: for each sink, an alert at or above the sink's tier is recorded under
  ``(sink, dedup_key)``; a key already recorded (delivered or waiting) is a duplicate and is
  not recorded again. If the alert is below the sink's tier (or none) and the sink's latest
  recorded alert is a drift, a ``resolved`` alert is recorded instead (it closes the issue).
* flush: every waiting row of the configured sinks is sent in recording order; a success
  marks it delivered, a failure leaves it waiting (with the attempt count and the error)
  and stops that sink for this run so notices never overtake each other.

Two runs flushing at once do not both send a row: a run claims a row (``claimed_until``,
``CLAIM_SECONDS`` ahead) before sending, and skips the sink when another run holds an
unexpired claim. A crash between a sink's success and the status update can repeat
that one delivery; nothing else can.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field

from edgar_sentinel.alerts.base import Alert, AlertEvent, AlertSink
from edgar_sentinel.errors import EdgarSentinelError
from edgar_sentinel.store import migrate

NAMESPACE = "alerts"
MIGRATIONS = [
    "CREATE TABLE alert_outbox ("
    " id INTEGER PRIMARY KEY AUTOINCREMENT,"
    " sink TEXT NOT NULL,"
    " dedup_key TEXT NOT NULL,"
    " event TEXT NOT NULL,"
    " tier TEXT NOT NULL,"
    " payload TEXT NOT NULL,"
    " status TEXT NOT NULL CHECK (status IN ('pending', 'delivered')),"
    " attempts INTEGER NOT NULL DEFAULT 0,"
    " last_error TEXT,"
    " created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),"
    " delivered_at TEXT,"
    " UNIQUE (sink, dedup_key))",
    "ALTER TABLE alert_outbox ADD COLUMN claimed_until TEXT",
]
CLAIM_SECONDS = 600
"""How long a run owns a row it is delivering; a crashed run's claim expires after it."""


@dataclass(frozen=True)
class Delivery:
    sink: str
    dedup_key: str
    event: AlertEvent
    delivered: bool
    error: str | None = None


@dataclass(frozen=True)
class DispatchResult:
    enqueued: list[tuple[str, str]] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    deliveries: list[Delivery] = field(default_factory=list)
    waiting: int = 0
    """Rows still pending after the flush (failed now, or for sinks not configured)."""

    @property
    def failed(self) -> list[Delivery]:
        return [d for d in self.deliveries if not d.delivered]


def ensure_schema(conn: sqlite3.Connection) -> None:
    migrate(conn, namespace=NAMESPACE, statements=MIGRATIONS)


def _latest(conn: sqlite3.Connection, sink: str) -> Alert | None:
    row = conn.execute(
        "SELECT payload FROM alert_outbox WHERE sink = ? ORDER BY id DESC LIMIT 1", (sink,)
    ).fetchone()
    return None if row is None else Alert.model_validate_json(row["payload"])


def _enqueue(conn: sqlite3.Connection, sink: str, alert: Alert) -> bool:
    cur = conn.execute(
        "INSERT OR IGNORE INTO alert_outbox (sink, dedup_key, event, tier, payload, status)"
        " VALUES (?, ?, ?, ?, ?, 'pending')",
        (sink, alert.dedup_key, alert.event.value, alert.tier.value, alert.model_dump_json()),
    )
    return cur.rowcount == 1


def enqueue(conn: sqlite3.Connection, alert: Alert, sinks: Sequence[AlertSink]) -> DispatchResult:
    ensure_schema(conn)
    enqueued: list[tuple[str, str]] = []
    duplicates: list[tuple[str, str]] = []
    for sink in sinks:
        if alert.event is AlertEvent.DRIFT and alert.tier.rank >= sink.min_tier.rank:
            item = alert
        else:
            latest = _latest(conn, sink.name)
            if latest is None or latest.event is not AlertEvent.DRIFT:
                continue
            item = latest.resolved(by=alert)
        if _enqueue(conn, sink.name, item):
            enqueued.append((sink.name, item.dedup_key))
        else:
            duplicates.append((sink.name, item.dedup_key))
    return DispatchResult(enqueued=enqueued, duplicates=duplicates)


def _claim(conn: sqlite3.Connection, row_id: int) -> bool:
    """Take the row for this run unless another run holds an unexpired claim on it."""
    cur = conn.execute(
        "UPDATE alert_outbox SET attempts = attempts + 1,"
        " claimed_until = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', ?)"
        " WHERE id = ? AND status = 'pending'"
        " AND (claimed_until IS NULL OR claimed_until < strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
        (f"+{CLAIM_SECONDS} seconds", row_id),
    )
    return cur.rowcount == 1


def flush(conn: sqlite3.Connection, sinks: Sequence[AlertSink]) -> tuple[list[Delivery], int]:
    """Send every waiting alert of ``sinks``; returns the attempts and the rows still waiting."""
    ensure_schema(conn)
    deliveries: list[Delivery] = []
    for sink in sinks:
        rows = conn.execute(
            "SELECT id, payload FROM alert_outbox"
            " WHERE sink = ? AND status = 'pending' ORDER BY id",
            (sink.name,),
        ).fetchall()
        for row in rows:
            if not _claim(conn, row["id"]):
                break  # another run is delivering this sink's alerts right now
            alert = Alert.model_validate_json(row["payload"])
            try:
                sink.send(alert)
            except EdgarSentinelError as exc:
                conn.execute(
                    "UPDATE alert_outbox SET last_error = ?, claimed_until = NULL WHERE id = ?",
                    (exc.message[:500], row["id"]),
                )
                deliveries.append(
                    Delivery(sink.name, alert.dedup_key, alert.event, False, exc.message)
                )
                break
            conn.execute(
                "UPDATE alert_outbox SET status = 'delivered', last_error = NULL,"
                " delivered_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?",
                (row["id"],),
            )
            deliveries.append(Delivery(sink.name, alert.dedup_key, alert.event, True))
    waiting = conn.execute("SELECT COUNT(*) FROM alert_outbox WHERE status = 'pending'").fetchone()
    return deliveries, int(waiting[0])


def dispatch(
    conn: sqlite3.Connection, alert: Alert | None, sinks: Sequence[AlertSink]
) -> DispatchResult:
    """Enqueue ``alert`` (if any) for ``sinks``, then flush everything waiting."""
    queued = enqueue(conn, alert, sinks) if alert is not None else DispatchResult()
    deliveries, waiting = flush(conn, sinks)
    return DispatchResult(
        enqueued=queued.enqueued,
        duplicates=queued.duplicates,
        deliveries=deliveries,
        waiting=waiting,
    )


__all__ = [
    "MIGRATIONS",
    "NAMESPACE",
    "Delivery",
    "DispatchResult",
    "dispatch",
    "enqueue",
    "ensure_schema",
    "flush",
]
