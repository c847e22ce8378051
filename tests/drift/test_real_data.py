"""Drift on the real shared filings: what changed between years, for Apple, and planted."""

from __future__ import annotations

import re
from pathlib import Path

import jsonschema
import pytest

from edgar_sentinel import schemas
from edgar_sentinel.drift.config import RiskAnalysisSettings
from edgar_sentinel.drift.corpus import grouped_periods
from edgar_sentinel.drift.detect import detect_drift, resolve_thresholds
from edgar_sentinel.drift.result import DriftReport, DriftTier
from edgar_sentinel.drift.training import train_models
from tests.drift.planted_real import SUBJECTS, plant

REAL = RiskAnalysisSettings(num_topics=10, iterations=100, calibration_refits=2)


def drift(
    run_dir: Path, models: Path, settings: RiskAnalysisSettings, **train: object
) -> DriftReport:
    ref, target = train_models(
        run_dirs=[run_dir],
        models_dir=models,
        settings=settings,
        **train,  # type: ignore[arg-type]
    ).models
    return detect_drift(
        reference=ref,
        target=target,
        settings=settings,
        thresholds=resolve_thresholds(settings, environ={}),
    )


def test_fiscal_2024_against_2023_names_the_eu_ai_act_across_companies(
    real_run_dir: Path, tmp_path: Path
) -> None:
    report = drift(real_run_dir, tmp_path, REAL, periods=["2023", "2024"])

    jsonschema.validate(report.model_dump(mode="json"), schemas.load("drift_report.schema.json"))
    ai_terms = [e for e in report.emerging_terms if "ai" in e.term.replace("-", " ").split()]
    assert {"ai act", "eu ai"} <= {e.term for e in ai_terms}
    ai_act = next(e for e in ai_terms if e.term == "ai act")
    # Evidence across filers, not one company's boilerplate: examples from distinct companies.
    assert len({x.company for x in ai_act.examples}) == len(ai_act.examples) >= 2
    example = ai_terms[0].examples[0]
    assert "AI" in example.excerpt and example.company and example.segment_index >= 0
    assert report.calibration is not None


def test_apple_2017_2019_against_2024_2025_surfaces_ai_and_supply_chain_risk(
    real_run_dir: Path, tmp_path: Path
) -> None:
    settings = REAL.model_copy(update={"num_topics": 6, "emerging_min_companies": 1})

    report = drift(
        real_run_dir,
        tmp_path,
        settings,
        period_of=grouped_periods(["early=2017-2019", "late=2024-2025"]),
        companies=["Apple Inc."],
    )

    assert report.reference.documents >= 40 and report.target.documents >= 40
    terms = [e.term for e in report.emerging_terms]
    assert "artificial intelligence" in terms[:3]
    assert {"global supply", "geopolitical tensions", "ransomware"} <= set(terms)


def test_three_subjects_planted_into_real_2024_filings_are_new_and_critical(
    real_run_dir: Path, tmp_path: Path
) -> None:
    planted = plant(real_run_dir, tmp_path / "planted", subjects=list(SUBJECTS), fiscal_year=2024)

    report = drift(
        planted,
        tmp_path / "m",
        REAL.model_copy(update={"num_topics": 12}),
        periods=["2023", "2024"],
    )

    assert report.tier is DriftTier.CRITICAL
    flagged = {
        subject
        for topic in report.new_topics
        for subject, sentences in SUBJECTS.items()
        if len(set(topic.top_words) & set(re.findall(r"[a-z][a-z-]*", " ".join(sentences).lower())))
        >= 5
    }
    assert flagged == set(SUBJECTS)
    assert {"seabed", "debris"} <= {e.term for e in report.emerging_terms}


@pytest.mark.slow
def test_real_control_split_over_ten_seeds_raises_no_critical_alert(
    real_run_dir: Path, tmp_path: Path
) -> None:
    from tests.drift.control import control_split

    tiers = control_split(real_run_dir, tmp_path, settings=REAL, fiscal_year=2024, seeds=range(10))

    assert DriftTier.CRITICAL not in tiers
    # docs/drift.md measures 2/10 with these settings; one more allowed for the floating
    # point of other CPUs (the topic models are seeded, not bit-identical across machines).
    assert sum(t is DriftTier.WARN for t in tiers) <= 3
