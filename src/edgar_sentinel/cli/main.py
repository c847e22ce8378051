"""The ``edgar-sentinel`` command: a thin layer over the library.

Each command module registers itself on ``app``; every command parses its options,
calls one library function, renders the result and exits with an ``ExitCode``.
"""

from __future__ import annotations

import sys

import typer
from rich.console import Console
from rich.text import Text

from edgar_sentinel import __version__
from edgar_sentinel.errors import EdgarSentinelError
from edgar_sentinel.exit_codes import ExitCode

app = typer.Typer(
    name="edgar-sentinel",
    help="Preprocess SEC 10-K filings, gate their quality, report and detect risk drift.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
err_console = Console(stderr=True)
_state = {"debug": False}


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"edgar-sentinel {__version__}")
        raise typer.Exit(0)


@app.callback()
def main(
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks for errors."),
    version: bool = typer.Option(
        False, "--version", callback=_version_callback, is_eager=True, help="Show the version."
    ),
) -> None:
    """edgar-sentinel command line."""
    _state["debug"] = debug


def _register_commands() -> None:
    # Imported here so that `import edgar_sentinel.cli.main` stays cheap and each
    # command module only adds itself to `app`.
    from edgar_sentinel.cli import commands  # noqa: F401


def run() -> None:
    """Console-script entry point: maps expected errors to one line and an exit code."""
    _register_commands()
    try:
        app()  # standalone mode: usage errors exit 2, commands exit with their code
    except EdgarSentinelError as exc:
        if _state["debug"]:
            raise
        # Messages quote paths and filing text: print them literally, never as markup.
        err_console.print(Text.assemble(("error: ", "bold red"), exc.message))
        if exc.hint:
            err_console.print(Text.assemble(("hint: ", "dim"), exc.hint))
        sys.exit(int(exc.exit_code))
    except Exception as exc:
        # A bug, not a user mistake: its own exit code, so CI never reads it as NO-GO (1).
        if _state["debug"]:
            raise
        err_console.print(
            Text.assemble(("internal error: ", "bold red"), f"{type(exc).__name__}: {exc}")
        )
        err_console.print(
            Text.assemble(("hint: ", "dim"), "re-run with --debug for the traceback and report it")
        )
        sys.exit(int(ExitCode.INTERNAL))
