"""The ``gate`` section of the settings (``EDGAR_SENTINEL_GATE__...``)."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

DEFAULT_CHUNK_SIZE = 64
DEFAULT_MAX_SAMPLES = 20
"""A common default for failure samples per check (capped, keyed by CIK and accession)."""


class GateSettings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    thresholds_file: Path | None = Field(
        default=None, description="User thresholds YAML merged over the built-in defaults."
    )
    store_path: Path | None = Field(
        default=None,
        description="History store; default {run_dir.parent}/edgar-sentinel.db.",
    )
    workers: int | None = Field(
        default=None,
        ge=1,
        description="Worker processes for validation; default the CPUs this process may use"
        " (never more than the run has chunks).",
    )
    max_samples: int = Field(
        default=DEFAULT_MAX_SAMPLES, ge=0, description="Failure samples kept per check."
    )
    chunk_size: int = Field(
        default=DEFAULT_CHUNK_SIZE, ge=1, description="Filings per worker task."
    )
    fail_on_warn: bool = Field(default=False, description="Treat a WARN gate as NO-GO.")


__all__ = ["DEFAULT_CHUNK_SIZE", "DEFAULT_MAX_SAMPLES", "GateSettings"]
