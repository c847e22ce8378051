"""Sticky pull-request comments: one comment per pull request and report kind.

The comment starts with a hidden marker (``<!-- edgar-sentinel:gate -->``). A later run
lists the pull request's comments (all pages), takes the oldest one that *starts* with
the marker and was written by ``author``, and edits it in place; only when there is none
does it create one. An unchanged body is not re-sent. Extra sticky comments (two runs
that raced) are deleted, keeping the oldest.

Author matching: a workflow's ``GITHUB_TOKEN`` cannot call ``GET /user`` to learn its own
login, so the expected author is configured: ``github-actions[bot]`` by default (what
``GITHUB_TOKEN`` posts as), the bot or user login for a GitHub App or personal token
(``--author`` / ``EDGAR_SENTINEL_GITHUB__COMMENT_AUTHOR``), or ``""`` to match the marker
alone. Matching the author keeps a person's comment that quotes the marker from being
taken over.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import suppress
from dataclasses import dataclass
from typing import Any, Literal

from edgar_sentinel.errors import UsageError
from edgar_sentinel.github.client import GitHubClient
from edgar_sentinel.github.errors import GitHubNotFoundError
from edgar_sentinel.github.markers import DEFAULT_AUTHOR, comment_marker
from edgar_sentinel.github.run_link import run_footer
from edgar_sentinel.report.document import ReportDocument
from edgar_sentinel.report.limits import COMMENT_LIMIT, size
from edgar_sentinel.report.render import render


@dataclass(frozen=True)
class StickyCommentResult:
    action: Literal["created", "updated", "unchanged"]
    comment_id: int
    url: str | None
    size: int
    """Bytes of the comment body."""
    duplicates_deleted: tuple[int, ...] = ()
    """Extra sticky comments (left by racing runs) that were deleted."""


def find_sticky_comments(
    comments: Iterable[dict[str, Any]], *, marker: str, author: str | None
) -> list[dict[str, Any]]:
    """Comments starting with ``marker`` (by ``author`` unless it is empty), oldest first."""
    found = [
        c
        for c in comments
        if (c.get("body") or "").startswith(marker)
        and (not author or (c.get("user") or {}).get("login") == author)
    ]
    return sorted(found, key=lambda c: int(c["id"]))


def upsert_sticky_comment(
    client: GitHubClient,
    *,
    number: int,
    kind: str,
    body: str,
    author: str | None = DEFAULT_AUTHOR,
) -> StickyCommentResult:
    """Create or update the ``kind`` sticky comment on pull request (or issue) ``number``.

    Two runs racing may both create one: after creating, the comments are listed again, the
    oldest sticky comment is kept (and given this run's body) and the others are deleted.
    """
    marker = comment_marker(kind)
    text = f"{marker}\n{body}"
    if size(text) > COMMENT_LIMIT:
        raise UsageError(
            f"the comment body is {size(text):,} bytes, over GitHub's {COMMENT_LIMIT:,}",
            hint="render it with limit=COMMENT_LIMIT minus the marker (publish_comment does)",
        )
    found = find_sticky_comments(client.list_issue_comments(number), marker=marker, author=author)
    action: Literal["created", "updated", "unchanged"]
    if found:
        keep = found[0]
        action = "unchanged" if keep.get("body") == text else "updated"
    else:
        created = client.create_issue_comment(number, text)
        login = (created.get("user") or {}).get("login")
        found = find_sticky_comments(
            client.list_issue_comments(number), marker=marker, author=author or login
        )
        if all(int(c["id"]) != int(created["id"]) for c in found):
            found = sorted([*found, created], key=lambda c: int(c["id"]))
        keep = found[0]
        action = "created" if int(keep["id"]) == int(created["id"]) else "updated"
        if action == "updated" and keep.get("body") == text:
            action = "unchanged"
    if action == "updated":
        keep = client.update_issue_comment(int(keep["id"]), text)
    for extra in found[1:]:
        with suppress(GitHubNotFoundError):  # the other racing run deleted it first
            client.delete_issue_comment(int(extra["id"]))
    return StickyCommentResult(
        action,
        int(keep["id"]),
        keep.get("html_url"),
        size(text),
        tuple(int(c["id"]) for c in found[1:]),
    )


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
    "StickyCommentResult",
    "find_sticky_comments",
    "publish_comment",
    "upsert_sticky_comment",
]
