"""Hidden HTML-comment markers that let a later run find what an earlier run posted.

Report renderers escape every ``<`` of report content, so no filing text can forge one.
"""

from __future__ import annotations

import re

from edgar_sentinel.errors import UsageError

DEFAULT_AUTHOR = "github-actions[bot]"
"""The login the workflow ``GITHUB_TOKEN`` posts as: sticky comments must be by it."""

KIND_LABELS = {"gate": "edgar-sentinel:gate", "drift": "edgar-sentinel:drift"}
"""The fixed label each kind's issues are found by (always the first label)."""

DRIFT_ISSUE_FINGERPRINT = "risk-drift"
"""The one drift issue: opened on critical drift, closed when it resolves."""

_SAFE = re.compile(r"^[A-Za-z0-9._:/=+-]{1,200}$")


def _check(what: str, value: str) -> str:
    if not _SAFE.match(value):
        raise UsageError(
            f"{what} {value!r} may only use letters, digits and . _ : / = + - (1-200 characters)"
        )
    return value


def comment_marker(kind: str) -> str:
    """``<!-- edgar-sentinel:gate -->``: the first line of a sticky comment."""
    return f"<!-- edgar-sentinel:{_check('report kind', kind)} -->"


def fingerprint_marker(fingerprint: str) -> str:
    """``<!-- edgar-sentinel:fingerprint=gate:sp500 -->``: identifies an issue's problem."""
    return f"<!-- edgar-sentinel:fingerprint={_check('fingerprint', fingerprint)} -->"


def safe_key(text: str, *, max_len: int = 120) -> str:
    """``text`` reduced to marker-safe characters (others become ``-``)."""
    key = re.sub(r"[^A-Za-z0-9._:/=+-]+", "-", text).strip("-")[:max_len]
    return key or "unnamed"


__all__ = [
    "DEFAULT_AUTHOR",
    "DRIFT_ISSUE_FINGERPRINT",
    "KIND_LABELS",
    "comment_marker",
    "fingerprint_marker",
    "safe_key",
]
