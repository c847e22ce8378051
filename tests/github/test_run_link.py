"""The link to the workflow run whose artifacts hold the full reports."""

from __future__ import annotations

import pytest

from edgar_sentinel.github.client import GitHubClient
from edgar_sentinel.github.comments import publish_comment
from edgar_sentinel.github.run_link import workflow_run_url
from edgar_sentinel.report import COMMENT_LIMIT
from edgar_sentinel.report.limits import size
from tests.fakes.github_api import FakeGitHub
from tests.report.report_docs import huge_gate_report

ACTIONS = {
    "GITHUB_SERVER_URL": "https://github.com",
    "GITHUB_REPOSITORY": "octo/filings",
    "GITHUB_RUN_ID": "123456",
}


def test_the_run_url_comes_from_the_actions_environment() -> None:
    assert workflow_run_url(ACTIONS) == "https://github.com/octo/filings/actions/runs/123456"


@pytest.mark.parametrize(
    "override",
    [
        {"GITHUB_RUN_ID": ""},
        {"GITHUB_RUN_ID": "12) [x](https://evil.example"},
        {"GITHUB_REPOSITORY": "octo/filings) ![x](y"},
        {"GITHUB_SERVER_URL": "javascript:alert(1)"},
    ],
)
def test_missing_or_odd_values_give_no_link(override: dict[str, str]) -> None:
    assert workflow_run_url({**ACTIONS, **override}) is None


def test_the_comment_links_the_run_and_still_fits(
    client: GitHubClient, fake_github: FakeGitHub
) -> None:
    pr = fake_github.add_issue(title="pr", pull=True)["number"]
    url = workflow_run_url(ACTIONS)
    result = publish_comment(
        client, number=pr, document=huge_gate_report(findings=500), run_url=url
    )
    (comment,) = fake_github.comments_on(pr)
    assert comment["body"].endswith(f"[Workflow run, with the full reports as artifacts]({url})")
    assert result.size == size(comment["body"]) <= COMMENT_LIMIT
