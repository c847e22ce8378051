"""The public API of the gate package is complete and cheap to import."""

from __future__ import annotations

import subprocess
import sys

import pytest

from edgar_sentinel import gate


@pytest.mark.parametrize("name", gate.__all__)
def test_every_export_resolves(name: str) -> None:
    assert getattr(gate, name) is not None


def test_reading_settings_does_not_load_the_engine() -> None:
    code = (
        "import sys, edgar_sentinel.settings, edgar_sentinel.gate.result;"
        "print('edgar_sentinel.gate.engine' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
