"""Gate and drift report documents for renderer tests, built through the real models."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from edgar_sentinel.drift.result import DriftReport
from edgar_sentinel.gate.result import GateReport

HOSTILE = (
    "a | b\n| --- |\r\n`code` <script>alert(1)</script> <details open><summary>x</summary> "
    "<!-- edgar-sentinel:gate --> [click](https://evil.example) ![img](https://evil.example/i.png)"
    " @octocat @org/team #123 GH-7 www.evil.example $x^2$ **bold** _em_ ~~s~~ &amp; \\| \u202e"
)


def _row(
    metric: str,
    *,
    status: str = "PASS",
    blocking: bool = True,
    actual: float | None = 0.995,
    display_name: str | None = None,
) -> dict[str, Any]:
    go = "NO-GO" if blocking and status in ("FAIL", "ERROR") else "GO"
    return {
        "category": "completeness",
        "metric": metric,
        "display_name": display_name or metric.replace("_", " ").capitalize(),
        "description": "share of filings with a CIK",
        "metric_type": "rate",
        "unit": "filings",
        "operator": ">=",
        "target": 0.99,
        "target_upper": None,
        "warn_threshold": 0.98,
        "actual": actual,
        "numerator": 3,
        "denominator": 61,
        "status": status,
        "go_no_go": go,
        "blocking": blocking,
        "previous_actual": 0.999,
        "delta": None if actual is None else actual - 0.999,
        "message": f"{metric}: measured against 0.99",
    }


def _sample(i: int, excerpt: str = "Risk factors text") -> dict[str, Any]:
    return {
        "file": f"0000320193-23-{i:06d}.json",
        "cik": "0000320193",
        "accession": f"0000320193-23-{i:06d}",
        "segment_index": i,
        "excerpt": excerpt,
    }


def _finding(metric: str, *, samples: int, excerpt: str, offending: int) -> dict[str, Any]:
    return {
        "metric": metric,
        "category": "cleanliness",
        "status": "FAIL",
        "blocking": True,
        "message": f"{metric}: {offending} items offend",
        "offending": offending,
        "samples": [_sample(i, excerpt) for i in range(samples)],
        "samples_truncated": offending > samples,
    }


def gate_data(
    *,
    status: str = "FAIL",
    findings: int = 2,
    samples: int = 3,
    excerpt: str = "Item 1A. Risk Factors <b>html</b> left over",
    files: int = 2,
    checks: int = 4,
    errors: list[str] | None = None,
) -> dict[str, Any]:
    rows = [
        _row("cik_present_rate", status="FAIL" if status == "FAIL" else "PASS", actual=0.95),
        _row("html_artifact_rate", blocking=False, status="WARN"),
        *(_row(f"extra_check_{i}", blocking=i % 2 == 0) for i in range(max(0, checks - 2))),
    ]
    go = "NO-GO" if status in ("FAIL", "ERROR") else "GO"
    return {
        "schema_version": "1.0",
        "kind": "gate",
        "status": status,
        "go_no_go": go,
        "timestamp": datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC).isoformat(),
        "run_directory": "runs/20260102_030405_preprocess",
        "dataset": {"id": "sha256:" + "a" * 64, "name": "sp500-2023", "inputs": 61},
        "tool_version": "0.1.0",
        "thresholds_sha256": "b" * 64,
        "thresholds_sources": ["builtin"],
        "files_checked": 61,
        "segments_checked": 4210,
        "blocking_summary": {
            "total_blocking": 3,
            "passed": 2,
            "failed": 1,
            "warned": 0,
            "all_pass": status != "FAIL",
        },
        "overall_summary": {
            "files_passed": 59,
            "files_warned": 1,
            "files_failed": 1,
            "files_unreadable": 0,
            "dead_letters": 1,
            "checks_total": len(rows),
            "checks_passed": len(rows) - 2,
            "checks_warned": 1,
            "checks_failed": 1,
            "checks_errored": 0,
            "checks_skipped": 0,
        },
        "validation_table": rows,
        "findings": [
            _finding(f"check_{i}", samples=samples, excerpt=excerpt, offending=samples + 5)
            for i in range(findings)
        ],
        "per_file": [
            {
                "file": f"filing_{i}.json",
                "cik": "0000320193",
                "accession": f"0000320193-23-{i:06d}",
                "company_name": "Apple Inc.",
                "status": "FAIL",
                "failed_checks": ["cik_present_rate"],
                "warned_checks": [],
            }
            for i in range(files)
        ],
        "baseline": {
            "run_id": 7,
            "timestamp": datetime(2025, 12, 1, tzinfo=UTC).isoformat(),
            "run_directory": "runs/20251201_000000_preprocess",
        },
        "errors": errors or [],
    }


def gate_report(**kwargs: Any) -> GateReport:
    return GateReport.model_validate(gate_data(**kwargs))


def hostile_gate_report(text: str = HOSTILE) -> GateReport:
    """Every free-text field of the report carries ``text``."""
    data = gate_data()
    data["run_directory"] = text
    data["dataset"]["name"] = text
    data["tool_version"] = text
    data["thresholds_sources"] = [text]
    data["errors"] = [text]
    for row in data["validation_table"]:
        row.update(display_name=text, metric=text, message=text)
    for finding in data["findings"]:
        finding.update(metric=text, message=text)
        for sample in finding["samples"]:
            sample.update(file=text, cik=text, accession=text, excerpt=text)
    for entry in data["per_file"]:
        entry.update(file=text, cik=text, accession=text, company_name=text)
        entry["failed_checks"] = [text]
    return GateReport.model_validate(data)


def huge_gate_report(*, findings: int = 3000, files: int = 5000) -> GateReport:
    """Thousands of findings with 20 long samples each, thousands of offending filings."""
    excerpt = ("Risk | factor <text> with @mentions and #refs " * 6)[:300]
    return gate_report(findings=findings, samples=20, excerpt=excerpt, files=files, checks=findings)


def drift_data(
    *, tier: str = "critical", terms: int = 3, text: str | None = None
) -> dict[str, Any]:
    word = text or "cybersecurity"
    model = {
        "path": "models/20260101_000000_lda_2022",
        "model_id": "20260101_000000_lda_2022",
        "period": "2022",
        "created_at": datetime(2026, 1, 1, tzinfo=UTC).isoformat(),
        "num_topics": 3,
        "documents": 1200,
        "vocabulary": 5000,
        "coherence": 0.12,
        "coherence_measure": "npmi",
    }
    target = {**model, "model_id": "20260101_000000_lda_2023", "period": "2023"}
    return {
        "schema_version": "1.0",
        "kind": "drift",
        "created_at": datetime(2026, 1, 2, tzinfo=UTC).isoformat(),
        "tool_version": "0.1.0",
        "reference": model,
        "target": target,
        "parameters": {
            "top_n": 20,
            "warn_threshold": 0.1,
            "critical_threshold": 0.05,
            "critical_new_topics": 3,
            "threshold_source": "settings",
            "calibration_refits": 2,
            "min_recurrence": 0.5,
            "emerging_min_companies": 3,
        },
        "tier": tier,
        "tier_reasons": [f"topic 2 ({word}) has no counterpart in the reference period"],
        "dedup_key": "drift:2022:2023:t2",
        "matches": [
            {
                "target_topic": t,
                "top_words": [{"word": word, "weight": 0.1}, {"word": "risk", "weight": 0.05}],
                "prevalence": 0.3,
                "best_reference_topic": t,
                "best_similarity": 0.6 if t < 2 else 0.02,
                "best_reference_words": ["risk"],
                "assigned_reference_topic": t,
                "assigned_similarity": 0.6 if t < 2 else 0.02,
                "recurrence": 1.0,
                "reference_noise_similarity": 0.03,
                "status": "matched" if t < 2 else "new",
            }
            for t in range(3)
        ],
        "new_topics": [
            {"topic": 2, "top_words": [word, "ai"], "best_similarity": 0.02, "prevalence": 0.3}
        ],
        "vanished_topics": [],
        "mean_best_similarity": 0.41,
        "similarity_matrix": [[0.6, 0.1, 0.0], [0.1, 0.6, 0.0], [0.0, 0.02, 0.01]],
        "calibration": {
            "method": "seeds",
            "seeds": [1, 2],
            "pairs": 2,
            "raw_false_alarm_rate": 0.5,
            "false_alarm_rate": 0.0,
            "noise_floor": 0.3,
            "cached": False,
        },
        "emerging_terms": [
            {
                "term": f"{word} {i}",
                "reference_doc_freq": 0.0,
                "target_doc_freq": 0.025,
                "reference_companies": 0,
                "target_companies": 4,
                "new": True,
                "score": 1.5,
                "companies": ["Apple Inc.", "Microsoft Corp"],
                "examples": [
                    {
                        "file": "aapl_2023.json",
                        "company": "Apple Inc.",
                        "cik": "0000320193",
                        "fiscal_year": 2023,
                        "segment_index": 12,
                        "excerpt": f"The use of {word} may expose us to new risks.",
                    }
                ],
            }
            for i in range(terms)
        ],
        "heatmap_file": None,
    }


def drift_report(**kwargs: Any) -> DriftReport:
    return DriftReport.model_validate(drift_data(**kwargs))
