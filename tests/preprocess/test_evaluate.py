"""Evaluating runs against labels: matching, targets, exit codes."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from edgar_sentinel.errors import UsageError
from edgar_sentinel.exit_codes import ExitCode
from edgar_sentinel.models import FilingRecord, Item1AStatus, Segment, SegmentKind
from edgar_sentinel.preprocess.evaluate import (
    evaluate_records,
    evaluate_run,
    load_labels,
    normalise_company,
    risk_factor_count,
)
from tests import run_dirs
from tests.cli_helpers import invoke
from tests.preprocess.item1a_support import Processed

SAMPLE = ["AAPL_10-K_2017.htm", "WFC_10-K_2024.htm", "GS_10-K_2002.htm"]


def write_run(root: Path, records: list[FilingRecord]) -> Path:
    return run_dirs.write_run(root / "run", records)


def write_labels(root: Path, processed: list[Processed]) -> Path:
    path = root / "labels.jsonl"
    lines = [p.label.model_dump_json(exclude_none=True) for p in processed]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def sample(item1a_corpus: Callable[[str], Processed]) -> list[Processed]:
    return [item1a_corpus(name) for name in SAMPLE]


def test_a_correct_run_meets_every_target(sample: list[Processed], tmp_path: Path) -> None:
    run = write_run(tmp_path, [p.record for p in sample])
    result = evaluate_run(run, write_labels(tmp_path, sample))
    assert result.passed
    assert [f.file for f in result.filings] == sorted(SAMPLE)
    assert all(f.status_ok for f in result.filings)
    apple = next(f for f in result.filings if f.file.startswith("AAPL"))
    assert (apple.first_words_ok, apple.last_words_ok, apple.risk_count) == (True, True, 27)
    wells = next(f for f in result.filings if f.file.startswith("WFC"))
    assert wells.first_words_ok is None  # nothing to compare for a pointer


def test_a_wrong_status_fails_the_status_target(sample: list[Processed]) -> None:
    broken = sample[1].record.model_copy(update={"item1a_status": Item1AStatus.NOT_FOUND})
    result = evaluate_records([sample[0].record, broken], [p.label for p in sample])
    status = next(t for t in result.targets if t.name == "status")
    assert (status.passed, status.passed_count, status.total) == (False, 1, 2)
    assert not result.passed
    assert result.unmatched_labels == ["GS_10-K_2002.htm"]


def test_text_and_count_misses_are_reported_per_filing(sample: list[Processed]) -> None:
    record = sample[0].record
    cut = record.model_copy(update={"item1a_text": "Wrong start " + (record.item1a_text or "")})
    result = evaluate_records([cut], [sample[0].label])
    evaluation = result.filings[0]
    assert evaluation.first_words_ok is False
    assert evaluation.last_words_ok is True
    assert "first words" in evaluation.failures


def test_no_matching_record_never_passes(sample: list[Processed]) -> None:
    other = sample[0].record.model_copy(update={"source_path": "elsewhere/unknown.htm"})
    result = evaluate_records([other], [p.label for p in sample])
    assert not result.passed
    assert result.unlabelled_records == ["unknown.htm"]


@pytest.mark.parametrize(
    ("printed", "stored"),
    [
        ("THE BOEING COMPANY", "BOEING CO"),
        ("NVIDIA CORPORATION", "NVIDIA CORP"),
        ("Apple Inc.", "APPLE INC"),
        ("WELLS FARGO & COMPANY", "Wells Fargo & Co."),
        ("Commonwealth Income & Growth Fund V, L.P.", "COMMONWEALTH INCOME & GROWTH FUND V"),
    ],
)
def test_company_names_compare_without_case_punctuation_or_suffixes(
    printed: str, stored: str
) -> None:
    assert normalise_company(printed) == normalise_company(stored)


def test_continuations_of_a_long_risk_are_not_counted_twice(sample: list[Processed]) -> None:
    def seg(index: int, text: str, heading: str | None) -> Segment:
        return Segment(
            index=index,
            kind=SegmentKind.RISK,
            group=None,
            heading=heading,
            text=text,
            char_count=len(text),
            word_count=len(text.split()),
            start=0,
            end=len(text),
        )

    segments = [seg(0, "Risk one. Body.", "Risk one."), seg(1, "More body.", "Risk one.")]
    record = sample[0].record.model_copy(update={"segments": segments})
    assert risk_factor_count(record) == 1


def test_cli_exit_codes(sample: list[Processed], tmp_path: Path) -> None:
    run = write_run(tmp_path, [p.record for p in sample])
    labels = write_labels(tmp_path, sample)
    code, output = invoke("evaluate", str(run), "--labels", str(labels), "--json")
    assert code == ExitCode.OK
    assert json.loads(output)["targets"][0]["name"] == "status"
    code, output = invoke("evaluate", str(run), "--labels", str(labels))
    assert code == ExitCode.OK
    assert "all targets met" in output
    bad = write_run(tmp_path / "bad", [sample[0].record.model_copy(update={"item1a_text": "x"})])
    assert invoke("evaluate", str(bad), "--labels", str(labels))[0] == ExitCode.NO_GO
    code, message = invoke("evaluate", str(run), "--labels", str(tmp_path / "missing.jsonl"))
    assert code == ExitCode.USAGE
    assert message.startswith(f"cannot read labels file {tmp_path / 'missing.jsonl'}")
    code, message = invoke("evaluate", str(tmp_path / "nope"), "--labels", str(labels))
    assert code == ExitCode.USAGE


def test_a_broken_labels_line_is_named(tmp_path: Path) -> None:
    path = tmp_path / "labels.jsonl"
    path.write_text('{"file": "a.htm", "item1a_status": "present"}\n{oops\n', encoding="utf-8")
    with pytest.raises(UsageError, match=r"labels.jsonl:2"):
        load_labels(path)
