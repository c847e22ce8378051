"""Publish reports on GitHub: the REST client, sticky pull-request comments, issues.

Names are imported on first use, so importing the settings (``github.config``) stays cheap.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from edgar_sentinel.github.client import GitHubClient
    from edgar_sentinel.github.comments import (
        StickyCommentResult,
        publish_comment,
        upsert_sticky_comment,
    )
    from edgar_sentinel.github.issues import IssueAction, IssueSyncResult, sync_issue
    from edgar_sentinel.github.report_issue import publish_issue

_WHERE = {
    "GitHubClient": "client",
    "StickyCommentResult": "comments",
    "publish_comment": "comments",
    "upsert_sticky_comment": "comments",
    "IssueAction": "issues",
    "IssueSyncResult": "issues",
    "sync_issue": "issues",
    "publish_issue": "report_issue",
}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(import_module(f"edgar_sentinel.github.{_WHERE[name]}"), name)
    raise AttributeError(f"module 'edgar_sentinel.github' has no attribute {name!r}")


__all__ = [
    "GitHubClient",
    "IssueAction",
    "IssueSyncResult",
    "StickyCommentResult",
    "publish_comment",
    "publish_issue",
    "sync_issue",
    "upsert_sticky_comment",
]
