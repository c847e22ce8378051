"""Drift results over time in the SQLite store (namespace ``drift``)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from edgar_sentinel.drift.result import DriftReport, DriftTier
from edgar_sentinel.store import migrate

NAMESPACE = "drift"
MIGRATIONS = [
    "CREATE TABLE drift_runs ("
    " id INTEGER PRIMARY KEY AUTOINCREMENT,"
    " created_at TEXT NOT NULL,"
    " reference_model TEXT NOT NULL,"
    " reference_period TEXT NOT NULL,"
    " target_model TEXT NOT NULL,"
    " target_period TEXT NOT NULL,"
    " tier TEXT NOT NULL CHECK (tier IN ('none', 'warn', 'critical')),"
    " new_topics INTEGER NOT NULL,"
    " vanished_topics INTEGER NOT NULL,"
    " emerging_terms INTEGER NOT NULL,"
    " mean_best_similarity REAL NOT NULL,"
    " false_alarm_rate REAL,"
    " dedup_key TEXT NOT NULL,"
    " report_path TEXT,"
    " report_json TEXT NOT NULL)",
    "CREATE INDEX drift_runs_created ON drift_runs (created_at)",
]


@dataclass(frozen=True)
class DriftHistoryRow:
    id: int
    created_at: str
    reference_period: str
    target_period: str
    reference_model: str
    target_model: str
    tier: DriftTier
    new_topics: int
    vanished_topics: int
    emerging_terms: int
    mean_best_similarity: float
    false_alarm_rate: float | None
    report_path: str | None


def ensure_schema(conn: sqlite3.Connection) -> None:
    migrate(conn, namespace=NAMESPACE, statements=MIGRATIONS)


def record_drift(
    conn: sqlite3.Connection, report: DriftReport, *, report_path: str | None = None
) -> int:
    """Store one drift result; returns its row id."""
    ensure_schema(conn)
    cur = conn.execute(
        "INSERT INTO drift_runs (created_at, reference_model, reference_period, target_model,"
        " target_period, tier, new_topics, vanished_topics, emerging_terms,"
        " mean_best_similarity, false_alarm_rate, dedup_key, report_path, report_json)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            report.created_at.isoformat(),
            report.reference.model_id,
            report.reference.period,
            report.target.model_id,
            report.target.period,
            report.tier.value,
            len(report.new_topics),
            len(report.vanished_topics),
            len(report.emerging_terms),
            report.mean_best_similarity,
            report.calibration.false_alarm_rate if report.calibration else None,
            report.dedup_key,
            report_path,
            report.model_dump_json(),
        ),
    )
    return int(cur.lastrowid or 0)


def drift_history(conn: sqlite3.Connection, *, limit: int = 50) -> list[DriftHistoryRow]:
    """The latest ``limit`` drift results, oldest first."""
    ensure_schema(conn)
    rows = conn.execute(
        "SELECT * FROM (SELECT * FROM drift_runs ORDER BY id DESC LIMIT ?) ORDER BY id", (limit,)
    ).fetchall()
    return [
        DriftHistoryRow(
            id=r["id"],
            created_at=r["created_at"],
            reference_period=r["reference_period"],
            target_period=r["target_period"],
            reference_model=r["reference_model"],
            target_model=r["target_model"],
            tier=DriftTier(r["tier"]),
            new_topics=r["new_topics"],
            vanished_topics=r["vanished_topics"],
            emerging_terms=r["emerging_terms"],
            mean_best_similarity=r["mean_best_similarity"],
            false_alarm_rate=r["false_alarm_rate"],
            report_path=r["report_path"],
        )
        for r in rows
    ]


def load_report(conn: sqlite3.Connection, row_id: int) -> DriftReport | None:
    ensure_schema(conn)
    row = conn.execute("SELECT report_json FROM drift_runs WHERE id = ?", (row_id,)).fetchone()
    return None if row is None else DriftReport.model_validate_json(row["report_json"])


__all__ = [
    "MIGRATIONS",
    "NAMESPACE",
    "DriftHistoryRow",
    "drift_history",
    "ensure_schema",
    "load_report",
    "record_drift",
]
