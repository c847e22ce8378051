"""The complete command tree, for documentation tools.

``docs/cli.md`` is generated from it (``make docs``) and a test keeps it current::

    python -m typer edgar_sentinel.cli.reference utils docs --name edgar-sentinel
"""

from edgar_sentinel.cli import commands  # noqa: F401  (registers every command)
from edgar_sentinel.cli.main import app

__all__ = ["app"]
