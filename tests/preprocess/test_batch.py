"""The preprocessing run directory: filings, manifest, dead letters, report; naming; determinism."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from concurrent.futures import Executor, ThreadPoolExecutor
from pathlib import Path

import jsonschema
import pytest

from edgar_sentinel import schemas
from edgar_sentinel.exit_codes import ExitCode
from edgar_sentinel.models import DeadLetterReason, Item1AStatus
from edgar_sentinel.preprocess.batch import RunSummary, run_preprocessing
from edgar_sentinel.preprocess.manifest import InputOutcome, Manifest
from edgar_sentinel.runs import (
    DEAD_LETTER_FILE,
    MANIFEST_FILE,
    RUN_REPORT_FILE,
    dump_json,
    filing_paths,
    read_dead_letters,
)
from edgar_sentinel.settings import Settings
from tests.preprocess.batch_helpers import make_inputs, misbehaving_process

SMALL_FILINGS = ["TGT_10-K_2002.htm", "CIK1025315_10-KSB_2007.txt", "CIK1779026_10-K_2023.txt"]


@pytest.fixture(scope="module")
def mixed_run(
    filings_dir: Path, bad_inputs_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> RunSummary:
    inputs = [filings_dir / name for name in SMALL_FILINGS[:2]] + [bad_inputs_dir / "empty.htm"]
    return run_preprocessing(
        inputs, out=tmp_path_factory.mktemp("runs"), settings=Settings(), workers=2
    )


def all_files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def test_run_directory_is_stamped_and_holds_exactly_the_contract_files(
    mixed_run: RunSummary,
) -> None:
    assert re.fullmatch(r"\d{8}_\d{6}_preprocessing_([0-9a-f]{7}|nogit)", mixed_run.run_dir.name)
    # Everything is written atomically: no temporary file or journal survives the run.
    assert all_files(mixed_run.run_dir) == [
        RUN_REPORT_FILE,
        DEAD_LETTER_FILE,
        "filings/0000930413-08-001093.json",  # named by accession number
        "filings/TGT_10-K_2002.json",  # no accession number: the input's stem
        MANIFEST_FILE,
    ]


def test_manifest_records_config_inputs_and_counts(
    mixed_run: RunSummary, filings_dir: Path
) -> None:
    raw = json.loads((mixed_run.run_dir / MANIFEST_FILE).read_bytes())
    jsonschema.validate(raw, schemas.load("manifest.schema.json"))
    manifest = Manifest.model_validate(raw)

    assert manifest.schema_version == "1.0"
    assert manifest.config == Settings().model_dump(mode="json")
    # The documented contract: SHA-256 of the canonical JSON (runs.dump_json) of the config.
    assert manifest.config_sha256 == hashlib.sha256(dump_json(manifest.config)).hexdigest()
    assert manifest.started_at <= manifest.finished_at
    by_name = {Path(i.path).name: i for i in manifest.inputs}
    tgt = by_name["TGT_10-K_2002.htm"]
    data = (filings_dir / "TGT_10-K_2002.htm").read_bytes()
    assert (tgt.sha256, tgt.size_bytes) == (hashlib.sha256(data).hexdigest(), len(data))
    assert tgt.outcome is InputOutcome.PROCESSED
    assert tgt.output == "filings/TGT_10-K_2002.json"
    assert tgt.item1a_status is Item1AStatus.PRE_ITEM1A
    empty = by_name["empty.htm"]
    assert empty.outcome is InputOutcome.DEAD_LETTERED
    assert (empty.output, empty.dead_letter_reason) == (None, DeadLetterReason.EMPTY_FILE)
    assert manifest.counts.inputs == 3
    assert (manifest.counts.processed, manifest.counts.dead_lettered) == (2, 1)
    assert manifest.counts.dead_letter_reason == {"empty_file": 1}
    assert sum(manifest.counts.item1a_status.values()) == 2


def test_dead_letters_and_report_say_what_went_wrong(mixed_run: RunSummary) -> None:
    [letter] = read_dead_letters(mixed_run.run_dir)
    assert Path(letter.path).name == "empty.htm"
    assert letter.reason is DeadLetterReason.EMPTY_FILE
    assert mixed_run.exit_code is ExitCode.PARTIAL

    report = (mixed_run.run_dir / RUN_REPORT_FILE).read_text(encoding="utf-8")
    assert "3 inputs: 2 processed, 1 dead-lettered" in report
    assert "| empty.htm | load | empty_file |" in report
    assert "pre_item1a" in report


def test_two_runs_write_byte_identical_filings(filings_dir: Path, tmp_path: Path) -> None:
    inputs = [filings_dir / name for name in SMALL_FILINGS]
    first = run_preprocessing(inputs, out=tmp_path / "one", settings=Settings(), workers=2)
    second = run_preprocessing(inputs, out=tmp_path / "two", settings=Settings(), workers=1)

    def contents(run: RunSummary) -> dict[str, bytes]:
        return {p.name: p.read_bytes() for p in filing_paths(run.run_dir)}

    assert contents(first) == contents(second)
    assert len(contents(first)) == 3


def test_name_collisions_are_resolved_by_input_order_not_completion_order(tmp_path: Path) -> None:
    # The first input (sorted by path) finishes last; it still gets the plain name.
    make_inputs(tmp_path / "in" / "a" / "slow", ["filing.htm"])
    make_inputs(tmp_path / "in" / "b", ["filing.htm"])
    make_inputs(tmp_path / "in" / "c", ["filing.htm"])

    summary = run_preprocessing(
        [tmp_path / "in"],
        out=tmp_path / "runs",
        settings=Settings(),
        workers=3,
        process_fn=misbehaving_process,
    )

    outputs = {Path(i.path).parent.name: i.output for i in summary.manifest.inputs}
    assert outputs == {
        "slow": "filings/filing.json",
        "b": "filings/filing-2.json",
        "c": "filings/filing-3.json",
    }


def test_the_same_filing_given_twice_is_kept_twice(filings_dir: Path, tmp_path: Path) -> None:
    # The gate detects duplicates; the preprocessor must not hide them.
    copy = tmp_path / "copy" / "again.txt"
    copy.parent.mkdir()
    shutil.copyfile(filings_dir / SMALL_FILINGS[1], copy)

    summary = run_preprocessing(
        [filings_dir / SMALL_FILINGS[1], copy],
        out=tmp_path / "runs",
        settings=Settings(),
        workers=2,
    )

    assert sorted(p.name for p in filing_paths(summary.run_dir)) == [
        "0000930413-08-001093-2.json",
        "0000930413-08-001093.json",
    ]


def test_any_executor_can_run_the_stages(tmp_path: Path) -> None:
    inputs = make_inputs(tmp_path / "in", ["a.htm", "b.htm", "bug.htm"])

    def threads(workers: int) -> Executor:
        return ThreadPoolExecutor(max_workers=workers)

    summary = run_preprocessing(
        inputs,
        out=tmp_path / "runs",
        settings=Settings(),
        workers=2,
        executor_factory=threads,
        process_fn=misbehaving_process,
    )

    assert summary.manifest.counts.processed == 2
    assert [d.reason for d in summary.dead_letters] == [DeadLetterReason.INTERNAL_ERROR]
