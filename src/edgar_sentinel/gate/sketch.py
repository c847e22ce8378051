"""Corpus-wide duplicate detection with bounded memory.

Workers reduce each filing's segment text to a ``Fingerprint``: a content key (exact
duplicates) and a one-permutation MinHash signature of 12-byte shingles anchored at word
starts (near duplicates). The engine feeds fingerprints, in file order, to a ``SketchIndex``
kept in a small SQLite file next to the checkpoint, so neither grows in memory with the
number of filings. Locality-sensitive hashing (8 bands of 4 bins) finds candidates;
the signature estimate of Jaccard similarity confirms them.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import xxhash

from edgar_sentinel.gate.kernels import BINS, EMPTY_BIN, fold, minhash
from edgar_sentinel.gate.view import FilingView, normalise

_T = TypeVar("_T")

BAND_ROWS = 4
BANDS = 8
"""Bands of the first ``BANDS * BAND_ROWS`` bins: a pair of similarity s becomes a candidate
with probability 1 - (1 - s^4)^8 (0.9998 at the 0.9 default, 0.997 at 0.85); each band is a
row to insert and look up, and the confirmation uses all ``BINS`` bins."""
MIN_TEXT_CHARS = 200
"""Shorter segment texts (no Item 1A) are keyed by source file, not by content."""


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
    text = fold(view.joined_bytes)
    if len(text) >= MIN_TEXT_CHARS:
        digest = xxhash.xxh3_128(f"text\0{rec.cik}\0{rec.period_of_report}\0".encode())
        digest.update(text)
        content_key = digest.digest()
        signature_bytes = minhash(text) if signature else None
    else:
        content_key = xxhash.xxh3_128_digest(f"source\0{rec.source_sha256}".encode())
        signature_bytes = None
    return Fingerprint(
        file=view.file,
        cik=rec.cik,
        accession=rec.accession_number,
        company=rec.cik or normalise(rec.company_name or "") or view.file,
        period=rec.period_of_report,
        content_key=content_key,
        signature=signature_bytes,
    )


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two signatures (bins empty in both are ignored).

    Bins are compared as machine words: equality does not depend on byte order.
    """
    same = both_empty = 0
    for x, y in zip(memoryview(a).cast("Q"), memoryview(b).cast("Q"), strict=True):
        if x == y:
            if x == EMPTY_BIN:
                both_empty += 1
            else:
                same += 1
    used = BINS - both_empty
    return same / used if used else 0.0


def bands(signature: bytes) -> list[int]:
    """One key per band of ``BAND_ROWS`` bins: a 63-bit XXH3 of the band, seeded by its number."""
    step = BAND_ROWS * 8
    return [
        xxhash.xxh3_64_intdigest(signature[i * step : (i + 1) * step], seed=i) >> 1
        for i in range(BANDS)
    ]


@dataclass(frozen=True, slots=True)
class Match:
    file: str
    similarity: float


_GROUP = 500
"""Values bound per ``IN (...)`` query (SQLite limits the number of parameters)."""


def _groups(values: list[_T]) -> list[list[_T]]:
    return [values[i : i + _GROUP] for i in range(0, len(values), _GROUP)]


@dataclass(frozen=True, slots=True)
class _Entry:
    """A fingerprint already in the index (on disk or earlier in the same batch)."""

    seq: int
    file: str
    company: str
    period: str | None
    signature: bytes


_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS fp (seq INTEGER PRIMARY KEY, chunk INTEGER NOT NULL,"
    " file TEXT NOT NULL, content_key BLOB NOT NULL, company TEXT NOT NULL,"
    " period TEXT, signature BLOB)",
    "CREATE INDEX IF NOT EXISTS fp_key ON fp(content_key)",
    # One B-tree keyed by band: the table is its own index.
    "CREATE TABLE IF NOT EXISTS band (band_key INTEGER NOT NULL, seq INTEGER NOT NULL,"
    " chunk INTEGER NOT NULL, PRIMARY KEY (band_key, seq)) WITHOUT ROWID",
)


class SketchIndex:
    """Fingerprints seen so far, on disk; ``add_batch`` reports what new ones duplicate.

    A batch (one chunk's fingerprints, in file order) costs a few statements, whatever its
    size: earlier fingerprints are looked up for the whole batch at once, and the batch's
    own earlier members are matched in memory.
    """

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

    def add_batch(
        self, prints: list[Fingerprint], *, chunk: int
    ) -> list[tuple[Match | None, Match | None]]:
        """Record ``prints``; for each, (exact duplicate of, near duplicate of) the earliest
        identical / the most similar earlier filing. A filing's own company is not compared
        with its other periods (the same company's years are expected to be similar)."""
        if not prints:
            return []
        first_file = self._first_files({fp.content_key for fp in prints})
        band_keys = {fp.file: bands(fp.signature) for fp in prints if fp.signature is not None}
        by_band = self._entries_by_band({k for keys in band_keys.values() for k in keys})
        (next_seq,) = self.conn.execute("SELECT coalesce(max(seq), 0) + 1 FROM fp").fetchone()
        out: list[tuple[Match | None, Match | None]] = []
        fp_rows: list[tuple[object, ...]] = []
        band_rows: list[tuple[int, int, int]] = []
        for fp in prints:
            dup = first_file.get(fp.content_key)
            if dup is not None:
                out.append((Match(dup, 1.0), None))
                continue
            first_file[fp.content_key] = fp.file
            seq, next_seq = next_seq, next_seq + 1
            near = None
            if fp.signature is not None:
                keys = band_keys[fp.file]
                near = self._nearest(fp, fp.signature, keys, by_band)
                entry = _Entry(seq, fp.file, fp.company, fp.period, fp.signature)
                for key in keys:
                    by_band.setdefault(key, []).append(entry)
                band_rows += [(key, seq, chunk) for key in keys]
            out.append((None, near))
            fp_rows.append(
                (seq, chunk, fp.file, fp.content_key, fp.company, fp.period, fp.signature)
            )
        self.conn.executemany(
            "INSERT INTO fp (seq, chunk, file, content_key, company, period, signature)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            fp_rows,
        )
        self.conn.executemany("INSERT INTO band (band_key, seq, chunk) VALUES (?, ?, ?)", band_rows)
        return out

    def _first_files(self, keys: set[bytes]) -> dict[bytes, str]:
        """The earliest file recorded under each of ``keys`` (those recorded at all)."""
        found: dict[bytes, str] = {}
        for group in _groups(sorted(keys)):
            marks = ",".join("?" * len(group))
            found.update(  # in descending order: the earliest file of a key is kept
                self.conn.execute(
                    f"SELECT content_key, file FROM fp WHERE content_key IN ({marks})"  # nosec B608
                    " ORDER BY seq DESC",
                    group,
                ).fetchall()
            )
        return found

    def _entries_by_band(self, keys: set[int]) -> dict[int, list[_Entry]]:
        by_band: dict[int, list[_Entry]] = {}
        for group in _groups(sorted(keys)):
            marks = ",".join("?" * len(group))
            rows = self.conn.execute(
                "SELECT band.band_key, fp.seq, fp.file, fp.company, fp.period, fp.signature"
                " FROM band JOIN fp ON fp.seq = band.seq"
                f" WHERE band.band_key IN ({marks}) ORDER BY fp.seq",  # nosec B608
                group,
            ).fetchall()
            for key, seq, file, company, period, signature in rows:
                by_band.setdefault(key, []).append(_Entry(seq, file, company, period, signature))
        return by_band

    def _nearest(
        self,
        fp: Fingerprint,
        signature: bytes,
        keys: list[int],
        by_band: dict[int, list[_Entry]],
    ) -> Match | None:
        candidates = {e.seq: e for key in keys for e in by_band.get(key, ())}
        best: Match | None = None
        for seq in sorted(candidates):  # earliest first: ties go to the earliest filing
            entry = candidates[seq]
            if entry.company == fp.company and entry.period != fp.period:
                continue  # the same company's other years are expected to be similar
            sim = similarity(signature, entry.signature)
            if sim >= self.near_similarity and (best is None or sim > best.similarity):
                best = Match(entry.file, sim)
        return best

    def commit(self) -> None:
        self.conn.commit()

    def close(self) -> None:
        self.conn.close()


__all__ = ["Fingerprint", "Match", "SketchIndex", "bands", "fingerprint", "similarity"]
