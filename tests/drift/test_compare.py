"""Jaccard of top words, one-to-one matching and the noise filter."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from edgar_sentinel.drift.compare import NoiseRule, classify, jaccard, one_to_one
from edgar_sentinel.drift.result import TopicStatus

words = st.frozensets(st.sampled_from([f"w{i}" for i in range(30)]), max_size=20)
RULE = NoiseRule(warn_threshold=0.1, recurrence_similarity=0.25, min_recurrence=0.5)


@given(words, words)
def test_jaccard_is_symmetric_and_in_unit_interval(a: frozenset[str], b: frozenset[str]) -> None:
    assert jaccard(a, b) == jaccard(b, a)
    assert 0.0 <= jaccard(a, b) <= 1.0


@given(words)
def test_a_topic_is_identical_to_itself(a: frozenset[str]) -> None:
    assert jaccard(a, a) == 1.0


def test_one_to_one_maximises_total_similarity_not_greedy_choice() -> None:
    # Greedy would give target 0 its best (ref 0, 0.9) and leave target 1 with 0.1.
    matrix = [[0.9, 0.8], [0.85, 0.1]]

    assert one_to_one(matrix) == {0: 1, 1: 0}


def s(*ws: str) -> frozenset[str]:
    return frozenset(ws)


def test_a_recurring_topic_outside_reference_noise_is_new() -> None:
    verdict = classify(
        s("ai", "model", "chatbot"),
        reference=[s("rates", "debt"), s("supply", "chips")],
        reference_refits=[[s("rates", "debt")]],
        target_refits=[[s("ai", "model", "chatbot")], [s("ai", "model", "prompt")]],
        rule=RULE,
    )

    assert verdict.status is TopicStatus.NEW
    assert verdict.recurrence == 1.0 and verdict.noise_similarity == 0.0


def test_a_one_seed_topic_is_unconfirmed() -> None:
    verdict = classify(
        s("ai", "model", "chatbot"),
        reference=[s("rates", "debt")],
        reference_refits=[],
        target_refits=[[s("rates", "debt")], [s("supply", "chips")]],
        rule=RULE,
    )

    assert verdict.status is TopicStatus.UNCONFIRMED
    assert verdict.recurrence == 0.0


def test_a_topic_a_reference_refit_produces_is_unconfirmed() -> None:
    verdict = classify(
        s("ai", "model", "chatbot"),
        reference=[s("rates", "debt")],
        reference_refits=[[s("ai", "model", "prompt")]],
        target_refits=[[s("ai", "model", "chatbot")]],
        rule=RULE,
    )

    assert verdict.status is TopicStatus.UNCONFIRMED
    assert verdict.noise_similarity == 0.5
