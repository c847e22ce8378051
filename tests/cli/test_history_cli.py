"""``history`` reads each kind from the store that kind writes to."""

from __future__ import annotations

from pathlib import Path

from edgar_sentinel.cli.drift import drift_store_path
from edgar_sentinel.cli.history import gate_store_path
from edgar_sentinel.drift.nightly import store_path
from edgar_sentinel.settings import load_settings


def test_each_kind_defaults_to_the_store_its_command_writes(tmp_path: Path) -> None:
    settings = load_settings(
        preprocess={"out_dir": str(tmp_path / "runs")},
        risk_analysis={"store_path": str(tmp_path / "drift.db")},
    )
    assert drift_store_path(settings) == store_path(settings, tmp_path / "runs")
    assert drift_store_path(settings) == tmp_path / "drift.db"
    assert gate_store_path(settings) == tmp_path / "runs" / "edgar-sentinel.db"


def test_the_gate_setting_moves_the_gate_history(tmp_path: Path) -> None:
    settings = load_settings(gate={"store_path": str(tmp_path / "gate.db")})
    assert gate_store_path(settings) == tmp_path / "gate.db"
