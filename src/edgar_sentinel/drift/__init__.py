"""Topic models per period and risk drift detection (see ``docs/drift.md``).

Entry points: ``train_models(...) -> TrainResult`` (one LDA model per period),
``detect_drift(...) -> DriftReport`` (compare two stored models) and
``run_nightly(...) -> NightlyResult`` (discover, compare, render, record, alert).
Names are imported lazily: importing the package loads neither numpy nor tomotopy.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from edgar_sentinel.drift.detect import Thresholds, detect_drift, resolve_thresholds
    from edgar_sentinel.drift.model_store import StoredModel, latest_pair, list_models, load_model
    from edgar_sentinel.drift.nightly import NightlyResult, run_drift, run_nightly
    from edgar_sentinel.drift.result import DriftReport, DriftTier, TopicStatus
    from edgar_sentinel.drift.training import TrainResult, train_models

_EXPORTS = {
    "Thresholds": "edgar_sentinel.drift.detect",
    "detect_drift": "edgar_sentinel.drift.detect",
    "resolve_thresholds": "edgar_sentinel.drift.detect",
    "StoredModel": "edgar_sentinel.drift.model_store",
    "latest_pair": "edgar_sentinel.drift.model_store",
    "list_models": "edgar_sentinel.drift.model_store",
    "load_model": "edgar_sentinel.drift.model_store",
    "NightlyResult": "edgar_sentinel.drift.nightly",
    "run_drift": "edgar_sentinel.drift.nightly",
    "run_nightly": "edgar_sentinel.drift.nightly",
    "DriftReport": "edgar_sentinel.drift.result",
    "DriftTier": "edgar_sentinel.drift.result",
    "TopicStatus": "edgar_sentinel.drift.result",
    "TrainResult": "edgar_sentinel.drift.training",
    "train_models": "edgar_sentinel.drift.training",
}


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'edgar_sentinel.drift' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


__all__ = [
    "DriftReport",
    "DriftTier",
    "NightlyResult",
    "StoredModel",
    "Thresholds",
    "TopicStatus",
    "TrainResult",
    "detect_drift",
    "latest_pair",
    "list_models",
    "load_model",
    "resolve_thresholds",
    "run_drift",
    "run_nightly",
    "train_models",
]
