"""``topics train``: one LDA model per period from preprocessing run directories."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from edgar_sentinel.drift.config import RiskAnalysisSettings
from edgar_sentinel.drift.corpus import PeriodOf, by_fiscal_year, collect_documents
from edgar_sentinel.drift.corpus import prune_vocabulary as _prune
from edgar_sentinel.drift.lda import LdaParams
from edgar_sentinel.drift.model_store import StoredModel, save_model
from edgar_sentinel.errors import UsageError


@dataclass(frozen=True)
class TrainResult:
    models: list[StoredModel]
    skipped_periods: dict[str, str]
    """Periods not trained, with the reason (e.g. too few documents)."""


def train_models(
    *,
    run_dirs: Sequence[Path],
    models_dir: Path,
    settings: RiskAnalysisSettings,
    period_of: PeriodOf = by_fiscal_year,
    periods: Sequence[str] | None = None,
    num_topics: int | None = None,
    seed: int | None = None,
    iterations: int | None = None,
    companies: Sequence[str] = (),
    now: datetime | None = None,
) -> TrainResult:
    """Train and store one model per period found in ``run_dirs`` (or only ``periods``)."""
    if not run_dirs:
        raise UsageError("no run directory given", hint="pass one or more preprocessing runs")
    by_period, tokenizer = collect_documents(
        run_dirs,
        settings=settings,
        period_of=period_of,
        companies=companies,
        periods=set(periods) if periods else None,
    )
    if not by_period:
        raise UsageError(
            "the run directories hold no risk-factor segments with a period",
            hint="check the runs' filings (fiscal_year set, Item 1A extracted)",
        )
    params = LdaParams(
        num_topics=num_topics or settings.num_topics,
        iterations=iterations or settings.iterations,
        seed=settings.seed if seed is None else seed,
        alpha=settings.alpha,
        eta=settings.eta,
    )
    created = (now or datetime.now(UTC)).replace(microsecond=0)
    models: list[StoredModel] = []
    skipped: dict[str, str] = {}
    for period, docs in by_period.items():
        if len(docs) < params.num_topics:
            skipped[period] = f"{len(docs)} documents for {params.num_topics} topics"
            continue
        pruned = _prune(
            [d.tokens for d in docs], min_df=settings.min_df, max_df_ratio=settings.max_df_ratio
        )
        kept = [dataclasses.replace(d, tokens=tuple(t)) for d, t in zip(docs, pruned, strict=True)]
        models.append(
            save_model(
                models_dir=models_dir,
                period=period,
                documents=kept,
                params=params,
                corpus_parameters={
                    "min_df": settings.min_df,
                    "max_df_ratio": settings.max_df_ratio,
                    "min_token_length": settings.min_token_length,
                    "segment_kinds": list(settings.segment_kinds),
                    "stopwords": len(tokenizer.stopwords),
                },
                inputs=run_dirs,
                created_at=created,
            )
        )
    if not models:
        raise UsageError(
            "no period had enough documents to train a model",
            hint="; ".join(f"{p}: {why}" for p, why in skipped.items())
            + " - lower --num-topics or add filings",
        )
    return TrainResult(models, skipped)


__all__ = ["TrainResult", "train_models"]
