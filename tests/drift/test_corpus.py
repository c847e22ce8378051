"""Tokenisation, stop words and period assignment."""

from __future__ import annotations

from pathlib import Path

import pytest

from edgar_sentinel.drift.config import RiskAnalysisSettings
from edgar_sentinel.drift.corpus import (
    build_tokenizer,
    by_fiscal_year,
    collect_documents,
    company_key,
    grouped_periods,
    shipped_stopwords,
)
from edgar_sentinel.errors import UsageError
from tests.drift.synthetic import FILERS, record, write_run


def test_tokens_drop_boilerplate_function_words_and_company_names() -> None:
    tok = build_tokenizer(
        settings=RiskAnalysisSettings(), company_names=["Apple Inc.", None, "Meta Platforms, Inc."]
    )

    text = (
        "Apple's COVID-19 supply chain could materially and adversely affect Meta’s cyber-attacks."
    )

    assert tok.tokens(text) == ["covid-19", "supply", "chain", "cyber-attacks"]


def test_words_keep_positions_of_removed_stop_words_for_bigrams() -> None:
    tok = build_tokenizer(settings=RiskAnalysisSettings())

    assert tok.words("the generative AI models") == [None, "generative", "ai", "models"]


def test_extra_stop_words_and_company_switch_are_configurable() -> None:
    settings = RiskAnalysisSettings(extra_stopwords=("Chain",), company_stopwords=False)
    tok = build_tokenizer(settings=settings, company_names=["Apple Inc."])

    assert tok.tokens("Apple supply chain") == ["apple", "supply"]


def test_the_shipped_lists_hold_english_and_risk_boilerplate() -> None:
    words = shipped_stopwords()

    assert {"the", "could", "adversely", "materially", "risks"} <= words
    assert "cybersecurity" not in words


def test_grouped_periods_map_fiscal_years_to_labels() -> None:
    period_of = grouped_periods(["early=2017-2019", "late=2024-2025"])

    assert [period_of(record(FILERS[0], y, ["x"])) for y in (2017, 2019, 2021, 2025)] == [
        "early",
        "early",
        None,
        "late",
    ]


@pytest.mark.parametrize("spec", ["early", "=2017-2019", "early=2019-2017", "early=abc"])
def test_a_malformed_group_is_a_usage_error_with_an_example(spec: str) -> None:
    with pytest.raises(UsageError) as err:
        grouped_periods([spec])
    assert err.value.hint is not None and "early=2017-2019" in err.value.hint


def test_a_filing_without_a_cik_is_its_filers_in_every_period(tmp_path: Path) -> None:
    filer = FILERS[0]
    stated = record(filer, 2023, ["A supplier risk paragraph."])
    unstated = record(filer, 2024, ["A supplier risk paragraph."]).model_copy(update={"cik": None})
    run = write_run(tmp_path / "run", [stated, unstated])

    documents, _ = collect_documents(
        [run], settings=RiskAnalysisSettings(), period_of=grouped_periods(["all=2023-2024"])
    )

    assert {d.cik for d in documents["all"]} == {filer.cik}
    assert len({company_key(d) for d in documents["all"]}) == 1


def test_asking_for_one_period_keeps_its_documents_as_a_full_collection_has_them(
    tmp_path: Path,
) -> None:
    filer = FILERS[0]
    stated = record(filer, 2023, ["A supplier risk paragraph."])
    unstated = record(filer, 2024, ["A supplier risk paragraph."]).model_copy(update={"cik": None})
    run = write_run(tmp_path / "run", [stated, unstated])
    settings = RiskAnalysisSettings()

    everything, _ = collect_documents([run], settings=settings, period_of=by_fiscal_year)
    only, _ = collect_documents(
        [run], settings=settings, period_of=by_fiscal_year, periods={"2024"}
    )

    assert list(only) == ["2024"]
    assert only["2024"] == everything["2024"]
    assert {d.cik for d in only["2024"]} == {filer.cik}  # filled from the 2023 filing


def test_asking_for_a_period_the_runs_lack_names_what_they_have(tmp_path: Path) -> None:
    run = write_run(tmp_path / "run", [record(FILERS[0], 2023, ["A supplier risk paragraph."])])

    with pytest.raises(UsageError) as err:
        collect_documents(
            [run], settings=RiskAnalysisSettings(), period_of=by_fiscal_year, periods={"2019"}
        )

    assert "2019" in str(err.value) and err.value.hint == "periods found: 2023"
