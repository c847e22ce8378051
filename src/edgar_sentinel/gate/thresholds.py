"""The threshold registry: YAML files of targets per check, strictly validated.

Defaults ship as ``edgar_sentinel/data/thresholds.yaml``. A user file has the same
shape and may set any subset of fields of any check; it is merged over the defaults
by check name. Every mistake (unknown key, wrong type, unknown or misplaced check)
is reported as ``file:line: key.path: problem`` with the closest valid name, and a
file that cannot be read or parsed raises ``ConfigError`` (exit 2): it never passes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from edgar_sentinel.errors import ConfigError
from edgar_sentinel.gate.registry import all_checks
from edgar_sentinel.gate.result import Category, CheckStatus, MetricType, Operator
from edgar_sentinel.gate.threshold_file import (
    THRESHOLDS_SCHEMA_VERSION,
    Problems,
    parse_thresholds,
)

BUILTIN = "builtin"
_EPS = 1e-12
_REQUIRED = ("display_name", "metric_type", "target", "operator", "blocking", "description")


class ThresholdSpec(BaseModel):
    """The effective threshold of one check."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    category: Category
    display_name: str
    metric_type: MetricType
    operator: Operator
    target: float
    target_upper: float | None = None
    warn_threshold: float | None = None
    blocking: bool
    description: str
    tags: tuple[str, ...] = ()
    params: dict[str, float] = {}
    enabled: bool = True

    def evaluate(self, actual: float) -> CheckStatus:
        """PASS when ``actual`` meets the target, WARN within ``warn_threshold``, else FAIL."""
        if _meets(self.operator, actual, self.target, self.target_upper):
            return CheckStatus.PASS
        if self.warn_threshold is not None and _within_warn(self, actual):
            return CheckStatus.WARN
        return CheckStatus.FAIL


def _meets(op: Operator, actual: float, target: float, upper: float | None) -> bool:
    match op:
        case Operator.GE:
            return actual >= target - _EPS
        case Operator.GT:
            return actual > target
        case Operator.LE:
            return actual <= target + _EPS
        case Operator.LT:
            return actual < target
        case Operator.EQ:
            return abs(actual - target) <= _EPS
        case Operator.BETWEEN:
            hi = target if upper is None else upper
            return target - _EPS <= actual <= hi + _EPS


def _within_warn(spec: ThresholdSpec, actual: float) -> bool:
    warn = spec.warn_threshold
    if warn is None:
        return False
    match spec.operator:
        case Operator.GE | Operator.GT:
            return actual >= warn - _EPS
        case Operator.LE | Operator.LT:
            return actual <= warn + _EPS
        case Operator.EQ:
            return abs(actual - spec.target) <= abs(warn - spec.target) + _EPS
        case Operator.BETWEEN:
            hi = spec.target if spec.target_upper is None else spec.target_upper
            return spec.target - warn - _EPS <= actual <= hi + warn + _EPS


@dataclass(frozen=True)
class ThresholdSet:
    """Every enabled and disabled check's effective threshold, in registry order."""

    specs: Mapping[str, ThresholdSpec]
    sources: tuple[str, ...]

    @cached_property
    def sha256(self) -> str:
        doc = {name: spec.model_dump(mode="json") for name, spec in self.specs.items()}
        data = json.dumps(doc, sort_keys=True, separators=(",", ":")).encode()
        return hashlib.sha256(data).hexdigest()

    def enabled(self) -> list[ThresholdSpec]:
        return [s for s in self.specs.values() if s.enabled]


def _build(name: str, fields: dict[str, Any], line: int, errors: Problems) -> ThresholdSpec | None:
    check = all_checks()[name]
    path = f"categories.{check.category.value}.{name}"
    missing = [f for f in _REQUIRED if f not in fields]
    if missing:
        errors.add(line, path, f"missing {', '.join(missing)}")
        return None
    target = fields["target"]
    upper: float | None = None
    op = Operator(fields["operator"])
    if op is Operator.BETWEEN:
        if not isinstance(target, list):
            errors.add(line, path, "operator 'between' needs target: [low, high]")
            return None
        lo, upper = float(target[0]), float(target[1])
        if lo > upper:
            errors.add(line, path, f"between: low {lo} is above high {upper}")
        target = lo
    elif isinstance(target, list):
        errors.add(line, path, f"a [low, high] target needs operator 'between', not '{op.value}'")
        return None
    warn = fields.get("warn_threshold")
    if warn is not None and op in (Operator.GE, Operator.GT) and warn > target:
        errors.add(line, path, f"warn_threshold {warn} must not exceed target {target} for '{op}'")
    if warn is not None and op in (Operator.LE, Operator.LT) and warn < target:
        errors.add(
            line, path, f"warn_threshold {warn} must not be below target {target} for '{op}'"
        )
    params = {**check.params, **{k: float(v) for k, v in (fields.get("params") or {}).items()}}
    return ThresholdSpec(
        name=name,
        category=check.category,
        display_name=fields["display_name"],
        metric_type=MetricType(fields["metric_type"]),
        operator=op,
        target=float(target),
        target_upper=upper,
        warn_threshold=None if warn is None else float(warn),
        blocking=fields["blocking"],
        description=" ".join(str(fields["description"]).split()),
        tags=tuple(fields.get("tags") or ()),
        params=params,
        enabled=fields.get("enabled", True),
    )


def builtin_text() -> str:
    return resources.files("edgar_sentinel").joinpath("data", "thresholds.yaml").read_text("utf-8")


def load_thresholds(path: Path | None = None) -> ThresholdSet:
    """The built-in thresholds, with ``path`` (a user YAML file) merged over them."""
    layers: list[tuple[str, dict[str, tuple[int, dict[str, Any]]]]] = [
        (BUILTIN, parse_thresholds(builtin_text(), source=BUILTIN))
    ]
    if path is not None:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(
                f"cannot read thresholds file {path}: {exc}",
                hint="check the path given with --thresholds",
            ) from exc
        layers.append((str(path), parse_thresholds(text, source=str(path))))
    merged: dict[str, tuple[str, int, dict[str, Any]]] = {}
    for source, parsed in layers:
        for name, (line, fields) in parsed.items():
            _, _, base = merged.get(name, (source, line, {}))
            merged[name] = (source, line, {**base, **fields})
    specs: dict[str, ThresholdSpec] = {}
    errors = Problems("thresholds")
    for name in all_checks():
        if name not in merged:
            errors.add(0, name, "no threshold defined (the built-in file must cover every check)")
            continue
        source, line, fields = merged[name]
        errors.source = source
        spec = _build(name, fields, line, errors)
        if spec is not None:
            specs[name] = spec
    errors.raise_if_any()
    return ThresholdSet(specs=specs, sources=tuple(s for s, _ in layers))


__all__ = [
    "BUILTIN",
    "THRESHOLDS_SCHEMA_VERSION",
    "ThresholdSet",
    "ThresholdSpec",
    "builtin_text",
    "load_thresholds",
    "parse_thresholds",
]
