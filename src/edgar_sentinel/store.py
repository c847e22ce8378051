"""The embedded SQLite store shared by every stage that keeps history (gate, drift, ...).

``open_store`` opens (and creates) the database with write-ahead logging, foreign keys
and a busy timeout. Each module owns a *namespace* of tables and brings its own
migrations: ``migrate(conn, namespace="gate", statements=[...])`` applies, in one
transaction each, the statements not applied yet, and records them in
``schema_migrations``. Statements are append-only: never edit or reorder applied ones.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from edgar_sentinel.errors import ConfigError

STORE_FILE = "edgar-sentinel.db"
BUSY_TIMEOUT_MS = 10_000


def default_store_path(output_root: Path) -> Path:
    """``{output_root}/edgar-sentinel.db``: one store per output folder of runs."""
    return output_root / STORE_FILE


def open_store(path: Path) -> sqlite3.Connection:
    """Open the store at ``path``, creating it and its folder when needed."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    except (OSError, sqlite3.Error) as exc:
        raise ConfigError(
            f"cannot open the history store {path}: {exc}",
            hint="pass a writable path with --store or EDGAR_SENTINEL_GATE__STORE_PATH",
        ) from exc
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " namespace TEXT NOT NULL, version INTEGER NOT NULL,"
        " applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),"
        " PRIMARY KEY (namespace, version))"
    )
    return conn


def schema_version(conn: sqlite3.Connection, namespace: str) -> int:
    row = conn.execute(
        "SELECT MAX(version) FROM schema_migrations WHERE namespace = ?", (namespace,)
    ).fetchone()
    return int(row[0] or 0)


@contextmanager
def write_transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """An immediate transaction: concurrent writers wait from its start (not at their
    first write), and any error inside rolls everything back."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def migrate(conn: sqlite3.Connection, *, namespace: str, statements: Sequence[str]) -> int:
    """Apply ``statements[v:]`` where ``v`` is the namespace's version; return the new version.

    Statement ``i`` (0-based) is version ``i + 1``. Concurrent callers are serialised by
    an immediate transaction, so each statement runs exactly once.
    """
    with write_transaction(conn):
        current = schema_version(conn, namespace)
        if current > len(statements):
            raise ConfigError(
                f"the history store has {namespace} schema version {current}, newer than "
                f"this edgar-sentinel knows ({len(statements)})",
                hint="upgrade edgar-sentinel or use another --store path",
            )
        for version, statement in enumerate(statements[current:], start=current + 1):
            conn.execute(statement)
            conn.execute(
                "INSERT INTO schema_migrations (namespace, version) VALUES (?, ?)",
                (namespace, version),
            )
    return len(statements)


__all__ = [
    "BUSY_TIMEOUT_MS",
    "STORE_FILE",
    "default_store_path",
    "migrate",
    "open_store",
    "schema_version",
    "write_transaction",
]
