"""``edgar-sentinel preprocess`` as a user runs it: exit codes, stdout, stderr, options."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from edgar_sentinel.exit_codes import ExitCode
from edgar_sentinel.runs import FILINGS_DIR, MANIFEST_FILE

FILING = "CIK1025315_10-KSB_2007.txt"


def preprocess(
    *args: str | Path, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "edgar_sentinel", "preprocess", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def test_all_processed_exits_0_and_json_names_the_run_dir(
    filings_dir: Path, tmp_path: Path
) -> None:
    result = preprocess(filings_dir / FILING, "--out", tmp_path / "runs", "--json", cwd=tmp_path)

    assert result.returncode == ExitCode.OK, result.stderr
    summary = json.loads(result.stdout)  # stdout holds the JSON document and nothing else
    run_dir = Path(summary["run_dir"])
    assert run_dir.parent == tmp_path / "runs"
    assert (run_dir / MANIFEST_FILE).is_file()
    assert summary["processed"] == 1 and summary["dead_letters"] == []
    assert "processed" in result.stderr  # progress went to stderr


def test_dead_letters_exit_3_and_are_listed(
    filings_dir: Path, bad_inputs_dir: Path, tmp_path: Path
) -> None:
    result = preprocess(
        filings_dir / FILING, bad_inputs_dir / "empty.htm", "--out", tmp_path, cwd=tmp_path
    )

    assert result.returncode == ExitCode.PARTIAL
    assert "2 inputs: 1 processed, 1 dead-lettered" in result.stdout
    assert "empty.htm: empty_file" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.htm"], "input not found: missing.htm"),
        (["*.nothing.htm"], "no filing matches the pattern"),
        ([], "no input given"),
        (["x.htm", "--resume", "."], "do not pass INPUT"),
        (["--resume", "."], "cannot be resumed"),
    ],
)
def test_usage_errors_exit_2_with_one_line_and_no_traceback(
    tmp_path: Path, args: list[str], message: str
) -> None:
    (tmp_path / "x.htm").write_text("<html></html>", encoding="utf-8")

    result = preprocess(*args, "--out", tmp_path / "runs", cwd=tmp_path)

    assert result.returncode == ExitCode.USAGE
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "runs").exists()  # nothing was processed


def test_unwritable_output_folder_exits_2(filings_dir: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("", encoding="utf-8")

    result = preprocess(filings_dir / FILING, "--out", blocker / "runs", cwd=tmp_path)

    assert result.returncode == ExitCode.USAGE
    assert "cannot create a run directory" in result.stderr and "Traceback" not in result.stderr


def test_invalid_config_exits_2(filings_dir: Path, tmp_path: Path) -> None:
    config = tmp_path / "config.yml"
    config.write_text("preprocess:\n  timeout_seconds: -1\n", encoding="utf-8")

    result = preprocess(filings_dir / FILING, "--config", config, cwd=tmp_path)

    assert result.returncode == ExitCode.USAGE
    assert "timeout_seconds" in result.stderr and "Traceback" not in result.stderr


def test_default_out_dir_and_timeout_come_from_configuration(
    filings_dir: Path, tmp_path: Path
) -> None:
    config = tmp_path / "config.yml"
    config.write_text("preprocess:\n  timeout_seconds: 45\n", encoding="utf-8")

    result = preprocess(
        filings_dir / FILING,
        "--config",
        config,
        "--workers",
        "1",
        "--json",
        cwd=tmp_path,
        env={"EDGAR_SENTINEL_PREPROCESS__OUT_DIR": "elsewhere"},
    )

    assert result.returncode == ExitCode.OK, result.stderr
    run_dir = Path(json.loads(result.stdout)["run_dir"])
    assert run_dir.parent == Path("elsewhere")
    manifest = json.loads((tmp_path / run_dir / MANIFEST_FILE).read_bytes())
    assert manifest["config"]["preprocess"]["timeout_seconds"] == 45
    assert len(list((tmp_path / run_dir / FILINGS_DIR).iterdir())) == 1
