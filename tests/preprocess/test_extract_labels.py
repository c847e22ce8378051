"""Item 1A extraction measured against the hand-made labels of every real filing.

Per filing: the status must equal the label. Over the corpus: the accuracy targets of
``edgar_sentinel.preprocess.evaluate`` (first words, last words, risk-factor counts) must
be met; a miss names the filings concerned.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from edgar_sentinel.models import Item1AStatus
from edgar_sentinel.preprocess.evaluate import (
    LABEL_STATUS,
    EvaluationResult,
    Label,
    evaluate_records,
)
from tests.preprocess.item1a_support import Processed


@pytest.fixture(scope="module")
def evaluation(
    item1a_corpus: Callable[[str], Processed], corpus_labels: list[Label]
) -> EvaluationResult:
    records = [item1a_corpus(label.file).record for label in corpus_labels]
    return evaluate_records(records, corpus_labels)


def test_status_matches_the_label(
    item1a_corpus: Callable[[str], Processed], labelled_file: str
) -> None:
    name = labelled_file
    processed = item1a_corpus(name)
    accepted = LABEL_STATUS[processed.label.item1a_status]
    assert processed.result.status in accepted, (
        f"{name}: status {processed.result.status.value}, label "
        f"{processed.label.item1a_status}; warnings {processed.result.warnings}"
    )
    if processed.result.status is Item1AStatus.NOT_FOUND:
        assert processed.result.warnings, f"{name}: not_found without a warning"


def test_segments_slice_the_section_text(
    item1a_corpus: Callable[[str], Processed], labelled_file: str
) -> None:
    name = labelled_file
    result = item1a_corpus(name).result
    for segment in result.segments:
        assert result.text is not None
        assert result.text[segment.start : segment.end] == segment.text, (name, segment.index)
        assert segment.char_count == len(segment.text)


def _failures(evaluation: EvaluationResult, attribute: str) -> list[str]:
    return [f.file for f in evaluation.filings if getattr(f, attribute) is False]


@pytest.mark.parametrize(
    ("target", "attribute"),
    [
        ("status", "status_ok"),
        ("first_words", "first_words_ok"),
        ("last_words", "last_words_ok"),
        ("risk_count", "risk_count_ok"),
    ],
)
def test_accuracy_target_is_met(evaluation: EvaluationResult, target: str, attribute: str) -> None:
    result = next(t for t in evaluation.targets if t.name == target)
    assert result.total > 0, f"{target}: nothing was measured"
    assert result.passed, (
        f"{target}: {result.measured} < {result.threshold}; failing filings: "
        f"{_failures(evaluation, attribute)}"
    )


def test_every_labelled_filing_was_evaluated(
    evaluation: EvaluationResult, corpus_labels: list[Label]
) -> None:
    assert len(corpus_labels) >= 60
    assert len(evaluation.filings) == len(corpus_labels)
    assert evaluation.unmatched_labels == []
    assert evaluation.passed
