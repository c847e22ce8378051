"""The GitHub client against the stand-in API: pagination, retries, errors, no token leaks."""

from __future__ import annotations

import logging
import time

import httpx
import pytest

from edgar_sentinel.errors import DeliveryError
from edgar_sentinel.exit_codes import ExitCode
from edgar_sentinel.github.client import GitHubClient
from edgar_sentinel.github.errors import (
    GitHubAuthError,
    GitHubConfigError,
    GitHubError,
    GitHubNotFoundError,
    GitHubRateLimitError,
    GitHubRequestError,
    GitHubServerError,
)
from edgar_sentinel.retry import RetryPolicy
from tests.fakes.github_api import BODY_LIMIT, TOKEN, FakeGitHub, running_fake


def test_comments_are_created_listed_across_pages_and_updated(
    client: GitHubClient, fake_github: FakeGitHub
) -> None:
    pr = fake_github.add_issue(title="Update filings", pull=True)["number"]
    for i in range(205):
        fake_github.add_comment(pr, f"comment {i}")

    created = client.create_issue_comment(pr, "hello")
    listed = client.list_issue_comments(pr)

    assert len(listed) == 206
    assert [c["body"] for c in listed[:2]] == ["comment 0", "comment 1"]
    assert listed[-1]["id"] == created["id"]
    assert len(fake_github.calls("GET", "/comments")) == 3  # 100 + 100 + 6, via Link headers
    updated = client.update_issue_comment(created["id"], "hello again")
    assert updated["body"] == "hello again"
    assert fake_github.comments[created["id"]]["body"] == "hello again"


def test_open_issues_are_filtered_by_label_and_exclude_pull_requests(
    client: GitHubClient, fake_github: FakeGitHub
) -> None:
    wanted = fake_github.add_issue(title="gate", labels=["edgar-sentinel", "data-quality"])
    fake_github.add_issue(title="other", labels=["bug"])
    fake_github.add_issue(title="a PR", labels=["edgar-sentinel", "data-quality"], pull=True)
    closed = client.create_issue(title="old", body="", labels=["edgar-sentinel", "data-quality"])
    client.close_issue(closed["number"])

    issues = client.list_open_issues(labels=["edgar-sentinel", "data-quality"])

    assert [i["number"] for i in issues] == [wanted["number"]]
    assert fake_github.calls("GET", "/issues")[0].query["labels"] == ["edgar-sentinel,data-quality"]
    assert fake_github.issues[closed["number"]]["state_reason"] == "completed"


def test_requests_carry_bearer_token_api_version_and_user_agent(
    client: GitHubClient, fake_github: FakeGitHub
) -> None:
    client.list_open_issues(labels=["x"])
    headers = {k.lower(): v for k, v in fake_github.requests[-1].headers.items()}
    assert headers["authorization"] == f"Bearer {TOKEN}"
    assert headers["accept"] == "application/vnd.github+json"
    assert headers["x-github-api-version"] == "2022-11-28"
    assert headers["user-agent"].startswith("edgar-sentinel/")


def test_enterprise_server_api_prefix_is_honoured() -> None:
    with running_fake(token=TOKEN, prefix="/api/v3") as fake:
        issue = fake.add_issue(title="x", labels=["l"])
        for i in range(120):
            fake.add_issue(title=f"noise {i}", labels=["l"])
        with GitHubClient(repository=fake.repository, token=TOKEN, api_url=fake.url) as ghe:
            numbers = [i["number"] for i in ghe.list_open_issues(labels=["l"])]
    assert len(numbers) == 121
    assert issue["number"] in numbers
    assert all(r.path.startswith("/api/v3/") for r in fake.requests)


def test_server_errors_are_retried_with_growing_capped_waits(
    client: GitHubClient, fake_github: FakeGitHub, sleeps: list[float]
) -> None:
    pr = fake_github.add_issue(title="pr", pull=True)["number"]
    fake_github.fail_next(502, times=3, method="POST")

    comment = client.create_issue_comment(pr, "body")

    assert comment["body"] == "body"
    assert sleeps == [1.0, 2.0, 4.0]


def test_429_waits_for_retry_after(
    client: GitHubClient, fake_github: FakeGitHub, sleeps: list[float]
) -> None:
    fake_github.fail_next(429, headers={"Retry-After": "7"}, message="slow down")
    assert client.list_open_issues(labels=["x"]) == []
    assert sleeps == [7.0]


def test_403_with_exhausted_rate_limit_waits_until_reset(
    client: GitHubClient, fake_github: FakeGitHub, sleeps: list[float]
) -> None:
    reset = int(time.time()) + 20
    fake_github.fail_next(
        403,
        headers={"x-ratelimit-remaining": "0", "x-ratelimit-reset": str(reset)},
        message="API rate limit exceeded",
    )
    assert client.list_open_issues(labels=["x"]) == []
    assert len(sleeps) == 1
    assert 15.0 <= sleeps[0] <= 22.0


def test_rate_limit_resetting_later_than_the_cap_fails_at_once(
    client: GitHubClient, fake_github: FakeGitHub, sleeps: list[float]
) -> None:
    fake_github.fail_next(429, headers={"Retry-After": "3600"}, message="slow down")
    with pytest.raises(GitHubRateLimitError, match="resets in 3600 s") as info:
        client.list_open_issues(labels=["x"])
    assert sleeps == []
    assert info.value.exit_code == ExitCode.DELIVERY_FAILED


def test_retries_are_capped(
    client: GitHubClient, fake_github: FakeGitHub, sleeps: list[float]
) -> None:
    fake_github.fail_next(503, times=100)
    with pytest.raises(GitHubServerError, match="HTTP 503 after 6 attempts"):
        client.list_open_issues(labels=["x"])
    assert len(sleeps) == 5


def test_plain_403_is_a_permission_error_and_is_not_retried(
    client: GitHubClient, fake_github: FakeGitHub, sleeps: list[float]
) -> None:
    fake_github.fail_next(403, message="Resource not accessible by integration")
    with pytest.raises(GitHubAuthError) as info:
        client.create_issue(title="t", body="b", labels=[])
    assert "Resource not accessible by integration" in str(info.value)
    assert info.value.hint is not None and "issues: write" in info.value.hint
    assert sleeps == []


def test_unknown_issue_is_not_found_with_a_hint(client: GitHubClient) -> None:
    with pytest.raises(GitHubNotFoundError) as info:
        client.list_issue_comments(999)
    assert info.value.hint is not None and "octo/filings" in info.value.hint


def test_too_long_body_reports_githubs_reason(
    client: GitHubClient, fake_github: FakeGitHub
) -> None:
    pr = fake_github.add_issue(title="pr", pull=True)["number"]
    with pytest.raises(GitHubRequestError, match="body is too long"):
        client.create_issue_comment(pr, "x" * (BODY_LIMIT + 1))


@pytest.mark.parametrize(
    ("status", "expected"),
    [(401, GitHubAuthError), (403, GitHubAuthError), (500, GitHubServerError)],
)
def test_no_error_message_contains_the_token(
    fake_github: FakeGitHub,
    status: int,
    expected: type[GitHubError],
    caplog: pytest.LogCaptureFixture,
) -> None:
    # A hostile or broken server echoes the credentials back in its error message.
    fake_github.fail_next(status, message=f"bad token Bearer {TOKEN}", times=100)
    caplog.set_level(logging.DEBUG)
    with (
        GitHubClient(
            repository=fake_github.repository,
            token=TOKEN,
            api_url=fake_github.url,
            sleep=lambda _: None,
        ) as github,
        pytest.raises(expected) as info,
    ):
        github.list_open_issues(labels=["x"])
    error = info.value
    assert isinstance(error, DeliveryError)
    texts = [str(error), repr(error), error.hint or "", repr(github), caplog.text]
    assert all(TOKEN not in text for text in texts)
    assert "***" in str(error)
    assert error.__cause__ is None


def test_wrong_token_is_401_without_the_token_in_the_message(fake_github: FakeGitHub) -> None:
    wrong = "ghp_WrongWrongWrongWrong0123456789"
    with (
        GitHubClient(repository=fake_github.repository, token=wrong, api_url=fake_github.url) as gh,
        pytest.raises(GitHubAuthError, match="HTTP 401: Bad credentials") as info,
    ):
        gh.list_open_issues(labels=["x"])
    assert wrong not in str(info.value)
    assert info.value.hint is not None and "GITHUB_TOKEN" in info.value.hint


def test_connection_failures_are_retried_then_reported_without_the_token(
    sleeps: list[float],
) -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError(f"refused {request.headers['Authorization']}", request=request)

    with (
        httpx.Client(transport=httpx.MockTransport(refuse)) as http,
        pytest.raises(GitHubServerError, match="cannot reach GitHub") as info,
    ):
        GitHubClient(
            repository="octo/filings",
            token=TOKEN,
            http=http,
            retry=RetryPolicy(retries=2),
            sleep=sleeps.append,
        ).list_open_issues(labels=["x"])
    assert TOKEN not in str(info.value)
    assert info.value.__cause__ is None
    assert sleeps == [1.0, 2.0]


def test_pagination_never_sends_the_token_to_another_host(fake_github: FakeGitHub) -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        assert request.url.host == "api.github.example"
        return httpx.Response(
            200, json=[], headers={"Link": '<https://evil.example/steal?page=2>; rel="next"'}
        )

    with (
        httpx.Client(transport=httpx.MockTransport(answer)) as http,
        pytest.raises(GitHubError, match="refusing to follow a pagination link"),
    ):
        GitHubClient(
            repository="octo/filings",
            token=TOKEN,
            api_url="https://api.github.example",
            http=http,
        ).list_open_issues(labels=["x"])


def test_from_env_reads_the_workflow_variables(
    fake_github: FakeGitHub, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_TOKEN", TOKEN)
    monkeypatch.setenv("GITHUB_REPOSITORY", fake_github.repository)
    monkeypatch.setenv("GITHUB_API_URL", fake_github.url)
    with GitHubClient.from_env() as github:
        assert github.list_open_issues(labels=["x"]) == []
        assert github.api_url == fake_github.url


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"GITHUB_REPOSITORY": "octo/filings"}, "GITHUB_TOKEN is not set"),
        ({"GITHUB_TOKEN": TOKEN}, "GITHUB_REPOSITORY is not set"),
        ({"GITHUB_TOKEN": TOKEN, "GITHUB_REPOSITORY": "no-slash"}, "not of the form"),
        (
            {"GITHUB_TOKEN": TOKEN, "GITHUB_REPOSITORY": "o/r", "GITHUB_API_URL": "ftp://x"},
            "not an http",
        ),
    ],
)
def test_from_env_explains_missing_configuration(
    env: dict[str, str], message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("GITHUB_TOKEN", "GITHUB_REPOSITORY", "GITHUB_API_URL"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(GitHubConfigError, match=message) as info:
        GitHubClient.from_env()
    assert TOKEN not in str(info.value)
    assert info.value.exit_code == ExitCode.USAGE


def test_secondary_rate_limit_without_headers_waits_a_minute(
    client: GitHubClient, fake_github: FakeGitHub, sleeps: list[float]
) -> None:
    fake_github.fail_next(403, message="You have exceeded a secondary rate limit.")
    assert client.list_open_issues(labels=["x"]) == []
    assert sleeps == [60.0]
