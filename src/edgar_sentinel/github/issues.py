"""One GitHub issue per recurring problem: open, comment on recurrence, close on recovery.

An issue is identified by a hidden fingerprint marker in its body, looked up among the
repository's *open* issues carrying the fixed label (``labels[0]``), never through the
search API (which lags behind writes and lets duplicates through).

Races: two runs that fail at the same moment may both find no issue and both open one.
After creating, a run lists the open issues again; when several carry the fingerprint,
the lowest number is kept and the others are closed as duplicates with a comment
pointing at it. Every run applies the same rule, so they agree on the survivor. The
workflows also put the gate in a ``concurrency`` group so such races are rare.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from edgar_sentinel.errors import UsageError
from edgar_sentinel.github.client import GitHubClient
from edgar_sentinel.github.markers import fingerprint_marker
from edgar_sentinel.report.limits import COMMENT_LIMIT, size

RESERVED = 1_024
"""Bytes of an issue or comment body kept free for the marker and the lines added here."""


class IssueAction(StrEnum):
    OPENED = "opened"
    COMMENTED = "commented"
    CLOSED = "closed"
    NONE = "none"


@dataclass(frozen=True)
class IssueSyncResult:
    action: IssueAction
    number: int | None
    """The issue that tracks the problem (``None``: there is none)."""
    url: str | None = None
    duplicates_closed: tuple[int, ...] = field(default_factory=tuple)


def find_issues(client: GitHubClient, *, label: str, fingerprint: str) -> list[dict[str, Any]]:
    """Open issues with ``label`` whose body carries the fingerprint, lowest number first."""
    marker = fingerprint_marker(fingerprint)
    issues = client.list_open_issues(labels=[label])
    found = [i for i in issues if marker in (i.get("body") or "")]
    return sorted(found, key=lambda i: int(i["number"]))


def sync_issue(
    client: GitHubClient,
    *,
    fingerprint: str,
    title: str,
    body: str,
    labels: Sequence[str],
    failing: bool,
) -> IssueSyncResult:
    """Bring the issue for ``fingerprint`` in line with ``failing``.

    Failing: comment on the open issue, or open one (``labels`` on it; ``labels[0]`` is the
    fixed label issues are found by). Passing: close the open issue with a comment.
    """
    if not labels:
        raise UsageError("an issue needs at least one label: the first one is used to find it")
    if size(body) > COMMENT_LIMIT - RESERVED:
        raise UsageError(
            f"the issue body is {size(body):,} bytes; at most {COMMENT_LIMIT - RESERVED:,} fit",
            hint="render it with limit=COMMENT_LIMIT - RESERVED (publish_issue does)",
        )
    marker = fingerprint_marker(fingerprint)
    label = labels[0]
    found = find_issues(client, label=label, fingerprint=fingerprint)
    if not failing:
        if not found:
            return IssueSyncResult(IssueAction.NONE, None)
        for issue in found:
            client.create_issue_comment(
                int(issue["number"]), f"✅ Passing again; closing.\n\n{body}"
            )
            client.close_issue(int(issue["number"]), reason="completed")
        return IssueSyncResult(
            IssueAction.CLOSED, int(found[0]["number"]), found[0].get("html_url")
        )
    if found:
        keep = found[0]
        client.create_issue_comment(int(keep["number"]), f"🔁 Still failing.\n\n{body}")
        closed = _close_duplicates(client, keep, found[1:])
        return IssueSyncResult(
            IssueAction.COMMENTED, int(keep["number"]), keep.get("html_url"), closed
        )
    created = client.create_issue(title=title, body=f"{marker}\n{body}", labels=list(labels))
    found = find_issues(client, label=label, fingerprint=fingerprint)
    if all(int(i["number"]) != int(created["number"]) for i in found):
        found = sorted([*found, created], key=lambda i: int(i["number"]))
    keep = found[0]
    closed = _close_duplicates(client, keep, found[1:])
    if int(keep["number"]) == int(created["number"]):
        return IssueSyncResult(
            IssueAction.OPENED, int(keep["number"]), keep.get("html_url"), closed
        )
    # Another run opened the same issue first: ours was closed as its duplicate.
    return IssueSyncResult(IssueAction.NONE, int(keep["number"]), keep.get("html_url"), closed)


def _close_duplicates(
    client: GitHubClient, keep: dict[str, Any], duplicates: Sequence[dict[str, Any]]
) -> tuple[int, ...]:
    closed = []
    for issue in duplicates:
        number = int(issue["number"])
        client.create_issue_comment(number, f"Duplicate of #{int(keep['number'])}; closing.")
        client.close_issue(number, reason="not_planned")
        closed.append(number)
    return tuple(closed)


__all__ = ["RESERVED", "IssueAction", "IssueSyncResult", "find_issues", "sync_issue"]
