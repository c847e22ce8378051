"""The gate on real preprocessing output of ../shared/filings, and damaged copies of it.

On the real corpus the default gate says NO-GO for one reason only, and it is right:
ten primary documents (mostly older, or cover pages without XBRL) carry no CIK
anywhere in the file (the labels agree), so ``cik_present_rate`` is 50/60. SIC codes
appear only in SGML headers, so ``sic_code_present_rate`` fails too (non-blocking).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from edgar_sentinel.gate import validate_run
from edgar_sentinel.gate.result import CheckStatus, Decision, GateReport
from edgar_sentinel.runs import FILINGS_DIR, dump_json


def _validate(run: Path, tmp_path: Path) -> GateReport:
    return validate_run(run, record=False, checkpoint_dir=tmp_path / "ckpt")


@pytest.fixture(scope="module")
def real_report(real_run_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> GateReport:
    return _validate(real_run_dir, tmp_path_factory.mktemp("gate"))


def test_real_corpus_fails_only_where_metadata_is_truly_absent(
    real_report: GateReport, labels_path: Path
) -> None:
    failing = {
        r.metric: r.status for r in real_report.validation_table if r.status is not CheckStatus.PASS
    }
    assert failing == {
        "cik_present_rate": CheckStatus.FAIL,
        "sic_code_present_rate": CheckStatus.FAIL,
    }
    assert real_report.go_no_go is Decision.NO_GO
    labels = [json.loads(line) for line in labels_path.read_text(encoding="utf-8").splitlines()]
    no_cik = {Path(label["file"]).stem for label in labels if label["cik"] is None}
    flagged = {
        Path(f.file).stem for f in real_report.per_file if "cik_present_rate" in f.failed_checks
    }
    assert flagged == no_cik


def test_real_corpus_passes_with_cik_tolerance_for_documents_without_one(
    real_run_dir: Path, tmp_path: Path
) -> None:
    # A team that accepts primary documents without a CIK says so in its thresholds.
    path = tmp_path / "t.yaml"
    path.write_text(
        "categories:\n  completeness:\n    cik_present_rate:\n      target: 0.8\n",
        encoding="utf-8",
    )
    report = validate_run(
        real_run_dir, thresholds=path, record=False, checkpoint_dir=tmp_path / "c"
    )
    assert report.go_no_go is Decision.GO


Damage = Callable[[list[Path]], None]


def _edit(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    doc = json.loads(path.read_bytes())
    change(doc)
    path.write_bytes(dump_json(doc))


def _segments(text: Callable[[str], str], files: int = 3) -> Damage:
    def apply(paths: list[Path]) -> None:
        with_segments = [p for p in paths if json.loads(p.read_bytes())["segments"]]
        for path in with_segments[:files]:

            def change(doc: dict[str, Any]) -> None:
                for seg in doc["segments"]:
                    seg["text"] = text(seg["text"])
                    seg["char_count"] = len(seg["text"])

            _edit(path, change)

    return apply


def _duplicate(paths: list[Path]) -> None:
    source = next(p for p in paths if json.loads(p.read_bytes())["segments"])
    shutil.copy(source, source.with_name("zz-copy.json"))


def _empty_segment(paths: list[Path]) -> None:
    source = next(p for p in paths if json.loads(p.read_bytes())["segments"])

    def change(doc: dict[str, Any]) -> None:
        doc["segments"][0]["text"] = ""
        doc["segments"][0]["char_count"] = doc["segments"][0]["word_count"] = 0

    _edit(source, change)


DAMAGES: list[tuple[str, Damage, str]] = [
    ("html left in text", _segments(lambda t: f"<p>{t}</p>", files=1), "html_artifact_rate"),
    ("page numbers", _segments(lambda t: f"{t}\n\n42\n"), "page_number_artifact_rate"),
    ("duplicated filing", _duplicate, "duplicate_rate"),
    ("empty segment", _empty_segment, "empty_segment_rate"),
    ("mojibake", _segments(lambda t: t.replace("'", "â€™") + " â€™"), "encoding_artifact_rate"),
]


@pytest.mark.parametrize(("damage", "apply", "check"), DAMAGES, ids=[d[0] for d in DAMAGES])
def test_damaged_copy_turns_no_go_naming_the_check(
    real_run_dir: Path, tmp_path: Path, damage: str, apply: Damage, check: str
) -> None:
    # Start from the real run with its known CIK gaps accepted, so only the damage decides.
    run = tmp_path / "run"
    shutil.copytree(real_run_dir / FILINGS_DIR, run / FILINGS_DIR)
    apply(sorted((run / FILINGS_DIR).glob("*.json")))
    path = tmp_path / "t.yaml"
    path.write_text(
        "categories:\n  completeness:\n    cik_present_rate:\n      target: 0.8\n",
        encoding="utf-8",
    )
    report = validate_run(run, thresholds=path, record=False)
    failed = [r.metric for r in report.validation_table if r.go_no_go is Decision.NO_GO]
    assert (report.go_no_go, failed) == (Decision.NO_GO, [check])


def test_missing_cik_in_a_damaged_copy_is_named(real_run_dir: Path, tmp_path: Path) -> None:
    run = tmp_path / "run"
    shutil.copytree(real_run_dir / FILINGS_DIR, run / FILINGS_DIR)
    target = sorted((run / FILINGS_DIR).glob("AAPL_10-K_2024*.json"))
    assert target, "the real run should contain AAPL_10-K_2024"
    _edit(target[0], lambda doc: doc.update(cik=None))
    report = validate_run(run, record=False)
    finding = {f.metric: f for f in report.findings}["cik_present_rate"]
    assert report.go_no_go is Decision.NO_GO
    assert target[0].name in {s.file for s in finding.samples}
