"""Training per period, the store layout, determinism and discovery of the newest pair."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest

from edgar_sentinel.drift.model_store import latest_pair, list_models, load_model
from edgar_sentinel.drift.training import train_models
from edgar_sentinel.errors import UsageError
from edgar_sentinel.runs import MANIFEST_FILE
from tests.drift.drift_fixtures import FAST
from tests.drift.synthetic import make_corpus


def test_each_period_gets_a_stamped_model_with_neutral_files_and_info(tmp_path: Path) -> None:
    run = make_corpus(tmp_path / "run")
    when = datetime(2026, 3, 4, 5, 6, 7, tzinfo=UTC)

    result = train_models(run_dirs=[run], models_dir=tmp_path / "m", settings=FAST, now=when)

    assert [m.path.name for m in result.models] == [
        "20260304_050607_lda_2023",
        "20260304_050607_lda_2024",
    ]
    path = result.models[0].path
    vocab = json.loads((path / "vocabulary.json").read_text("utf-8"))
    matrix = np.load(path / "topic_word.npy")  # readable without the LDA library
    assert matrix.shape == (9, len(vocab))
    assert np.allclose(matrix.sum(axis=1), 1.0, atol=1e-3)
    info = json.loads((path / "model_info.json").read_text("utf-8"))
    assert info["period"] == "2023" and info["seed"] == 42
    assert info["corpus"]["documents"] == 72 and info["corpus"]["companies"] == 6
    assert info["coherence_measure"] == "npmi" and -1 <= info["coherence"] <= 1
    assert all(len(t["top_words"]) == 20 for t in info["topics"])
    expected_hash = __import__("hashlib").sha256((run / MANIFEST_FILE).read_bytes()).hexdigest()
    assert info["inputs"] == [{"run_dir": str(run), "manifest_sha256": expected_hash}]


def test_same_inputs_and_seed_give_the_same_topics(tmp_path: Path) -> None:
    run = make_corpus(tmp_path / "run", years=(2023,))
    a = train_models(run_dirs=[run], models_dir=tmp_path / "a", settings=FAST).models[0]
    b = train_models(run_dirs=[run], models_dir=tmp_path / "b", settings=FAST).models[0]
    c = train_models(run_dirs=[run], models_dir=tmp_path / "c", settings=FAST, seed=7).models[0]

    assert a.topics().vocabulary == b.topics().vocabulary
    assert np.array_equal(a.topics().topic_word, b.topics().topic_word)
    assert not np.array_equal(a.topics().topic_word, c.topics().topic_word)


def test_discovery_picks_the_newest_model_of_the_two_latest_periods(tmp_path: Path) -> None:
    run = make_corpus(tmp_path / "run", years=(2022, 2023, 2024))
    models = tmp_path / "m"
    for hour in (1, 2):
        train_models(
            run_dirs=[run],
            models_dir=models,
            settings=FAST,
            now=datetime(2026, 1, 1, hour, tzinfo=UTC),
        )

    ref, target = latest_pair(models)

    assert (ref.path.name, target.path.name) == (
        "20260101_020000_lda_2023",
        "20260101_020000_lda_2024",
    )
    assert len(list_models(models)) == 6


def test_a_fixed_period_and_too_few_periods(tmp_path: Path) -> None:
    from edgar_sentinel.drift.corpus import fixed_period

    run = make_corpus(tmp_path / "run")
    train_models(
        run_dirs=[run], models_dir=tmp_path / "m", settings=FAST, period_of=fixed_period("all")
    )

    with pytest.raises(UsageError, match="holds 1 period"):
        latest_pair(tmp_path / "m")


def test_a_folder_that_is_not_a_model_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"model_info\.json is missing"):
        load_model(tmp_path)
