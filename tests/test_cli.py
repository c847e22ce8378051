"""The command line as a user meets it: entry points, exit codes, one-line errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from edgar_sentinel import __version__
from edgar_sentinel.cli import main
from edgar_sentinel.exit_codes import ExitCode


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "edgar_sentinel", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        check=False,
    )


def test_module_entry_point_prints_the_version() -> None:
    result = run_cli("--version")
    assert result.returncode == ExitCode.OK
    assert result.stdout.strip() == f"edgar-sentinel {__version__}"


def test_unknown_command_is_a_usage_error() -> None:
    result = run_cli("no-such-command")
    assert result.returncode == ExitCode.USAGE
    assert "Traceback" not in result.stderr


def test_a_user_mistake_is_one_line_with_a_hint_and_no_traceback(tmp_path: Path) -> None:
    result = run_cli("validate", str(tmp_path / "missing-run"))
    assert result.returncode == ExitCode.USAGE
    assert "Traceback" not in result.stderr
    assert "error:" in result.stderr
    assert "missing-run" in result.stderr


def test_debug_shows_the_traceback_of_a_user_mistake(tmp_path: Path) -> None:
    result = run_cli("--debug", "validate", str(tmp_path / "missing-run"))
    assert result.returncode != ExitCode.OK
    assert "Traceback" in result.stderr


def test_a_bug_exits_with_the_internal_code_not_the_no_go_code(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken() -> None:
        raise RuntimeError("unexpected state")

    monkeypatch.setattr(main, "_register_commands", lambda: None)
    monkeypatch.setattr(main, "app", broken)
    monkeypatch.setitem(main._state, "debug", False)
    with pytest.raises(SystemExit) as exit_info:
        main.run()

    assert exit_info.value.code == ExitCode.INTERNAL
    err = capsys.readouterr().err
    assert "internal error: RuntimeError: unexpected state" in err
    assert "Traceback" not in err


def test_preprocess_without_matching_inputs_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli("preprocess", str(tmp_path / "nothing-*.htm"), "--out", str(tmp_path / "runs"))
    assert result.returncode == ExitCode.USAGE
    assert "Traceback" not in result.stderr


def test_error_messages_print_paths_literally(tmp_path: Path) -> None:
    # Square brackets are rich markup: a path holding them must still appear as written.
    result = run_cli("validate", str(tmp_path / "[draft]" / "run"))
    assert result.returncode == ExitCode.USAGE
    assert "[draft]" in result.stderr.replace("\n", "")
