"""A link to the GitHub Actions run that produced a report (its artifacts hold everything)."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping

from edgar_sentinel.github.client import REPOSITORY_NAME

_SAFE_URL = re.compile(r"^https?://[A-Za-z0-9.:-]+(/[A-Za-z0-9._~/-]*)?$")


def workflow_run_url(env: Mapping[str, str] | None = None) -> str | None:
    """``$GITHUB_SERVER_URL/$GITHUB_REPOSITORY/actions/runs/$GITHUB_RUN_ID``, or ``None``."""
    values = os.environ if env is None else env
    server = values.get("GITHUB_SERVER_URL", "").rstrip("/")
    repository = values.get("GITHUB_REPOSITORY", "")
    run_id = values.get("GITHUB_RUN_ID", "")
    if not (server and REPOSITORY_NAME.match(repository) and run_id.isdigit()):
        return None
    url = f"{server}/{repository}/actions/runs/{run_id}"
    return url if _SAFE_URL.match(url) else None


def run_footer(url: str | None) -> str:
    """A markdown line linking the run, or ``""``."""
    return f"\n\n[Workflow run, with the full reports as artifacts]({url})" if url else ""


__all__ = ["run_footer", "workflow_run_url"]
