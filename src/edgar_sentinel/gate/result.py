"""The gate report: the JSON document ``edgar-sentinel validate`` writes.

This is a public contract. Markdown, HTML and GitHub renderers read it; the JSON
Schema ships as ``data/schemas/gate_report.schema.json``. Add optional fields only
together with a ``GATE_REPORT_SCHEMA_VERSION`` bump; never rename or remove one.

Conventions
-----------
* Every rate is a fraction in ``[0, 1]`` (``0.05`` means 5 %), never a percentage.
* ``validation_table`` has one row per configured check, in registry order, including
  checks that pass, so a reader always sees the measured value next to its threshold.
* ``previous_actual`` / ``delta`` compare with the last **GO** run of the same dataset
  (its ``dataset.id``, or the ``--dataset`` name when one is given) in the history store
  (a NO-GO run never becomes the baseline); both are ``null`` when there is no such run.
* ``findings`` lists only checks whose status is WARN, FAIL or ERROR, each with at most
  ``max_samples`` samples (20 by default) keyed by file, CIK, accession and segment index.
* ``per_file`` lists only filings that offend at least one check (status WARN or FAIL);
  a filing not listed passed every per-filing check. It is the quarantine list.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Final, Literal

from pydantic import Field

from edgar_sentinel.models import FrozenModel

GATE_REPORT_SCHEMA_VERSION: Final = "1.0"


class CheckStatus(StrEnum):
    """Outcome of one check."""

    # B105: a status name, not a password
    PASS = "PASS"  # nosec B105
    WARN = "WARN"
    FAIL = "FAIL"
    ERROR = "ERROR"
    """The check could not be evaluated (e.g. its metric could not be computed)."""
    SKIPPED = "SKIPPED"
    """Nothing to measure (empty denominator, e.g. no filing requires Item 1A)."""


class GateStatus(StrEnum):
    """Outcome of the whole validation (worst of the evaluated checks)."""

    # B105: a status name, not a password
    PASS = "PASS"  # nosec B105
    WARN = "WARN"
    FAIL = "FAIL"
    ERROR = "ERROR"
    """The run could not be validated (no filings, no evaluated check)."""


class Decision(StrEnum):
    GO = "GO"
    NO_GO = "NO-GO"


class Category(StrEnum):
    COMPLETENESS = "completeness"
    CLEANLINESS = "cleanliness"
    SUBSTANCE = "substance"
    CONSISTENCY = "consistency"


class Operator(StrEnum):
    GE = ">="
    GT = ">"
    LE = "<="
    LT = "<"
    EQ = "=="
    BETWEEN = "between"


class MetricType(StrEnum):
    RATE = "rate"
    COUNT = "count"
    SCORE = "score"
    BOOLEAN = "boolean"


class Unit(StrEnum):
    """What a check counts: the denominator of a rate."""

    FILINGS = "filings"
    SEGMENTS = "segments"
    INPUTS = "inputs"
    """Filings plus dead-lettered inputs."""
    RUN = "run"
    """One value for the whole run (counts, scores, booleans)."""


class DatasetIdentity(FrozenModel):
    """A stable identity of the data a run was made from.

    ``id`` is ``sha256:`` followed by an order-independent digest of the input file
    names (the base name of every filing's ``source_path`` and every dead letter's
    ``path``). Re-running preprocessing over the same inputs, with any code version
    and in any order, yields the same id, so history compares like with like.
    ``name`` is an optional human label given with ``--dataset``; when set it is
    the identity used by history instead of ``id``.
    """

    id: str = Field(pattern=r"^sha256:[0-9a-f]{64}$")
    name: str | None = None
    inputs: int = Field(ge=0, description="Number of input names that formed the id.")


class Baseline(FrozenModel):
    """The recorded GO run that ``previous_actual`` and ``delta`` refer to."""

    run_id: int
    timestamp: datetime
    run_directory: str


class BlockingSummary(FrozenModel):
    total_blocking: int = Field(ge=0, description="Blocking checks that were evaluated.")
    passed: int = Field(ge=0)
    failed: int = Field(ge=0, description="Blocking checks with status FAIL or ERROR.")
    warned: int = Field(ge=0)
    all_pass: bool = Field(description="True when no blocking check failed (warnings allowed).")


class OverallSummary(FrozenModel):
    files_passed: int = Field(ge=0)
    files_warned: int = Field(ge=0)
    files_failed: int = Field(ge=0)
    files_unreadable: int = Field(ge=0, description="Filing JSON files that failed to parse.")
    dead_letters: int = Field(ge=0, description="Lines in the run's dead_letter.jsonl.")
    checks_total: int = Field(ge=0)
    checks_passed: int = Field(ge=0)
    checks_warned: int = Field(ge=0)
    checks_failed: int = Field(ge=0)
    checks_errored: int = Field(ge=0)
    checks_skipped: int = Field(ge=0)


class ValidationRow(FrozenModel):
    """One check: measured value, threshold, outcome."""

    category: Category
    metric: str = Field(description="The check name, e.g. 'cik_present_rate'.")
    display_name: str
    description: str
    metric_type: MetricType
    unit: Unit
    operator: Operator
    target: float = Field(description="Threshold; the lower bound for 'between'.")
    target_upper: float | None = Field(description="Upper bound for 'between', else null.")
    warn_threshold: float | None = Field(
        description="Tolerance band: a value failing 'target' but within this is WARN."
    )
    actual: float | None = Field(description="Measured value; null when SKIPPED or ERROR.")
    numerator: int | None = Field(description="Offending/qualifying items for rates.")
    denominator: int | None = Field(description="Items measured for rates.")
    status: CheckStatus
    go_no_go: Decision = Field(description="NO-GO only for a blocking check that FAILs/ERRORs.")
    blocking: bool
    previous_actual: float | None
    delta: float | None = Field(description="actual - previous_actual.")
    message: str = Field(description="One line: what was measured against what.")


class Sample(FrozenModel):
    """One offending item, keyed by what a person can look up."""

    file: str = Field(description="Filing JSON file name in the run's filings/ folder.")
    cik: str | None
    accession: str | None
    segment_index: int | None = Field(description="Null for filing-level findings.")
    excerpt: str = Field(description="At most ~160 characters around the defect.")


class Finding(FrozenModel):
    metric: str
    category: Category
    status: CheckStatus
    blocking: bool
    message: str
    offending: int = Field(ge=0, description="How many items offend (all, not just samples).")
    samples: list[Sample]
    samples_truncated: bool = Field(description="True when more items offend than are shown.")


class FileResult(FrozenModel):
    file: str
    cik: str | None
    accession: str | None
    company_name: str | None
    status: CheckStatus = Field(description="FAIL: offends a blocking check; WARN: others.")
    failed_checks: list[str]
    warned_checks: list[str]


class GateReport(FrozenModel):
    """The whole report; ``model_dump(mode='json')`` is the JSON document."""

    schema_version: Literal["1.0"] = GATE_REPORT_SCHEMA_VERSION
    kind: Literal["gate"] = "gate"
    status: GateStatus
    go_no_go: Decision
    timestamp: datetime = Field(description="When validation finished (UTC, ISO 8601).")
    run_directory: str
    dataset: DatasetIdentity
    tool_version: str
    thresholds_sha256: str = Field(
        pattern=r"^[0-9a-f]{64}$", description="Digest of the effective threshold set."
    )
    thresholds_sources: list[str] = Field(
        description="'builtin' and any user thresholds file, in merge order."
    )
    files_checked: int = Field(ge=0)
    segments_checked: int = Field(ge=0)
    blocking_summary: BlockingSummary
    overall_summary: OverallSummary
    validation_table: list[ValidationRow]
    findings: list[Finding]
    per_file: list[FileResult]
    baseline: Baseline | None = Field(description="The GO run deltas compare with.")
    errors: list[str] = Field(description="Why the run could not be validated (status ERROR).")


__all__ = [
    "GATE_REPORT_SCHEMA_VERSION",
    "Baseline",
    "BlockingSummary",
    "Category",
    "CheckStatus",
    "DatasetIdentity",
    "Decision",
    "FileResult",
    "Finding",
    "GateReport",
    "GateStatus",
    "MetricType",
    "Operator",
    "OverallSummary",
    "Sample",
    "Unit",
    "ValidationRow",
]
