"""The check registry: every check is registered by name, one family per module.

A check is a small, pure description (name, category, unit, parameters) plus a
function. Three shapes exist:

* ``per_filing``: ``observe(view, params) -> Observation`` runs once per filing in a
  worker; observations add up (rates) or take the minimum (counts).
* ``corpus``: needs every filing at once (duplicates); the engine feeds each
  filing's fingerprint to a disk-backed sketch, so memory stays bounded.
* ``run``: measured from the run directory itself (dead letters).

The threshold YAML refers to checks by these names; an unknown name is an error.
"""

from __future__ import annotations

import difflib
import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from edgar_sentinel.gate.result import Category, Unit

if TYPE_CHECKING:
    from edgar_sentinel.gate.view import FilingView

Params = Mapping[str, float]


class Shape(StrEnum):
    PER_FILING = "per_filing"
    CORPUS = "corpus"
    RUN = "run"


class Aggregation(StrEnum):
    RATE_OFFENDING = "rate_offending"
    """actual = offending / measured (lower is better)."""
    RATE_OK = "rate_ok"
    """actual = (measured - offending) / measured (higher is better)."""
    MINIMUM = "minimum"
    """actual = the smallest per-filing value observed."""


@dataclass(frozen=True, slots=True)
class Offense:
    """One offending item: a whole filing (``segment_index`` None) or one segment."""

    segment_index: int | None
    excerpt: str


@dataclass(slots=True)
class Observation:
    """What one check saw in one filing."""

    measured: int = 0
    offenses: list[Offense] = field(default_factory=list)
    value: float | None = None
    """For MINIMUM checks: this filing's value (None: not applicable)."""


Observer = Callable[["FilingView", Params], Observation]


@dataclass(frozen=True, slots=True)
class CheckDef:
    name: str
    category: Category
    unit: Unit
    shape: Shape
    aggregation: Aggregation
    observe: Observer | None = None
    params: Mapping[str, float] = field(default_factory=dict)


_REGISTRY: dict[str, CheckDef] = {}
FAMILIES = ("completeness", "cleanliness", "substance", "consistency")


def register(check: CheckDef) -> CheckDef:
    if check.name in _REGISTRY:
        raise ValueError(f"check {check.name!r} registered twice")
    if (check.shape is Shape.PER_FILING) != (check.observe is not None):
        raise ValueError(f"check {check.name!r}: only per-filing checks carry an observer")
    _REGISTRY[check.name] = check
    return check


def per_filing(
    name: str,
    *,
    category: Category,
    unit: Unit,
    aggregation: Aggregation = Aggregation.RATE_OFFENDING,
    params: Mapping[str, float] | None = None,
) -> Callable[[Observer], Observer]:
    """Decorator registering a per-filing observer under ``name``."""

    def deco(fn: Observer) -> Observer:
        register(
            CheckDef(
                name=name,
                category=category,
                unit=unit,
                shape=Shape.PER_FILING,
                aggregation=aggregation,
                observe=fn,
                params=dict(params or {}),
            )
        )
        return fn

    return deco


def _load_families() -> None:
    # Importing a family module registers its checks (idempotent via sys.modules);
    # the order here is the order of the report's validation table.
    for family in FAMILIES:
        importlib.import_module(f"edgar_sentinel.gate.checks.{family}")


def all_checks() -> dict[str, CheckDef]:
    """Every registered check by name, in family then definition order."""
    _load_families()
    return dict(_REGISTRY)


def suggest(word: str, choices: Mapping[str, object] | list[str]) -> str:
    """``"; did you mean 'x'?"`` for the closest names, or an empty string."""
    close = difflib.get_close_matches(word, list(choices), n=3, cutoff=0.6)
    if not close:
        return ""
    return "; did you mean " + " or ".join(repr(c) for c in close) + "?"


__all__ = [
    "FAMILIES",
    "Aggregation",
    "CheckDef",
    "Observation",
    "Observer",
    "Offense",
    "Params",
    "Shape",
    "all_checks",
    "per_filing",
    "register",
    "suggest",
]
