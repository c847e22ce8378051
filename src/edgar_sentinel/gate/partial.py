"""Mergeable partial aggregates: what a worker returns for its share of the filings.

Merging is associative and commutative (sums, minima, a union, and the first
``max_samples`` samples in (file, segment) order), so the result does not depend on
how files were sharded or in which order workers finished. Partials round-trip
through JSON for the resume checkpoint.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

DIGEST_MOD = 1 << 256

SampleTuple = tuple[str, int, str | None, str | None, str]
"""(file, segment index or -1 for the whole filing, cik, accession, excerpt)."""


def name_digest(name: str) -> int:
    """One input name's contribution to the order-independent dataset digest."""
    return int.from_bytes(hashlib.sha256(name.encode("utf-8")).digest(), "big")


@dataclass
class CheckAgg:
    measured: int = 0
    offending: int = 0
    minimum: float | None = None
    samples: list[SampleTuple] = field(default_factory=list)

    def add_sample(self, sample: SampleTuple, cap: int) -> None:
        if len(self.samples) < cap or sample < self.samples[-1]:
            self.samples.append(sample)
            self.samples.sort()
            del self.samples[cap:]

    def merged(self, other: CheckAgg, cap: int) -> CheckAgg:
        mins = [m for m in (self.minimum, other.minimum) if m is not None]
        return CheckAgg(
            measured=self.measured + other.measured,
            offending=self.offending + other.offending,
            minimum=min(mins) if mins else None,
            samples=sorted(self.samples + other.samples)[:cap],
        )


@dataclass
class ProblemFile:
    cik: str | None
    accession: str | None
    company_name: str | None
    checks: set[str] = field(default_factory=set)


@dataclass
class Partial:
    files: int = 0
    segments: int = 0
    digest: int = 0
    digest_inputs: int = 0
    checks: dict[str, CheckAgg] = field(default_factory=dict)
    problems: dict[str, ProblemFile] = field(default_factory=dict)

    def agg(self, name: str) -> CheckAgg:
        return self.checks.setdefault(name, CheckAgg())

    def add_input_name(self, name: str) -> None:
        self.digest = (self.digest + name_digest(name)) % DIGEST_MOD
        self.digest_inputs += 1

    def flag(
        self,
        file: str,
        check: str,
        *,
        cik: str | None,
        accession: str | None,
        company_name: str | None,
    ) -> None:
        entry = self.problems.setdefault(file, ProblemFile(cik, accession, company_name))
        entry.checks.add(check)

    def absorb(self, other: Partial, cap: int) -> None:
        """Merge ``other`` into this partial in place (cost proportional to ``other``)."""
        self.files += other.files
        self.segments += other.segments
        self.digest = (self.digest + other.digest) % DIGEST_MOD
        self.digest_inputs += other.digest_inputs
        for name, agg in other.checks.items():
            mine = self.checks.get(name)
            self.checks[name] = (
                agg.merged(CheckAgg(), cap) if mine is None else mine.merged(agg, cap)
            )
        for file, entry in other.problems.items():
            if file in self.problems:
                self.problems[file].checks |= entry.checks
            else:
                self.problems[file] = ProblemFile(
                    entry.cik, entry.accession, entry.company_name, set(entry.checks)
                )

    def merged(self, other: Partial, cap: int) -> Partial:
        """A new partial holding both (associative and commutative)."""
        out = Partial()
        out.absorb(self, cap)
        out.absorb(other, cap)
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "files": self.files,
            "segments": self.segments,
            "digest": format(self.digest, "064x"),
            "digest_inputs": self.digest_inputs,
            "checks": {
                name: {
                    "measured": a.measured,
                    "offending": a.offending,
                    "minimum": a.minimum,
                    "samples": [list(s) for s in a.samples],
                }
                for name, a in self.checks.items()
            },
            "problems": {
                file: {
                    "cik": p.cik,
                    "accession": p.accession,
                    "company_name": p.company_name,
                    "checks": sorted(p.checks),
                }
                for file, p in self.problems.items()
            },
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Partial:
        return cls(
            files=int(data["files"]),
            segments=int(data["segments"]),
            digest=int(data["digest"], 16),
            digest_inputs=int(data["digest_inputs"]),
            checks={
                name: CheckAgg(
                    measured=int(a["measured"]),
                    offending=int(a["offending"]),
                    minimum=a["minimum"],
                    samples=[(s[0], int(s[1]), s[2], s[3], s[4]) for s in a["samples"]],
                )
                for name, a in data["checks"].items()
            },
            problems={
                file: ProblemFile(p["cik"], p["accession"], p["company_name"], set(p["checks"]))
                for file, p in data["problems"].items()
            },
        )


__all__ = ["CheckAgg", "Partial", "ProblemFile", "SampleTuple", "name_digest"]
