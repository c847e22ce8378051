"""``edgar-sentinel demo``: the whole pipeline, offline, on a bundled fictional corpus."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from edgar_sentinel.cli.main import app
from edgar_sentinel.demo import DemoResult, run_demo
from edgar_sentinel.exit_codes import ExitCode

DEFAULT_OUT = Path("edgar-sentinel-demo")


def _render(result: DemoResult) -> None:
    out = Console(highlight=False, soft_wrap=True)
    out.print(f"demo folder: {escape(str(result.out_dir))}")
    out.print(
        f"corpus: {escape(str(result.corpus_dir))} (fictional companies, fiscal 2023 and 2024)"
    )
    for number, step in enumerate(result.steps, start=1):
        mark = (
            "[green]ok[/]" if step.exit_code == ExitCode.OK else f"[yellow]{step.exit_code.name}[/]"
        )
        out.print(f"{number}. {escape(step.title)}: {mark}  {escape(step.summary)}")
        for name, path in step.outputs.items():
            out.print(f"   {name}: {escape(str(path))}")


@app.command("demo")
def demo(
    out: Annotated[
        Path, typer.Option("--out", help="Folder to write the demo into (created if needed).")
    ] = DEFAULT_OUT,
    workers: Annotated[
        int | None, typer.Option("--workers", min=1, help="Worker processes.", show_default="2")
    ] = None,
) -> None:
    """Run the pipeline offline on bundled fictional 10-K filings and show where it wrote."""
    result = run_demo(out_dir=out, workers=workers)
    _render(result)
    raise typer.Exit(int(result.exit_code))


__all__ = ["demo"]
