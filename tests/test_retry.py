"""One retry policy for every HTTP delivery: backoff, its cap and the Retry-After header."""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import format_datetime

import pytest

from edgar_sentinel.retry import RetryPolicy, retry_after_seconds

NOW = datetime(2026, 11, 26, 12, 0, 0, tzinfo=UTC).timestamp()


def test_backoff_doubles_from_the_first_delay_and_stops_at_the_cap() -> None:
    policy = RetryPolicy(retries=6, first_delay=0.5, max_delay=5.0)
    assert [policy.backoff(r) for r in range(6)] == [0.5, 1.0, 2.0, 4.0, 5.0, 5.0]
    assert policy.attempts == 7


def test_a_negative_policy_is_refused() -> None:
    with pytest.raises(ValueError, match="0 or more"):
        RetryPolicy(retries=-1)


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        ("7", 7.0),
        (" 2.5 ", 2.5),
        ("0", 0.0),
        ("-3", 0.0),
        (format_datetime(datetime(2026, 11, 26, 12, 0, 30, tzinfo=UTC), usegmt=True), 30.0),
        (format_datetime(datetime(2026, 11, 26, 11, 0, 0, tzinfo=UTC), usegmt=True), 0.0),
    ],
)
def test_retry_after_reads_seconds_and_http_dates(header: str, seconds: float) -> None:
    assert retry_after_seconds(header, now=lambda: NOW) == pytest.approx(seconds)


@pytest.mark.parametrize("header", [None, "", "  ", "soon", "nan", "inf", "Mon, 99 Foo"])
def test_an_absent_or_unreadable_retry_after_is_none(header: str | None) -> None:
    assert retry_after_seconds(header, now=lambda: NOW) is None
