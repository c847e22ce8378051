"""The Slack sink against a stand-in incoming webhook: retries, refusals, no secret leaks."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import httpx
import pytest

from edgar_sentinel.alerts.config import AlertsSettings
from edgar_sentinel.alerts.slack import SlackSink, slack_blocks
from edgar_sentinel.errors import DeliveryError
from edgar_sentinel.exit_codes import ExitCode
from tests.alerts.alert_factory import make_alert
from tests.fakes.slack_webhook import FakeSlack, running_slack

SETTINGS = AlertsSettings(max_attempts=3, backoff_seconds=0.5, max_retry_after_seconds=30)


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    with running_slack() as fake:
        yield fake


@pytest.fixture
def http() -> Iterator[httpx.Client]:
    with httpx.Client() as client:
        yield client


def sink(fake: FakeSlack, http: httpx.Client, sleeps: list[float]) -> SlackSink:
    return SlackSink(webhook_url=fake.url, http=http, settings=SETTINGS, sleep=sleeps.append)


def test_a_block_kit_message_names_tier_counts_topics_and_terms(
    slack: FakeSlack, http: httpx.Client
) -> None:
    sink(slack, http, []).send(make_alert())

    [message] = slack.messages
    text = str(message["blocks"])
    assert message["text"].startswith("Risk drift CRITICAL")
    assert "critical" in text and "*New topics*\\n3" in text
    assert "generative, ai, models" in text
    assert "`generative ai` (5 cos, new)" in text


def test_429_waits_for_retry_after_then_delivers(slack: FakeSlack, http: httpx.Client) -> None:
    slack.fail_next(429, "rate_limited", **{"Retry-After": "7"})
    sleeps: list[float] = []

    sink(slack, http, sleeps).send(make_alert())

    assert sleeps == [7.0]
    assert len(slack.messages) == 1


def test_5xx_is_retried_with_backoff(slack: FakeSlack, http: httpx.Client) -> None:
    slack.fail_next(500)
    slack.fail_next(503)
    sleeps: list[float] = []

    sink(slack, http, sleeps).send(make_alert())

    assert sleeps == [0.5, 1.0]
    assert slack.requests == 3 and len(slack.messages) == 1


def test_persistent_5xx_fails_with_delivery_exit_code(slack: FakeSlack, http: httpx.Client) -> None:
    for _ in range(3):
        slack.fail_next(500)

    with pytest.raises(DeliveryError) as err:
        sink(slack, http, []).send(make_alert())

    assert err.value.exit_code is ExitCode.DELIVERY_FAILED
    assert "after 3 attempt(s)" in err.value.message


def test_a_long_retry_after_fails_at_once_instead_of_blocking(
    slack: FakeSlack, http: httpx.Client
) -> None:
    slack.fail_next(429, "rate_limited", **{"Retry-After": "3600"})
    sleeps: list[float] = []

    with pytest.raises(DeliveryError, match="stays in the outbox"):
        sink(slack, http, sleeps).send(make_alert())
    assert sleeps == []


@pytest.mark.parametrize(("status", "body"), [(400, "invalid_payload"), (404, "no_service")])
def test_refusals_are_not_retried(
    slack: FakeSlack, http: httpx.Client, status: int, body: str
) -> None:
    slack.fail_next(status, body)

    with pytest.raises(DeliveryError, match=body):
        sink(slack, http, []).send(make_alert())
    assert slack.requests == 1


def test_the_webhook_url_never_appears_in_errors_or_logs(
    http: httpx.Client, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    with running_slack() as fake:
        wrong = SlackSink(
            webhook_url=fake.url.replace("XXXXSECRETXXXX", "OTHERSECRET"),
            http=http,
            settings=SETTINGS,
            sleep=lambda _s: None,
        )
        with pytest.raises(DeliveryError) as err:
            wrong.send(make_alert())
    dead = SlackSink(
        webhook_url="http://127.0.0.1:9/services/DEADSECRET",
        http=http,
        settings=SETTINGS,
        sleep=lambda _s: None,
    )
    with pytest.raises(DeliveryError) as err2:
        dead.send(make_alert())

    for text in (str(err.value), err.value.hint or "", str(err2.value), repr(wrong), caplog.text):
        assert "SECRET" not in text and "/services/" not in text


def test_a_resolved_alert_renders_as_resolved() -> None:
    alert = make_alert()
    resolved = alert.resolved(by=make_alert(key="drift:0002", target="2025"))

    assert resolved.dedup_key == "drift:0001:resolved"
    assert slack_blocks(resolved)["text"].startswith("Risk drift resolved")
