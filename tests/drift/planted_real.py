"""Genuinely new risk subjects, planted into real filings of the later period."""

from __future__ import annotations

import random
from collections.abc import Sequence
from pathlib import Path

from edgar_sentinel.models import FilingRecord, Segment, SegmentKind
from edgar_sentinel.runs import FILINGS_DIR, atomic_write_bytes, dump_json, iter_filings

_SUBJECT_TEXT = {
    "quantum": """
Advances in quantum computing may render the cryptographic algorithms protecting our data obsolete.
A cryptographically relevant quantum computer could decrypt archived traffic harvested today.
Migrating to post-quantum cryptography requires replacing keys, certificates and hardware modules.
Qubit counts and error correction are improving faster than many encryption roadmaps assumed.
Standards bodies finalised lattice-based schemes; regulators expect quantum-safe migration plans.
Vendors of quantum hardware and cryogenic systems are few, and their qubits remain fragile.
If adversaries obtain quantum decryption first, encrypted intellectual property may be exposed.
Our quantum readiness program depends on inventories of every cryptographic dependency.""",
    "space": """
Our services rely on satellites in low earth orbit that may be damaged by orbital debris.
Collisions among satellite constellations could create debris fields that disable our spacecraft.
Launch failures or delays of rockets carrying our payloads could interrupt satellite connectivity.
Spectrum allocations for satellite broadband are contested before telecommunication bodies.
Solar storms and geomagnetic activity may degrade satellite electronics and ground station antennas.
Insurance for launches and in-orbit satellites is expensive and may not cover debris collisions.
Regulators may impose deorbit requirements on constellations, raising the cost of each spacecraft.
Ground stations, telemetry links and orbital slots are scarce and shared with other operators.""",
    "deepsea": """
We source cobalt and nickel from deep-sea mining of polymetallic nodules on the ocean floor.
Seabed mining permits from the international seabed authority remain uncertain and contested.
Environmental groups oppose deep-sea mining for its damage to abyssal ecosystems and sediment.
Subsea collector vehicles, riser systems and vessels for nodule harvesting are unproven at scale.
Moratoria on seabed mining adopted by several nations could cut off our supply of battery metals.
Marine scientists warn that nodule fields host species not yet described.
Offshore weather, vessel availability and ocean currents may disrupt seabed collection campaigns.
Customers may refuse metals recovered from the deep ocean floor for reputational reasons.""",
}
SUBJECTS: dict[str, tuple[str, ...]] = {
    name: tuple(text.strip().splitlines()) for name, text in _SUBJECT_TEXT.items()
}


def plant(
    run_dir: Path, out_dir: Path, *, subjects: Sequence[str], fiscal_year: int, per_filing: int = 3
) -> Path:
    """Copy ``run_dir``; filings of ``fiscal_year`` gain ``per_filing`` segments per subject."""
    rng = random.Random(5)
    for path, record in iter_filings(run_dir):
        out = record
        if record.fiscal_year == fiscal_year and record.segments:
            out = _with_segments(record, subjects, per_filing, rng)
        data = dump_json(out.model_dump(mode="json"))
        atomic_write_bytes(out_dir / FILINGS_DIR / path.name, data)
    return out_dir


def _with_segments(
    record: FilingRecord, subjects: Sequence[str], per_filing: int, rng: random.Random
) -> FilingRecord:
    text = record.item1a_text or ""
    segments = list(record.segments)
    for subject in subjects:
        for _ in range(per_filing):
            body = " ".join(rng.sample(SUBJECTS[subject], 5))
            start = len(text) + 2
            text = f"{text}\n\n{body}"
            segments.append(
                Segment(
                    index=len(segments),
                    kind=SegmentKind.RISK,
                    group=None,
                    heading=body.split(".")[0],
                    text=body,
                    char_count=len(body),
                    word_count=len(body.split()),
                    start=start,
                    end=start + len(body),
                )
            )
    return record.model_copy(update={"item1a_text": text, "segments": segments})
