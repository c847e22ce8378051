"""Compare two stored topic models and build the ``DriftReport``.

The stored models are loaded, never retrained. Calibration refits (``calibration_refits``
per period, other seeds and a document subsample) are trained once and cached in each
model's directory, so a second comparison of the same models trains nothing.

Tiers (thresholds from ``resolve_thresholds``): ``warn`` when at least one target topic is
``new`` (best similarity below the warn threshold, confirmed by the noise filter);
``critical`` when a new topic's best similarity is below the critical threshold or there
are ``critical_new_topics`` (3) or more new topics; else ``none``.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from edgar_sentinel import __version__
from edgar_sentinel.drift.calibration import calibrate
from edgar_sentinel.drift.compare import NoiseRule, classify_all, one_to_one, similarity_matrix
from edgar_sentinel.drift.config import RiskAnalysisSettings
from edgar_sentinel.drift.corpus import build_tokenizer
from edgar_sentinel.drift.emerging import emerging_terms
from edgar_sentinel.drift.model_store import StoredModel, refits
from edgar_sentinel.drift.result import (
    DriftParameters,
    DriftReport,
    DriftTier,
    ModelRef,
    TopicMatch,
    TopicStatus,
    TopicSummary,
    WordWeight,
)
from edgar_sentinel.errors import ConfigError

ENV_THRESHOLD = "DRIFT_THRESHOLD"
REFIT_SEED_OFFSET = 1000
REPORT_TOP_WORDS = 20


@dataclass(frozen=True)
class Thresholds:
    warn: float
    critical: float
    critical_new_topics: int
    source: str


def resolve_thresholds(
    settings: RiskAnalysisSettings,
    *,
    flag: float | None = None,
    environ: Mapping[str, str] | None = None,
) -> Thresholds:
    """Warn threshold: ``flag`` > ``DRIFT_THRESHOLD`` > settings (env > file > default)."""
    env = os.environ if environ is None else environ
    warn, source = settings.warn_threshold, "settings"
    raw = env.get(ENV_THRESHOLD, "").strip()
    if raw:
        try:
            warn, source = float(raw), f"env:{ENV_THRESHOLD}"
        except ValueError:
            raise ConfigError(
                f"{ENV_THRESHOLD}={raw!r} is not a number",
                hint="set it to a similarity between 0 and 1, e.g. 0.1",
            ) from None
    if flag is not None:
        warn, source = flag, "flag"
    if not 0.0 <= warn <= 1.0:
        raise ConfigError(f"drift warn threshold {warn} ({source}) must lie between 0 and 1")
    critical = min(settings.critical_threshold, warn)
    return Thresholds(warn, critical, settings.critical_new_topics, source)


def _refit_seeds(model: StoredModel, settings: RiskAnalysisSettings) -> list[int]:
    return [model.info.seed + REFIT_SEED_OFFSET + i for i in range(settings.calibration_refits)]


def _ref(model: StoredModel) -> ModelRef:
    info = model.info
    return ModelRef(
        path=str(model.path),
        model_id=info.model_id,
        period=info.period,
        created_at=info.created_at,
        num_topics=info.parameters.num_topics,
        documents=info.corpus.documents,
        vocabulary=info.corpus.vocabulary,
        coherence=info.coherence,
        coherence_measure=info.coherence_measure,
    )


def detect_drift(
    *,
    reference: StoredModel,
    target: StoredModel,
    settings: RiskAnalysisSettings,
    thresholds: Thresholds,
    top_n: int | None = None,
    now: datetime | None = None,
) -> DriftReport:
    """Match the target model's topics against the reference model's; see the module doc."""
    n = top_n or settings.top_n
    ref_m, tgt_m = reference.topics(), target.topics()
    ref_sets, tgt_sets = ref_m.top_word_sets(n), tgt_m.top_word_sets(n)
    sub = settings.calibration_subsample
    ref_seeds = _refit_seeds(reference, settings)
    ref_refits, ref_cached = refits(reference, seeds=ref_seeds, subsample=sub)
    tgt_refits, tgt_cached = refits(target, seeds=_refit_seeds(target, settings), subsample=sub)
    ref_refit_sets = [m.top_word_sets(n) for m in ref_refits]
    tgt_refit_sets = [m.top_word_sets(n) for m in tgt_refits]
    rule = NoiseRule(thresholds.warn, settings.recurrence_similarity, settings.min_recurrence)

    matrix = similarity_matrix(tgt_sets, ref_sets)
    assigned = one_to_one(matrix)
    verdicts = classify_all(
        tgt_sets,
        reference=ref_sets,
        reference_refits=ref_refit_sets,
        target_refits=tgt_refit_sets,
        rule=rule,
    )
    gone = classify_all(
        ref_sets,
        reference=tgt_sets,
        reference_refits=tgt_refit_sets,
        target_refits=ref_refit_sets,
        rule=rule,
    )
    matches = [
        TopicMatch(
            target_topic=t,
            top_words=[
                WordWeight(word=w, weight=p) for w, p in tgt_m.top_words(t, REPORT_TOP_WORDS)
            ],
            prevalence=float(tgt_m.prevalence[t]),
            best_reference_topic=v.best_index,
            best_similarity=v.best_similarity,
            best_reference_words=[w for w, _ in ref_m.top_words(v.best_index, n)],
            assigned_reference_topic=assigned.get(t),
            assigned_similarity=matrix[t][assigned[t]] if t in assigned else None,
            recurrence=v.recurrence,
            reference_noise_similarity=v.noise_similarity,
            status=v.status,
        )
        for t, v in enumerate(verdicts)
    ]
    new = [
        TopicSummary(
            topic=m.target_topic,
            top_words=[w.word for w in m.top_words[:n]],
            best_similarity=m.best_similarity,
            prevalence=m.prevalence,
        )
        for m in matches
        if m.status is TopicStatus.NEW
    ]
    vanished = [
        TopicSummary(
            topic=r,
            top_words=[w for w, _ in ref_m.top_words(r, n)],
            best_similarity=v.best_similarity,
            prevalence=float(ref_m.prevalence[r]),
        )
        for r, v in enumerate(gone)
        if v.status is TopicStatus.NEW
    ]
    tier, reasons = _tier(new, thresholds)
    calibration = calibrate(
        [ref_sets, *ref_refit_sets],
        rule=rule,
        seeds=[reference.info.seed, *ref_seeds],
        method=f"seeds+subsample({settings.calibration_subsample:g})",
        cached=ref_cached and tgt_cached,
    )
    ref_docs, tgt_docs = reference.documents, target.documents
    tokenizer = build_tokenizer(
        settings=settings, company_names={d.company for d in [*ref_docs, *tgt_docs]}
    )
    return DriftReport(
        created_at=(now or datetime.now(UTC)).replace(microsecond=0),
        tool_version=__version__,
        reference=_ref(reference),
        target=_ref(target),
        parameters=DriftParameters(
            top_n=n,
            warn_threshold=thresholds.warn,
            critical_threshold=thresholds.critical,
            critical_new_topics=thresholds.critical_new_topics,
            threshold_source=thresholds.source,
            calibration_refits=settings.calibration_refits,
            min_recurrence=settings.min_recurrence,
            emerging_min_companies=settings.emerging_min_companies,
        ),
        tier=tier,
        tier_reasons=reasons,
        dedup_key=dedup_key(
            model_signature(reference.info.period, ref_sets),
            model_signature(target.info.period, tgt_sets),
            new,
        ),
        matches=matches,
        new_topics=new,
        vanished_topics=vanished,
        mean_best_similarity=sum(m.best_similarity for m in matches) / max(len(matches), 1),
        similarity_matrix=[[round(x, 6) for x in row] for row in matrix],
        calibration=calibration,
        emerging_terms=emerging_terms(
            reference=ref_docs, target=tgt_docs, tokenizer=tokenizer, settings=settings
        ),
    )


def _tier(new: list[TopicSummary], th: Thresholds) -> tuple[DriftTier, list[str]]:
    if not new:
        return DriftTier.NONE, [
            f"no target topic below similarity {th.warn:g} survived the noise filter"
        ]
    reasons = [
        f"{len(new)} new topic(s) with best similarity below {th.warn:g} "
        f"(topics {', '.join(str(t.topic) for t in new)})"
    ]
    critical = [t for t in new if t.best_similarity < th.critical]
    if critical:
        reasons.append(
            f"{len(critical)} new topic(s) below the critical similarity {th.critical:g}"
        )
    if len(new) >= th.critical_new_topics:
        reasons.append(f"{len(new)} new topics reach the critical count {th.critical_new_topics}")
    tier = DriftTier.CRITICAL if len(reasons) > 1 else DriftTier.WARN
    return tier, reasons


def model_signature(period: str, topics: list[frozenset[str]]) -> str:
    """Content identity of a model: its period and its topics' top words.

    Training is deterministic, so retraining the same inputs (as a nightly job that
    rebuilds its models does) gives the same signature, and the same drift the same key.
    """
    words = "|".join(sorted(",".join(sorted(t)) for t in topics))
    return f"{period}:{hashlib.sha256(words.encode()).hexdigest()[:16]}"


def dedup_key(reference: str, target: str, new: list[TopicSummary]) -> str:
    """Stable key of one drift: the models compared and the new topics' word signature."""
    signature = "|".join(sorted(",".join(sorted(t.top_words[:10])) for t in new))
    digest = hashlib.sha256(f"{reference}\n{target}\n{signature}".encode()).hexdigest()
    return f"drift:{digest[:16]}"


__all__ = [
    "ENV_THRESHOLD",
    "Thresholds",
    "dedup_key",
    "detect_drift",
    "model_signature",
    "resolve_thresholds",
]
