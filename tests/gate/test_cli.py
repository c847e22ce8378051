"""The real CLI: exit codes 0 GO, 1 NO-GO, 2 could not validate; history listing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from edgar_sentinel.exit_codes import ExitCode
from tests.cli_helpers import invoke
from tests.gate.helpers import make_record, write_run


@pytest.fixture
def good_run(tmp_path: Path) -> Path:
    return write_run(tmp_path, [make_record(i) for i in range(20)], name="good")


@pytest.fixture
def bad_run(tmp_path: Path) -> Path:
    records = [make_record(i) for i in range(20)]
    return write_run(tmp_path, [*records, records[0]], name="bad")


def test_an_unwritable_report_path_is_a_usage_error(good_run: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    code, message = invoke("validate", str(good_run), "--output", str(blocker / "r.json"))
    assert code == ExitCode.USAGE
    assert message.startswith(f"cannot write {blocker / 'r.json'}")


def test_go_exits_0_and_writes_reports(good_run: Path, tmp_path: Path) -> None:
    out, md = tmp_path / "r.json", tmp_path / "r.md"
    code, _ = invoke("validate", str(good_run), "--output", str(out), "--markdown", str(md))
    assert code == ExitCode.OK
    assert json.loads(out.read_text(encoding="utf-8"))["go_no_go"] == "GO"
    assert md.read_text(encoding="utf-8").startswith("### ✅ edgar-sentinel gate passed: PASS · GO")


def test_no_go_exits_1(bad_run: Path) -> None:
    code, output = invoke("validate", str(bad_run), "--json")
    assert code == ExitCode.NO_GO
    assert json.loads(output)["findings"][0]["metric"] == "duplicate_rate"


def test_missing_directory_exits_2(tmp_path: Path) -> None:
    code, message = invoke("validate", str(tmp_path / "nope"))
    assert (code, "not found" in message) == (ExitCode.USAGE, True)


def test_empty_run_exits_2(tmp_path: Path) -> None:
    code, _ = invoke("validate", str(write_run(tmp_path, [], name="empty")), "--no-history")
    assert code == ExitCode.USAGE


def test_bad_thresholds_exit_2_with_line_and_suggestion(good_run: Path, tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text("categories:\n  substance:\n    short_segmnt_rate: {}\n", encoding="utf-8")
    code, message = invoke("validate", str(good_run), "--thresholds", str(path))
    assert code == ExitCode.USAGE
    assert f"{path}:3:" in message and "did you mean 'short_segment_rate'" in message


def test_fail_on_warn_exits_1(tmp_path: Path) -> None:
    records = [make_record(i) for i in range(20)]
    records = [r.model_copy(update={"sic_code": None}) for r in records[:2]] + records[2:]
    run = write_run(tmp_path, records)
    assert invoke("validate", str(run), "--no-history")[0] == ExitCode.OK
    assert invoke("validate", str(run), "--no-history", "--fail-on-warn")[0] == ExitCode.NO_GO


def test_history_lists_recorded_runs(good_run: Path, bad_run: Path, tmp_path: Path) -> None:
    store = tmp_path / "h.db"
    invoke("validate", str(good_run), "--store", str(store))
    invoke("validate", str(bad_run), "--store", str(store))
    code, output = invoke("history", "--store", str(store), "--json")
    assert code == ExitCode.OK
    runs = json.loads(output)
    assert [r["decision"] for r in runs] == ["NO-GO", "GO"]
    assert "duplicate_rate" in runs[0]["metrics"]
    assert invoke("history", "--store", str(store), "--kind", "nope")[0] == ExitCode.USAGE


def _console(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # the installed entry point, as CI calls it
        [sys.executable, "-m", "edgar_sentinel", *args],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "COLUMNS": "400", **(env or {})},  # no wrapping of long paths
    )


def test_console_exit_codes_and_one_line_errors(bad_run: Path, tmp_path: Path) -> None:
    assert _console("validate", str(bad_run), "--no-history").returncode == ExitCode.NO_GO
    path = tmp_path / "t.yaml"
    path.write_text("categories:\n  completeness:\n    cik_present_rate:\n      targt: 1\n")
    done = _console("validate", str(bad_run), "--thresholds", str(path))
    assert done.returncode == ExitCode.USAGE
    assert f"{path}:4:" in done.stderr and "did you mean 'target'" in done.stderr
    assert "Traceback" not in done.stderr


def test_store_path_comes_from_the_environment(good_run: Path, tmp_path: Path) -> None:
    store = tmp_path / "env-store.db"
    done = _console("validate", str(good_run), env={"EDGAR_SENTINEL_GATE__STORE_PATH": str(store)})
    assert done.returncode == ExitCode.OK, done.stderr
    assert store.exists()
    assert not (good_run.parent / "edgar-sentinel.db").exists()
