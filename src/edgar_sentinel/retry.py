"""How HTTP deliveries wait and retry: one policy for the Slack webhook and the GitHub API.

A failed attempt (connection failure, 5xx) is retried after an exponential backoff; a rate
limit waits as long as the server's ``Retry-After`` asks, unless that is longer than
``max_delay``: then the caller fails at once instead of blocking a scheduled job.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime

__all__ = ["RetryPolicy", "retry_after_seconds"]


@dataclass(frozen=True)
class RetryPolicy:
    retries: int = 5
    """Retries after the first attempt (0: one attempt only)."""
    first_delay: float = 1.0
    """Seconds before the first retry; doubles with every further retry."""
    max_delay: float = 60.0
    """Longest wait: backoffs are capped here, a longer ``Retry-After`` is not waited for."""

    def __post_init__(self) -> None:
        if self.retries < 0 or self.first_delay < 0 or self.max_delay < 0:
            raise ValueError("retries and delays must be 0 or more")

    @property
    def attempts(self) -> int:
        return self.retries + 1

    def backoff(self, retry: int) -> float:
        """Seconds before retry number ``retry`` (0 for the first)."""
        return float(min(self.max_delay, self.first_delay * 2.0**retry))


def retry_after_seconds(value: str | None, *, now: Callable[[], float] = time.time) -> float | None:
    """Seconds a ``Retry-After`` header asks for: delta-seconds or an HTTP date.

    ``None`` when the header is absent or unreadable; never negative (a date in the past
    means "now").
    """
    if value is None or not value.strip():
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            seconds = parsedate_to_datetime(value).timestamp() - now()
        except (TypeError, ValueError, IndexError):
            return None
    if not math.isfinite(seconds):
        return None
    return max(0.0, seconds)
