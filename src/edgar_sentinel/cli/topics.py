"""``edgar-sentinel topics``: train one LDA model per period, list the model store."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from edgar_sentinel.cli.main import app
from edgar_sentinel.errors import UsageError

topics_app = typer.Typer(help="Topic models of risk factors, one per period.", no_args_is_help=True)
app.add_typer(topics_app, name="topics")


@topics_app.command("train")
def train(
    *,
    run_dirs: Annotated[
        list[Path], typer.Argument(help="Preprocessing run directories.", metavar="RUN_DIR...")
    ],
    by: Annotated[
        str, typer.Option("--by", help="Period of a filing: fiscal_year (the only key).")
    ] = "fiscal_year",
    period: Annotated[
        str | None, typer.Option("--period", help="Put every filing into this one period.")
    ] = None,
    group: Annotated[
        list[str] | None,
        typer.Option(
            "--group",
            help="Period from fiscal years, LABEL=FROM-TO (repeatable), e.g. early=2017-2019.",
        ),
    ] = None,
    only: Annotated[
        list[str] | None, typer.Option("--only", help="Train only these periods (repeatable).")
    ] = None,
    company: Annotated[
        list[str] | None,
        typer.Option(
            "--company", help="Only this filer: CIK, ticker or company name (repeatable)."
        ),
    ] = None,
    num_topics: Annotated[
        int | None, typer.Option("--num-topics", "-k", min=2, help="Topics per model.")
    ] = None,
    seed: Annotated[int | None, typer.Option("--seed", min=0, help="Random seed.")] = None,
    iterations: Annotated[
        int | None, typer.Option("--iterations", min=10, help="Gibbs iterations.")
    ] = None,
    models: Annotated[Path | None, typer.Option("--models", help="Model store folder.")] = None,
    json_output: Annotated[bool, typer.Option("--json", help="Print JSON on stdout.")] = False,
    config: Annotated[Path | None, typer.Option("--config", help="YAML configuration.")] = None,
) -> None:
    """Train one LDA model per period and store it (exit 0; 2 on a usage error)."""
    from edgar_sentinel.drift.corpus import by_fiscal_year, fixed_period, grouped_periods
    from edgar_sentinel.drift.nightly import default_models_dir
    from edgar_sentinel.drift.training import train_models
    from edgar_sentinel.settings import load_settings

    settings = load_settings(config)
    if by != "fiscal_year":
        raise UsageError(f"unknown --by {by!r}", hint="use --by fiscal_year, --period or --group")
    if period and group:
        raise UsageError("give --period or --group, not both")
    period_of = (
        fixed_period(period) if period else grouped_periods(group) if group else by_fiscal_year
    )
    result = train_models(
        run_dirs=run_dirs,
        models_dir=models or default_models_dir(settings),
        settings=settings.risk_analysis,
        period_of=period_of,
        periods=only,
        num_topics=num_topics,
        seed=seed,
        iterations=iterations,
        companies=company or (),
    )
    if json_output:
        payload = {
            "models": [
                {"path": str(m.path), "period": m.info.period, "coherence": m.info.coherence}
                for m in result.models
            ],
            "skipped_periods": result.skipped_periods,
        }
        typer.echo(json.dumps(payload, indent=2))
        return
    for m in result.models:
        c = m.info.corpus
        typer.echo(
            f"{m.path}  period {m.info.period}: {c.documents} segments, {c.vocabulary} words, "
            f"{m.info.coherence_measure} {m.info.coherence:.3f}"
        )
    for p, why in result.skipped_periods.items():
        typer.echo(f"skipped period {p}: {why}", err=True)


@topics_app.command("list")
def list_command(
    *,
    models: Annotated[Path | None, typer.Option("--models", help="Model store folder.")] = None,
    json_output: Annotated[bool, typer.Option("--json", help="Print JSON on stdout.")] = False,
    config: Annotated[Path | None, typer.Option("--config", help="YAML configuration.")] = None,
) -> None:
    """List the stored models, oldest period first (drift compares the newest model of each of
    the two newest periods)."""
    from edgar_sentinel.drift.model_store import list_models
    from edgar_sentinel.drift.nightly import default_models_dir
    from edgar_sentinel.settings import load_settings

    store = models or default_models_dir(load_settings(config))
    found = list_models(store)
    if json_output:
        typer.echo(
            json.dumps(
                [
                    {"path": str(m.path), **m.info.model_dump(mode="json", exclude={"topics"})}
                    for m in found
                ],
                indent=2,
            )
        )
        return
    table = Table(title=f"Topic models in {store}")
    for col in ("model", "period", "K", "segments", "companies", "coherence", "seed"):
        table.add_column(col)
    for m in found:
        i = m.info
        table.add_row(
            i.model_id,
            i.period,
            str(i.parameters.num_topics),
            str(i.corpus.documents),
            str(i.corpus.companies),
            f"{i.coherence:.3f}",
            str(i.seed),
        )
    Console(highlight=False).print(table)


__all__ = ["list_command", "topics_app", "train"]
