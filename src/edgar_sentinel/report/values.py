"""Human formatting of measured values, thresholds and changes (plain text, unescaped)."""

from __future__ import annotations

from edgar_sentinel.gate.result import (
    CheckStatus,
    Decision,
    GateStatus,
    MetricType,
    Operator,
    ValidationRow,
)

DASH = "—"
STATUS_ICONS: dict[str, str] = {
    CheckStatus.PASS.value: "✅",
    CheckStatus.WARN.value: "⚠️",
    CheckStatus.FAIL.value: "❌",
    CheckStatus.ERROR.value: "⛔",
    CheckStatus.SKIPPED.value: "⏭️",
}
_OPERATORS = {
    Operator.GE: "≥",
    Operator.GT: ">",
    Operator.LE: "≤",
    Operator.LT: "<",
    Operator.EQ: "=",
}


def icon(status: CheckStatus | GateStatus | Decision | str) -> str:
    return STATUS_ICONS.get(str(status), "")


def value(number: float | None, metric_type: MetricType) -> str:
    if number is None:
        return DASH
    if metric_type is MetricType.RATE:
        return f"{number * 100:.2f}%"
    if metric_type is MetricType.COUNT:
        return f"{number:,.0f}"
    if metric_type is MetricType.BOOLEAN:
        return "yes" if number >= 0.5 else "no"
    return f"{number:.3f}"


def delta(number: float | None, metric_type: MetricType) -> str:
    if number is None:
        return DASH
    if metric_type is MetricType.RATE:
        text = f"{number * 100:+.2f} pp"
    elif metric_type in (MetricType.COUNT, MetricType.BOOLEAN):
        text = f"{number:+,.0f}"
    else:
        text = f"{number:+.3f}"
    return text.replace("-", "−")


def target(row: ValidationRow) -> str:
    """``≥ 99.00% (warn down to 98.00%)``, ``between 10 and 400``."""
    if row.operator is Operator.BETWEEN:
        upper = value(row.target_upper, row.metric_type)
        return f"between {value(row.target, row.metric_type)} and {upper}"
    symbol = _OPERATORS[row.operator]
    text = f"{symbol} {value(row.target, row.metric_type)}"
    if row.warn_threshold is None:
        return text
    band = value(row.warn_threshold, row.metric_type)
    if row.operator in (Operator.GE, Operator.GT):
        return f"{text} (warn down to {band})"
    if row.operator in (Operator.LE, Operator.LT):
        return f"{text} (warn up to {band})"
    return f"{text} (warn band {band})"


def count(number: int, noun: str, plural: str | None = None) -> str:
    """``1 file``, ``2,000 files``; ``plural`` for irregular nouns."""
    return f"{number:,} {noun if number == 1 else plural or noun + 's'}"


__all__ = ["DASH", "STATUS_ICONS", "count", "delta", "icon", "target", "value"]
