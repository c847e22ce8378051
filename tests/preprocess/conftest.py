"""A session cache of the labelled corpus: each real filing is read and parsed once.

``item1a_corpus(name)`` returns a labelled filing's parsed document, Item 1A result and
the run-directory record built from them, as the pipeline builds it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from edgar_sentinel.preprocess.evaluate import Label, load_labels
from tests.conftest import SHARED
from tests.preprocess.item1a_support import Processed, process_labelled


@pytest.fixture(scope="session")
def corpus_labels(labels_path: Path) -> list[Label]:
    return load_labels(labels_path)


@pytest.fixture(scope="session")
def item1a_corpus(filings_dir: Path, corpus_labels: list[Label]) -> Callable[[str], Processed]:
    """``get(file_name)``: the processed filing, computed on first use and cached."""
    by_file = {label.file: label for label in corpus_labels}
    cache: dict[str, Processed] = {}

    def get(name: str) -> Processed:
        if name not in cache:
            cache[name] = process_labelled(filings_dir / name, by_file[name])
        return cache[name]

    return get


def _labelled_files() -> list[str]:
    # A missing labels file fails the collection loudly (like the shared_dir fixture),
    # instead of leaving the labelled tests with no parameters to run.
    return [label.file for label in load_labels(SHARED / "labels" / "filings.jsonl")]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Tests asking for ``labelled_file`` run once per labelled filing."""
    if "labelled_file" in metafunc.fixturenames:
        metafunc.parametrize("labelled_file", _labelled_files())
