"""Load a report document (JSON, the source of truth) and tell its kind."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from edgar_sentinel.drift.result import DriftReport
from edgar_sentinel.errors import UsageError
from edgar_sentinel.gate.result import GateReport

ReportDocument = GateReport | DriftReport
KINDS: dict[str, type[GateReport] | type[DriftReport]] = {
    "gate": GateReport,
    "drift": DriftReport,
}


def parse_report(data: Any, *, source: str = "report") -> ReportDocument:
    """Validate decoded JSON against the model its ``kind`` names."""
    if not isinstance(data, dict):
        raise UsageError(f"{source}: a report is a JSON object, not {type(data).__name__}")
    kind = data.get("kind")
    model = KINDS.get(kind) if isinstance(kind, str) else None
    if model is None:
        raise UsageError(
            f"{source}: unknown report kind {kind!r}",
            hint=f'expected a JSON report with "kind" one of {", ".join(sorted(KINDS))}',
        )
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "(top level)"
        raise UsageError(
            f"{source}: not a valid {kind} report: {where}: {first['msg']} "
            f"({exc.error_count()} problem(s))",
            hint="render a report written by this edgar-sentinel version "
            f"(schema_version {model.model_fields['schema_version'].default})",
        ) from None


def load_report(path: Path) -> ReportDocument:
    """Read ``path`` (a gate or drift report JSON) into its model."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(
            f"cannot read report {path}: {exc.strerror}",
            hint="pass the JSON report that `validate` or `drift` wrote",
        ) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UsageError(f"{path}: not JSON (line {exc.lineno}, column {exc.colno})") from None
    return parse_report(data, source=str(path))


__all__ = ["KINDS", "ReportDocument", "load_report", "parse_report"]
