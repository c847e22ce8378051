"""Corpus-wide duplicate detection with bounded memory.

Workers reduce each filing to a ``Fingerprint``: a content key (exact duplicates) and a
one-permutation MinHash signature of 12-character shingles anchored at word starts
(near duplicates). The engine feeds fingerprints, in file order, to a ``SketchIndex``
kept in a small SQLite file next to the checkpoint, so neither grows in memory with the
number of filings. Locality-sensitive hashing (16 bands of 4 bins) finds candidates;
the signature estimate of Jaccard similarity confirms them.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import struct
from dataclasses import dataclass
from pathlib import Path

from edgar_sentinel.gate.view import FilingView, normalise

SHINGLE_CHARS = 12
BINS = 64
BAND_ROWS = 4
MIN_TEXT_CHARS = 200
"""Shorter Item 1A texts ('Not applicable.') are keyed by source file, not by content."""
_EMPTY = (1 << 64) - 1
_MASK = (1 << 64) - 1


@dataclass(frozen=True, slots=True)
class Fingerprint:
    file: str
    cik: str | None
    accession: str | None
    company: str
    period: str | None
    content_key: bytes
    signature: bytes | None
    """``BINS`` little-endian uint64 minima, or None for short texts."""


def fingerprint(view: FilingView) -> Fingerprint:
    rec = view.record
    text = view.item1a_normalised
    if len(text) >= MIN_TEXT_CHARS:
        basis = f"text\0{rec.cik}\0{rec.period_of_report}\0{text}"
        signature = _signature(text)
    else:
        basis = f"source\0{rec.source_sha256}"
        signature = None
    return Fingerprint(
        file=view.file,
        cik=rec.cik,
        accession=rec.accession_number,
        company=rec.cik or normalise(rec.company_name or "") or view.file,
        period=rec.period_of_report,
        content_key=hashlib.sha256(basis.encode()).digest()[:16],
        signature=signature,
    )


def _signature(text: str) -> bytes:
    import numpy as np

    data = np.frombuffer(text.encode("utf-8"), dtype=np.uint8)
    n = data.size - SHINGLE_CHARS + 1
    starts = np.flatnonzero(data[: n - 1] == 32) + 1
    starts = np.concatenate(([0], starts))
    h = np.zeros(starts.size, dtype=np.uint64)
    base = np.uint64(1099511628211)
    for j in range(SHINGLE_CHARS):
        h = h * base + data[starts + j].astype(np.uint64)
    # splitmix64 finaliser: spreads the polynomial hash over all 64 bits
    h ^= h >> np.uint64(30)
    h *= np.uint64(0xBF58476D1CE4E5B9)
    h ^= h >> np.uint64(27)
    h *= np.uint64(0x94D049BB133111EB)
    h ^= h >> np.uint64(31)
    sig = np.full(BINS, _EMPTY, dtype=np.uint64)
    np.minimum.at(sig, (h >> np.uint64(58)).astype(np.intp), h)
    return sig.astype("<u8").tobytes()


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two signatures (bins empty in both are ignored)."""
    va = struct.unpack(f"<{BINS}Q", a)
    vb = struct.unpack(f"<{BINS}Q", b)
    used = same = 0
    for x, y in zip(va, vb, strict=True):
        if x == _EMPTY and y == _EMPTY:
            continue
        used += 1
        same += x == y
    return same / used if used else 0.0


def bands(signature: bytes) -> list[int]:
    """One 63-bit key per band of ``BAND_ROWS`` bins (band number mixed in)."""
    step = BAND_ROWS * 8
    out = []
    for i in range(BINS // BAND_ROWS):
        digest = hashlib.blake2b(
            signature[i * step : (i + 1) * step], digest_size=8, salt=bytes([i])
        )
        out.append(int.from_bytes(digest.digest(), "little") & (_MASK >> 1))
    return out


@dataclass(frozen=True, slots=True)
class Match:
    file: str
    similarity: float


_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS fp (seq INTEGER PRIMARY KEY, chunk INTEGER NOT NULL,"
    " file TEXT NOT NULL, content_key BLOB NOT NULL, company TEXT NOT NULL,"
    " period TEXT, signature BLOB)",
    "CREATE INDEX IF NOT EXISTS fp_key ON fp(content_key)",
    "CREATE TABLE IF NOT EXISTS band (band_key INTEGER NOT NULL, seq INTEGER NOT NULL,"
    " chunk INTEGER NOT NULL)",
    "CREATE INDEX IF NOT EXISTS band_key ON band(band_key)",
)


class SketchIndex:
    """Fingerprints seen so far, on disk; ``add`` reports what a new one duplicates."""

    def __init__(self, path: Path, *, near_similarity: float) -> None:
        self.conn = sqlite3.connect(path)
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=NORMAL")
        for stmt in _SCHEMA:
            self.conn.execute(stmt)
        self.near_similarity = near_similarity

    def truncate_from(self, chunk: int) -> None:
        """Forget fingerprints of chunks ``>= chunk`` (resuming after a crash)."""
        self.conn.execute("DELETE FROM fp WHERE chunk >= ?", (chunk,))
        self.conn.execute("DELETE FROM band WHERE chunk >= ?", (chunk,))
        self.conn.commit()

    def add(self, fp: Fingerprint, *, chunk: int) -> tuple[Match | None, Match | None]:
        """Record ``fp``; return (exact duplicate of, near duplicate of) earlier filings."""
        row = self.conn.execute(
            "SELECT file FROM fp WHERE content_key = ? ORDER BY seq LIMIT 1", (fp.content_key,)
        ).fetchone()
        if row is not None:
            return Match(row[0], 1.0), None
        near = self._near(fp) if fp.signature is not None else None
        cur = self.conn.execute(
            "INSERT INTO fp (chunk, file, content_key, company, period, signature)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (chunk, fp.file, fp.content_key, fp.company, fp.period, fp.signature),
        )
        if fp.signature is not None:
            self.conn.executemany(
                "INSERT INTO band (band_key, seq, chunk) VALUES (?, ?, ?)",
                [(key, cur.lastrowid, chunk) for key in bands(fp.signature)],
            )
        return None, near

    def _near(self, fp: Fingerprint) -> Match | None:
        assert fp.signature is not None  # nosec B101 - checked by the caller
        keys = json.dumps(bands(fp.signature))
        rows = self.conn.execute(
            "SELECT file, company, period, signature FROM fp WHERE seq IN"
            " (SELECT seq FROM band WHERE band_key IN (SELECT value FROM json_each(?)))"
            " ORDER BY seq",
            (keys,),
        ).fetchall()
        best: Match | None = None
        for file, company, period, sig in rows:
            if company == fp.company and period != fp.period:
                continue  # the same company's other years are expected to be similar
            sim = similarity(fp.signature, sig)
            if sim >= self.near_similarity and (best is None or sim > best.similarity):
                best = Match(file, sim)
        return best

    def commit(self) -> None:
        self.conn.commit()

    def close(self) -> None:
        self.conn.close()


__all__ = ["Fingerprint", "Match", "SketchIndex", "bands", "fingerprint", "similarity"]
