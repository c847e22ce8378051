"""Process exit codes shared by every command (documented in the README)."""

from enum import IntEnum


class ExitCode(IntEnum):
    """Exit codes of the ``edgar-sentinel`` command.

    The numbers are part of the public contract: CI pipelines branch on them.
    """

    OK = 0
    """Success: every input processed, or the gate said GO, or drift ran."""
    NO_GO = 1
    """The data-quality gate said NO-GO."""
    USAGE = 2
    """Usage or configuration error, or the command could not run at all."""
    PARTIAL = 3
    """Preprocessing finished, but some inputs went to the dead-letter list."""
    DELIVERY_FAILED = 4
    """An alert could not be delivered (it waits in the outbox)."""
    INTERNAL = 70
    """A bug: an unexpected exception (run with --debug for the traceback)."""
    INTERRUPTED = 130
    """Stopped by Ctrl-C; a preprocessing run can be finished with ``--resume``."""


__all__ = ["ExitCode"]
