"""The nightly job end to end: discover, compare, render, record, alert once."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import jsonschema
import pytest

from edgar_sentinel import schemas
from edgar_sentinel.alerts.config import AlertsSettings
from edgar_sentinel.drift.history import drift_history
from edgar_sentinel.drift.model_store import StoredModel
from edgar_sentinel.drift.nightly import run_nightly
from edgar_sentinel.drift.result import DriftTier
from edgar_sentinel.exit_codes import ExitCode
from edgar_sentinel.settings import Settings
from edgar_sentinel.store import open_store
from tests.drift.drift_fixtures import FAST, planted_models
from tests.fakes.github_api import FakeGitHub, running_fake
from tests.fakes.slack_webhook import FakeSlack, running_slack

__all__ = ["planted_models"]  # pytest fixture used below
TOKEN = "ghs_NightlySecret0Token"
SETTINGS = Settings(risk_analysis=FAST)


@pytest.fixture
def services(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[FakeSlack, FakeGitHub]]:
    with running_slack() as slack, running_fake(token=TOKEN) as github:
        monkeypatch.setenv("SLACK_WEBHOOK", slack.url)
        monkeypatch.setenv("GITHUB_TOKEN", TOKEN)
        monkeypatch.setenv("GITHUB_REPOSITORY", github.repository)
        monkeypatch.setenv("GITHUB_API_URL", github.url)
        monkeypatch.delenv("DRIFT_THRESHOLD", raising=False)
        yield slack, github


@pytest.fixture
def http() -> Iterator[httpx.Client]:
    with httpx.Client() as client:
        yield client


def test_nightly_writes_the_report_records_history_and_alerts_once(
    planted_models: tuple[StoredModel, StoredModel],
    services: tuple[FakeSlack, FakeGitHub],
    http: httpx.Client,
    tmp_path: Path,
) -> None:
    slack, github = services
    models_dir = planted_models[0].path.parent

    first = run_nightly(models_dir=models_dir, out_dir=tmp_path, settings=SETTINGS, http=http)
    second = run_nightly(models_dir=models_dir, out_dir=tmp_path, settings=SETTINGS, http=http)

    assert first.report.tier is DriftTier.CRITICAL
    assert (first.report.reference.period, first.report.target.period) == ("2023", "2024")
    data = json.loads(first.report_path.read_text("utf-8"))
    jsonschema.validate(data, schemas.load("drift_report.schema.json"))
    assert (first.run_dir / "drift_heatmap.png").read_bytes()[:4] == b"\x89PNG"
    assert "critical" in first.markdown_path.read_text("utf-8").lower()
    assert len(slack.messages) == 1
    assert len(github.open_issues()) == 1
    assert second.alerts.deliveries == [] and len(second.alerts.duplicates) == 3
    assert first.exit_code() is ExitCode.OK
    assert first.exit_code(fail_on=DriftTier.CRITICAL) is ExitCode.NO_GO
    conn = open_store(tmp_path / "edgar-sentinel.db")
    try:
        assert [r.tier for r in drift_history(conn)] == [DriftTier.CRITICAL] * 2
    finally:
        conn.close()
    written = "".join(
        p.read_text("utf-8", errors="replace") for p in tmp_path.rglob("*") if p.is_file()
    )
    assert TOKEN not in written and slack.url not in written and "/services/" not in written


def test_slack_down_exits_4_and_the_alert_goes_out_on_the_next_run(
    planted_models: tuple[StoredModel, StoredModel],
    services: tuple[FakeSlack, FakeGitHub],
    http: httpx.Client,
    tmp_path: Path,
) -> None:
    slack, _github = services
    settings = Settings(
        risk_analysis=FAST, alerts=AlertsSettings(max_attempts=1, backoff_seconds=0)
    )
    slack.fail_next(503)
    models_dir = planted_models[0].path.parent

    down = run_nightly(models_dir=models_dir, out_dir=tmp_path, settings=settings, http=http)
    up = run_nightly(models_dir=models_dir, out_dir=tmp_path, settings=settings, http=http)

    assert down.exit_code() is ExitCode.DELIVERY_FAILED
    assert [d.sink for d in down.alerts.failed] == ["slack"]
    assert up.exit_code() is ExitCode.OK
    assert len(slack.messages) == 1
