"""Slack incoming-webhook sink: a Block Kit message per alert, with retries.

The webhook URL is a secret (``SLACK_WEBHOOK``): it is never logged and never appears in an
error message. Slack answers ``200 ok`` on success and a plain-text error otherwise
(``400 invalid_payload``, ``403 action_prohibited``, ``404 no_service``, ``410
channel_is_archived``...). Retried: ``429`` (waiting ``Retry-After`` seconds, up to
``max_retry_after_seconds``; a longer wait fails at once and the alert stays in the outbox),
``5xx`` and connection failures, with exponential backoff, ``max_attempts`` in all (the
alerts' ``RetryPolicy``, which the GitHub sink shares).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from edgar_sentinel.alerts.base import Alert, AlertEvent
from edgar_sentinel.alerts.config import AlertsSettings
from edgar_sentinel.drift.result import DriftTier
from edgar_sentinel.errors import DeliveryError
from edgar_sentinel.retry import retry_after_seconds

if TYPE_CHECKING:
    import httpx

ENV_WEBHOOK = "SLACK_WEBHOOK"
_EMOJI = {
    DriftTier.NONE: ":white_check_mark:",
    DriftTier.WARN: ":warning:",
    DriftTier.CRITICAL: ":rotating_light:",
}


class _RedactSecrets(logging.Filter):
    """Replaces webhook URLs in records of the ``httpx`` logger (it logs every request URL)."""

    def __init__(self) -> None:
        super().__init__()
        self.secrets: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if any(secret in message for secret in self.secrets):
            for secret in sorted(self.secrets, key=len, reverse=True):
                message = message.replace(secret, "***")
            record.msg, record.args = message, None
        return True


_REDACT = _RedactSecrets()


def _protect(url: str) -> None:
    from urllib.parse import urlsplit

    _REDACT.secrets.update(s for s in (url, urlsplit(url).path) if len(s) > 1)
    # httpx logs each request (with its URL) on its own logger; a logger's filters do not
    # reach its children's records, and httpcore's children never log URLs.
    logger = logging.getLogger("httpx")
    if _REDACT not in logger.filters:
        logger.addFilter(_REDACT)


def slack_blocks(alert: Alert) -> dict[str, Any]:
    """The Block Kit payload (with a plain ``text`` fallback for notifications)."""
    emoji = _EMOJI[DriftTier.NONE] if alert.event is AlertEvent.RESOLVED else _EMOJI[alert.tier]
    title = f"{emoji} {alert.title}"
    fields = [
        f"*Tier*\n{alert.tier.value}",
        f"*Periods*\n{alert.reference_period} → {alert.target_period}",
        f"*New topics*\n{alert.new_topic_count}",
        f"*Vanished topics*\n{alert.vanished_topic_count}",
    ]
    if alert.false_alarm_rate is not None:
        fields.append(f"*Seed-noise false alarms*\n{alert.false_alarm_rate:.0%}")
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": title[:150], "emoji": True}},
        {"type": "section", "fields": [{"type": "mrkdwn", "text": f} for f in fields]},
    ]
    if alert.new_topics:
        lines = [
            f"• topic {t.topic} (best match {t.best_similarity:.2f}): {', '.join(t.top_words)}"
            for t in alert.new_topics
        ]
        blocks.append(_section("*New topics*\n" + "\n".join(lines)))
    if alert.emerging_terms:
        terms = ", ".join(
            f"`{e.term}` ({e.companies} cos{', new' if e.new else ''})"
            for e in alert.emerging_terms
        )
        blocks.append(_section(f"*Emerging terms*\n{terms}"))
    context = f"models {alert.reference_model} → {alert.target_model} · key `{alert.dedup_key}`"
    blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": context}]})
    return {"text": alert.title, "blocks": blocks}


def _section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text[:2900]}}


class SlackSink:
    def __init__(
        self,
        *,
        webhook_url: str,
        http: httpx.Client,
        settings: AlertsSettings,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._url = webhook_url
        _protect(webhook_url)
        self._http = http
        self._settings = settings
        self._sleep = sleep

    def __repr__(self) -> str:
        return "SlackSink(webhook_url=***)"

    @property
    def name(self) -> str:
        return "slack"

    @property
    def min_tier(self) -> DriftTier:
        return DriftTier(self._settings.slack_min_tier)

    def send(self, alert: Alert) -> None:
        import httpx

        payload = slack_blocks(alert)
        policy = self._settings.retry_policy()
        problem = "no attempt made"
        for retry in range(policy.attempts):
            try:
                response = self._http.post(self._url, json=payload)
            except httpx.TransportError as exc:
                problem = f"connection failed ({type(exc).__name__})"
                delay = policy.backoff(retry)
            else:
                body = response.text.strip()[:200]
                if response.status_code == 200:
                    return
                problem = f"Slack answered {response.status_code} {body!r}"
                if response.status_code == 429:
                    asked = retry_after_seconds(response.headers.get("Retry-After"))
                    delay = policy.backoff(retry) if asked is None else asked
                    if delay > policy.max_delay:
                        raise DeliveryError(
                            f"{problem}: rate limited for {delay:g} s, longer than "
                            f"{policy.max_delay:g} s; the alert stays in the outbox"
                        )
                elif response.status_code >= 500:
                    delay = policy.backoff(retry)
                else:
                    raise DeliveryError(
                        f"the Slack webhook refused the alert: {problem}",
                        hint="check SLACK_WEBHOOK (a revoked or mistyped webhook answers 404/403)",
                    )
            if retry < policy.retries:
                self._sleep(delay)
        raise DeliveryError(
            f"Slack delivery failed after {policy.attempts} attempt(s): {problem}; "
            "the alert stays in the outbox for the next run"
        )


__all__ = ["ENV_WEBHOOK", "SlackSink", "slack_blocks"]
