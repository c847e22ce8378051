"""Running the real CLI in-process, as the user's shell would, for the command tests."""

from __future__ import annotations

from collections.abc import Mapping

from typer.testing import CliRunner

from edgar_sentinel.cli.main import _register_commands, app
from edgar_sentinel.errors import EdgarSentinelError

_register_commands()
_runner = CliRunner()


def invoke(*args: str, env: Mapping[str, str] | None = None) -> tuple[int, str]:
    """(exit code, stdout) of ``edgar-sentinel ARGS``; for a user mistake, (its exit code,
    its message), as ``cli.main.run`` would print it."""
    result = _runner.invoke(app, list(args), env=env)
    if isinstance(result.exception, EdgarSentinelError):
        return int(result.exception.exit_code), result.exception.message
    return result.exit_code, result.stdout
