"""Corpus-wide duplicate detection with bounded memory.

Workers reduce each filing's segment text to a ``Fingerprint``: a content key (exact
duplicates) and a one-permutation MinHash signature of 12-byte shingles anchored at word
starts (near duplicates). The engine feeds fingerprints, in file order, to a ``SketchIndex``
kept in a small SQLite file next to the checkpoint, so neither grows in memory with the
number of filings. Locality-sensitive hashing (16 bands of 4 bins) finds candidates;
the signature estimate of Jaccard similarity confirms them.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from edgar_sentinel.gate.view import FilingView, normalise

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

SHINGLE_CHARS = 12
BINS = 64
BAND_ROWS = 4
MIN_TEXT_CHARS = 200
"""Shorter segment texts (no Item 1A) are keyed by source file, not by content."""
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


def fingerprint(view: FilingView, *, signature: bool = True) -> Fingerprint:
    """Reduce a filing to what corpus-wide duplicate checks need (runs in a worker).

    Without ``signature`` (near-duplicate check disabled) only the content key is made.
    """
    rec = view.record
    text = _normalised(view.joined_bytes)
    if text.size >= MIN_TEXT_CHARS:
        head = f"text\0{rec.cik}\0{rec.period_of_report}\0".encode()
        digest = hashlib.sha256(head)
        digest.update(text.tobytes())
        content_key = digest.digest()[:16]
        minhash = _signature(text) if signature else None
    else:
        content_key = hashlib.sha256(f"source\0{rec.source_sha256}".encode()).digest()[:16]
        minhash = None
    return Fingerprint(
        file=view.file,
        cik=rec.cik,
        accession=rec.accession_number,
        company=rec.cik or normalise(rec.company_name or "") or view.file,
        period=rec.period_of_report,
        content_key=content_key,
        signature=minhash,
    )


_FOLD = bytes.maketrans(
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZ\t\n\r\x0b\x0c", b"abcdefghijklmnopqrstuvwxyz     "
)


def _normalised(data: bytes) -> NDArray[np.uint8]:
    """UTF-8 text with ASCII letters lower-cased and every whitespace character a space.

    Runs of spaces are kept: collapsing them costs more than the rest of the fingerprint,
    and the same filing processed twice has the same spacing.
    """
    import numpy as np

    return np.frombuffer(data.translate(_FOLD).strip(b" "), dtype=np.uint8)


def _signature(data: NDArray[np.uint8]) -> bytes:
    """One-permutation MinHash of 12-byte shingles starting at (a sample of) words."""
    import numpy as np
    from numpy.lib.stride_tricks import sliding_window_view

    n = data.size - SHINGLE_CHARS + 1
    starts = np.concatenate(([0], np.flatnonzero(data[: n - 1] == 32) + 1))
    # Consistent sampling: keep a quarter of the shingles, chosen by a mix of four of
    # their bytes, so similar texts keep the same shingles at a quarter of the cost.
    mix = data[starts] + data[starts + 3] * 3 + data[starts + 6] * 5 + data[starts + 9] * 7
    starts = starts[(mix & 3) == 0]
    # Each shingle's 12 bytes, padded to 16, read as two little-endian words.
    padded = np.zeros((starts.size, 16), dtype=np.uint8)
    padded[:, :SHINGLE_CHARS] = sliding_window_view(data, SHINGLE_CHARS)[starts]
    words: NDArray[np.uint64] = padded.view(np.uint64)
    h: NDArray[np.uint64] = words[:, 0] * np.uint64(0x9E3779B97F4A7C15)
    h += words[:, 1] * np.uint64(0xC2B2AE3D27D4EB4F)
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
    """One key per band of ``BAND_ROWS`` bins: CRC-32 of the band, band number above it."""
    step = BAND_ROWS * 8
    return [
        (i << 32) | zlib.crc32(signature[i * step : (i + 1) * step])
        for i in range(BINS // BAND_ROWS)
    ]


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
        # B101: checked by the caller
        assert fp.signature is not None  # nosec B101
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
