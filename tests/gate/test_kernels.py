"""The compiled byte kernels compute exactly what their reference implementations compute."""

from __future__ import annotations

import os
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given
from hypothesis import strategies as st

from edgar_sentinel.gate import kernels
from edgar_sentinel.gate.sketch import similarity
from edgar_sentinel.gate.view import FilingView
from edgar_sentinel.models import FilingRecord
from edgar_sentinel.runs import FILINGS_DIR

native: ModuleType | None
try:
    from edgar_sentinel.gate import _kernels as native
except ImportError:  # built without a C compiler: only the reference kernels exist
    native = None

needs_native = pytest.mark.skipif(native is None, reason="built without a C compiler")

# Bytes that exercise every branch: case, every kind of whitespace, NUL, UTF-8 lead and
# continuation bytes, the needles the checks look for.
ALPHABET = b"  \t\n\n\r\x0b\x0c\x00AaZzIiTtEeMm|.-09\xc3\xa9\xe2\x80\x94\xff"
texts = st.lists(st.sampled_from(list(ALPHABET)), max_size=300).map(bytes)


@pytest.mark.skipif(not os.environ.get("CI"), reason="a contributor may lack a C compiler")
def test_ci_builds_the_compiled_kernels() -> None:
    assert kernels.NATIVE, "the C extension was not built: the gate runs its slow path"


@needs_native
@given(texts)
def test_fold_matches_the_reference(data: bytes) -> None:
    assert native is not None
    assert native.fold(data) == kernels.fold_reference(data)


@needs_native
@given(texts)
def test_minhash_matches_the_reference(data: bytes) -> None:
    assert native is not None
    folded = kernels.fold_reference(data)
    assert native.minhash(folded) == kernels.minhash_reference(folded)


@needs_native
@given(texts, st.integers(min_value=0, max_value=8), st.integers(min_value=0, max_value=4))
def test_short_lines_match_the_reference(data: bytes, max_chars: int, max_words: int) -> None:
    assert native is not None
    expected = kernels.short_lines_reference(data, max_chars, max_words)
    assert native.short_lines(data, max_chars, max_words) == expected


@needs_native
@given(texts, st.sampled_from([b"Item", b"ITEM", b"|", b"aa", b"\n", b"\xe2\x80"]))
def test_find_all_matches_the_reference(data: bytes, needle: bytes) -> None:
    assert native is not None
    assert native.find_all(data, needle) == kernels.find_all_reference(data, needle)


@needs_native
def test_kernels_match_the_references_on_real_filings(real_run_dir: Path) -> None:
    assert native is not None
    checked = 0
    for path in sorted((real_run_dir / FILINGS_DIR).glob("*.json")):
        record = FilingRecord.model_validate_json(path.read_bytes())
        data = FilingView(file=path.name, record=record).joined_bytes
        folded = native.fold(data)
        assert folded == kernels.fold_reference(data), path.name
        assert native.minhash(folded) == kernels.minhash_reference(folded), path.name
        assert native.short_lines(data, 160, 12) == kernels.short_lines_reference(data, 160, 12)
        assert native.find_all(data, b"Item") == kernels.find_all_reference(data, b"Item")
        checked += bool(record.segments)
    assert checked >= 40


@pytest.mark.parametrize("impl", [pytest.param("native", marks=needs_native), "reference"])
def test_each_kernel_does_what_its_docstring_says(impl: str) -> None:
    fold, minhash, short_lines, find_all = (
        (native.fold, native.minhash, native.short_lines, native.find_all)
        if impl == "native" and native is not None
        else (
            kernels.fold_reference,
            kernels.minhash_reference,
            kernels.short_lines_reference,
            kernels.find_all_reference,
        )
    )
    # ASCII only: the UTF-8 bytes of "É" stay as they are.
    assert fold(b" \tRisk\nFACTORS\r\x0c\xc3\x89 \n") == b"risk factors  \xc3\x89"
    data = b"Title\n\n   17  \n" + b"x" * 30 + b"\n\x00\n\xc3\xa9\xc3\xa9\xc3\xa9"
    assert short_lines(data, 3, 9) == [(7, 14), (48, 54)]  # '17' and three 2-byte characters
    assert short_lines(data, 5, 9) == [(0, 5), (7, 14), (48, 54)]
    assert short_lines(b"a b\nc\td e\n f  g\x0bh \n", 9, 2) == [(0, 3)]  # words of 2, 3, 3
    assert find_all(b"aaaa", b"aa") == [0, 1, 2]
    assert find_all(b"Item 1A; ITEM 7; Items", b"Item") == [0, 17]
    text = fold(b" ".join(b"word%d about risk" % i for i in range(400)))
    edited = text.replace(b"word17 ", b"other ")
    other = fold(b" ".join(b"entirely%d different text" % i for i in range(400)))
    assert minhash(text) == minhash(text)
    assert similarity(minhash(text), minhash(edited)) >= 0.9
    assert similarity(minhash(text), minhash(other)) < 0.2
    assert minhash(b"short") == kernels.EMPTY_BIN.to_bytes(8, "little") * kernels.BINS


def test_the_gate_reports_the_same_with_the_reference_kernels(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from edgar_sentinel.gate import sketch, validate_run
    from edgar_sentinel.gate.checks import cleanliness
    from tests.gate.helpers import make_record, with_segment_text, write_run

    records = [make_record(i) for i in range(12)]
    records[2] = with_segment_text(records[2], 1, "Risk text here.\n\n- 17 -\n\nMore risk text.")
    records.append(records[5])
    run = write_run(tmp_path, records)
    compiled = validate_run(run, record=False).model_dump(mode="json", exclude={"timestamp"})
    monkeypatch.setattr(sketch, "fold", kernels.fold_reference)
    monkeypatch.setattr(sketch, "minhash", kernels.minhash_reference)
    monkeypatch.setattr(kernels, "short_lines", kernels.short_lines_reference)
    monkeypatch.setattr(cleanliness, "find_all", kernels.find_all_reference)
    reference = validate_run(run, record=False).model_dump(mode="json", exclude={"timestamp"})
    assert reference == compiled
    failing = {r["metric"] for r in compiled["validation_table"] if r["status"] != "PASS"}
    assert failing == {"page_number_artifact_rate", "duplicate_rate"}
