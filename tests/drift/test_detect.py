"""Drift on planted and unchanged data: tiers, noise control, thresholds, emerging terms."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from edgar_sentinel.drift import model_store
from edgar_sentinel.drift.corpus import fixed_period
from edgar_sentinel.drift.detect import detect_drift, resolve_thresholds
from edgar_sentinel.drift.model_store import StoredModel
from edgar_sentinel.drift.result import DriftTier
from edgar_sentinel.drift.training import train_models
from edgar_sentinel.errors import ConfigError
from tests.drift.drift_fixtures import FAST, planted_models, stable_models
from tests.drift.synthetic import FILERS, PLANTED, THEMES, record, segment_text, write_run

__all__ = ["planted_models", "stable_models"]  # pytest fixtures used below
THRESHOLDS = resolve_thresholds(FAST, environ={})


def test_three_planted_subjects_are_new_topics_and_the_drift_is_critical(
    planted_models: tuple[StoredModel, StoredModel],
) -> None:
    ref, target = planted_models

    report = detect_drift(reference=ref, target=target, settings=FAST, thresholds=THRESHOLDS)

    assert report.tier is DriftTier.CRITICAL
    found = {
        theme
        for t in report.new_topics
        for theme, words in PLANTED.items()
        if len(set(t.top_words) & set(words)) >= 10
    }
    assert found == {"genai", "quantum", "space"}
    # Only the planted subjects are new: no unchanged topic is flagged along with them.
    assert len(report.new_topics) == 3
    terms = {e.term for e in report.emerging_terms}
    assert terms & set(PLANTED["quantum"])


def test_the_same_models_compared_twice_give_the_same_key_without_retraining(
    planted_models: tuple[StoredModel, StoredModel], monkeypatch: pytest.MonkeyPatch
) -> None:
    ref, target = planted_models
    first = detect_drift(reference=ref, target=target, settings=FAST, thresholds=THRESHOLDS)

    def no_training(*args: object, **kwargs: object) -> None:
        raise AssertionError("the second comparison trained a model")

    monkeypatch.setattr(model_store, "train_lda", no_training)
    second = detect_drift(reference=ref, target=target, settings=FAST, thresholds=THRESHOLDS)

    assert first.dedup_key == second.dedup_key
    assert second.calibration is not None and second.calibration.cached


def test_unchanged_data_raises_nothing(stable_models: tuple[StoredModel, StoredModel]) -> None:
    ref, target = stable_models

    report = detect_drift(reference=ref, target=target, settings=FAST, thresholds=THRESHOLDS)

    assert report.tier is DriftTier.NONE
    assert report.new_topics == []
    assert report.calibration is not None and report.calibration.pairs == 12


def test_one_planted_subject_with_a_lax_critical_bar_is_a_warning(tmp_path: Path) -> None:
    from tests.drift.synthetic import make_corpus

    run = make_corpus(tmp_path / "run", planted={2024: ["pandemic"]})
    settings = FAST.model_copy(update={"critical_threshold": 0.0})
    ref, target = train_models(run_dirs=[run], models_dir=tmp_path / "m", settings=settings).models

    report = detect_drift(
        reference=ref,
        target=target,
        settings=settings,
        thresholds=resolve_thresholds(settings, environ={}),
    )

    assert report.tier is DriftTier.WARN
    assert 1 <= len(report.new_topics) < 3
    for topic in report.new_topics:  # the subject may split over two topics; each is about it
        assert len(set(topic.top_words) & set(PLANTED["pandemic"])) >= 5


def test_a_control_split_of_one_period_against_itself_never_goes_critical(
    tmp_path: Path,
) -> None:
    """One period's filings split at random in two halves, compared, over ten seeds."""
    rng = random.Random(11)
    filings = [
        record(
            filer, 2024, [segment_text(rng, words) for words in THEMES.values() for _ in range(3)]
        )
        for filer in FILERS
    ]
    settings = FAST.model_copy(update={"num_topics": 6, "iterations": 100, "calibration_refits": 2})
    thresholds = resolve_thresholds(settings, environ={})
    tiers = []
    warned = 0
    for seed in range(10):
        shuffled = filings[:]
        random.Random(seed).shuffle(shuffled)
        half = len(shuffled) // 2
        models = []
        for name, part in (("a", shuffled[:half]), ("b", shuffled[half:])):
            run = write_run(tmp_path / f"{seed}{name}", part)
            models += train_models(
                run_dirs=[run],
                models_dir=tmp_path / f"m{seed}",
                settings=settings,
                period_of=fixed_period(name),
                seed=seed,
            ).models
        report = detect_drift(
            reference=models[0], target=models[1], settings=settings, thresholds=thresholds
        )
        tiers.append(report.tier)
        warned += report.tier is not DriftTier.NONE

    assert DriftTier.CRITICAL not in tiers
    assert warned / 10 <= 0.1  # the false-alarm rate on unchanged data


def test_threshold_precedence_is_flag_then_env_then_settings() -> None:
    assert resolve_thresholds(FAST, environ={}).source == "settings"
    env = resolve_thresholds(FAST, environ={"DRIFT_THRESHOLD": "0.2"})
    assert (env.warn, env.source) == (0.2, "env:DRIFT_THRESHOLD")
    flag = resolve_thresholds(FAST, flag=0.3, environ={"DRIFT_THRESHOLD": "0.2"})
    assert (flag.warn, flag.source) == (0.3, "flag")


@pytest.mark.parametrize("value", ["abc", "1.5"])
def test_a_bad_drift_threshold_is_a_config_error(value: str) -> None:
    with pytest.raises(ConfigError, match=r"DRIFT_THRESHOLD|between 0 and 1"):
        resolve_thresholds(FAST, environ={"DRIFT_THRESHOLD": value})


def test_retrained_models_of_the_same_inputs_give_the_same_drift_key(tmp_path: Path) -> None:
    """A nightly job that rebuilds its models must not alert again for the same drift."""
    from datetime import UTC, datetime

    from tests.drift.synthetic import make_corpus

    run = make_corpus(tmp_path / "run", planted={2024: ["genai"]})
    keys = []
    for night in (1, 2):
        ref, target = train_models(
            run_dirs=[run],
            models_dir=tmp_path / f"night{night}",
            settings=FAST,
            now=datetime(2026, 1, night, tzinfo=UTC),
        ).models
        report = detect_drift(reference=ref, target=target, settings=FAST, thresholds=THRESHOLDS)
        keys.append((report.target.model_id, report.dedup_key))

    assert keys[0][0] != keys[1][0]
    assert keys[0][1] == keys[1][1]
