"""``edgar-sentinel github comment|issue REPORT.json``: publish a report on GitHub.

Both read ``GITHUB_TOKEN``, ``GITHUB_REPOSITORY`` and ``GITHUB_API_URL`` from the
environment (GitHub Actions sets the last two). They exit 0 when GitHub accepted the
change and 4 (delivery failed) when it could not be made; the gate's own exit code
comes from ``validate``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from edgar_sentinel.cli.main import app
from edgar_sentinel.exit_codes import ExitCode

github_app = typer.Typer(
    name="github",
    help="Publish reports on GitHub: a sticky pull-request comment, an issue on failure.",
    no_args_is_help=True,
)
app.add_typer(github_app)

ReportArg = Annotated[Path, typer.Argument(help="JSON report written by 'validate' or 'drift'.")]
ConfigOpt = Annotated[Path | None, typer.Option("--config", help="Settings YAML.")]


@github_app.command("comment")
def comment(
    report_file: ReportArg,
    *,
    pr: Annotated[int, typer.Option("--pr", help="Pull request number.", min=1)],
    author: Annotated[
        str | None,
        typer.Option(
            "--author",
            help="Login the sticky comment was posted as (default github-actions[bot]; '' = any).",
        ),
    ] = None,
    config: ConfigOpt = None,
) -> None:
    """Create or update the report's sticky comment on a pull request."""
    from edgar_sentinel.github.client import GitHubClient
    from edgar_sentinel.github.comments import publish_comment
    from edgar_sentinel.github.run_link import workflow_run_url
    from edgar_sentinel.report import load_report
    from edgar_sentinel.settings import load_settings

    settings = load_settings(config).github
    document = load_report(report_file)
    with GitHubClient.from_env(retry=settings.retry_policy()) as client:
        result = publish_comment(
            client,
            number=pr,
            document=document,
            author=settings.comment_author if author is None else author,
            run_url=workflow_run_url(),
        )
    typer.echo(
        f"{result.action} {document.kind} comment on #{pr}: {result.url or result.comment_id}"
    )
    raise typer.Exit(int(ExitCode.OK))


@github_app.command("issue")
def issue(
    report_file: ReportArg,
    *,
    label: Annotated[
        list[str] | None, typer.Option("--label", help="Extra label for a new issue (repeat).")
    ] = None,
    config: ConfigOpt = None,
) -> None:
    """Open or update an issue on failure (NO-GO, critical drift); close it on recovery."""
    from edgar_sentinel.github.client import GitHubClient
    from edgar_sentinel.github.report_issue import publish_issue
    from edgar_sentinel.github.run_link import workflow_run_url
    from edgar_sentinel.report import load_report
    from edgar_sentinel.settings import load_settings

    settings = load_settings(config).github
    document = load_report(report_file)
    labels = label if label else list(settings.issue_labels)
    with GitHubClient.from_env(retry=settings.retry_policy()) as client:
        result = publish_issue(client, document=document, labels=labels, run_url=workflow_run_url())
    where = f" #{result.number}" if result.number is not None else ""
    dups = f" (closed duplicates {', '.join(f'#{n}' for n in result.duplicates_closed)})"
    typer.echo(f"issue{where}: {result.action}{dups if result.duplicates_closed else ''}")
    raise typer.Exit(int(ExitCode.OK))


__all__ = ["comment", "github_app", "issue"]
