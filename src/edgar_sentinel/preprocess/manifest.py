"""``manifest.json``: what a preprocessing run read, with which configuration, and what came out.

Its JSON Schema ships as ``data/schemas/manifest.schema.json``. The manifest is written
last, once every input has an outcome: a run directory without one is unfinished
(resume it with ``edgar-sentinel preprocess --resume RUN_DIR``).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from datetime import datetime
from enum import StrEnum
from typing import Any, Literal

from pydantic import Field

from edgar_sentinel.models import (
    MANIFEST_SCHEMA_VERSION,
    DeadLetterReason,
    FrozenModel,
    Item1AStatus,
)
from edgar_sentinel.runs import dump_json


class InputOutcome(StrEnum):
    PROCESSED = "processed"
    DEAD_LETTERED = "dead_lettered"


class ManifestInput(FrozenModel):
    """One input file and what became of it."""

    path: str
    sha256: str | None = Field(description="Of the file's bytes; null if it could not be read.")
    size_bytes: int | None = Field(ge=0)
    outcome: InputOutcome
    output: str | None = Field(
        description="The filing JSON, relative to the run directory ('filings/<name>.json')."
    )
    item1a_status: Item1AStatus | None
    dead_letter_reason: DeadLetterReason | None
    warnings: list[str] = Field(description="Warning codes of the processed filing.")


class ManifestCounts(FrozenModel):
    inputs: int = Field(ge=0)
    processed: int = Field(ge=0)
    dead_lettered: int = Field(ge=0)
    item1a_status: dict[str, int] = Field(description="Processed filings per Item 1A status.")
    dead_letter_reason: dict[str, int] = Field(description="Dead letters per reason code.")
    warnings: dict[str, int] = Field(description="Filing warnings per code.")


class Manifest(FrozenModel):
    """``manifest.json`` of a preprocessing run directory."""

    schema_version: Literal["1.0"] = MANIFEST_SCHEMA_VERSION
    kind: Literal["preprocessing"] = "preprocessing"
    tool: Literal["edgar-sentinel"] = "edgar-sentinel"
    tool_version: str
    git_sha: str | None = Field(description="Short commit of the code that ran, if known.")
    config: dict[str, Any] = Field(description="The effective Settings (model_dump).")
    config_sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    started_at: datetime
    finished_at: datetime
    resumes: int = Field(ge=0, description="How many times the run was resumed.")
    inputs: list[ManifestInput] = Field(description="Every input, in processing order.")
    counts: ManifestCounts


def config_sha256(config: dict[str, Any]) -> str:
    """SHA-256 of the canonical JSON of a configuration dump."""
    return hashlib.sha256(dump_json(config)).hexdigest()


def count_inputs(inputs: Iterable[ManifestInput]) -> ManifestCounts:
    items = list(inputs)
    statuses = Counter(i.item1a_status.value for i in items if i.item1a_status is not None)
    reasons = Counter(i.dead_letter_reason.value for i in items if i.dead_letter_reason is not None)
    warnings = Counter(code for i in items for code in i.warnings)
    return ManifestCounts(
        inputs=len(items),
        processed=sum(i.outcome is InputOutcome.PROCESSED for i in items),
        dead_lettered=sum(i.outcome is InputOutcome.DEAD_LETTERED for i in items),
        item1a_status=dict(sorted(statuses.items())),
        dead_letter_reason=dict(sorted(reasons.items())),
        warnings=dict(sorted(warnings.items())),
    )


__all__ = [
    "InputOutcome",
    "Manifest",
    "ManifestCounts",
    "ManifestInput",
    "config_sha256",
    "count_inputs",
]
