"""The exception tree: every error a user can cause derives from ``EdgarSentinelError``.

The CLI catches ``EdgarSentinelError`` once, prints its message and hint on one red
line, and exits with ``exit_code``. Any other exception is a bug and keeps its traceback.
"""

from __future__ import annotations

from edgar_sentinel.exit_codes import ExitCode
from edgar_sentinel.models import DeadLetterReason, DeadLetterStage


class EdgarSentinelError(Exception):
    """Root of all expected errors."""

    exit_code: ExitCode = ExitCode.USAGE

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message


class ConfigError(EdgarSentinelError):
    """A configuration or thresholds file is missing, unreadable or invalid."""


class UsageError(EdgarSentinelError):
    """The command was called with arguments that cannot work."""


class RunDirectoryError(EdgarSentinelError):
    """A run directory is missing, empty or does not follow the contract."""


class InputRejectedError(EdgarSentinelError):
    """One input cannot be processed (while loading it); it goes to the dead-letter list.

    ``sha256`` and ``size_bytes`` identify the bytes that were read, when they were.
    """

    stage = DeadLetterStage.LOAD

    def __init__(self, reason: DeadLetterReason, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.sha256: str | None = None
        self.size_bytes: int | None = None


class DeliveryError(EdgarSentinelError):
    """An alert or report could not be delivered to a remote service."""

    exit_code = ExitCode.DELIVERY_FAILED


__all__ = [
    "ConfigError",
    "DeliveryError",
    "EdgarSentinelError",
    "InputRejectedError",
    "RunDirectoryError",
    "UsageError",
]
