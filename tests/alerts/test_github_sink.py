"""Critical drift opens one issue, a new drift comments on it, a resolved drift closes it."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from edgar_sentinel.alerts.config import AlertsSettings
from edgar_sentinel.alerts.factory import build_sinks
from edgar_sentinel.alerts.github import GitHubIssueSink
from edgar_sentinel.alerts.outbox import dispatch
from edgar_sentinel.drift.result import DriftTier
from edgar_sentinel.github.client import GitHubClient
from edgar_sentinel.github.errors import GitHubError
from edgar_sentinel.store import open_store
from tests.alerts.alert_factory import make_alert
from tests.fakes.github_api import FakeGitHub, running_fake

TOKEN = "ghs_DriftSecret0Token1ForTests"
SETTINGS = AlertsSettings(github_labels=("edgar-sentinel", "risk-drift"))


@pytest.fixture
def github() -> Iterator[FakeGitHub]:
    with running_fake(token=TOKEN) as fake:
        yield fake


@pytest.fixture
def sink(github: FakeGitHub) -> Iterator[GitHubIssueSink]:
    with GitHubClient(
        repository=github.repository, token=TOKEN, api_url=github.url, sleep=lambda _s: None
    ) as client:
        yield GitHubIssueSink(client=client, settings=SETTINGS)


@pytest.fixture
def conn(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    c = open_store(tmp_path / "store.db")
    yield c
    c.close()


def test_issue_lifecycle_follows_the_drift(
    github: FakeGitHub, sink: GitHubIssueSink, conn: sqlite3.Connection
) -> None:
    dispatch(conn, make_alert(key="drift:a"), [sink])
    dispatch(conn, make_alert(key="drift:a"), [sink])  # the same drift, the next night

    [issue] = github.open_issues()
    assert issue["title"].startswith("Risk drift CRITICAL")
    assert [label["name"] for label in issue["labels"]] == ["edgar-sentinel", "risk-drift"]
    assert (
        "generative, ai, models" in issue["body"]
        and "- generative ai: 5 companies" in issue["body"]
    )
    assert github.comments_on(issue["number"]) == []

    dispatch(conn, make_alert(key="drift:b", target="2025"), [sink])
    assert len(github.comments_on(issue["number"])) == 1

    dispatch(conn, make_alert(DriftTier.WARN, key="drift:c", target="2026"), [sink])
    assert github.open_issues() == []
    created = [c for c in github.calls("POST") if c.path.endswith("/issues")]
    assert len(created) == 1  # one issue ever opened


def test_a_github_outage_keeps_the_alert_waiting_without_leaking_the_token(
    github: FakeGitHub, sink: GitHubIssueSink, conn: sqlite3.Connection
) -> None:
    github.fail_next(500, message=f"upstream echoed {TOKEN}", times=20)

    first = dispatch(conn, make_alert(), [sink])

    [failure] = first.failed
    assert failure.error is not None and TOKEN not in failure.error
    row = conn.execute("SELECT status, last_error FROM alert_outbox").fetchone()
    assert row["status"] == "pending" and TOKEN not in row["last_error"]

    github.faults.clear()
    second = dispatch(conn, None, [sink])
    assert [d.delivered for d in second.deliveries] == [True]
    assert len(github.open_issues()) == 1


def test_issue_body_keeps_filing_words_inert() -> None:
    from edgar_sentinel.alerts.base import AlertTerm, AlertTopic
    from edgar_sentinel.alerts.github import issue_body
    from tests.alerts.alert_factory import make_alert

    hostile = make_alert().model_copy(
        update={
            "new_topics": [
                AlertTopic(topic=1, top_words=["@octocat", "<script>", "a|b"], best_similarity=0.0)
            ],
            "emerging_terms": [
                AlertTerm(term="[click](https://evil.example) #12", companies=3, new=True)
            ],
        }
    )
    body = issue_body(hostile)
    assert "@octocat" not in body
    assert "<script>" not in body
    assert "](https://" not in body
    assert re.search(r"(?<![&\w])#12", body) is None  # no issue reference
    topic_row = next(line for line in body.splitlines() if line.startswith("| 1 |"))
    assert topic_row.count("|") == 4  # the pipe in "a|b" does not open a new cell


def test_the_nightly_sink_and_github_issue_share_one_drift_issue(
    github: FakeGitHub, conn: sqlite3.Connection
) -> None:
    from edgar_sentinel.github.report_issue import publish_issue
    from tests.report.report_docs import drift_report

    with GitHubClient(
        repository=github.repository, token=TOKEN, api_url=github.url, sleep=lambda _s: None
    ) as client:
        sink = GitHubIssueSink(client=client, settings=AlertsSettings())  # default labels
        dispatch(conn, make_alert(key="drift:a"), [sink])
        publish_issue(client, document=drift_report(tier="critical"))
    [issue] = github.open_issues()
    assert len(github.comments_on(issue["number"])) == 1  # the second path commented


def test_the_github_sink_retries_as_the_alert_settings_say(
    github: FakeGitHub, tmp_path: Path
) -> None:
    settings = AlertsSettings(
        file_enabled=False, slack_enabled=False, max_attempts=2, backoff_seconds=0
    )
    environ = {"GITHUB_TOKEN": TOKEN, "GITHUB_REPOSITORY": github.repository}
    github.fail_next(500, times=20)

    with httpx.Client() as http:
        [sink] = build_sinks(
            settings=settings.model_copy(update={"github_api_url": github.url}),
            out_dir=tmp_path,
            http=http,
            environ=environ,
        )
        with pytest.raises(GitHubError):
            sink.send(make_alert())

    assert len(github.requests) == 2  # max_attempts, not the client's default of 6
