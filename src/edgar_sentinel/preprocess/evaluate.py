"""Measure a preprocessing run against hand-made labels.

Labels are JSON Lines, one object per filing, keyed by ``file`` (the input's base name;
the format is described next to the team's labelled corpus). A record matches a label
when the base name of its ``source_path`` equals the label's ``file``.

Per filing: every metadata field the label gives (not null) is compared; the Item 1A
status is compared through ``LABEL_STATUS``; for extracted sections the text must begin
with the label's first words and end with its last words (both after Unicode NFKC and
whitespace collapsing); the number of risk factors must be within ±10% of the label.

Targets (each reports measured value, threshold and pass/fail):

- ``status``: every matched filing has the expected status (1.0);
- ``first_words`` / ``last_words``: >= 0.95 of extracted filings with label words;
- ``risk_count``: >= 0.90 of extracted filings with a labelled heading count.

Metadata accuracy is reported per field for information; it is not a target. A run in
which no record matches a label meets no target.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Final, Literal, get_args

import orjson
from pydantic import BaseModel, ConfigDict, ValidationError

from edgar_sentinel.errors import UsageError
from edgar_sentinel.models import (
    FilingRecord,
    FrozenModel,
    Item1AStatus,
    MetadataField,
    SegmentKind,
)
from edgar_sentinel.runs import iter_filings

__all__ = [
    "LABEL_STATUS",
    "METADATA_FIELDS",
    "EvaluationResult",
    "FieldCheck",
    "FilingEvaluation",
    "Label",
    "TargetResult",
    "evaluate_records",
    "evaluate_run",
    "load_labels",
    "normalise_company",
    "normalise_text",
    "risk_factor_count",
]

EVALUATION_SCHEMA_VERSION: Final = "1.0"

LABEL_STATUS: dict[str, frozenset[Item1AStatus]] = {
    "present": frozenset({Item1AStatus.EXTRACTED}),
    "not_applicable": frozenset({Item1AStatus.NOT_APPLICABLE}),
    "incorporated_by_reference": frozenset({Item1AStatus.INCORPORATED_BY_REFERENCE}),
    "omitted": frozenset({Item1AStatus.OMITTED}),
    "absent_pre_item1a": frozenset({Item1AStatus.PRE_ITEM1A}),
    "elsewhere": frozenset({Item1AStatus.EXTRACTED, Item1AStatus.NOT_FOUND}),
    "not_a_10k": frozenset({Item1AStatus.NOT_A_10K}),
}
"""Label status -> the record statuses that count as correct ("elsewhere": taken from the
non-standard heading, or reported ``not_found`` with a warning)."""

TARGETS = {"status": 1.0, "first_words": 0.95, "last_words": 0.95, "risk_count": 0.90}
RISK_COUNT_TOLERANCE = 0.10


class Label(BaseModel):
    """One labelled filing (unknown keys are ignored)."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    file: str
    cik: str | None = None
    company_name: str | None = None
    form_type: str | None = None
    period_of_report: str | None = None
    fiscal_year: int | None = None
    filed_at: str | None = None
    sic_code: str | None = None
    item1a_status: str
    item1a_first_words: str | None = None
    item1a_last_words: str | None = None
    risk_heading_count: int | None = None
    notes: str | None = None


METADATA_FIELDS: tuple[MetadataField, ...] = tuple(
    name for name in get_args(MetadataField) if name in Label.model_fields
)
"""The metadata fields a label can give (labels carry no accession number or ticker)."""


class FieldCheck(FrozenModel):
    field: str
    expected: str | int
    actual: str | int | None
    ok: bool


class FilingEvaluation(FrozenModel):
    file: str
    label_status: str
    status: Item1AStatus
    status_ok: bool
    metadata: list[FieldCheck]
    first_words_ok: bool | None
    last_words_ok: bool | None
    risk_count: int | None
    expected_risk_count: int | None
    risk_count_ok: bool | None

    @property
    def failures(self) -> list[str]:
        out = [] if self.status_ok else [f"status {self.status.value} != {self.label_status}"]
        out += [f"{c.field} {c.actual!r} != {c.expected!r}" for c in self.metadata if not c.ok]
        if self.first_words_ok is False:
            out.append("first words")
        if self.last_words_ok is False:
            out.append("last words")
        if self.risk_count_ok is False:
            out.append(f"risks {self.risk_count} vs {self.expected_risk_count}")
        return out


class TargetResult(FrozenModel):
    name: str
    passed_count: int
    total: int
    measured: float | None
    threshold: float
    operator: Literal[">="] = ">="
    passed: bool


class EvaluationResult(FrozenModel):
    schema_version: Literal["1.0"] = EVALUATION_SCHEMA_VERSION
    filings: list[FilingEvaluation]
    targets: list[TargetResult]
    metadata_accuracy: dict[str, float]
    unmatched_labels: list[str]
    unlabelled_records: list[str]

    @property
    def passed(self) -> bool:
        return bool(self.filings) and all(t.passed for t in self.targets)


def load_labels(path: Path) -> list[Label]:
    """Read a labels JSON Lines file; a broken line raises ``UsageError`` naming it."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UsageError(
            f"cannot read labels file {path}: {exc.strerror}",
            hint="pass the labels file with --labels PATH",
        ) from exc
    labels: list[Label] = []
    for number, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            labels.append(Label.model_validate(orjson.loads(line)))
        except (orjson.JSONDecodeError, ValidationError) as exc:
            first = str(exc).splitlines()[0]
            raise UsageError(
                f"{path}:{number}: not a valid label: {first}",
                hint="each line must be one JSON object with at least 'file' and 'item1a_status'",
            ) from exc
    return labels


_SPACE = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """NFKC and collapsed whitespace: how extracted text is compared with labels."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip()


_SUFFIXES = frozenset(
    {"inc", "corp", "co", "company", "corporation", "incorporated", "ltd", "limited"}
    | {"lp", "llc", "plc"}
)


def normalise_company(name: str) -> str:
    """Lower case, no punctuation, no leading "The", no trailing corporate suffixes."""
    text = unicodedata.normalize("NFKC", name).lower().replace("l.p.", "lp")
    words = re.sub(r"[^\w\s]", " ", text).split()
    if words and words[0] == "the":
        words = words[1:]
    while words and words[-1] in _SUFFIXES:
        words.pop()
    return " ".join(words)


def risk_factor_count(record: FilingRecord) -> int:
    """Risk segments that start a risk factor (continuations of long risks not counted)."""
    return sum(
        1
        for s in record.segments
        if s.kind is SegmentKind.RISK and (s.heading is None or s.text.startswith(s.heading))
    )


def _metadata(record: FilingRecord, label: Label) -> list[FieldCheck]:
    checks: list[FieldCheck] = []
    for name in METADATA_FIELDS:
        expected = getattr(label, name)
        if expected is None:
            continue
        actual = getattr(record, name)
        if name == "company_name":
            ok = actual is not None and normalise_company(actual) == normalise_company(expected)
        elif name == "cik":
            ok = actual is not None and actual.lstrip("0") == str(expected).lstrip("0")
        elif name == "form_type":
            ok = actual is not None and actual.upper() == str(expected).upper()
        else:
            ok = actual == expected
        checks.append(FieldCheck(field=name, expected=expected, actual=actual, ok=ok))
    return checks


def _evaluate_one(record: FilingRecord, label: Label) -> FilingEvaluation:
    accepted = LABEL_STATUS.get(label.item1a_status, frozenset())
    status_ok = record.item1a_status in accepted
    if record.item1a_status is Item1AStatus.NOT_FOUND:
        status_ok = status_ok and bool(record.warnings)
    extracted = Item1AStatus.EXTRACTED in accepted and record.item1a_status in (
        Item1AStatus.EXTRACTED,
        Item1AStatus.NOT_FOUND,
    )
    first_ok = last_ok = count_ok = None
    count: int | None = None
    if extracted and record.item1a_status is Item1AStatus.EXTRACTED:
        text = normalise_text(record.item1a_text or "")
        if label.item1a_first_words:
            first_ok = text.startswith(normalise_text(label.item1a_first_words))
        if label.item1a_last_words:
            last_ok = text.endswith(normalise_text(label.item1a_last_words))
    elif extracted and label.item1a_first_words:
        first_ok = last_ok = False
    if extracted and label.risk_heading_count is not None:
        count = risk_factor_count(record)
        count_ok = abs(count - label.risk_heading_count) <= (
            RISK_COUNT_TOLERANCE * label.risk_heading_count
        )
    return FilingEvaluation(
        file=label.file,
        label_status=label.item1a_status,
        status=record.item1a_status,
        status_ok=status_ok,
        metadata=_metadata(record, label),
        first_words_ok=first_ok,
        last_words_ok=last_ok,
        risk_count=count,
        expected_risk_count=label.risk_heading_count if extracted else None,
        risk_count_ok=count_ok,
    )


def _target(name: str, values: list[bool | None]) -> TargetResult:
    judged = [v for v in values if v is not None]
    passed = sum(judged)
    measured = passed / len(judged) if judged else None
    threshold = TARGETS[name]
    return TargetResult(
        name=name,
        passed_count=passed,
        total=len(judged),
        measured=measured,
        threshold=threshold,
        passed=measured is not None and measured >= threshold,
    )


def evaluate_records(records: Iterable[FilingRecord], labels: Iterable[Label]) -> EvaluationResult:
    """Compare records with labels (see the module docstring)."""
    by_file = {label.file: label for label in labels}
    seen: set[str] = set()
    filings: list[FilingEvaluation] = []
    unlabelled: list[str] = []
    for record in records:
        name = Path(record.source_path).name
        label = by_file.get(name)
        if label is None:
            unlabelled.append(name)
            continue
        seen.add(name)
        filings.append(_evaluate_one(record, label))
    filings.sort(key=lambda f: f.file)
    targets = [
        _target("status", [f.status_ok for f in filings]),
        _target("first_words", [f.first_words_ok for f in filings]),
        _target("last_words", [f.last_words_ok for f in filings]),
        _target("risk_count", [f.risk_count_ok for f in filings]),
    ]
    accuracy: dict[str, float] = {}
    for name in METADATA_FIELDS:
        checks = [c.ok for f in filings for c in f.metadata if c.field == name]
        if checks:
            accuracy[name] = sum(checks) / len(checks)
    return EvaluationResult(
        filings=filings,
        targets=targets,
        metadata_accuracy=accuracy,
        unmatched_labels=sorted(set(by_file) - seen),
        unlabelled_records=sorted(unlabelled),
    )


def evaluate_run(run_dir: Path, labels_path: Path) -> EvaluationResult:
    """Evaluate the ``filings/*.json`` of a preprocessing run against a labels file."""
    labels = load_labels(labels_path)
    return evaluate_records((record for _, record in iter_filings(run_dir)), labels)
