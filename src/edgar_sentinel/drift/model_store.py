"""The model store: one directory per trained topic model, and discovery of the newest pair.

Layout::

    {models}/{YYYYMMDD_HHMMSS}_lda_{period}/
        model_info.json      ModelInfo (period, parameters, corpus statistics, coherence,
                             top 20 words of every topic, input runs with manifest hashes)
        topic_word.npy       K x V topic-word probabilities (float32)  - library-neutral
        vocabulary.json      the V words, in matrix column order        - library-neutral
        prevalence.npy       share of tokens per topic                  - library-neutral
        model.tomotopy.bin   the library's own file (not needed to compare)
        corpus.jsonl.gz      the training documents (metadata, text, tokens)
        calibration/seed{S}_sub{F}/   cached noise-calibration refits (neutral form only)
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from pathlib import Path

from pydantic import Field

from edgar_sentinel.drift.coherence import COHERENCE_MEASURE, npmi_coherence
from edgar_sentinel.drift.corpus import Document, company_key
from edgar_sentinel.drift.lda import (
    LIBRARY,
    VOCABULARY_FILE,
    LdaParams,
    TopicMatrix,
    library_version,
    train_lda,
)
from edgar_sentinel.drift.result import WordWeight
from edgar_sentinel.errors import UsageError
from edgar_sentinel.models import FrozenModel
from edgar_sentinel.runs import MANIFEST_FILE, atomic_write_bytes, dump_json, new_dir, stamp

MODEL_INFO_FILE = "model_info.json"
CORPUS_FILE = "corpus.jsonl.gz"
CALIBRATION_DIR = "calibration"
_DIR_RE = re.compile(r"^(\d{8}_\d{6})_lda_(.+?)(?:-\d+)?$")
INFO_TOP_WORDS = 20


class InputRun(FrozenModel):
    run_dir: str
    manifest_sha256: str | None


class CorpusStats(FrozenModel):
    documents: int = Field(ge=0)
    tokens: int = Field(ge=0)
    vocabulary: int = Field(ge=0)
    filings: int = Field(ge=0)
    companies: int = Field(ge=0)
    fiscal_years: list[int]


class TopicInfo(FrozenModel):
    topic: int
    prevalence: float
    coherence: float
    top_words: list[WordWeight]


class TrainingParameters(FrozenModel):
    num_topics: int
    iterations: int
    alpha: float
    eta: float
    min_df: int
    max_df_ratio: float
    min_token_length: int
    segment_kinds: list[str]
    stopwords: int = Field(description="Size of the stop-word set used.")

    def lda(self, *, seed: int) -> LdaParams:
        return LdaParams(self.num_topics, self.iterations, seed, self.alpha, self.eta)


class ModelInfo(FrozenModel):
    schema_version: str = "1.0"
    model_id: str
    period: str
    created_at: datetime
    library: str
    library_version: str
    seed: int
    parameters: TrainingParameters
    corpus: CorpusStats
    coherence: float
    coherence_measure: str
    topics: list[TopicInfo]
    inputs: list[InputRun]


@dataclass(frozen=True)
class StoredModel:
    path: Path
    info: ModelInfo

    def topics(self) -> TopicMatrix:
        return TopicMatrix.load(self.path)

    @cached_property
    def documents(self) -> list[Document]:
        """The model's training corpus, read once (calibration and emerging terms share it)."""
        return read_corpus(self.path / CORPUS_FILE)

    @property
    def sort_key(self) -> tuple[int, str, datetime, str]:
        years = self.info.corpus.fiscal_years
        return (max(years) if years else -1, self.info.period, self.info.created_at, self.path.name)


def manifest_sha256(run_dir: Path) -> str | None:
    path = run_dir / MANIFEST_FILE
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None


def write_corpus(path: Path, documents: Sequence[Document]) -> None:
    lines = [
        json.dumps(
            {
                "file": d.file,
                "company": d.company,
                "cik": d.cik,
                "fiscal_year": d.fiscal_year,
                "segment_index": d.segment_index,
                "text": d.text,
                "tokens": list(d.tokens),
            },
            ensure_ascii=False,
        )
        for d in documents
    ]
    atomic_write_bytes(path, gzip.compress("\n".join(lines).encode("utf-8"), mtime=0))


def read_corpus(path: Path) -> list[Document]:
    docs: list[Document] = []
    for line in gzip.decompress(path.read_bytes()).decode("utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            docs.append(
                Document(
                    d["file"],
                    d["company"],
                    d["cik"],
                    d["fiscal_year"],
                    d["segment_index"],
                    d["text"],
                    tuple(d["tokens"]),
                )
            )
    return docs


def _safe(period: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", period).strip("-") or "period"


def save_model(
    *,
    models_dir: Path,
    period: str,
    documents: Sequence[Document],
    params: LdaParams,
    corpus_parameters: dict[str, int | float | list[str]],
    inputs: Sequence[Path],
    created_at: datetime,
) -> StoredModel:
    """Train one period's model and write it to a new store directory."""
    if not any(d.tokens for d in documents):
        raise UsageError(
            f"period {period!r} has no usable risk-factor text",
            hint="check that the run directories hold filings with extracted risk segments",
        )
    path = new_dir(models_dir / f"{stamp(created_at)}_lda_{_safe(period)}")
    token_lists = [d.tokens for d in documents]
    model = train_lda(token_lists, params=params)
    topics = model.topics()
    topics.save(path)
    model.save_native(path)
    write_corpus(path / CORPUS_FILE, documents)
    top10 = [[w for w, _ in topics.top_words(k, 10)] for k in range(topics.num_topics)]
    coherence = npmi_coherence(top10, token_lists)
    info = ModelInfo(
        model_id=path.name,
        period=period,
        created_at=created_at,
        library=LIBRARY,
        library_version=library_version(),
        seed=params.seed,
        parameters=TrainingParameters.model_validate(
            {
                "num_topics": params.num_topics,
                "iterations": params.iterations,
                "alpha": params.alpha,
                "eta": params.eta,
                **corpus_parameters,
            }
        ),
        corpus=CorpusStats(
            documents=len(documents),
            tokens=sum(len(t) for t in token_lists),
            vocabulary=len(topics.vocabulary),
            filings=len({d.file for d in documents}),
            companies=len({company_key(d) for d in documents}),
            fiscal_years=sorted({d.fiscal_year for d in documents if d.fiscal_year is not None}),
        ),
        coherence=sum(coherence) / len(coherence),
        coherence_measure=COHERENCE_MEASURE,
        topics=[
            TopicInfo(
                topic=k,
                prevalence=float(topics.prevalence[k]),
                coherence=coherence[k],
                top_words=[
                    WordWeight(word=w, weight=p) for w, p in topics.top_words(k, INFO_TOP_WORDS)
                ],
            )
            for k in range(topics.num_topics)
        ],
        inputs=[InputRun(run_dir=str(r), manifest_sha256=manifest_sha256(r)) for r in inputs],
    )
    atomic_write_bytes(path / MODEL_INFO_FILE, dump_json(info.model_dump(mode="json")))
    return StoredModel(path, info)


def load_model(path: Path) -> StoredModel:
    info_path = path / MODEL_INFO_FILE
    if not info_path.is_file():
        raise UsageError(
            f"{path} is not a topic model: {MODEL_INFO_FILE} is missing",
            hint="pass a directory created by 'edgar-sentinel topics train'",
        )
    return StoredModel(path, ModelInfo.model_validate_json(info_path.read_bytes()))


def list_models(models_dir: Path) -> list[StoredModel]:
    """Every model in the store, oldest period first, then by creation time."""
    if not models_dir.is_dir():
        return []
    found = [
        load_model(p)
        for p in models_dir.iterdir()
        if p.is_dir() and _DIR_RE.match(p.name) and (p / MODEL_INFO_FILE).is_file()
    ]
    return sorted(found, key=lambda m: m.sort_key)


def latest_pair(models_dir: Path) -> tuple[StoredModel, StoredModel]:
    """The newest model of the latest period (target) and of the period before (reference)."""
    newest: dict[str, StoredModel] = {}
    for model in list_models(models_dir):
        newest[model.info.period] = model  # sorted: the last one per period is the newest
    ordered = sorted(newest.values(), key=lambda m: m.sort_key)
    if len(ordered) < 2:
        raise UsageError(
            f"the model store {models_dir} holds {len(ordered)} period(s); drift needs two",
            hint="train models for two periods with 'edgar-sentinel topics train'",
        )
    return ordered[-2], ordered[-1]


def refits(
    model: StoredModel, *, seeds: Sequence[int], subsample: float
) -> tuple[list[TopicMatrix], bool]:
    """Calibration refits of the model's own corpus (other seeds, a document subsample),
    and whether every one was cached already (each is cached next to the model)."""
    import random

    out: list[TopicMatrix] = []
    all_cached = True
    for seed in seeds:
        cache = model.path / CALIBRATION_DIR / f"seed{seed}_sub{subsample:.2f}"
        if (cache / VOCABULARY_FILE).is_file():
            out.append(TopicMatrix.load(cache))
            continue
        all_cached = False
        docs = [d.tokens for d in model.documents]
        if subsample < 1.0:
            # B311: resampling for statistics, not security
            rng = random.Random(seed)  # nosec B311
            docs = rng.sample(docs, max(1, round(len(docs) * subsample)))
        topics = train_lda(docs, params=model.info.parameters.lda(seed=seed)).topics()
        topics.save(cache)
        out.append(topics)
    return out, all_cached


__all__ = [
    "CORPUS_FILE",
    "MODEL_INFO_FILE",
    "CorpusStats",
    "InputRun",
    "ModelInfo",
    "StoredModel",
    "TopicInfo",
    "TrainingParameters",
    "latest_pair",
    "list_models",
    "load_model",
    "manifest_sha256",
    "read_corpus",
    "refits",
    "save_model",
]
