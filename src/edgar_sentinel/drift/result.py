"""The drift report: the JSON document ``edgar-sentinel drift`` writes (``drift_report.json``).

This is a public contract. Markdown, HTML, Slack and GitHub renderers read it; the JSON
Schema ships as ``data/schemas/drift_report.schema.json``. Add optional fields only
together with a ``DRIFT_REPORT_SCHEMA_VERSION`` bump; never rename or remove one.

Conventions
-----------
* Similarities are Jaccard similarities of the top-N word sets of two topics, in ``[0, 1]``.
* Rates are fractions in ``[0, 1]`` (``0.05`` means 5 %), never percentages.
* Topic ids are the 0-based topic indices of the stored models.
* ``matches`` has one row per target topic, in topic order. ``status`` says what the
  comparison concluded: ``matched`` (best similarity at or above the warn threshold),
  ``new`` (below the threshold, recurring across target refits and outside the reference
  noise: counted for the tier), ``unconfirmed`` (below the threshold but explained by
  seed noise: shown, never counted).
* ``similarity_matrix[t][r]`` is the similarity of target topic ``t`` and reference topic ``r``.
* ``emerging_terms`` is evidence below the topic level: terms and bigrams whose document
  frequency rose in the target period across several distinct companies.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Final, Literal

from pydantic import Field

from edgar_sentinel.models import FrozenModel

DRIFT_REPORT_SCHEMA_VERSION: Final = "1.0"


class DriftTier(StrEnum):
    """Severity of the drift, ordered ``none`` < ``warn`` < ``critical``."""

    NONE = "none"
    WARN = "warn"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        return _TIER_RANK[self]


_TIER_RANK = {DriftTier.NONE: 0, DriftTier.WARN: 1, DriftTier.CRITICAL: 2}


class TopicStatus(StrEnum):
    MATCHED = "matched"
    NEW = "new"
    UNCONFIRMED = "unconfirmed"


class WordWeight(FrozenModel):
    word: str
    weight: float = Field(ge=0, description="Probability of the word in the topic.")


class ModelRef(FrozenModel):
    """One stored topic model taking part in the comparison."""

    path: str = Field(description="Model directory as given or discovered.")
    model_id: str = Field(description="Directory name: '{YYYYMMDD_HHMMSS}_lda_{period}'.")
    period: str
    created_at: datetime
    num_topics: int = Field(ge=1)
    documents: int = Field(ge=0)
    vocabulary: int = Field(ge=0)
    coherence: float | None = Field(description="Mean topic coherence (see coherence_measure).")
    coherence_measure: str | None = Field(description="e.g. 'npmi' on the training corpus.")


class DriftParameters(FrozenModel):
    top_n: int = Field(ge=1, description="Top words per topic compared by Jaccard.")
    warn_threshold: float = Field(ge=0, le=1)
    critical_threshold: float = Field(ge=0, le=1)
    critical_new_topics: int = Field(ge=1, description="This many new topics make it critical.")
    threshold_source: str = Field(description="'flag', 'env:DRIFT_THRESHOLD', 'settings'.")
    calibration_refits: int = Field(ge=0, description="Extra fits per period for noise control.")
    min_recurrence: float = Field(ge=0, le=1, description="Share of target refits needed.")
    emerging_min_companies: int = Field(ge=1)


class TopicMatch(FrozenModel):
    """What became of one target topic."""

    target_topic: int = Field(ge=0)
    top_words: list[WordWeight] = Field(description="Target topic's top words (up to 20).")
    prevalence: float = Field(ge=0, le=1, description="Share of the target corpus' tokens.")
    best_reference_topic: int = Field(ge=0)
    best_similarity: float = Field(ge=0, le=1)
    best_reference_words: list[str]
    assigned_reference_topic: int | None = Field(
        description="One-to-one (Hungarian) partner; null when there are more target topics."
    )
    assigned_similarity: float | None = Field(ge=0, le=1)
    recurrence: float | None = Field(
        ge=0, le=1, description="Share of target refits with a similar topic (null: no refits)."
    )
    reference_noise_similarity: float | None = Field(
        ge=0,
        le=1,
        description="Best similarity against any reference refit topic (null: no refits).",
    )
    status: TopicStatus


class TopicSummary(FrozenModel):
    """A new (target) or vanished (reference) topic."""

    topic: int = Field(ge=0)
    top_words: list[str]
    best_similarity: float = Field(ge=0, le=1, description="Best similarity on the other side.")
    prevalence: float = Field(ge=0, le=1)


class NoiseCalibration(FrozenModel):
    """How often the rules cry wolf on unchanged data: the reference period against its own
    refits (other seeds, a document subsample), the bare rule and the filtered one."""

    method: str = Field(description="How the refits were made, e.g. 'seeds+subsample(0.9)'.")
    seeds: list[int]
    pairs: int = Field(
        ge=0, description="Ordered pairs of same-period fits (stored model and refits) compared."
    )
    raw_false_alarm_rate: float = Field(
        ge=0, le=1, description="Share of pairs where the bare threshold rule warned."
    )
    false_alarm_rate: float = Field(
        ge=0, le=1, description="Share of pairs that still warned after the noise filter."
    )
    noise_floor: float = Field(
        ge=0, le=1, description="Lowest best-match similarity seen between same-period fits."
    )
    cached: bool = Field(description="Refits were loaded from the model store.")


class SegmentExample(FrozenModel):
    file: str = Field(description="Filing JSON file name inside the run directory.")
    company: str | None
    cik: str | None
    fiscal_year: int | None
    segment_index: int = Field(ge=0)
    excerpt: str = Field(description="About 300 characters around the term.")


class EmergingTerm(FrozenModel):
    term: str = Field(description="A token or a bigram ('generative ai').")
    reference_doc_freq: float = Field(ge=0, le=1, description="Share of reference segments.")
    target_doc_freq: float = Field(ge=0, le=1, description="Share of target segments.")
    reference_companies: int = Field(ge=0)
    target_companies: int = Field(ge=0)
    new: bool = Field(description="Absent from the reference period.")
    score: float = Field(description="Ranking score (higher first).")
    companies: list[str] = Field(description="Target companies using it (capped).")
    examples: list[SegmentExample] = Field(description="A few segments, distinct companies first.")


class DriftReport(FrozenModel):
    schema_version: Literal["1.0"] = DRIFT_REPORT_SCHEMA_VERSION
    kind: Literal["drift"] = "drift"
    created_at: datetime
    tool_version: str
    reference: ModelRef
    target: ModelRef
    parameters: DriftParameters
    tier: DriftTier
    tier_reasons: list[str] = Field(description="Why the tier is what it is, one line each.")
    dedup_key: str = Field(description="Models compared + new-topic signature (alerts use it).")
    matches: list[TopicMatch]
    new_topics: list[TopicSummary]
    vanished_topics: list[TopicSummary]
    mean_best_similarity: float = Field(ge=0, le=1)
    similarity_matrix: list[list[float]]
    calibration: NoiseCalibration | None
    emerging_terms: list[EmergingTerm]
    heatmap_file: str | None = Field(default=None, description="PNG beside the report, if drawn.")


__all__ = [
    "DRIFT_REPORT_SCHEMA_VERSION",
    "DriftParameters",
    "DriftReport",
    "DriftTier",
    "EmergingTerm",
    "ModelRef",
    "NoiseCalibration",
    "SegmentExample",
    "TopicMatch",
    "TopicStatus",
    "TopicSummary",
    "WordWeight",
]
