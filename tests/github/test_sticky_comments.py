"""Sticky pull-request comments: one per pull request and report kind, edited in place."""

from __future__ import annotations

import threading

from edgar_sentinel.github.client import GitHubClient
from edgar_sentinel.github.comments import (
    StickyCommentResult,
    publish_comment,
    upsert_sticky_comment,
)
from edgar_sentinel.report import COMMENT_LIMIT
from tests.fakes.github_api import TOKEN, FakeGitHub
from tests.report.report_docs import drift_report, gate_report, huge_gate_report

MARKER = "<!-- edgar-sentinel:gate -->"


def test_repeated_runs_update_one_comment_instead_of_adding_more(
    client: GitHubClient, fake_github: FakeGitHub
) -> None:
    pr = fake_github.add_issue(title="Add 2024 filings", pull=True)["number"]
    fake_github.add_comment(pr, "LGTM", login="reviewer")

    first = publish_comment(client, number=pr, document=gate_report(status="FAIL"))
    second = publish_comment(client, number=pr, document=gate_report(status="PASS"))
    third = publish_comment(client, number=pr, document=gate_report(status="WARN"))

    assert (first.action, second.action, third.action) == ("created", "updated", "updated")
    assert first.comment_id == second.comment_id == third.comment_id
    ours = [c for c in fake_github.comments_on(pr) if c["body"].startswith(MARKER)]
    assert len(ours) == 1
    assert "gate passed with warnings: WARN" in ours[0]["body"]
    assert len(fake_github.comments_on(pr)) == 2  # the reviewer's comment is untouched


def test_an_unchanged_report_is_not_sent_again(
    client: GitHubClient, fake_github: FakeGitHub
) -> None:
    pr = fake_github.add_issue(title="pr", pull=True)["number"]
    publish_comment(client, number=pr, document=gate_report())
    again = publish_comment(client, number=pr, document=gate_report())
    assert again.action == "unchanged"
    assert fake_github.calls("PATCH") == []


def test_gate_and_drift_reports_have_separate_sticky_comments(
    client: GitHubClient, fake_github: FakeGitHub
) -> None:
    pr = fake_github.add_issue(title="pr", pull=True)["number"]
    gate = publish_comment(client, number=pr, document=gate_report())
    drift = publish_comment(client, number=pr, document=drift_report())
    assert gate.comment_id != drift.comment_id
    bodies = sorted(c["body"].splitlines()[0] for c in fake_github.comments_on(pr))
    assert bodies == ["<!-- edgar-sentinel:drift -->", MARKER]


def test_the_sticky_comment_is_found_beyond_the_first_page(
    client: GitHubClient, fake_github: FakeGitHub
) -> None:
    pr = fake_github.add_issue(title="busy pr", pull=True)["number"]
    first = publish_comment(client, number=pr, document=gate_report(status="FAIL"))
    for i in range(250):
        fake_github.add_comment(pr, f"discussion {i}")
    second = publish_comment(client, number=pr, document=gate_report(status="PASS"))
    assert second.action == "updated" and second.comment_id == first.comment_id


def test_a_persons_comment_quoting_the_marker_is_not_taken_over(
    client: GitHubClient, fake_github: FakeGitHub
) -> None:
    pr = fake_github.add_issue(title="pr", pull=True)["number"]
    impostor = fake_github.add_comment(pr, f"{MARKER}\nfake all green", login="mallory")
    result = upsert_sticky_comment(client, number=pr, kind="gate", body="real report")
    assert result.action == "created"
    assert fake_github.comments[impostor["id"]]["body"].endswith("fake all green")


def test_marker_only_matching_when_no_author_is_known(
    client: GitHubClient, fake_github: FakeGitHub
) -> None:
    pr = fake_github.add_issue(title="pr", pull=True)["number"]
    posted_by_app = fake_github.add_comment(pr, f"{MARKER}\nold", login="sentinel-app[bot]")
    result = upsert_sticky_comment(client, number=pr, kind="gate", body="new", author="")
    assert (result.action, result.comment_id) == ("updated", posted_by_app["id"])


def test_a_marker_inside_the_body_does_not_count(
    client: GitHubClient, fake_github: FakeGitHub
) -> None:
    pr = fake_github.add_issue(title="pr", pull=True)["number"]
    fake_github.add_comment(pr, f"quoting the bot: {MARKER}", login="github-actions[bot]")
    assert upsert_sticky_comment(client, number=pr, kind="gate", body="x").action == "created"


def test_a_huge_report_still_fits_one_comment(
    client: GitHubClient, fake_github: FakeGitHub
) -> None:
    pr = fake_github.add_issue(title="pr", pull=True)["number"]
    result = publish_comment(client, number=pr, document=huge_gate_report(findings=500))
    assert result.action == "created"
    assert result.size <= COMMENT_LIMIT
    (comment,) = fake_github.comments_on(pr)
    assert comment["body"].startswith(MARKER + "\n### ❌")
    assert "Shortened to fit" in comment["body"]


def test_the_workflow_token_never_needs_get_user(
    client: GitHubClient, fake_github: FakeGitHub
) -> None:
    pr = fake_github.add_issue(title="pr", pull=True)["number"]
    publish_comment(client, number=pr, document=gate_report())
    publish_comment(client, number=pr, document=gate_report(status="PASS"))
    assert fake_github.calls("GET", "/user") == []


def test_two_racing_runs_leave_exactly_one_sticky_comment(fake_github: FakeGitHub) -> None:
    pr = fake_github.add_issue(title="pr", pull=True)["number"]
    fake_github.comment_barrier = threading.Barrier(2)  # both list first, then both create
    results: list[StickyCommentResult] = []
    errors: list[BaseException] = []

    def run(status: str) -> None:
        try:
            with GitHubClient(
                repository=fake_github.repository, token=TOKEN, api_url=fake_github.url
            ) as github:
                results.append(
                    publish_comment(github, number=pr, document=gate_report(status=status))
                )
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(s,)) for s in ("FAIL", "PASS")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=20)

    assert errors == []
    (survivor,) = fake_github.comments_on(pr)
    assert {r.comment_id for r in results} == {survivor["id"]}
    assert sorted(r.action for r in results) == ["created", "updated"]


def test_leftover_duplicates_are_deleted_and_the_oldest_kept(
    client: GitHubClient, fake_github: FakeGitHub
) -> None:
    pr = fake_github.add_issue(title="pr", pull=True)["number"]
    old = fake_github.add_comment(pr, f"{MARKER}\nold", login="github-actions[bot]")
    dup = fake_github.add_comment(pr, f"{MARKER}\nolder race", login="github-actions[bot]")
    result = upsert_sticky_comment(client, number=pr, kind="gate", body="new")
    assert (result.action, result.comment_id, result.duplicates_deleted) == (
        "updated",
        old["id"],
        (dup["id"],),
    )
    assert [c["body"] for c in fake_github.comments_on(pr)] == [f"{MARKER}\nnew"]
