"""``edgar-sentinel history``: recorded validations (and, via providers, other kinds).

Other stages plug in a listing without editing this file::

    from edgar_sentinel.cli.history import register_history_provider
    register_history_provider("drift", my_listing, default_store=my_store_path)

``my_listing(store_path, limit, as_json)`` prints; ``my_store_path(settings)`` is where that
stage writes its store when ``--store`` is not given (each stage knows its own default).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from edgar_sentinel.cli.main import app
from edgar_sentinel.errors import UsageError
from edgar_sentinel.gate.history import list_runs
from edgar_sentinel.settings import Settings, load_settings
from edgar_sentinel.store import default_store_path, open_store

HistoryProvider = Callable[[Path, int, bool], None]
StoreLocator = Callable[[Settings], Path]
_PROVIDERS: dict[str, tuple[HistoryProvider, StoreLocator]] = {}


def register_history_provider(
    kind: str, provider: HistoryProvider, *, default_store: StoreLocator
) -> None:
    """Make ``history --kind KIND`` call ``provider(store_path, limit, as_json)``."""
    _PROVIDERS[kind] = (provider, default_store)


def gate_store_path(settings: Settings) -> Path:
    """Where ``validate`` records runs: ``gate.store_path``, else beside the runs."""
    return settings.gate.store_path or default_store_path(Path(settings.preprocess.out_dir))


def gate_history(store_path: Path, limit: int, as_json: bool) -> None:
    conn = open_store(store_path)
    try:
        runs = list_runs(conn, limit=limit)
    finally:
        conn.close()
    if as_json:
        typer.echo(json.dumps([asdict(r) for r in runs], indent=2))
        return
    console = Console()
    table = Table(title=f"Gate runs in {store_path}")
    for col in ("id", "timestamp", "decision", "status", "files", "dataset", "run directory"):
        table.add_column(col)
    for r in runs:
        table.add_row(
            str(r.run_id),
            r.timestamp[:19],
            r.decision,
            r.status,
            str(r.files_checked),
            r.dataset_key[:19],
            r.run_directory,
        )
    console.print(table)
    if runs:
        trend = Table(title="Metric trend (oldest → newest)")
        trend.add_column("check")
        trend.add_column("values")
        for metric in runs[0].metrics:
            values = [r.metrics.get(metric) for r in reversed(runs)]
            trend.add_row(metric, "  ".join("–" if v is None else f"{v:.3g}" for v in values))
        console.print(trend)


register_history_provider("gate", gate_history, default_store=gate_store_path)


@app.command("history")
def history(
    kind: Annotated[str, typer.Option("--kind", help="gate or drift.")] = "gate",
    store: Annotated[Path | None, typer.Option("--store", help="History store file.")] = None,
    limit: Annotated[int, typer.Option("--limit", help="Most recent runs to show.")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    config: Annotated[Path | None, typer.Option("--config", help="Settings YAML.")] = None,
) -> None:
    """List recorded validations and the trend of every metric."""
    registered = _PROVIDERS.get(kind)
    if registered is None:
        raise UsageError(
            f"unknown history kind {kind!r}",
            hint=f"choose one of: {', '.join(sorted(_PROVIDERS))}",
        )
    provider, default_store = registered
    path = store or default_store(load_settings(config))
    if not path.exists():
        raise UsageError(
            f"no history store at {path}",
            hint="pass --store, or run 'edgar-sentinel validate' first",
        )
    provider(path, limit, as_json)


__all__ = [
    "HistoryProvider",
    "StoreLocator",
    "gate_history",
    "gate_store_path",
    "history",
    "register_history_provider",
]
