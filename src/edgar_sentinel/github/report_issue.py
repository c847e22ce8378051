"""Issues for reports: a gate NO-GO or a critical drift opens (or updates) one issue.

Fingerprints: a gate issue is per named dataset (``gate:<name>`` from ``validate
--dataset``), or one shared ``gate:default`` issue for unnamed data, so the next GO run
closes it even when the fix changed the inputs (and with them the dataset's content id).
There is one drift issue, the same one the nightly alert sink opens and closes
(``DRIFT_ISSUE_FINGERPRINT`` under the fixed ``edgar-sentinel:drift`` label), so running
``github issue`` on a drift report and the nightly job never open two issues for one drift.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from edgar_sentinel.drift.result import DriftReport, DriftTier
from edgar_sentinel.gate.result import Decision
from edgar_sentinel.github.client import GitHubClient
from edgar_sentinel.github.issues import RESERVED, IssueSyncResult, sync_issue
from edgar_sentinel.github.markers import DRIFT_ISSUE_FINGERPRINT, KIND_LABELS, safe_key
from edgar_sentinel.github.run_link import run_footer
from edgar_sentinel.report.document import ReportDocument
from edgar_sentinel.report.escaping import one_line
from edgar_sentinel.report.limits import COMMENT_LIMIT, size
from edgar_sentinel.report.render import render


@dataclass(frozen=True)
class ReportIssue:
    fingerprint: str
    title: str
    failing: bool
    labels: tuple[str, ...]


def issue_for_report(document: ReportDocument, *, labels: Sequence[str] = ()) -> ReportIssue:
    """What the issue for ``document`` is called, found by, and whether it should be open."""
    fixed = KIND_LABELS[document.kind]
    extra = tuple(label for label in labels if label != fixed)
    if isinstance(document, DriftReport):
        ref, tgt = document.reference.period, document.target.period
        return ReportIssue(
            fingerprint=DRIFT_ISSUE_FINGERPRINT,
            title=one_line(f"Critical risk drift: {ref} → {tgt}", max_len=200),
            failing=document.tier is DriftTier.CRITICAL,
            labels=(fixed, *extra),
        )
    name = document.dataset.name
    return ReportIssue(
        fingerprint=f"gate:{safe_key(name) if name else 'default'}",
        title=one_line(
            f"Data-quality gate NO-GO for {name}" if name else "Data-quality gate NO-GO",
            max_len=200,
        ),
        failing=document.go_no_go is Decision.NO_GO,
        labels=(fixed, *extra),
    )


def publish_issue(
    client: GitHubClient,
    *,
    document: ReportDocument,
    labels: Sequence[str] = (),
    run_url: str | None = None,
) -> IssueSyncResult:
    """Open, comment on or close the issue for ``document`` (see ``sync_issue``)."""
    spec = issue_for_report(document, labels=labels)
    footer = run_footer(run_url)
    body = render(document, fmt="markdown", limit=COMMENT_LIMIT - RESERVED - size(footer))
    body += footer
    return sync_issue(
        client,
        fingerprint=spec.fingerprint,
        title=spec.title,
        body=body,
        labels=spec.labels,
        failing=spec.failing,
    )


__all__ = [
    "ReportIssue",
    "issue_for_report",
    "publish_issue",
]
