"""Errors raised when GitHub cannot be reached or refuses a request.

Every class derives from ``DeliveryError`` (exit code ``DELIVERY_FAILED``), except
``GitHubConfigError`` which is a configuration mistake (exit code ``USAGE``). Messages
never contain the token: the client redacts it before building any message.
"""

from __future__ import annotations

from edgar_sentinel.errors import ConfigError, DeliveryError


class GitHubConfigError(ConfigError):
    """The token, repository or API URL is missing or malformed."""


class GitHubError(DeliveryError):
    """A GitHub API request failed; ``status`` is the HTTP status (``None``: no response)."""

    def __init__(self, message: str, *, status: int | None = None, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.status = status


class GitHubAuthError(GitHubError):
    """401: the token is missing, wrong or expired; 403: it lacks a permission."""


class GitHubNotFoundError(GitHubError):
    """404: the repository, issue or comment does not exist or the token cannot see it."""


class GitHubRateLimitError(GitHubError):
    """Still rate limited after the allowed retries."""


class GitHubServerError(GitHubError):
    """5xx or a connection failure that outlasted the allowed retries."""


class GitHubRequestError(GitHubError):
    """Any other 4xx (e.g. 422: the body is too long or a field is invalid)."""


__all__ = [
    "GitHubAuthError",
    "GitHubConfigError",
    "GitHubError",
    "GitHubNotFoundError",
    "GitHubRateLimitError",
    "GitHubRequestError",
    "GitHubServerError",
]
