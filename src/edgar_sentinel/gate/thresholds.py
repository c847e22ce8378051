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
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict

from edgar_sentinel.errors import ConfigError
from edgar_sentinel.gate.registry import CheckDef, all_checks, suggest
from edgar_sentinel.gate.result import Category, CheckStatus, MetricType, Operator

BUILTIN = "builtin"
THRESHOLDS_SCHEMA_VERSION = "1.0"
_EPS = 1e-12
_FIELDS = (
    "display_name",
    "metric_type",
    "target",
    "operator",
    "warn_threshold",
    "blocking",
    "description",
    "tags",
    "params",
    "enabled",
)
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

    @property
    def sha256(self) -> str:
        doc = {name: spec.model_dump(mode="json") for name, spec in self.specs.items()}
        data = json.dumps(doc, sort_keys=True, separators=(",", ":")).encode()
        return hashlib.sha256(data).hexdigest()

    def enabled(self) -> list[ThresholdSpec]:
        return [s for s in self.specs.values() if s.enabled]


# --------------------------------------------------------------------------- parsing


class _Errors:
    def __init__(self, source: str) -> None:
        self.source = source
        self.lines: list[str] = []

    def add(self, line: int, path: str, problem: str) -> None:
        self.lines.append(f"{self.source}:{line}: {path}: {problem}")

    def raise_if_any(self) -> None:
        if self.lines:
            shown = self.lines[:10]
            more = len(self.lines) - len(shown)
            tail = f"\n  ... and {more} more" if more > 0 else ""
            raise ConfigError(
                "invalid thresholds:\n  " + "\n  ".join(shown) + tail,
                hint="see docs/gate.md for the thresholds file format",
            )


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _compose(text: str, source: str) -> tuple[yaml.SafeLoader, yaml.Node | None]:
    loader = _Loader(text)
    try:
        return loader, loader.get_single_node()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{source}:{mark.line + 1}" if mark is not None else source
        raise ConfigError(
            f"{where}: not valid YAML: {getattr(exc, 'problem', None) or exc}",
            hint="fix the YAML syntax",
        ) from exc


def _mapping(
    node: yaml.Node, path: str, errors: _Errors
) -> list[tuple[str, yaml.Node, yaml.Node]] | None:
    if not isinstance(node, yaml.MappingNode):
        errors.add(_line(node), path or "(top level)", "expected a mapping")
        return None
    out: list[tuple[str, yaml.Node, yaml.Node]] = []
    seen: set[str] = set()
    for key_node, value_node in node.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        if not isinstance(key, str):
            errors.add(_line(key_node), path, "keys must be plain names")
            continue
        if key in seen:
            errors.add(_line(key_node), _join(path, key), "duplicate key")
            continue
        seen.add(key)
        out.append((key, key_node, value_node))
    return out


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _check_field(
    check: CheckDef, *, key: str, value: Any, node: yaml.Node, path: str, errors: _Errors
) -> Any:
    """Validate one field; returns the value to store, or raises nothing and records errors."""
    line = _line(node)
    if key in ("display_name", "description"):
        if not isinstance(value, str) or not value.strip():
            errors.add(line, path, f"expected a non-empty string, got {value!r}")
        return value
    if key in ("blocking", "enabled"):
        if not isinstance(value, bool):
            errors.add(line, path, f"expected true or false, got {value!r}")
        return value
    if key == "metric_type":
        return _enum(MetricType, value, line, path, errors)
    if key == "operator":
        return _enum(Operator, value, line, path, errors)
    if key == "target":
        ok = _is_number(value) or (
            isinstance(value, list) and len(value) == 2 and all(_is_number(v) for v in value)
        )
        if not ok:
            errors.add(
                line, path, f"expected a number (or [low, high] for 'between'), got {value!r}"
            )
        return value
    if key == "warn_threshold":
        if value is not None and not _is_number(value):
            errors.add(line, path, f"expected a number or null, got {value!r}")
        return value
    if key == "tags":
        if not isinstance(value, list) or not all(isinstance(t, str) for t in value):
            errors.add(line, path, f"expected a list of strings, got {value!r}")
        return value
    # params
    if not isinstance(value, dict):
        errors.add(line, path, f"expected a mapping of parameters, got {value!r}")
        return value
    for pkey, pval in value.items():
        if pkey not in check.params:
            known = ", ".join(sorted(check.params)) or "none"
            errors.add(
                line,
                _join(path, str(pkey)),
                f"unknown parameter (known: {known}){suggest(str(pkey), list(check.params))}",
            )
        elif not _is_number(pval):
            errors.add(line, _join(path, str(pkey)), f"expected a number, got {pval!r}")
    return value


def _enum(
    kind: type[Operator] | type[MetricType], value: Any, line: int, path: str, errors: _Errors
) -> Any:
    allowed = [m.value for m in kind]
    if value not in allowed:
        errors.add(
            line,
            path,
            f"expected one of {', '.join(allowed)}, got {value!r}{suggest(str(value), allowed)}",
        )
    return value


def parse_thresholds(text: str, *, source: str) -> dict[str, tuple[int, dict[str, Any]]]:
    """Parse one thresholds document into ``{check: (line, {field: value})}``.

    Raises ``ConfigError`` listing every problem with ``source:line: key.path``.
    """
    loader, root = _compose(text, source)
    errors = _Errors(source)
    out: dict[str, tuple[int, dict[str, Any]]] = {}
    if root is None:
        raise ConfigError(f"{source}: the thresholds file is empty", hint="see docs/gate.md")
    checks = all_checks()
    categories = {c.value for c in Category}
    for key, key_node, value_node in _mapping(root, "", errors) or []:
        if key == "schema_version":
            value = loader.construct_object(value_node, deep=True)
            if str(value) != THRESHOLDS_SCHEMA_VERSION:
                errors.add(_line(key_node), key, f"unsupported version {value!r} (expected '1.0')")
            continue
        if key != "categories":
            errors.add(
                _line(key_node), key, f"unknown key{suggest(key, ['categories', 'schema_version'])}"
            )
            continue
        for cat, cat_key, cat_node in _mapping(value_node, "categories", errors) or []:
            cpath = _join("categories", cat)
            if cat not in categories:
                errors.add(
                    _line(cat_key), cpath, f"unknown category{suggest(cat, sorted(categories))}"
                )
                continue
            for name, name_key, check_node in _mapping(cat_node, cpath, errors) or []:
                npath = _join(cpath, name)
                check = checks.get(name)
                if check is None:
                    errors.add(_line(name_key), npath, f"unknown check{suggest(name, checks)}")
                    continue
                if check.category.value != cat:
                    errors.add(
                        _line(name_key),
                        npath,
                        f"check belongs to category '{check.category.value}', not '{cat}'",
                    )
                    continue
                fields: dict[str, Any] = {}
                for fkey, fkey_node, fnode in _mapping(check_node, npath, errors) or []:
                    fpath = _join(npath, fkey)
                    if fkey not in _FIELDS:
                        errors.add(
                            _line(fkey_node), fpath, f"unknown key{suggest(fkey, list(_FIELDS))}"
                        )
                        continue
                    value = loader.construct_object(fnode, deep=True)
                    fields[fkey] = _check_field(
                        check, key=fkey, value=value, node=fnode, path=fpath, errors=errors
                    )
                out[name] = (_line(name_key), fields)
    errors.raise_if_any()
    return out


def _build(
    name: str, fields: dict[str, Any], line: int, source: str, errors: _Errors
) -> ThresholdSpec | None:
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
    errors = _Errors("thresholds")
    for name in all_checks():
        if name not in merged:
            errors.add(0, name, "no threshold defined (the built-in file must cover every check)")
            continue
        source, line, fields = merged[name]
        errors.source = source
        spec = _build(name, fields, line, source, errors)
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
