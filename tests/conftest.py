"""Shared fixtures: the team's real filings, labels and damaged inputs live in ../shared."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

from tests.fakes.github_api import TOKEN, FakeGitHub, running_fake

# Timing is not behaviour: on a shared 2-core machine a slow example is not a failure.
# CI replays the same examples every run (reproducible failures); locally they vary.
hypothesis_settings.register_profile("local", deadline=None)
hypothesis_settings.register_profile("ci", deadline=None, derandomize=True, print_blob=True)
hypothesis_settings.load_profile("ci" if os.environ.get("CI") else "local")

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED = REPO_ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.fail(
            f"the shared data folder is missing: expected it beside the repository ({SHARED})"
        )
    return SHARED


@pytest.fixture(scope="session")
def filings_dir(shared_dir: Path) -> Path:
    return shared_dir / "filings"


@pytest.fixture(scope="session")
def labels_path(shared_dir: Path) -> Path:
    return shared_dir / "labels" / "filings.jsonl"


@pytest.fixture(scope="session")
def bad_inputs_dir(shared_dir: Path) -> Path:
    return shared_dir / "bad-inputs"


@pytest.fixture(scope="session")
def real_run_dir(filings_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One preprocessing run over ../shared/filings (2 workers), shared by the whole session.

    Read it, never modify it: other tests see the same directory.
    """
    from edgar_sentinel.preprocess.batch import run_preprocessing
    from edgar_sentinel.settings import Settings

    summary = run_preprocessing(
        [filings_dir], out=tmp_path_factory.mktemp("real_run"), settings=Settings(), workers=2
    )
    return summary.run_dir


@pytest.fixture
def fake_github() -> Iterator[FakeGitHub]:
    """The stand-in GitHub API on 127.0.0.1, accepting ``tests.fakes.github_api.TOKEN``."""
    with running_fake(token=TOKEN) as fake:
        yield fake
