"""Drift alerts: sinks (file, Slack, GitHub issues) behind one protocol, and an outbox
that delivers each drift to each sink once (see ``docs/drift.md``). Names load lazily."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from edgar_sentinel.alerts.base import Alert, AlertEvent, AlertSink, alert_from_report
    from edgar_sentinel.alerts.factory import build_sinks
    from edgar_sentinel.alerts.file import FileSink
    from edgar_sentinel.alerts.github import GitHubIssueSink
    from edgar_sentinel.alerts.outbox import DispatchResult, dispatch
    from edgar_sentinel.alerts.slack import SlackSink

_EXPORTS = {
    "Alert": "edgar_sentinel.alerts.base",
    "AlertEvent": "edgar_sentinel.alerts.base",
    "AlertSink": "edgar_sentinel.alerts.base",
    "alert_from_report": "edgar_sentinel.alerts.base",
    "build_sinks": "edgar_sentinel.alerts.factory",
    "FileSink": "edgar_sentinel.alerts.file",
    "GitHubIssueSink": "edgar_sentinel.alerts.github",
    "DispatchResult": "edgar_sentinel.alerts.outbox",
    "dispatch": "edgar_sentinel.alerts.outbox",
    "SlackSink": "edgar_sentinel.alerts.slack",
}


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'edgar_sentinel.alerts' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


__all__ = [
    "Alert",
    "AlertEvent",
    "AlertSink",
    "DispatchResult",
    "FileSink",
    "GitHubIssueSink",
    "SlackSink",
    "alert_from_report",
    "build_sinks",
    "dispatch",
]
