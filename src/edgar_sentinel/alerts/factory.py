"""Build the configured sinks from settings and the environment (secrets stay in the env)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from edgar_sentinel.alerts.base import AlertSink
from edgar_sentinel.alerts.config import AlertsSettings
from edgar_sentinel.alerts.file import ALERTS_FILE, FileSink
from edgar_sentinel.alerts.github import GitHubIssueSink
from edgar_sentinel.alerts.slack import ENV_WEBHOOK, SlackSink

if TYPE_CHECKING:
    import httpx


def _remote_targets(settings: AlertsSettings, env: Mapping[str, str]) -> tuple[str, str]:
    """(Slack webhook, GitHub repository) of the remote sinks to use; '' for none."""
    webhook = env.get(ENV_WEBHOOK, "").strip() if settings.slack_enabled else ""
    repository = ""
    if settings.github_enabled and env.get("GITHUB_TOKEN", "").strip():
        repository = settings.github_repository or env.get("GITHUB_REPOSITORY", "").strip()
    return webhook, repository


def wants_network(settings: AlertsSettings, environ: Mapping[str, str] | None = None) -> bool:
    """Some remote sink would be built: the caller needs an HTTP client for it."""
    return any(_remote_targets(settings, os.environ if environ is None else environ))


def build_sinks(
    *,
    settings: AlertsSettings,
    out_dir: Path,
    http: httpx.Client | None,
    environ: Mapping[str, str] | None = None,
) -> list[AlertSink]:
    """File sink (if enabled), Slack when ``SLACK_WEBHOOK`` is set, GitHub when a token and
    a repository are."""
    env = os.environ if environ is None else environ
    sinks: list[AlertSink] = []
    if settings.file_enabled:
        sinks.append(FileSink(out_dir / ALERTS_FILE))
    webhook, repository = _remote_targets(settings, env)
    if webhook and http is not None:
        sinks.append(SlackSink(webhook_url=webhook, http=http, settings=settings))
    if repository and http is not None:
        from edgar_sentinel.github.client import GitHubClient

        client = GitHubClient.from_env(
            environ=env,
            repository=repository,
            api_url=settings.github_api_url,
            http=http,
            retry=settings.retry_policy(),
        )
        sinks.append(GitHubIssueSink(client=client, settings=settings))
    return sinks


__all__ = ["build_sinks", "wants_network"]
