"""The ``github`` settings section (``EDGAR_SENTINEL_GITHUB__...``)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from edgar_sentinel.github.markers import DEFAULT_AUTHOR
from edgar_sentinel.retry import RetryPolicy


class GitHubSettings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    comment_author: str = Field(
        default=DEFAULT_AUTHOR,
        description=(
            "Login a sticky comment must have been written by to be updated: the workflow "
            "GITHUB_TOKEN posts as github-actions[bot]; '' matches the marker alone."
        ),
    )
    issue_labels: tuple[str, ...] = Field(
        default=("data-quality",),
        description="Extra labels put on new issues (the kind's fixed label always comes first).",
    )
    max_retries: int = Field(
        default=5, ge=0, le=10, description="Retries on 5xx, connection errors and rate limits."
    )

    def retry_policy(self) -> RetryPolicy:
        return RetryPolicy(retries=self.max_retries)


__all__ = ["GitHubSettings"]
