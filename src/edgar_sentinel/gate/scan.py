"""The worker side of validation: read a shard of filings and run the per-filing checks.

``scan_chunk`` is a top-level function so that a process pool can call it; it reads
one filing at a time and returns a ``Partial`` plus one fingerprint per filing.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import ValidationError

from edgar_sentinel.gate.checks.completeness import FILING_READABLE
from edgar_sentinel.gate.partial import CheckAgg, Partial
from edgar_sentinel.gate.registry import Observation, Offense, Shape, all_checks
from edgar_sentinel.gate.result import CheckStatus
from edgar_sentinel.gate.sketch import Fingerprint, fingerprint
from edgar_sentinel.gate.thresholds import ThresholdSpec
from edgar_sentinel.gate.view import FilingView
from edgar_sentinel.models import FilingRecord


@dataclass(frozen=True)
class ChunkJob:
    index: int
    paths: tuple[str, ...]
    specs: tuple[ThresholdSpec, ...]
    max_samples: int
    fingerprints: bool
    """Content keys for the duplicate checks (either of them enabled)."""
    signatures: bool
    """MinHash signatures too (near-duplicate check enabled)."""


@dataclass(frozen=True)
class ChunkResult:
    index: int
    partial: Partial
    fingerprints: list[Fingerprint]


def source_name(source_path: str) -> str:
    """The input's file name: filings and dead letters are identified by it (dataset id)."""
    return source_path.replace("\\", "/").rsplit("/", 1)[-1]


def _absorb(agg: CheckAgg, spec: ThresholdSpec, obs: Observation) -> list[Offense]:
    """Add one filing's observation to ``agg`` and return the offenses it counted.

    A check that reports a ``value`` (aggregation MINIMUM) keeps the smallest one seen,
    and a filing whose own value misses the threshold is that filing's offense.
    """
    agg.measured += obs.measured
    offenses = obs.offenses
    if obs.value is not None:
        agg.minimum = obs.value if agg.minimum is None else min(agg.minimum, obs.value)
        if spec.evaluate(obs.value) is not CheckStatus.PASS:
            offenses = [Offense(None, f"value {obs.value:g} ({spec.operator} {spec.target:g})")]
    agg.offending += len(offenses)
    return offenses


def scan_chunk(job: ChunkJob) -> ChunkResult:
    checks = all_checks()
    part = Partial()
    per_filing = [
        (spec, check.observe, part.agg(spec.name))
        for spec in job.specs
        if (check := checks[spec.name]).shape is Shape.PER_FILING and check.observe is not None
    ]
    prints: list[Fingerprint] = []
    readable = part.agg(FILING_READABLE)
    for path in job.paths:
        name = source_name(path)
        part.files += 1
        readable.measured += 1
        try:
            with open(path, "rb") as fh:  # noqa: PTH123 - a str path: Path() costs more than this
                record = FilingRecord.model_validate_json(fh.read())
        except (OSError, ValidationError, ValueError) as exc:
            readable.offending += 1
            first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            readable.add_sample((name, -1, None, None, first[:160]), job.max_samples)
            part.flag(name, FILING_READABLE, cik=None, accession=None, company_name=None)
            part.add_input_name(f"json:{name}")
            continue
        view = FilingView(file=name, record=record)
        part.segments += len(record.segments)
        part.add_input_name(source_name(record.source_path))
        for spec, observe, agg in per_filing:
            obs = observe(view, spec.params)
            if not obs.offenses and obs.value is None:  # the common case, kept cheap
                agg.measured += obs.measured
                continue
            offenses = _absorb(agg, spec, obs)
            if not offenses:
                continue
            for off in offenses:
                seg = -1 if off.segment_index is None else off.segment_index
                agg.add_sample(
                    (view.file, seg, record.cik, record.accession_number, off.excerpt),
                    job.max_samples,
                )
            part.flag(
                view.file,
                spec.name,
                cik=record.cik,
                accession=record.accession_number,
                company_name=record.company_name,
            )
        if job.fingerprints:
            prints.append(fingerprint(view, signature=job.signatures))
    return ChunkResult(index=job.index, partial=part, fingerprints=prints)


__all__ = ["ChunkJob", "ChunkResult", "scan_chunk", "source_name"]
