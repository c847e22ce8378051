"""Spec-style helpers for gate tests: build small run directories, assert decisions."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from edgar_sentinel.gate import GateReport, validate_run
from edgar_sentinel.gate.result import CheckStatus, Decision
from edgar_sentinel.models import FilingRecord, Item1AStatus, Segment, SegmentKind, SourceFormat
from tests import run_dirs

RISKS = [
    "Competition in our markets could adversely affect our revenue and margins.",
    "We depend on third-party suppliers, and supply disruptions could harm our operations.",
    "Changes in interest rates may materially affect our financing costs and liquidity.",
    "Cybersecurity incidents could expose confidential data and damage our reputation.",
    "Regulatory changes in the jurisdictions where we operate create compliance risk.",
]


def risk_text(company: int, n: int) -> str:
    """Distinct, realistic-looking risk-factor prose for company ``company``."""
    words = " ".join(f"term{company}x{n}x{k}" for k in range(30))
    return f"{RISKS[n % len(RISKS)]} Company {company} discloses risk {n}: {words}."


def make_record(i: int, *, segments: int = 5, **overrides: Any) -> FilingRecord:
    """A clean, valid filing record; ``overrides`` replace any field."""
    bodies = [risk_text(i, n) for n in range(segments)]
    text = "\n\n".join(bodies)
    segs, pos = [], 0
    for n, body in enumerate(bodies):
        segs.append(
            Segment(
                index=n,
                kind=SegmentKind.RISK,
                group=None,
                heading=body.split(".")[0],
                text=body,
                char_count=len(body),
                word_count=len(body.split()),
                start=pos,
                end=pos + len(body),
            )
        )
        pos += len(body) + 2
    fields: dict[str, Any] = {
        "source_path": f"inputs/filing-{i:05d}.htm",
        "source_sha256": hashlib.sha256(f"source {i}".encode()).hexdigest(),
        "source_bytes": 1000 + i,
        "source_format": SourceFormat.HTML,
        "cik": f"{1000 + i:010d}",
        "company_name": f"Company {i} Inc.",
        "form_type": "10-K",
        "period_of_report": "2023-12-31",
        "fiscal_year": 2023,
        "filed_at": "2024-02-15",
        "sic_code": "3571",
        "accession_number": f"{1000 + i:010d}-24-{i:06d}",
        "ticker": None,
        "field_sources": {},
        "item1a_status": Item1AStatus.EXTRACTED,
        "item1a_heading": "Item 1A. Risk Factors",
        "item1a_text": text,
        "segments": segs,
        "warnings": [],
    }
    fields.update(overrides)
    return FilingRecord(**fields)


def with_segment_text(record: FilingRecord, index: int, text: str) -> FilingRecord:
    segs = list(record.segments)
    old = segs[index]
    segs[index] = old.model_copy(
        update={"text": text, "char_count": len(text), "word_count": len(text.split())}
    )
    return record.model_copy(update={"segments": segs})


def write_run(
    root: Path,
    records: Iterable[FilingRecord],
    *,
    dead_letters: Iterable[dict[str, str]] = (),
    name: str = "run",
) -> Path:
    """A run directory ``root/name`` holding ``records`` as ``filing-00000.json``, ..."""
    return run_dirs.write_run(root / name, records, dead_letters=dead_letters)


def assert_gate(
    run_dir: Path,
    *,
    decision: Decision,
    failing: dict[str, CheckStatus] | None = None,
    **kwargs: Any,
) -> GateReport:
    """Validate ``run_dir`` and assert the decision and exactly which checks did not pass."""
    kwargs.setdefault("record", False)
    report = validate_run(run_dir, **kwargs)
    not_passing = {
        r.metric: r.status
        for r in report.validation_table
        if r.status not in (CheckStatus.PASS, CheckStatus.SKIPPED)
    }
    if failing is not None:
        assert not_passing == failing, report.model_dump_json(include={"findings"}, indent=1)
    assert report.go_no_go is decision, not_passing
    return report
