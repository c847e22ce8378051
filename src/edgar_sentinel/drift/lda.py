"""LDA behind a small interface, and the library-neutral form every comparison reads.

The library is tomotopy (collapsed Gibbs sampling, see docs/drift.md for the measurements
behind the choice). Only this module imports it. Training is single-threaded
(``workers=1``): tomotopy guarantees identical topics for identical inputs and seed only
then. Everything downstream (comparison, calibration, reports) works on ``TopicMatrix``,
a topic-word probability matrix plus its vocabulary, stored as ``topic_word.npy`` and
``vocabulary.json`` so a model stays readable without the library.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

LIBRARY = "tomotopy"
TOPIC_WORD_FILE = "topic_word.npy"
VOCABULARY_FILE = "vocabulary.json"
PREVALENCE_FILE = "prevalence.npy"
NATIVE_FILE = "model.tomotopy.bin"


def _tomotopy() -> ModuleType:
    """Import tomotopy; its extension warns at import time about its own type metadata
    ("builtin type _VocabDict has no __module__ attribute"), which is not ours to fix and
    would be an error under ``-W error``, so that one category is silenced during import."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        import tomotopy

    module: ModuleType = tomotopy
    return module


def library_version() -> str:
    return str(_tomotopy().__version__)


@dataclass(frozen=True)
class LdaParams:
    num_topics: int
    iterations: int
    seed: int
    alpha: float
    eta: float


@dataclass(frozen=True)
class TopicMatrix:
    """Library-neutral topics: ``topic_word[k, v]`` is P(word v | topic k)."""

    vocabulary: tuple[str, ...]
    topic_word: NDArray[np.float64]
    prevalence: NDArray[np.float64]
    """Share of the corpus' tokens assigned to each topic."""

    @property
    def num_topics(self) -> int:
        return int(self.topic_word.shape[0])

    def top_words(self, topic: int, n: int) -> list[tuple[str, float]]:
        import numpy as np

        row = self.topic_word[topic]
        order = np.lexsort((np.arange(row.size), -row))[:n]  # ties broken by word id
        return [(self.vocabulary[i], float(row[i])) for i in order]

    def top_word_sets(self, n: int) -> list[frozenset[str]]:
        return [frozenset(w for w, _ in self.top_words(k, n)) for k in range(self.num_topics)]

    def save(self, directory: Path) -> None:
        import numpy as np

        directory.mkdir(parents=True, exist_ok=True)
        np.save(directory / TOPIC_WORD_FILE, self.topic_word.astype(np.float32))
        np.save(directory / PREVALENCE_FILE, self.prevalence.astype(np.float64))
        (directory / VOCABULARY_FILE).write_text(
            json.dumps(list(self.vocabulary), ensure_ascii=False), encoding="utf-8"
        )

    @classmethod
    def load(cls, directory: Path) -> TopicMatrix:
        import numpy as np

        vocabulary = tuple(json.loads((directory / VOCABULARY_FILE).read_text("utf-8")))
        topic_word = np.load(directory / TOPIC_WORD_FILE, allow_pickle=False).astype(np.float64)
        prevalence = np.load(directory / PREVALENCE_FILE, allow_pickle=False)
        return cls(vocabulary, topic_word, prevalence.astype(np.float64))


class TopicModel(Protocol):
    """What the rest of the package needs from a trained model."""

    def topics(self) -> TopicMatrix: ...

    def save_native(self, directory: Path) -> str:
        """Save in the library's own format; returns the file name."""
        ...


class _TomotopyModel:
    def __init__(self, model: object) -> None:
        self._model = model

    def topics(self) -> TopicMatrix:
        import numpy as np

        m = self._model
        k = int(m.k)  # type: ignore[attr-defined]
        vocabulary = tuple(m.used_vocabs)  # type: ignore[attr-defined]
        matrix = np.array([m.get_topic_word_dist(t) for t in range(k)], dtype=np.float64)  # type: ignore[attr-defined]
        counts = np.asarray(m.get_count_by_topics(), dtype=np.float64)  # type: ignore[attr-defined]
        total = counts.sum()
        prevalence = counts / total if total > 0 else np.full(k, 1.0 / k)
        return TopicMatrix(vocabulary, matrix, prevalence)

    def save_native(self, directory: Path) -> str:
        self._model.save(str(directory / NATIVE_FILE))  # type: ignore[attr-defined]
        return NATIVE_FILE


def train_lda(documents: Sequence[Sequence[str]], *, params: LdaParams) -> TopicModel:
    """Fit LDA on tokenised documents (empty documents are skipped), single-threaded."""
    tp = _tomotopy()
    model = tp.LDAModel(k=params.num_topics, alpha=params.alpha, eta=params.eta, seed=params.seed)
    for doc in documents:
        if doc:
            model.add_doc(list(doc))
    model.train(params.iterations, workers=1, parallel=tp.ParallelScheme.NONE)
    return _TomotopyModel(model)


__all__ = [
    "LIBRARY",
    "NATIVE_FILE",
    "LdaParams",
    "TopicMatrix",
    "TopicModel",
    "library_version",
    "train_lda",
]
