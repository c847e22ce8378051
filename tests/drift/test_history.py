"""Drift results round-trip through the SQLite store and list oldest first."""

from __future__ import annotations

from pathlib import Path

from edgar_sentinel.drift.detect import detect_drift, resolve_thresholds
from edgar_sentinel.drift.history import drift_history, load_report, record_drift
from edgar_sentinel.drift.model_store import StoredModel
from edgar_sentinel.drift.result import DriftTier
from edgar_sentinel.store import open_store, schema_version
from tests.drift.drift_fixtures import FAST, planted_models

__all__ = ["planted_models"]  # pytest fixture used below


def test_a_recorded_report_comes_back_identical(
    planted_models: tuple[StoredModel, StoredModel], tmp_path: Path
) -> None:
    ref, target = planted_models
    report = detect_drift(
        reference=ref,
        target=target,
        settings=FAST,
        thresholds=resolve_thresholds(FAST, environ={}),
    )
    conn = open_store(tmp_path / "store.db")
    try:
        first = record_drift(conn, report, report_path="a/drift_report.json")
        calm = report.model_copy(update={"tier": DriftTier.NONE, "new_topics": []})
        record_drift(conn, calm)

        assert load_report(conn, first) == report
        rows = drift_history(conn)
        assert [(r.tier, r.new_topics) for r in rows] == [
            (DriftTier.CRITICAL, len(report.new_topics)),
            (DriftTier.NONE, 0),
        ]
        assert rows[0].report_path == "a/drift_report.json"
        assert schema_version(conn, "drift") == 2
    finally:
        conn.close()
