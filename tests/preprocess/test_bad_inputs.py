"""Every damaged or mistaken input ends as ../shared/bad-inputs/README.md says, in one run.

The run mixes all bad inputs with two real filings: the real filings come through, each
bad input gets its specific outcome, nothing crashes or hangs, and the exit code is 3.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from edgar_sentinel.exit_codes import ExitCode
from edgar_sentinel.models import DeadLetterReason, FilingRecord, Item1AStatus
from edgar_sentinel.preprocess.batch import RunSummary, run_preprocessing
from edgar_sentinel.preprocess.manifest import InputOutcome, ManifestInput
from edgar_sentinel.settings import Settings

REAL = ["AAPL_10-K_2024.htm", "KO_10-K_1997.txt"]

DEAD = InputOutcome.DEAD_LETTERED
DONE = InputOutcome.PROCESSED
NEVER = {DeadLetterReason.INTERNAL_ERROR, DeadLetterReason.TIMEOUT, DeadLetterReason.WORKER_CRASH}


@pytest.fixture(scope="module")
def bad_run(
    bad_inputs_dir: Path, filings_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> RunSummary:
    return run_preprocessing(
        [bad_inputs_dir, *(filings_dir / name for name in REAL)],
        out=tmp_path_factory.mktemp("bad"),
        settings=Settings(),
        workers=2,
    )


def outcome(run: RunSummary, name: str) -> ManifestInput:
    [found] = [i for i in run.manifest.inputs if Path(i.path).name == name]
    return found


def record(run: RunSummary, name: str) -> FilingRecord:
    entry = outcome(run, name)
    assert entry.output is not None
    return FilingRecord.model_validate_json((run.run_dir / entry.output).read_bytes())


def test_every_bad_input_is_in_the_run_and_the_exit_code_is_partial(
    bad_run: RunSummary, bad_inputs_dir: Path
) -> None:
    expected = sorted(p.name for p in bad_inputs_dir.iterdir() if p.suffix != ".md")
    seen = sorted(
        Path(i.path).name for i in bad_run.manifest.inputs if Path(i.path).name not in REAL
    )
    assert seen == expected
    assert bad_run.exit_code is ExitCode.PARTIAL
    assert all(d.reason not in NEVER for d in bad_run.dead_letters), bad_run.dead_letters


@pytest.mark.parametrize("name", REAL)
def test_real_filings_in_the_same_run_are_processed(bad_run: RunSummary, name: str) -> None:
    assert outcome(bad_run, name).outcome is DONE


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("empty.htm", DeadLetterReason.EMPTY_FILE),
        ("random-bytes.htm", DeadLetterReason.BINARY_DATA),
        ("pdf-renamed.htm", DeadLetterReason.PDF_DOCUMENT),
        ("corrupt.htm.gz", DeadLetterReason.CORRUPT_GZIP),
        ("sgml-unterminated-header.txt", DeadLetterReason.MALFORMED_HEADER),
        # An XBRL instance is financial data, not a filing document.
        ("xbrl-instance.xml", DeadLetterReason.NOT_A_FILING),
        # 8 MB of lorem ipsum on one line: no cover page, no items.
        ("giant-single-line.txt", DeadLetterReason.NOT_A_FILING),
    ],
)
def test_unusable_files_are_dead_lettered_with_a_specific_reason(
    bad_run: RunSummary, name: str, reason: DeadLetterReason
) -> None:
    entry = outcome(bad_run, name)
    assert (entry.outcome, entry.dead_letter_reason) == (DEAD, reason)
    [letter] = [d for d in bad_run.dead_letters if Path(d.path).name == name]
    assert len(letter.message) > 20  # says what to do, not just a code


def test_truncated_filing_is_never_reported_complete(bad_run: RunSummary) -> None:
    # The file is cut off mid-tag before Item 1A's body: processed, flagged, no Item 1A.
    entry = outcome(bad_run, "truncated-in-item1a.htm")
    assert (entry.outcome, entry.item1a_status) == (DONE, Item1AStatus.NOT_FOUND)
    assert "truncated" in entry.warnings


def test_cp1252_filing_is_decoded_without_mojibake(bad_run: RunSummary) -> None:
    filing = record(bad_run, "cp1252-encoded.htm")
    text = json.dumps(filing.model_dump(mode="json"), ensure_ascii=False)
    assert filing.item1a_status is Item1AStatus.EXTRACTED
    assert not any(junk in text for junk in ("â€", "Ã©", "\ufffd"))
    assert any(ch in text for ch in "’“”—")  # the typographic characters survived


def test_deep_nesting_is_processed_without_a_recursion_error(bad_run: RunSummary) -> None:
    entry = outcome(bad_run, "deeply-nested.htm")
    assert (entry.outcome, entry.item1a_status) == (DONE, Item1AStatus.NOT_FOUND)
    assert "deep_nesting" in entry.warnings


def test_toc_only_filing_has_no_item1a(bad_run: RunSummary) -> None:
    entry = outcome(bad_run, "toc-only.htm")
    assert (entry.outcome, entry.item1a_status) == (DONE, Item1AStatus.NOT_FOUND)
