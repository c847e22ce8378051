"""Topic matching: Jaccard similarity of top words, best and one-to-one partners, noise filter.

A target topic whose best similarity to every reference topic is below the warn threshold
is a *candidate*. With refits available it becomes ``new`` only when

* it recurs: at least ``min_recurrence`` of the target refits hold a topic with similarity
  ``>= recurrence_similarity`` to it (a one-off topic of one seed is sampling noise), and
* it lies outside the reference noise: no topic of any reference refit reaches the warn
  threshold with it (the reference period, refitted, would have produced it anyway).

Otherwise it is ``unconfirmed``: shown in the report, never counted for the tier.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from edgar_sentinel.drift.result import TopicStatus

WordSets = Sequence[frozenset[str]]


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """|a ∩ b| / |a ∪ b|; two empty sets are identical (1.0)."""
    union = len(a | b)
    return 1.0 if union == 0 else len(a & b) / union


def similarity_matrix(target: WordSets, reference: WordSets) -> list[list[float]]:
    """``m[t][r]`` = Jaccard similarity of target topic ``t`` and reference topic ``r``."""
    return [[jaccard(t, r) for r in reference] for t in target]


def best_match(topic: frozenset[str], others: WordSets) -> tuple[int, float]:
    """Index and similarity of the most similar of ``others`` (lowest index on ties)."""
    best_i, best_s = 0, -1.0
    for i, other in enumerate(others):
        s = jaccard(topic, other)
        if s > best_s:
            best_i, best_s = i, s
    return best_i, max(best_s, 0.0)


def one_to_one(matrix: list[list[float]]) -> dict[int, int]:
    """Hungarian assignment maximising total similarity: target topic -> reference topic."""
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    if not matrix or not matrix[0]:
        return {}
    rows, cols = linear_sum_assignment(np.asarray(matrix), maximize=True)
    return {int(r): int(c) for r, c in zip(rows, cols, strict=True)}


@dataclass(frozen=True)
class NoiseRule:
    warn_threshold: float
    recurrence_similarity: float
    min_recurrence: float


@dataclass(frozen=True)
class Verdict:
    best_index: int
    best_similarity: float
    recurrence: float | None
    noise_similarity: float | None
    status: TopicStatus


def classify(
    topic: frozenset[str],
    *,
    reference: WordSets,
    reference_refits: Sequence[WordSets],
    target_refits: Sequence[WordSets],
    rule: NoiseRule,
) -> Verdict:
    """Decide whether one target topic is matched, new or unconfirmed (see module doc)."""
    index, best = best_match(topic, reference)
    recurrence = noise = None
    if target_refits:
        hits = sum(best_match(topic, fit)[1] >= rule.recurrence_similarity for fit in target_refits)
        recurrence = hits / len(target_refits)
    if reference_refits:
        noise = max(best_match(topic, fit)[1] for fit in reference_refits)
    if best >= rule.warn_threshold:
        status = TopicStatus.MATCHED
    elif (recurrence is None or recurrence >= rule.min_recurrence) and (
        noise is None or noise < rule.warn_threshold
    ):
        status = TopicStatus.NEW
    else:
        status = TopicStatus.UNCONFIRMED
    return Verdict(index, best, recurrence, noise, status)


def classify_all(
    target: WordSets,
    *,
    reference: WordSets,
    reference_refits: Sequence[WordSets],
    target_refits: Sequence[WordSets],
    rule: NoiseRule,
) -> list[Verdict]:
    return [
        classify(
            t,
            reference=reference,
            reference_refits=reference_refits,
            target_refits=target_refits,
            rule=rule,
        )
        for t in target
    ]


__all__ = [
    "NoiseRule",
    "Verdict",
    "WordSets",
    "best_match",
    "classify",
    "classify_all",
    "jaccard",
    "one_to_one",
    "similarity_matrix",
]
