"""The data-quality gate: thresholds, checks, Go/No-Go report and history.

Entry point: ``validate_run(run_dir, ...) -> GateReport`` (see ``docs/gate.md``).
"""

from edgar_sentinel.gate.engine import validate_run
from edgar_sentinel.gate.result import CheckStatus, Decision, GateReport, GateStatus
from edgar_sentinel.gate.thresholds import ThresholdSet, ThresholdSpec, load_thresholds

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
