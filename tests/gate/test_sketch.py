"""The duplicate index finds what comparing every pair of filings would find."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from edgar_sentinel.gate.kernels import BINS
from edgar_sentinel.gate.sketch import Fingerprint, Match, SketchIndex, bands, similarity

NEAR = 0.9


def _prints(seed: int, n: int) -> list[Fingerprint]:
    """Fingerprints with exact copies, near copies (a few bins changed) and shared companies."""
    rnd = random.Random(seed)
    out: list[Fingerprint] = []
    for i in range(n):
        kind = rnd.random()
        if out and kind < 0.15:
            src = rnd.choice(out)
            key, sig = src.content_key, src.signature
        elif out and kind < 0.4:
            src = rnd.choice(out)
            assert src.signature is not None
            words = bytearray(src.signature)
            for _ in range(rnd.choice([1, 3, 12])):
                at = rnd.randrange(BINS) * 8
                words[at : at + 8] = rnd.randbytes(8)
            key, sig = rnd.randbytes(16), bytes(words)
        else:
            key, sig = rnd.randbytes(16), rnd.randbytes(BINS * 8)
        out.append(
            Fingerprint(
                file=f"{i:04d}.json",
                cik=None,
                accession=None,
                company=f"co{rnd.randrange(6)}",
                period=f"202{rnd.randrange(3)}-12-31",
                content_key=key,
                signature=sig,
            )
        )
    return out


def _brute_force(prints: list[Fingerprint]) -> list[tuple[Match | None, Match | None]]:
    """Each filing against every earlier one that was not itself an exact copy."""
    kept: list[Fingerprint] = []
    out: list[tuple[Match | None, Match | None]] = []
    for fp in prints:
        assert fp.signature is not None
        same = next((k for k in kept if k.content_key == fp.content_key), None)
        if same is not None:
            out.append((Match(same.file, 1.0), None))
            continue
        best = None
        for k in kept:
            assert k.signature is not None
            if k.company == fp.company and k.period != fp.period:
                continue
            if not set(bands(k.signature)) & set(bands(fp.signature)):
                continue  # locality-sensitive hashing never proposes the pair
            sim = similarity(fp.signature, k.signature)
            if sim >= NEAR and (best is None or sim > best.similarity):
                best = Match(k.file, sim)
        out.append((None, best))
        kept.append(fp)
    return out


@pytest.mark.parametrize(("seed", "chunk"), [(1, 1), (2, 7), (3, 64), (4, 500)])
def test_batches_find_what_pairwise_comparison_finds(tmp_path: Path, seed: int, chunk: int) -> None:
    prints = _prints(seed, 400)
    index = SketchIndex(tmp_path / "sketch.db", near_similarity=NEAR)
    found = []
    for start in range(0, len(prints), chunk):
        found += index.add_batch(prints[start : start + chunk], chunk=start // chunk)
    index.close()
    expected = _brute_force(prints)
    assert found == expected
    assert sum(d is not None for d, _ in expected) > 30
    assert sum(n is not None for _, n in expected) > 30


def test_truncating_forgets_later_chunks(tmp_path: Path) -> None:
    prints = _prints(5, 40)
    index = SketchIndex(tmp_path / "sketch.db", near_similarity=NEAR)
    index.add_batch(prints[:20], chunk=0)
    index.add_batch(prints[20:], chunk=1)
    index.truncate_from(1)
    again = index.add_batch(prints[20:], chunk=1)
    index.close()
    assert again == _brute_force(prints)[20:]
