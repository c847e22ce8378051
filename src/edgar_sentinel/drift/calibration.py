"""Noise calibration: how often the rules cry wolf when nothing changed.

The reference period is fitted ``n`` times (the stored model plus its refits: other seeds,
each on a ``calibration_subsample`` share of the documents). Every ordered pair of fits
``(i, j)`` is a comparison of the period with itself:

* raw rule: fit ``j`` warns if any of its topics has best similarity below the warn
  threshold against fit ``i`` (the seed's bare rule);
* filtered rule: the remaining fits are split in two halves, one serving as the reference
  refits of ``i``, the other as the target refits of ``j``, and fit ``j`` warns if
  ``classify`` calls any of its topics ``new`` (the rule the drift command applies,
  with fewer refits on each side, so a conservative estimate).

The false-alarm rates are the shares of warning pairs; the noise floor is the lowest best
similarity seen between two fits of the same data.
"""

from __future__ import annotations

from collections.abc import Sequence

from edgar_sentinel.drift.compare import NoiseRule, WordSets, best_match, classify_all
from edgar_sentinel.drift.result import NoiseCalibration, TopicStatus


def calibrate(
    fits: Sequence[WordSets],
    *,
    rule: NoiseRule,
    seeds: Sequence[int],
    method: str,
    cached: bool,
) -> NoiseCalibration | None:
    """False-alarm rates over every ordered pair of same-period fits (None with < 2 fits)."""
    n = len(fits)
    if n < 2:
        return None
    raw_alarms = filtered_alarms = pairs = 0
    floor = 1.0
    for i in range(n):
        for j in range(n):
            if i == j:
                continue
            pairs += 1
            bests = [best_match(t, fits[i])[1] for t in fits[j]]
            floor = min(floor, *bests)
            raw_alarms += any(b < rule.warn_threshold for b in bests)
            rest = [k for k in range(n) if k not in (i, j)]
            half = len(rest) // 2
            verdicts = classify_all(
                fits[j],
                reference=fits[i],
                reference_refits=[fits[k] for k in rest[:half]],
                target_refits=[fits[k] for k in rest[half:]],
                rule=rule,
            )
            filtered_alarms += any(v.status is TopicStatus.NEW for v in verdicts)
    return NoiseCalibration(
        method=method,
        seeds=list(seeds),
        pairs=pairs,
        raw_false_alarm_rate=raw_alarms / pairs,
        false_alarm_rate=filtered_alarms / pairs,
        noise_floor=floor,
        cached=cached,
    )


__all__ = ["calibrate"]
