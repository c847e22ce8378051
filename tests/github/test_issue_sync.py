"""The issue lifecycle: open on failure, comment on recurrence, close on recovery, no duplicates."""

from __future__ import annotations

import threading

import pytest

from edgar_sentinel.errors import UsageError
from edgar_sentinel.github.client import GitHubClient
from edgar_sentinel.github.issues import IssueAction, IssueSyncResult, sync_issue
from edgar_sentinel.github.report_issue import publish_issue
from tests.fakes.github_api import TOKEN, FakeGitHub
from tests.report.report_docs import drift_report, gate_report

LABELS = ["edgar-sentinel:gate", "data-quality"]


def sync(client: GitHubClient, *, failing: bool, body: str = "report") -> IssueSyncResult:
    return sync_issue(
        client,
        fingerprint="gate:sp500-2023",
        title="Data-quality gate NO-GO for sp500-2023",
        body=body,
        labels=LABELS,
        failing=failing,
    )


def test_open_then_comment_on_recurrence_then_close_on_recovery(
    client: GitHubClient, fake_github: FakeGitHub
) -> None:
    opened = sync(client, failing=True, body="first failure")
    again = sync(client, failing=True, body="second failure")
    closed = sync(client, failing=False, body="all green")
    quiet = sync(client, failing=False)

    assert opened.action is IssueAction.OPENED
    assert again == IssueSyncResult(IssueAction.COMMENTED, opened.number, opened.url)
    assert closed.action is IssueAction.CLOSED and closed.number == opened.number
    assert quiet == IssueSyncResult(IssueAction.NONE, None)
    assert opened.number is not None
    issue = fake_github.issues[opened.number]
    assert issue["state"] == "closed" and issue["state_reason"] == "completed"
    assert [lab["name"] for lab in issue["labels"]] == LABELS
    assert issue["body"].startswith("<!-- edgar-sentinel:fingerprint=gate:sp500-2023 -->\n")
    comments = [c["body"] for c in fake_github.comments_on(opened.number)]
    assert comments[0].startswith("🔁 Still failing.") and "second failure" in comments[0]
    assert comments[1].startswith("✅ Passing again") and "all green" in comments[1]


def test_a_new_failure_after_recovery_opens_a_new_issue(
    client: GitHubClient, fake_github: FakeGitHub
) -> None:
    first = sync(client, failing=True)
    sync(client, failing=False)
    second = sync(client, failing=True)
    assert second.action is IssueAction.OPENED and second.number != first.number


def test_other_fingerprints_labels_and_pull_requests_are_left_alone(
    client: GitHubClient, fake_github: FakeGitHub
) -> None:
    marker = "<!-- edgar-sentinel:fingerprint=gate:sp500-2023 -->"
    unlabelled = fake_github.add_issue(title="manual", body=marker, labels=["bug"])
    pull = fake_github.add_issue(title="pr", body=marker, labels=LABELS, pull=True)
    other = fake_github.add_issue(
        title="other", body="<!-- edgar-sentinel:fingerprint=gate:other -->", labels=LABELS
    )
    result = sync(client, failing=True)
    assert result.action is IssueAction.OPENED
    assert result.number not in (unlabelled["number"], pull["number"], other["number"])
    assert all(
        fake_github.issues[n]["state"] == "open" for n in (unlabelled["number"], other["number"])
    )


def test_existing_duplicates_are_closed_on_recurrence(
    client: GitHubClient, fake_github: FakeGitHub
) -> None:
    marker = "<!-- edgar-sentinel:fingerprint=gate:sp500-2023 -->"
    a = fake_github.add_issue(title="a", body=marker, labels=LABELS)
    b = fake_github.add_issue(title="b", body=marker, labels=LABELS)
    result = sync(client, failing=True)
    assert (result.action, result.number, result.duplicates_closed) == (
        IssueAction.COMMENTED,
        a["number"],
        (b["number"],),
    )
    assert fake_github.issues[b["number"]]["state_reason"] == "not_planned"
    assert (
        fake_github.comments_on(b["number"])[0]["body"] == f"Duplicate of #{a['number']}; closing."
    )


def test_two_racing_runs_leave_exactly_one_open_issue(fake_github: FakeGitHub) -> None:
    # Both runs list (no issue yet), then both create: the barrier makes the race certain.
    fake_github.create_barrier = threading.Barrier(2)
    results: list[IssueSyncResult] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            with GitHubClient(
                repository=fake_github.repository, token=TOKEN, api_url=fake_github.url
            ) as github:
                results.append(sync(github, failing=True))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=20)

    assert errors == []
    creations = [r for r in fake_github.calls("POST") if r.path.endswith("/issues")]
    assert len(creations) == 2  # both runs really opened one
    open_issues = fake_github.open_issues()
    assert len(open_issues) == 1
    survivor = open_issues[0]["number"]
    assert sorted(r.action for r in results) == [IssueAction.NONE, IssueAction.OPENED]
    assert {r.number for r in results} == {survivor}
    assert survivor == min(fake_github.issues)


def test_gate_reports_open_and_close_their_dataset_issue(
    client: GitHubClient, fake_github: FakeGitHub
) -> None:
    opened = publish_issue(client, document=gate_report(status="FAIL"), labels=["data-quality"])
    assert opened.action is IssueAction.OPENED and opened.number is not None
    issue = fake_github.issues[opened.number]
    assert issue["title"] == "Data-quality gate NO-GO for sp500-2023"
    assert [lab["name"] for lab in issue["labels"]] == ["edgar-sentinel:gate", "data-quality"]
    assert "### ❌ edgar-sentinel gate failed" in issue["body"]
    assert publish_issue(client, document=gate_report(status="WARN")).action is IssueAction.CLOSED


def test_critical_drift_opens_an_issue_and_calm_drift_closes_it(
    client: GitHubClient, fake_github: FakeGitHub
) -> None:
    opened = publish_issue(client, document=drift_report(tier="critical"))
    assert opened.action is IssueAction.OPENED
    assert publish_issue(client, document=drift_report(tier="warn")).action is IssueAction.CLOSED


def test_a_body_too_long_for_github_is_refused_before_any_request(
    client: GitHubClient, fake_github: FakeGitHub
) -> None:
    with pytest.raises(UsageError, match="the issue body is"):
        sync(client, failing=True, body="x" * 70_000)
    assert fake_github.requests == []
