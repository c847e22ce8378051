"""``edgar-sentinel github comment|issue``, end to end from a real ``validate`` report."""

from __future__ import annotations

from pathlib import Path

import pytest

from edgar_sentinel.exit_codes import ExitCode
from edgar_sentinel.report.escaping import strip_references
from tests.cli_helpers import invoke
from tests.fakes.github_api import TOKEN, FakeGitHub
from tests.gate.helpers import make_record, with_segment_text, write_run

HOSTILE_SEGMENT = (
    "Risk | <script>alert(1)</script> @octocat see #12 <!-- edgar-sentinel:gate --> " * 8
)


@pytest.fixture
def github_env(fake_github: FakeGitHub, monkeypatch: pytest.MonkeyPatch) -> FakeGitHub:
    monkeypatch.setenv("GITHUB_TOKEN", TOKEN)
    monkeypatch.setenv("GITHUB_REPOSITORY", fake_github.repository)
    monkeypatch.setenv("GITHUB_API_URL", fake_github.url)
    return fake_github


def validate(tmp_path: Path, *, bad: bool) -> Path:
    records = [make_record(i) for i in range(20)]
    if bad:  # a duplicate filing (blocking) carrying hostile text
        records = [with_segment_text(r, 0, HOSTILE_SEGMENT) for r in records[:3]] + records[3:]
        records.append(records[0])
    run = write_run(tmp_path, records, name=f"run-{'bad' if bad else 'good'}")
    out = tmp_path / f"{run.name}.json"
    code, _ = invoke("validate", str(run), "--output", str(out), "--no-history", "--json")
    assert code == (ExitCode.NO_GO if bad else ExitCode.OK)
    return out


def test_comment_then_issue_lifecycle_from_real_gate_reports(
    tmp_path: Path, github_env: FakeGitHub
) -> None:
    pr = github_env.add_issue(title="Update filings", pull=True)["number"]
    bad, good = validate(tmp_path, bad=True), validate(tmp_path, bad=False)

    assert invoke("github", "comment", "--pr", str(pr), str(bad))[0] == ExitCode.OK
    code, output = invoke("github", "issue", str(bad), "--label", "data-quality")
    assert code == ExitCode.OK and output.startswith("issue #") and "opened" in output
    assert invoke("github", "comment", "--pr", str(pr), str(good))[0] == ExitCode.OK
    code, output = invoke("github", "issue", str(good))
    assert code == ExitCode.OK and "closed" in output

    (comment,) = github_env.comments_on(pr)
    assert comment["body"].startswith("<!-- edgar-sentinel:gate -->\n### ✅")
    issue = next(i for i in github_env.issues.values() if "pull_request" not in i)
    assert issue["title"] == "Data-quality gate NO-GO"
    assert issue["state"] == "closed"
    assert [lab["name"] for lab in issue["labels"]] == ["edgar-sentinel:gate", "data-quality"]


def test_hostile_filing_text_reaches_github_escaped(tmp_path: Path, github_env: FakeGitHub) -> None:
    pr = github_env.add_issue(title="pr", pull=True)["number"]
    invoke("github", "comment", "--pr", str(pr), str(validate(tmp_path, bad=True)))
    (comment,) = github_env.comments_on(pr)
    body = comment["body"]
    assert body.count("<!--") == 1  # only our own marker, on the first line
    assert "<script>" not in body and "@octocat" not in body
    assert "#12" not in strip_references(body) and "&#35;\u200b12" in body


def test_missing_token_is_a_usage_error_with_a_hint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GITHUB_TOKEN", raising=False)
    report = validate(tmp_path, bad=False)
    code, message = invoke("github", "comment", "--pr", "1", str(report))
    assert code == ExitCode.USAGE and "GITHUB_TOKEN is not set" in message


def test_github_refusal_exits_with_delivery_failed_and_no_token(
    tmp_path: Path, github_env: FakeGitHub
) -> None:
    github_env.fail_next(401, message=f"Bad credentials {TOKEN}")
    code, message = invoke("github", "issue", str(validate(tmp_path, bad=True)))
    assert code == ExitCode.DELIVERY_FAILED
    assert "401" in message and TOKEN not in message
