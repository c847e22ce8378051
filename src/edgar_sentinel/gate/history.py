"""Gate history in the shared store: every validation, its metrics and its decision.

The baseline of a report is the most recent **GO** run of the same dataset key: a
NO-GO run is recorded but never becomes the baseline.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

from edgar_sentinel.gate.result import Baseline, Decision, GateReport
from edgar_sentinel.store import migrate, write_transaction

NAMESPACE = "gate"
MIGRATIONS = (
    "CREATE TABLE gate_run ("
    " id INTEGER PRIMARY KEY AUTOINCREMENT,"
    " timestamp TEXT NOT NULL, run_directory TEXT NOT NULL,"
    " dataset_key TEXT NOT NULL, dataset_id TEXT NOT NULL,"
    " status TEXT NOT NULL, decision TEXT NOT NULL,"
    " thresholds_sha256 TEXT NOT NULL, tool_version TEXT NOT NULL,"
    " files_checked INTEGER NOT NULL, segments_checked INTEGER NOT NULL)",
    "CREATE INDEX gate_run_dataset ON gate_run(dataset_key, decision, id)",
    "CREATE TABLE gate_metric ("
    " run_id INTEGER NOT NULL REFERENCES gate_run(id) ON DELETE CASCADE,"
    " metric TEXT NOT NULL, actual REAL, status TEXT NOT NULL, blocking INTEGER NOT NULL,"
    " PRIMARY KEY (run_id, metric))",
)


def ensure_schema(conn: sqlite3.Connection) -> None:
    migrate(conn, namespace=NAMESPACE, statements=MIGRATIONS)


def dataset_key(report_dataset_id: str, name: str | None) -> str:
    return name or report_dataset_id


@dataclass(frozen=True)
class GoRun:
    baseline: Baseline
    metrics: dict[str, float | None]


def last_go_run(conn: sqlite3.Connection, key: str) -> GoRun | None:
    row = conn.execute(
        "SELECT id, timestamp, run_directory FROM gate_run"
        " WHERE dataset_key = ? AND decision = ? ORDER BY id DESC LIMIT 1",
        (key, Decision.GO.value),
    ).fetchone()
    if row is None:
        return None
    metrics = {
        r["metric"]: r["actual"]
        for r in conn.execute("SELECT metric, actual FROM gate_metric WHERE run_id = ?", (row[0],))
    }
    baseline = Baseline(
        run_id=int(row[0]),
        timestamp=datetime.fromisoformat(row[1]),
        run_directory=row[2],
    )
    return GoRun(baseline=baseline, metrics=metrics)


def record_run(conn: sqlite3.Connection, report: GateReport) -> int:
    """Store ``report``'s decision and metrics; return the new run id."""
    with write_transaction(conn):
        cur = conn.execute(
            "INSERT INTO gate_run (timestamp, run_directory, dataset_key, dataset_id, status,"
            " decision, thresholds_sha256, tool_version, files_checked, segments_checked)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                report.timestamp.isoformat(),
                report.run_directory,
                dataset_key(report.dataset.id, report.dataset.name),
                report.dataset.id,
                report.status.value,
                report.go_no_go.value,
                report.thresholds_sha256,
                report.tool_version,
                report.files_checked,
                report.segments_checked,
            ),
        )
        run_id = int(cur.lastrowid or 0)
        conn.executemany(
            "INSERT INTO gate_metric (run_id, metric, actual, status, blocking)"
            " VALUES (?, ?, ?, ?, ?)",
            [
                (run_id, row.metric, row.actual, row.status.value, int(row.blocking))
                for row in report.validation_table
            ],
        )
    return run_id


@dataclass(frozen=True)
class RunSummary:
    run_id: int
    timestamp: str
    run_directory: str
    dataset_key: str
    status: str
    decision: str
    files_checked: int
    metrics: dict[str, float | None]


_LATEST_RUNS = "SELECT * FROM gate_run WHERE ? IS NULL OR dataset_key = ? ORDER BY id DESC LIMIT ?"
_LATEST_RUNS_METRICS = (
    "SELECT run_id, metric, actual FROM gate_metric WHERE run_id IN"
    " (SELECT id FROM gate_run WHERE ? IS NULL OR dataset_key = ? ORDER BY id DESC LIMIT ?)"
    " ORDER BY rowid"
)
"""The metrics of the same runs as ``_LATEST_RUNS``, in one query (same parameters)."""


def list_runs(
    conn: sqlite3.Connection, *, dataset: str | None = None, limit: int = 20
) -> list[RunSummary]:
    """The most recent runs first, each with its metrics (the trend of every check)."""
    ensure_schema(conn)
    params = (dataset, dataset, limit)
    rows = conn.execute(_LATEST_RUNS, params).fetchall()
    metrics: dict[int, dict[str, float | None]] = {r["id"]: {} for r in rows}
    for m in conn.execute(_LATEST_RUNS_METRICS, params):
        metrics[m["run_id"]][m["metric"]] = m["actual"]
    out = []
    for r in rows:
        out.append(
            RunSummary(
                run_id=r["id"],
                timestamp=r["timestamp"],
                run_directory=r["run_directory"],
                dataset_key=r["dataset_key"],
                status=r["status"],
                decision=r["decision"],
                files_checked=r["files_checked"],
                metrics=metrics[r["id"]],
            )
        )
    return out


__all__ = [
    "MIGRATIONS",
    "NAMESPACE",
    "GoRun",
    "RunSummary",
    "dataset_key",
    "ensure_schema",
    "last_go_run",
    "list_runs",
    "record_run",
]
