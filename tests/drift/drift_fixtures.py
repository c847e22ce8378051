"""Drift fixtures, imported by the test modules that use them: planted and unchanged data."""

from __future__ import annotations

import pytest

from edgar_sentinel.drift.config import RiskAnalysisSettings
from edgar_sentinel.drift.model_store import StoredModel
from edgar_sentinel.drift.training import train_models
from tests.drift.synthetic import make_corpus

FAST = RiskAnalysisSettings(
    num_topics=9, iterations=150, min_df=2, calibration_refits=3, emerging_min_companies=3
)


@pytest.fixture(scope="session")
def planted_models(tmp_path_factory: pytest.TempPathFactory) -> tuple[StoredModel, StoredModel]:
    """2023: six base themes. 2024: the same plus three genuinely new subjects."""
    root = tmp_path_factory.mktemp("planted")
    run = make_corpus(root / "run", planted={2024: ["genai", "quantum", "space"]})
    models = train_models(run_dirs=[run], models_dir=root / "models", settings=FAST).models
    return models[0], models[1]


@pytest.fixture(scope="session")
def stable_models(tmp_path_factory: pytest.TempPathFactory) -> tuple[StoredModel, StoredModel]:
    """2023 and 2024 drawn from the same six themes: nothing changed."""
    root = tmp_path_factory.mktemp("stable")
    run = make_corpus(root / "run")
    models = train_models(run_dirs=[run], models_dir=root / "models", settings=FAST).models
    return models[0], models[1]
