"""Strict reading of a thresholds YAML document, with the line of every problem.

The document is composed into YAML nodes (which keep their marks) and walked by hand,
so each unknown key, wrong type, unknown or misplaced check is reported as
``file:line: key.path: problem; did you mean '...'?``. All problems are collected
before ``ConfigError`` is raised.
"""

from __future__ import annotations

from typing import Any

import yaml

from edgar_sentinel.errors import ConfigError
from edgar_sentinel.gate.registry import CheckDef, all_checks, suggest
from edgar_sentinel.gate.result import Category, MetricType, Operator

THRESHOLDS_SCHEMA_VERSION = "1.0"
FIELDS = (
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


class Problems:
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
    node: yaml.Node, path: str, errors: Problems
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
    check: CheckDef, *, key: str, value: Any, node: yaml.Node, path: str, errors: Problems
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
    kind: type[Operator] | type[MetricType], value: Any, line: int, path: str, errors: Problems
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
    errors = Problems(source)
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
                    if fkey not in FIELDS:
                        errors.add(
                            _line(fkey_node), fpath, f"unknown key{suggest(fkey, list(FIELDS))}"
                        )
                        continue
                    value = loader.construct_object(fnode, deep=True)
                    fields[fkey] = _check_field(
                        check, key=fkey, value=value, node=fnode, path=fpath, errors=errors
                    )
                out[name] = (_line(name_key), fields)
    errors.raise_if_any()
    return out


__all__ = ["FIELDS", "THRESHOLDS_SCHEMA_VERSION", "Problems", "parse_thresholds"]
