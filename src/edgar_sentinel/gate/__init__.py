"""The data-quality gate: thresholds, checks, Go/No-Go report and history.

Entry point: ``validate_run(run_dir, ...) -> GateReport`` (see ``docs/gate.md``).
Names are imported lazily so that reading the settings (``gate.config``) or the report
model stays cheap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from edgar_sentinel.gate.engine import validate_run
    from edgar_sentinel.gate.result import CheckStatus, Decision, GateReport, GateStatus
    from edgar_sentinel.gate.thresholds import ThresholdSet, ThresholdSpec, load_thresholds

_EXPORTS = {
    "validate_run": "edgar_sentinel.gate.engine",
    "CheckStatus": "edgar_sentinel.gate.result",
    "Decision": "edgar_sentinel.gate.result",
    "GateReport": "edgar_sentinel.gate.result",
    "GateStatus": "edgar_sentinel.gate.result",
    "ThresholdSet": "edgar_sentinel.gate.thresholds",
    "ThresholdSpec": "edgar_sentinel.gate.thresholds",
    "load_thresholds": "edgar_sentinel.gate.thresholds",
}


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'edgar_sentinel.gate' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


__all__ = [
    "CheckStatus",
    "Decision",
    "GateReport",
    "GateStatus",
    "ThresholdSet",
    "ThresholdSpec",
    "load_thresholds",
    "validate_run",
]
