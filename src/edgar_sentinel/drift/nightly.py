"""One drift run end to end: discover (or take) two models, compare, render, record, alert.

Output under ``out_dir`` (the output root)::

    {out_dir}/{YYYYMMDD_HHMMSS}_drift/drift_report.json   the DriftReport (source of truth)
    {out_dir}/{YYYYMMDD_HHMMSS}_drift/drift_report.md     markdown rendered from it
    {out_dir}/{YYYYMMDD_HHMMSS}_drift/drift_report.html   HTML rendered from it
    {out_dir}/{YYYYMMDD_HHMMSS}_drift/drift_heatmap.png   the similarity matrix
    {out_dir}/alerts.jsonl                                 the file sink
    {out_dir}/edgar-sentinel.db                            history + alert outbox (default)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from edgar_sentinel.alerts.base import alert_from_report
from edgar_sentinel.alerts.factory import build_sinks, wants_network
from edgar_sentinel.alerts.outbox import DispatchResult, dispatch
from edgar_sentinel.drift.detect import detect_drift, resolve_thresholds
from edgar_sentinel.drift.heatmap import HEATMAP_FILE, draw_heatmap
from edgar_sentinel.drift.history import record_drift
from edgar_sentinel.drift.model_store import latest_pair, load_model
from edgar_sentinel.drift.result import DriftReport, DriftTier
from edgar_sentinel.errors import UsageError
from edgar_sentinel.exit_codes import ExitCode
from edgar_sentinel.runs import atomic_write_bytes, dump_json, new_dir, stamp
from edgar_sentinel.store import default_store_path, open_store

if TYPE_CHECKING:
    import httpx

    from edgar_sentinel.settings import Settings

REPORT_FILE = "drift_report.json"


@dataclass(frozen=True)
class NightlyResult:
    report: DriftReport
    run_dir: Path
    report_path: Path
    markdown_path: Path
    heatmap_path: Path
    history_id: int
    alerts: DispatchResult

    def exit_code(self, *, fail_on: DriftTier | None = None) -> ExitCode:
        """4 when an alert could not be delivered, else 1 when ``fail_on`` is reached, else 0."""
        if self.alerts.failed:
            return ExitCode.DELIVERY_FAILED
        if fail_on is not None and self.report.tier.rank >= fail_on.rank:
            return ExitCode.NO_GO
        return ExitCode.OK


def run_drift(
    *,
    models_dir: Path,
    out_dir: Path,
    settings: Settings,
    reference: Path | None = None,
    target: Path | None = None,
    top_n: int | None = None,
    threshold: float | None = None,
    http: httpx.Client | None = None,
    environ: Mapping[str, str] | None = None,
) -> NightlyResult:
    """Compare ``reference`` and ``target`` (default: the two newest periods) and alert."""
    if (reference is None) != (target is None):
        raise UsageError("give both --ref and --target, or neither (the two newest are used)")
    if reference is not None and target is not None:
        ref_model, tgt_model = load_model(reference), load_model(target)
    else:
        ref_model, tgt_model = latest_pair(models_dir)
    ra = settings.risk_analysis
    thresholds = resolve_thresholds(ra, flag=threshold, environ=environ)
    when = datetime.now(UTC).replace(microsecond=0)
    report = detect_drift(
        reference=ref_model,
        target=tgt_model,
        settings=ra,
        thresholds=thresholds,
        top_n=top_n,
        now=when,
    )
    run_dir = new_dir(out_dir / f"{stamp(when)}_drift")
    heatmap_path = draw_heatmap(report, run_dir / HEATMAP_FILE)
    report = report.model_copy(update={"heatmap_file": HEATMAP_FILE})
    report_path = run_dir / REPORT_FILE
    atomic_write_bytes(report_path, dump_json(report.model_dump(mode="json")))
    from edgar_sentinel.report import write_reports

    markdown_path = write_reports(report, out_dir=run_dir)["markdown"]

    conn = open_store(store_path(settings, out_dir))
    own_http = None
    try:
        history_id = record_drift(conn, report, report_path=str(report_path))
        if http is None and wants_network(settings.alerts, environ):
            import httpx

            # One client for every sink: the alerts' timeout applies to Slack and GitHub.
            timeout = settings.alerts.timeout_seconds
            http = own_http = httpx.Client(timeout=timeout, follow_redirects=False)
        sinks = build_sinks(settings=settings.alerts, out_dir=out_dir, http=http, environ=environ)
        alerts = dispatch(conn, alert_from_report(report, report_path=str(report_path)), sinks)
    finally:
        conn.close()
        if own_http is not None:
            own_http.close()
    return NightlyResult(
        report, run_dir, report_path, markdown_path, heatmap_path, history_id, alerts
    )


def store_path(settings: Settings, out_dir: Path) -> Path:
    """``risk_analysis.store_path`` > ``gate.store_path`` > ``{out_dir}/edgar-sentinel.db``."""
    return (
        settings.risk_analysis.store_path or settings.gate.store_path or default_store_path(out_dir)
    )


def default_models_dir(settings: Settings) -> Path:
    """``risk_analysis.models_dir`` > ``{preprocess.out_dir}/models``."""
    return settings.risk_analysis.models_dir or Path(settings.preprocess.out_dir) / "models"


def run_nightly(
    *, models_dir: Path, out_dir: Path, settings: Settings, http: httpx.Client | None = None
) -> NightlyResult:
    """The scheduled job: the two newest models by period, compared, rendered, alerted."""
    return run_drift(models_dir=models_dir, out_dir=out_dir, settings=settings, http=http)


__all__ = [
    "REPORT_FILE",
    "NightlyResult",
    "default_models_dir",
    "run_drift",
    "run_nightly",
    "store_path",
]
