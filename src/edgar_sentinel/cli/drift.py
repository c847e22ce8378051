"""``edgar-sentinel drift``: compare two topic models, write the report, send alerts."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from edgar_sentinel.cli.history import register_history_provider
from edgar_sentinel.cli.main import app
from edgar_sentinel.errors import UsageError
from edgar_sentinel.settings import Settings


@app.command("drift")
def drift(
    *,
    models: Annotated[Path | None, typer.Option("--models", help="Model store folder.")] = None,
    ref: Annotated[Path | None, typer.Option("--ref", help="Reference model directory.")] = None,
    target: Annotated[Path | None, typer.Option("--target", help="Target model directory.")] = None,
    top_n: Annotated[
        int | None, typer.Option("--top-n", min=2, help="Top words compared.", show_default="20")
    ] = None,
    threshold: Annotated[
        float | None,
        typer.Option("--threshold", min=0.0, max=1.0, help="Warn below this similarity."),
    ] = None,
    fail_on: Annotated[
        str | None, typer.Option("--fail-on", help="Exit 1 at this tier: warn or critical.")
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            help="Output root (reports, alerts.jsonl, store).",
            show_default="preprocess.out_dir",
        ),
    ] = None,
    json_output: Annotated[
        bool, typer.Option("--json", help="Print the report on stdout.")
    ] = False,
    config: Annotated[Path | None, typer.Option("--config", help="YAML configuration.")] = None,
) -> None:
    """Compare the two newest models (or --ref/--target) and alert on new risks.

    Exit codes: 0 the comparison ran (whatever the tier); 1 the tier reached --fail-on;
    2 usage or configuration error; 4 an alert could not be delivered (it waits in the outbox).
    """
    from edgar_sentinel.drift.nightly import default_models_dir, run_drift
    from edgar_sentinel.drift.result import DriftTier
    from edgar_sentinel.settings import load_settings

    if fail_on not in (None, "warn", "critical"):
        raise UsageError(f"--fail-on {fail_on!r} is not a tier", hint="use warn or critical")
    settings = load_settings(config)
    result = run_drift(
        models_dir=models or default_models_dir(settings),
        out_dir=output or Path(settings.preprocess.out_dir),
        settings=settings,
        reference=ref,
        target=target,
        top_n=top_n,
        threshold=threshold,
    )
    report = result.report
    if json_output:
        typer.echo(report.model_dump_json(indent=2))
    else:
        out = Console(highlight=False, soft_wrap=True)
        periods = f"{report.reference.period} -> {report.target.period}"
        out.print(f"drift {periods}: {report.tier.value.upper()}")
        for reason in report.tier_reasons:
            out.print(f"  {reason}")
        for t in report.new_topics:
            out.print(
                f"  new topic {t.topic} ({t.best_similarity:.3f}): {', '.join(t.top_words[:10])}"
            )
        if report.emerging_terms:
            terms = ", ".join(
                f"{e.term} ({e.target_companies})" for e in report.emerging_terms[:10]
            )
            out.print(f"  emerging terms (companies): {terms}")
        if report.calibration:
            out.print(f"  seed-noise false-alarm rate: {report.calibration.false_alarm_rate:.0%}")
        out.print(f"report: {result.report_path}")
    for d in result.alerts.deliveries:
        state = "sent" if d.delivered else f"FAILED ({d.error})"
        typer.echo(f"alert {d.event.value} -> {d.sink}: {state}", err=True)
    raise typer.Exit(int(result.exit_code(fail_on=DriftTier(fail_on) if fail_on else None)))


def drift_history_provider(store_path: Path, limit: int, as_json: bool) -> None:
    from edgar_sentinel.drift.history import drift_history
    from edgar_sentinel.store import open_store

    conn = open_store(store_path)
    try:
        rows = drift_history(conn, limit=limit)
    finally:
        conn.close()
    if as_json:
        typer.echo(json.dumps([asdict(r) for r in rows], indent=2, default=str))
        return
    table = Table(title=f"Drift results in {store_path}")
    for col in (
        "id",
        "created",
        "periods",
        "tier",
        "new",
        "vanished",
        "emerging",
        "mean sim",
        "false alarms",
    ):
        table.add_column(col)
    for r in rows:
        table.add_row(
            str(r.id),
            r.created_at[:19],
            f"{r.reference_period} -> {r.target_period}",
            r.tier.value,
            str(r.new_topics),
            str(r.vanished_topics),
            str(r.emerging_terms),
            f"{r.mean_best_similarity:.3f}",
            "-" if r.false_alarm_rate is None else f"{r.false_alarm_rate:.0%}",
        )
    Console(highlight=False).print(table)


def drift_store_path(settings: Settings) -> Path:
    """Where ``drift`` (default ``--output``) records its results."""
    from edgar_sentinel.drift.nightly import store_path

    return store_path(settings, Path(settings.preprocess.out_dir))


register_history_provider("drift", drift_history_provider, default_store=drift_store_path)

__all__ = ["drift", "drift_history_provider"]
