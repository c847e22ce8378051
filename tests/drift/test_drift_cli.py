"""The topics and drift commands: exit codes, JSON output, history listing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from edgar_sentinel.exit_codes import ExitCode
from tests.cli_helpers import invoke as run_cli
from tests.drift.synthetic import make_corpus

FAST_ENV = {
    "EDGAR_SENTINEL_RISK_ANALYSIS__ITERATIONS": "100",
    "EDGAR_SENTINEL_RISK_ANALYSIS__MIN_DF": "2",
    "EDGAR_SENTINEL_RISK_ANALYSIS__CALIBRATION_REFITS": "2",
    "SLACK_WEBHOOK": "",
    "GITHUB_TOKEN": "",
    "DRIFT_THRESHOLD": "",
}


def invoke(*args: str) -> tuple[int, str]:
    return run_cli(*args, env=FAST_ENV)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("cli")
    run = make_corpus(root / "run", planted={2024: ["genai", "quantum", "space"]})
    code, output = invoke("topics", "train", str(run), "-k", "9", "--models", str(root / "m"))
    assert code == ExitCode.OK, output
    return root


def test_train_prints_one_model_per_period(store: Path) -> None:
    code, output = invoke("topics", "list", "--models", str(store / "m"), "--json")

    assert code == ExitCode.OK
    assert [m["period"] for m in json.loads(output)] == ["2023", "2024"]


def test_drift_runs_whatever_the_tier_unless_fail_on(store: Path) -> None:
    out = str(store / "out")
    code, output = invoke("drift", "--models", str(store / "m"), "--output", out, "--json")
    assert code == ExitCode.OK
    assert json.loads(output)["tier"] == "critical"

    code, _ = invoke("drift", "--models", str(store / "m"), "--output", out, "--fail-on", "warn")
    assert code == ExitCode.NO_GO

    code, output = invoke(
        "history", "--kind", "drift", "--store", f"{out}/edgar-sentinel.db", "--json"
    )
    assert code == ExitCode.OK
    assert [row["tier"] for row in json.loads(output)] == ["critical", "critical"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["drift", "--fail-on", "sometimes"], "not a tier"),
        (["drift", "--ref", "x"], "give both --ref and --target"),
        (["topics", "train", "nowhere"], "run directory not found"),
        (["topics", "train", "nowhere", "--group", "early"], "invalid period group"),
    ],
)
def test_usage_errors_exit_2(store: Path, args: list[str], message: str) -> None:
    code, output = invoke(*args, "--models", str(store / "m"))

    assert code == ExitCode.USAGE
    assert message in output


def test_an_empty_store_is_a_usage_error(tmp_path: Path) -> None:
    code, output = invoke("drift", "--models", str(tmp_path), "--output", str(tmp_path))

    assert code == ExitCode.USAGE
    assert "drift needs two" in output
