"""Sticky pull-request comments: one comment per pull request and report kind.

The comment starts with a hidden marker (``<!-- edgar-sentinel:gate -->``). A later run
lists the pull request's comments (all pages), takes the oldest one that *starts* with
the marker and was written by ``author``, and edits it in place; only when there is none
does it create one. An unchanged body is not re-sent.

Author matching: a workflow's ``GITHUB_TOKEN`` cannot call ``GET /user`` to learn its own
login, so the expected author is configured: ``github-actions[bot]`` by default (what
``GITHUB_TOKEN`` posts as), the bot or user login for a GitHub App or personal token
(``--author`` / ``EDGAR_SENTINEL_GITHUB__COMMENT_AUTHOR``), or ``""`` to match the marker
alone. Matching the author keeps a person's comment that quotes the marker from being
taken over.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from edgar_sentinel.errors import UsageError
from edgar_sentinel.github.client import GitHubClient
from edgar_sentinel.github.markers import comment_marker
from edgar_sentinel.github.run_link import run_footer
from edgar_sentinel.report.document import ReportDocument
from edgar_sentinel.report.limits import COMMENT_LIMIT, size
from edgar_sentinel.report.render import render

DEFAULT_AUTHOR = "github-actions[bot]"


@dataclass(frozen=True)
class StickyCommentResult:
    action: Literal["created", "updated", "unchanged"]
    comment_id: int
    url: str | None
    size: int
    """Bytes of the comment body."""


def find_sticky_comment(
    comments: Iterable[dict[str, Any]], *, marker: str, author: str | None
) -> dict[str, Any] | None:
    """The oldest comment starting with ``marker`` (by ``author`` unless it is empty)."""
    for comment in comments:
        body = comment.get("body") or ""
        login = (comment.get("user") or {}).get("login")
        if body.startswith(marker) and (not author or login == author):
            return comment
    return None


def upsert_sticky_comment(
    client: GitHubClient,
    *,
    number: int,
    kind: str,
    body: str,
    author: str | None = DEFAULT_AUTHOR,
) -> StickyCommentResult:
    """Create or update the ``kind`` sticky comment on pull request (or issue) ``number``."""
    marker = comment_marker(kind)
    text = f"{marker}\n{body}"
    if size(text) > COMMENT_LIMIT:
        raise UsageError(
            f"the comment body is {size(text):,} bytes, over GitHub's {COMMENT_LIMIT:,}",
            hint="render it with limit=COMMENT_LIMIT minus the marker (publish_comment does)",
        )
    existing = find_sticky_comment(client.list_issue_comments(number), marker=marker, author=author)
    if existing is None:
        created = client.create_issue_comment(number, text)
        return StickyCommentResult(
            "created", int(created["id"]), created.get("html_url"), size(text)
        )
    if existing.get("body") == text:
        return StickyCommentResult(
            "unchanged", int(existing["id"]), existing.get("html_url"), size(text)
        )
    updated = client.update_issue_comment(int(existing["id"]), text)
    return StickyCommentResult("updated", int(updated["id"]), updated.get("html_url"), size(text))


def publish_comment(
    client: GitHubClient,
    *,
    number: int,
    document: ReportDocument,
    author: str | None = DEFAULT_AUTHOR,
    run_url: str | None = None,
) -> StickyCommentResult:
    """Render ``document`` to fit one comment and make it the sticky comment of ``number``.

    ``run_url`` (see ``run_link.workflow_run_url``) adds a link to the run's artifacts.
    """
    footer = run_footer(run_url)
    room = COMMENT_LIMIT - size(comment_marker(document.kind)) - 1 - size(footer)
    body = render(document, fmt="markdown", limit=room) + footer
    return upsert_sticky_comment(
        client, number=number, kind=document.kind, body=body, author=author
    )


__all__ = [
    "DEFAULT_AUTHOR",
    "StickyCommentResult",
    "find_sticky_comment",
    "publish_comment",
    "upsert_sticky_comment",
]
