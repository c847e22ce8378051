"""The pydantic mypy plugin is enabled and working with the pinned mypy/pydantic pair."""

from __future__ import annotations

from pathlib import Path

from mypy import api

from tests.conftest import REPO_ROOT

SAMPLE = """\
from pydantic import BaseModel


class Model(BaseModel):
    untyped = 1
    typed: int


Model(typed="not an int", extra_field=2)
"""


def test_pydantic_plugin_reports_what_only_it_can_see(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(SAMPLE, encoding="utf-8")
    stdout, _, status = api.run(
        [
            "--config-file",
            str(REPO_ROOT / "pyproject.toml"),
            "--no-incremental",
            "--cache-dir",
            str(tmp_path / "cache"),
            str(sample),
        ]
    )
    assert status == 1, stdout
    # `[pydantic-field]` is emitted by pydantic.mypy alone: proof the plugin is loaded.
    assert "Untyped fields disallowed  [pydantic-field]" in stdout
    # init_typed and init_forbid_extra from [tool.pydantic-mypy] are in force.
    assert 'Argument "typed" to "Model" has incompatible type "str"' in stdout
    assert 'Unexpected keyword argument "extra_field"' in stdout
