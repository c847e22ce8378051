"""The drift and alerts packages export a complete API and stay cheap to import."""

from __future__ import annotations

import subprocess
import sys

import pytest

from edgar_sentinel import alerts, drift


@pytest.mark.parametrize(
    ("package", "name"),
    [(drift, n) for n in drift.__all__] + [(alerts, n) for n in alerts.__all__],
)
def test_every_export_resolves(package: object, name: str) -> None:
    assert getattr(package, name) is not None


def test_cli_start_up_loads_no_heavy_library() -> None:
    code = (
        "import sys; from edgar_sentinel.cli.main import _register_commands;"
        "import edgar_sentinel.drift, edgar_sentinel.alerts; _register_commands();"
        "print(sorted(m for m in ('numpy', 'tomotopy', 'matplotlib', 'httpx', 'scipy')"
        " if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
