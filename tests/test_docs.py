"""Documentation that cannot go stale: every command, exit code and setting is documented."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
import typer

from edgar_sentinel.cli.reference import app
from edgar_sentinel.exit_codes import ExitCode
from edgar_sentinel.settings import Settings
from tests.conftest import REPO_ROOT

README = (REPO_ROOT / "README.md").read_text(encoding="utf-8")


def _command_paths(typer_app: typer.Typer, prefix: str = "") -> list[str]:
    paths = [
        f"{prefix}{c.name or (c.callback.__name__ if c.callback else '')}"
        for c in typer_app.registered_commands
    ]
    for group in typer_app.registered_groups:
        assert group.typer_instance is not None
        name = group.name or group.typer_instance.info.name or ""
        paths += _command_paths(group.typer_instance, prefix=f"{prefix}{name} ")
    return [p.replace("_", "-") for p in paths]


@pytest.mark.parametrize("command", _command_paths(app))
def test_every_command_is_in_the_readme(command: str) -> None:
    assert f"edgar-sentinel {command}" in README


@pytest.mark.parametrize("code", list(ExitCode), ids=lambda c: c.name)
def test_every_exit_code_is_in_the_readme(code: ExitCode) -> None:
    assert re.search(rf"^\| {code.value} \| `{code.name}` \|", README, re.MULTILINE), code


def test_cli_reference_is_generated_from_the_code() -> None:
    generated = subprocess.run(
        [
            *(sys.executable, "-m", "typer", "edgar_sentinel.cli.reference", "utils", "docs"),
            *("--name", "edgar-sentinel", "--title", "edgar-sentinel command reference"),
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout
    shipped = (REPO_ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert shipped.strip() == generated.strip(), "docs/cli.md is stale: run `make docs`"


def test_configuration_reference_is_generated_from_the_settings() -> None:
    from edgar_sentinel.settings_doc import render

    shipped = (REPO_ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    assert shipped == render(Settings), "docs/configuration.md is stale: run `make docs`"


def _settings_fields() -> list[object]:
    rows: list[object] = []
    for section_name, section in Settings.model_fields.items():
        model = section.annotation
        assert isinstance(model, type)
        for name, field in getattr(model, "model_fields", {}).items():
            rows.append(
                pytest.param(section_name, name, field.description, id=f"{section_name}.{name}")
            )
    return rows


@pytest.mark.parametrize(("section", "name", "description"), _settings_fields())
def test_every_setting_says_what_it_does(section: str, name: str, description: str | None) -> None:
    assert description, f"{section}.{name} has no description"
