"""Byte kernels of the gate: the loops that visit every byte of every filing.

Each kernel has a reference implementation here, in plain Python and NumPy, and a
compiled one in ``_kernels.c`` (built at install time when a C compiler is present).
Both return the same results; the tests compare them on real filings and generated
text. ``NATIVE`` tells which one the names ``fold``, ``minhash``, ``short_lines`` and
``find_all`` are bound to.
"""

from __future__ import annotations

from collections.abc import Callable

SHINGLE_CHARS = 12
BINS = 64
EMPTY_BIN = (1 << 64) - 1

_FOLD = bytes.maketrans(
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZ\t\n\x0b\x0c\r", b"abcdefghijklmnopqrstuvwxyz     "
)


def fold_reference(data: bytes) -> bytes:
    """ASCII letters lower-cased, every ASCII whitespace character a space, stripped."""
    return data.translate(_FOLD).strip(b" ")


def minhash_reference(folded: bytes) -> bytes:
    """One-permutation MinHash of 12-byte shingles starting at (a sample of) word starts.

    Shingles start at 0 and after each space. A consistent quarter of them is kept,
    chosen by a mix of four of their bytes, so similar texts keep the same shingles.
    Each kept shingle is hashed (two little-endian words, multiplied, splitmix64
    finaliser); the top 6 bits choose one of ``BINS`` bins, which keeps its minimum.
    Returns ``BINS`` little-endian uint64 (``EMPTY_BIN`` where nothing fell).
    """
    import numpy as np
    from numpy.lib.stride_tricks import sliding_window_view

    data = np.frombuffer(folded, dtype=np.uint8)
    sig = np.full(BINS, EMPTY_BIN, dtype=np.uint64)
    n = data.size - SHINGLE_CHARS + 1
    if n <= 0:
        return sig.astype("<u8").tobytes()
    starts = np.concatenate(([0], np.flatnonzero(data[: n - 1] == 32) + 1))
    mix = data[starts] + data[starts + 3] * 3 + data[starts + 6] * 5 + data[starts + 9] * 7
    starts = starts[(mix & 3) == 0]
    padded = np.zeros((starts.size, 16), dtype=np.uint8)
    padded[:, :SHINGLE_CHARS] = sliding_window_view(data, SHINGLE_CHARS)[starts]
    words = padded.view(np.uint64)
    h = words[:, 0] * np.uint64(0x9E3779B97F4A7C15)
    h += words[:, 1] * np.uint64(0xC2B2AE3D27D4EB4F)
    h ^= h >> np.uint64(30)
    h *= np.uint64(0xBF58476D1CE4E5B9)
    h ^= h >> np.uint64(27)
    h *= np.uint64(0x94D049BB133111EB)
    h ^= h >> np.uint64(31)
    np.minimum.at(sig, (h >> np.uint64(58)).astype(np.intp), h)
    return sig.astype("<u8").tobytes()


def short_lines_reference(data: bytes, max_chars: int, max_words: int) -> list[tuple[int, int]]:
    """(start, stop) of each line holding 1 to ``max_chars`` characters and at most
    ``max_words`` words once spaces and tabs around it are trimmed; stop excludes the
    newline.

    Characters are the bytes that do not continue a UTF-8 sequence; words are runs of bytes
    other than ASCII whitespace (``str.split`` finds at least as many, so callers counting
    words by ``str.split`` lose no line). Lines of over
    ``4 * max_chars`` bytes (the longest ``max_chars`` characters) are never short. Lines
    holding a NUL byte are not text (the gate joins segments with one) and are skipped.
    """
    out = []
    start = 0
    for line in data.split(b"\n"):
        trimmed = line.strip(b" \t")
        if (
            trimmed
            and len(trimmed) <= 4 * max_chars
            and b"\x00" not in trimmed
            and sum((b & 0xC0) != 0x80 for b in trimmed) <= max_chars
            and len(trimmed.split()) <= max_words
        ):
            out.append((start, start + len(line)))
        start += len(line) + 1
    return out


def find_all_reference(data: bytes, needle: bytes) -> list[int]:
    """Start of every occurrence of ``needle`` in ``data``, overlapping ones too."""
    out = []
    pos = data.find(needle) if needle else -1
    while pos >= 0:
        out.append(pos)
        pos = data.find(needle, pos + 1)
    return out


fold: Callable[[bytes], bytes]
minhash: Callable[[bytes], bytes]
short_lines: Callable[[bytes, int, int], list[tuple[int, int]]]
find_all: Callable[[bytes, bytes], list[int]]
try:
    from edgar_sentinel.gate import _kernels
except ImportError:  # installed without a C compiler: same results, slower
    NATIVE = False
    fold, minhash = fold_reference, minhash_reference
    short_lines, find_all = short_lines_reference, find_all_reference
else:
    NATIVE = True
    fold, minhash = _kernels.fold, _kernels.minhash
    short_lines, find_all = _kernels.short_lines, _kernels.find_all

__all__ = [
    "BINS",
    "EMPTY_BIN",
    "NATIVE",
    "SHINGLE_CHARS",
    "find_all",
    "find_all_reference",
    "fold",
    "fold_reference",
    "minhash",
    "minhash_reference",
    "short_lines",
    "short_lines_reference",
]
