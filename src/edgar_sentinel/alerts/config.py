"""The ``alerts`` settings section.

Secrets are never settings: the Slack webhook URL comes from ``SLACK_WEBHOOK`` and the
GitHub token from ``GITHUB_TOKEN``, both read from the environment at delivery time.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from edgar_sentinel.github.markers import DRIFT_ISSUE_FINGERPRINT, KIND_LABELS
from edgar_sentinel.retry import RetryPolicy


class AlertsSettings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    file_enabled: bool = Field(default=True, description="Append alerts to alerts.jsonl.")
    slack_enabled: bool = Field(default=True, description="Send when SLACK_WEBHOOK is set.")
    slack_min_tier: str = Field(
        default="warn", pattern="^(warn|critical)$", description="Lowest tier sent to Slack."
    )
    github_enabled: bool = Field(
        default=True, description="Open issues when GITHUB_TOKEN and a repository are set."
    )
    github_repository: str | None = Field(
        default=None, description="owner/name; GITHUB_REPOSITORY is used when unset."
    )
    github_api_url: str | None = Field(
        default=None, description="GitHub (Enterprise) API root; GITHUB_API_URL, then github.com."
    )
    github_labels: tuple[str, ...] = Field(
        default=(KIND_LABELS["drift"], "risk-drift"),
        description="Labels of drift issues; the first finds them (as `github issue` does).",
    )
    github_min_tier: str = Field(
        default="critical",
        pattern="^(warn|critical)$",
        description="Lowest tier that opens a GitHub issue.",
    )
    github_fingerprint: str = Field(
        default=DRIFT_ISSUE_FINGERPRINT,
        description="One issue per fingerprint: opened, commented, closed.",
    )
    max_attempts: int = Field(
        default=4, ge=1, le=10, description="Delivery attempts per alert and run."
    )
    backoff_seconds: float = Field(
        default=1.0, ge=0, description="First retry delay; doubles per attempt."
    )
    max_retry_after_seconds: float = Field(
        default=60.0,
        ge=0,
        description="Longest wait: backoffs are capped here; a longer Retry-After fails at once.",
    )
    timeout_seconds: float = Field(
        default=10.0, gt=0, description="HTTP timeout per request (Slack and GitHub)."
    )

    def retry_policy(self) -> RetryPolicy:
        """The waits of every alert delivery (Slack and GitHub alike)."""
        return RetryPolicy(
            retries=self.max_attempts - 1,
            first_delay=self.backoff_seconds,
            max_delay=self.max_retry_after_seconds,
        )


__all__ = ["AlertsSettings"]
