"""The file sink: one JSON line per alert in ``alerts.jsonl`` under the output root."""

from __future__ import annotations

from pathlib import Path

import orjson

from edgar_sentinel.alerts.base import Alert
from edgar_sentinel.drift.result import DriftTier
from edgar_sentinel.errors import DeliveryError

ALERTS_FILE = "alerts.jsonl"


class FileSink:
    def __init__(self, path: Path, *, min_tier: DriftTier = DriftTier.WARN) -> None:
        self.path = path
        self._min_tier = min_tier

    @property
    def name(self) -> str:
        return "file"

    @property
    def min_tier(self) -> DriftTier:
        return self._min_tier

    def send(self, alert: Alert) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("ab") as fh:
                fh.write(orjson.dumps(alert.model_dump(mode="json")) + b"\n")
        except OSError as exc:
            raise DeliveryError(f"cannot append the alert to {self.path}: {exc.strerror}") from exc


__all__ = ["ALERTS_FILE", "FileSink"]
