"""The ``risk_analysis`` settings section: topic models, drift thresholds, noise control.

Precedence of the warn threshold: ``--threshold`` flag > ``DRIFT_THRESHOLD`` environment
variable > ``EDGAR_SENTINEL_RISK_ANALYSIS__WARN_THRESHOLD`` > ``risk_analysis.warn_threshold``
in the ``--config`` file > the default 0.1.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field


class RiskAnalysisSettings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    num_topics: int = Field(default=20, ge=2, le=500, description="Topics per LDA model (K).")
    iterations: int = Field(default=300, ge=10, description="Gibbs sampling iterations.")
    seed: int = Field(default=42, ge=0, description="Random seed of the stored models.")
    alpha: float = Field(default=0.1, gt=0, description="Document-topic Dirichlet prior.")
    eta: float = Field(default=0.01, gt=0, description="Topic-word Dirichlet prior.")
    min_df: int = Field(default=3, ge=1, description="Drop words in fewer documents.")
    max_df_ratio: float = Field(
        default=0.5, gt=0, le=1, description="Drop words in more than this share of documents."
    )
    min_token_length: int = Field(default=2, ge=1, description="Shorter tokens are dropped.")
    segment_kinds: tuple[str, ...] = Field(
        default=("risk",), description="Segment kinds that form the corpus."
    )
    extra_stopwords: tuple[str, ...] = Field(default=(), description="Added to the shipped lists.")
    company_stopwords: bool = Field(
        default=True, description="Treat words of the records' company names as stop words."
    )
    top_n: int = Field(default=20, ge=2, description="Top words compared by Jaccard.")
    warn_threshold: float = Field(
        default=0.1,
        ge=0,
        le=1,
        description="A topic whose best similarity is below it is new (warn).",
    )
    critical_threshold: float = Field(
        default=0.05,
        ge=0,
        le=1,
        description="A new topic below this similarity makes the drift critical.",
    )
    critical_new_topics: int = Field(
        default=3, ge=1, description="This many new topics make the drift critical."
    )
    calibration_refits: int = Field(
        default=3, ge=0, le=20, description="Extra fits per period (0 turns noise control off)."
    )
    calibration_subsample: float = Field(
        default=0.9, gt=0, le=1, description="Share of documents each refit sees."
    )
    recurrence_similarity: float = Field(
        default=0.25, ge=0, le=1, description="Similarity at which a refit repeats a topic."
    )
    min_recurrence: float = Field(
        default=0.5, ge=0, le=1, description="Share of target refits a new topic must recur in."
    )
    emerging_min_companies: int = Field(
        default=3, ge=1, description="Distinct target companies an emerging term needs."
    )
    emerging_same_companies: bool = Field(
        default=True, description="Count only companies that filed in both periods."
    )
    emerging_min_ratio: float = Field(
        default=3.0, gt=1, description="Minimum rise of document frequency (smoothed)."
    )
    emerging_max_terms: int = Field(
        default=25, ge=0, description="Emerging terms listed in the report."
    )
    emerging_examples: int = Field(
        default=3, ge=0, description="Example segments per emerging term."
    )
    models_dir: Path | None = Field(
        default=None, description="Model store; default {preprocess.out_dir}/models."
    )
    store_path: Path | None = Field(
        default=None,
        description="SQLite store; default gate.store_path, else {output}/edgar-sentinel.db.",
    )


__all__ = ["RiskAnalysisSettings"]
