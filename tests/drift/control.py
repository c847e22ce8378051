"""Control split: one period's segments cut at random into two halves and compared."""

from __future__ import annotations

import random
from collections.abc import Iterable
from pathlib import Path

from edgar_sentinel.drift.config import RiskAnalysisSettings
from edgar_sentinel.drift.corpus import fixed_period
from edgar_sentinel.drift.detect import detect_drift, resolve_thresholds
from edgar_sentinel.drift.result import DriftTier
from edgar_sentinel.drift.training import train_models
from edgar_sentinel.runs import iter_filings
from tests.drift.synthetic import write_run


def control_split(
    run_dir: Path,
    work: Path,
    *,
    settings: RiskAnalysisSettings,
    fiscal_year: int,
    seeds: Iterable[int],
) -> list[DriftTier]:
    """The tier of each seed's comparison of half A against half B of the same filings."""
    records = [r for _, r in iter_filings(run_dir) if r.fiscal_year == fiscal_year and r.segments]
    thresholds = resolve_thresholds(settings, environ={})
    tiers = []
    for seed in seeds:
        rng = random.Random(seed)
        halves: tuple[list, list] = ([], [])  # type: ignore[type-arg]
        for record in records:
            segments = record.segments[:]
            rng.shuffle(segments)
            cut = len(segments) // 2
            halves[0].append(record.model_copy(update={"segments": segments[:cut]}))
            halves[1].append(record.model_copy(update={"segments": segments[cut:]}))
        models = []
        for name, part in zip("ab", halves, strict=True):
            half_run = write_run(work / f"{seed}{name}", part)
            models += train_models(
                run_dirs=[half_run],
                models_dir=work / f"models{seed}",
                settings=settings,
                period_of=fixed_period(name),
                seed=seed,
            ).models
        report = detect_drift(
            reference=models[0], target=models[1], settings=settings, thresholds=thresholds
        )
        tiers.append(report.tier)
    return tiers
