"""Each defect trips exactly its check, with the documented status and decision."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from edgar_sentinel.gate.registry import all_checks
from edgar_sentinel.gate.result import CheckStatus, Decision
from edgar_sentinel.gate.thresholds import load_thresholds
from edgar_sentinel.models import FilingRecord, Item1AStatus
from tests.gate.helpers import assert_gate, make_record, with_segment_text, write_run

FAIL, WARN = CheckStatus.FAIL, CheckStatus.WARN


@pytest.fixture
def clean_records() -> list[FilingRecord]:
    """Twenty valid filings of five segments each (100 segments)."""
    return [make_record(i) for i in range(20)]


Defect = Callable[[list[FilingRecord]], list[FilingRecord]]


def _first(change: Callable[[FilingRecord], FilingRecord]) -> Defect:
    return lambda recs: [change(recs[0]), *recs[1:]]


def _seg(text: str, count: int = 1) -> Defect:
    def apply(recs: list[FilingRecord]) -> list[FilingRecord]:
        out = list(recs)
        for i in range(count):
            out[i] = with_segment_text(out[i], 1, text)
        return out

    return apply


BODY = "Our business could be adversely affected by many factors beyond our control today."

CASES: list[tuple[str, Defect, dict[str, CheckStatus], Decision]] = [
    (
        "missing CIK",
        _first(lambda r: r.model_copy(update={"cik": None})),
        {"cik_present_rate": FAIL},
        Decision.NO_GO,
    ),
    (
        "missing company name",
        _first(lambda r: r.model_copy(update={"company_name": None})),
        {"company_name_present_rate": FAIL},
        Decision.NO_GO,
    ),
    (
        "missing SIC in 1 of 20 (0.95: pass)",
        _first(lambda r: r.model_copy(update={"sic_code": None})),
        {},
        Decision.GO,
    ),
    (
        "missing SIC in 2 of 20 (0.90: warn)",
        lambda recs: [r.model_copy(update={"sic_code": None}) for r in recs[:2]] + recs[2:],
        {"sic_code_present_rate": WARN},
        Decision.GO,
    ),
    (
        "all-zero CIK",
        _first(lambda r: r.model_copy(update={"cik": "0000000000"})),
        {"cik_format_valid_rate": FAIL},
        Decision.NO_GO,
    ),
    (
        "no fiscal year in 3 of 20",
        lambda recs: [r.model_copy(update={"fiscal_year": None}) for r in recs[:3]] + recs[3:],
        {"fiscal_year_present_rate": FAIL},
        Decision.GO,
    ),
    (
        "Item 1A not found in 2 of 20",
        lambda recs: (
            [
                r.model_copy(
                    update={
                        "item1a_status": Item1AStatus.NOT_FOUND,
                        "item1a_text": None,
                        "segments": [],
                    }
                )
                for r in recs[:2]
            ]
            + recs[2:]
        ),
        {"item1a_extracted_rate": WARN},
        Decision.GO,
    ),
    (
        "Item 1A not found in 3 of 20",
        lambda recs: (
            [
                r.model_copy(
                    update={
                        "item1a_status": Item1AStatus.NOT_FOUND,
                        "item1a_text": None,
                        "segments": [],
                    }
                )
                for r in recs[:3]
            ]
            + recs[3:]
        ),
        {"item1a_extracted_rate": FAIL},
        Decision.NO_GO,
    ),
    (
        "HTML left in text",
        _seg(f'{BODY} <div style="x">more</div>'),
        {"html_artifact_rate": FAIL},
        Decision.NO_GO,
    ),
    (
        "HTML entity left in text",
        _seg(f"{BODY} Terms&nbsp;apply"),
        {"html_artifact_rate": FAIL},
        Decision.NO_GO,
    ),
    (
        "page number line in 1 of 100 segments",
        _seg(f"{BODY}\n\n17\n\nMore text follows here."),
        {"page_number_artifact_rate": WARN},
        Decision.GO,
    ),
    (
        "page number lines in 2 of 100 segments",
        _seg(f"{BODY}\n\n17\n\nMore text here.", 2),
        {"page_number_artifact_rate": FAIL},
        Decision.NO_GO,
    ),
    (
        "10-K footer",
        _seg(f"{BODY}\nApple Inc. | 2023 Form 10-K | 23\nMore.", 2),
        {"page_number_artifact_rate": FAIL},
        Decision.NO_GO,
    ),
    (
        "table of contents",
        _seg(
            "Item 1. Business 3 Item 1A. Risk Factors 9 Item 1B. Unresolved "
            "Staff Comments 20 Item 2. Properties 21 Item 3. Legal 22",
            2,
        ),
        {"toc_leak_rate": FAIL},
        Decision.NO_GO,
    ),
    (
        "table of contents in capitals",
        _seg(
            "ITEM 1. BUSINESS 3\nITEM 1A. RISK FACTORS 9\nITEM 2. PROPERTIES 21\n"
            "ITEM 3. LEGAL PROCEEDINGS 22\nITEM 4. MINE SAFETY 23",
            2,
        ),
        {"toc_leak_rate": FAIL},
        Decision.NO_GO,
    ),
    (
        "cross-references in prose are not a table of contents",
        _seg("As discussed in Item 1A and Item 7, and in Part II, Item 8, results may vary.", 5),
        {},
        Decision.GO,
    ),
    (
        "mojibake in 2 of 100 segments",
        _seg(f"{BODY} We donâ€™t know.", 2),
        {"encoding_artifact_rate": FAIL},
        Decision.NO_GO,
    ),
    (
        "running header",
        _seg(f"{BODY}\nTable of Contents\nMore risk text follows here.", 2),
        {"running_header_rate": WARN},
        Decision.GO,
    ),
    ("empty segment", _seg("   "), {"empty_segment_rate": FAIL}, Decision.NO_GO),
    ("short segments (6 of 100)", _seg("Too short.", 6), {"short_segment_rate": WARN}, Decision.GO),
    ("long segment", _seg(" ".join(["risk"] * 1600), 2), {"long_segment_rate": FAIL}, Decision.GO),
    (
        "risk vocabulary missing in 2 of 20",
        lambda recs: (
            [
                r.model_copy(update={"item1a_text": "Item 1B. None. Item 2. Properties."})
                for r in recs[:2]
            ]
            + recs[2:]
        ),
        {"risk_keyword_present": FAIL},
        Decision.NO_GO,
    ),
    (
        "a filing with one segment",
        _first(lambda r: r.model_copy(update={"segments": r.segments[:1]})),
        {"min_segments_per_filing": WARN},
        Decision.GO,
    ),
    ("duplicated filing", lambda recs: [*recs, recs[3]], {"duplicate_rate": FAIL}, Decision.NO_GO),
    (
        "near-duplicate filing under another CIK",
        lambda recs: [
            *recs,
            recs[3].model_copy(
                update={
                    "cik": "0000999999",
                    "source_sha256": "f" * 64,
                    "item1a_text": (recs[3].item1a_text or "") + " One extra sentence.",
                }
            ),
        ],
        {"near_duplicate_filing_rate": FAIL},
        Decision.GO,
    ),
    (
        "repeated segment",
        _first(lambda r: with_segment_text(r, 2, r.segments[1].text)),
        {"duplicate_segment_rate": WARN},
        Decision.GO,
    ),
    (
        "fiscal year far from period",
        _first(lambda r: r.model_copy(update={"fiscal_year": 2019})),
        {"period_consistency_rate": WARN},
        Decision.GO,
    ),
]


@pytest.mark.parametrize(
    ("defect", "change", "failing", "decision"), CASES, ids=[c[0] for c in CASES]
)
def test_one_defect_trips_its_check(  # noqa: PLR0917 - parametrized test arguments
    tmp_path: Path,
    clean_records: list[FilingRecord],
    defect: str,
    change: Defect,
    failing: dict[str, CheckStatus],
    decision: Decision,
) -> None:
    run = write_run(tmp_path, change(clean_records))
    assert_gate(run, decision=decision, failing=failing)


def test_every_check_has_a_defect_case() -> None:
    covered = {name for _, _, failing, _ in CASES for name in failing}
    covered |= {"filing_readable_rate", "dead_letter_rate"}  # tested below
    assert covered == set(all_checks())


def test_clean_run_passes_every_check(tmp_path: Path, clean_records: list[FilingRecord]) -> None:
    report = assert_gate(write_run(tmp_path, clean_records), decision=Decision.GO, failing={})
    assert report.per_file == []
    assert report.blocking_summary.all_pass


def test_dead_letters_count_against_the_inputs(
    tmp_path: Path, clean_records: list[FilingRecord]
) -> None:
    dead = [
        {"path": f"in/bad{i}.htm", "stage": "load", "reason": "empty_file", "message": "empty"}
        for i in range(2)
    ]
    run = write_run(tmp_path, clean_records, dead_letters=dead)
    report = assert_gate(run, decision=Decision.NO_GO, failing={"dead_letter_rate": FAIL})
    assert report.overall_summary.dead_letters == 2


def test_unreadable_filing_json_is_a_blocking_failure(
    tmp_path: Path, clean_records: list[FilingRecord]
) -> None:
    run = write_run(tmp_path, clean_records)
    (run / "filings" / "filing-00003.json").write_text("{not json", encoding="utf-8")
    report = assert_gate(run, decision=Decision.NO_GO, failing={"filing_readable_rate": FAIL})
    assert [f.file for f in report.per_file] == ["filing-00003.json"]


def test_findings_name_file_cik_accession_and_segment(
    tmp_path: Path, clean_records: list[FilingRecord]
) -> None:
    run = write_run(tmp_path, _seg(f"{BODY} <b>bold</b>", 1)(clean_records))
    report = assert_gate(run, decision=Decision.NO_GO)
    (finding,) = report.findings
    sample = finding.samples[0]
    assert (sample.file, sample.cik, sample.segment_index) == ("filing-00000.json", "0000001000", 1)
    assert sample.accession == "0000001000-24-000000"
    assert "<b>" in sample.excerpt
    assert report.per_file[0].failed_checks == ["html_artifact_rate"]


def test_samples_are_capped(tmp_path: Path) -> None:
    records = [with_segment_text(make_record(i), 0, f"{BODY} &amp;") for i in range(30)]
    report = assert_gate(write_run(tmp_path, records), decision=Decision.NO_GO, max_samples=5)
    (finding,) = report.findings
    assert (finding.offending, len(finding.samples), finding.samples_truncated) == (30, 5, True)


@pytest.mark.parametrize("name", list(all_checks()))
def test_every_check_has_a_default_threshold_and_documentation(name: str) -> None:
    assert name in load_thresholds().specs, f"{name} has no default threshold"
    docs = (Path(__file__).resolve().parents[2] / "docs" / "gate.md").read_text(encoding="utf-8")
    assert f"`{name}`" in docs, f"{name} is not documented in docs/gate.md"


def test_excerpts_point_at_the_defect_after_non_ascii_text(
    tmp_path: Path, clean_records: list[FilingRecord]
) -> None:
    prose = "Our “growth” — and our rivals’ — could suffer. " * 10
    run = write_run(tmp_path, _seg(f"{prose}<span>x</span> tail", 1)(clean_records))
    report = assert_gate(run, decision=Decision.NO_GO, failing={"html_artifact_rate": FAIL})
    excerpt = report.findings[0].samples[0].excerpt
    assert "<span>" in excerpt and excerpt.startswith("…")
