"""The threshold registry: strict YAML with file:line errors, merging, operators."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from edgar_sentinel.errors import ConfigError
from edgar_sentinel.gate.result import Category, CheckStatus, MetricType, Operator
from edgar_sentinel.gate.thresholds import ThresholdSpec, load_thresholds


def _user_file(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "thresholds.yaml"
    path.write_text(body, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "categories:\n  completeness:\n    cik_present_rat:\n      target: 0.9\n",
            [
                ":3: categories.completeness.cik_present_rat: unknown check",
                "did you mean 'cik_present_rate'",
            ],
        ),
        (
            "categories:\n  completeness:\n    cik_present_rate:\n      targt: 0.9\n",
            [
                ":4: categories.completeness.cik_present_rate.targt: unknown key",
                "did you mean 'target'",
            ],
        ),
        (
            "categories:\n  substance:\n    short_segment_rate:\n      target: lots\n",
            [":4: categories.substance.short_segment_rate.target: expected a number"],
        ),
        (
            "categories:\n  substance:\n\n    short_segment_rate:\n      blocking: 'yes'\n",
            [":5: ", "blocking: expected true or false"],
        ),
        (
            "categories:\n  substance:\n    short_segment_rate:\n"
            "      params:\n        min_char: 9\n",
            [":5: ", "unknown parameter", "did you mean 'min_chars'"],
        ),
        (
            "categories:\n  cleanliness:\n    cik_present_rate:\n      target: 1\n",
            [":3: ", "belongs to category 'completeness'"],
        ),
        (
            "categories:\n  completness: {}\n",
            [":2: categories.completness: unknown category", "did you mean 'completeness'"],
        ),
        (
            "categories:\n  substance:\n    short_segment_rate:\n      operator: '=<'\n",
            [":4: ", "expected one of"],
        ),
        ("categories: [\n", ["not valid YAML"]),
        ("", ["empty"]),
    ],
    ids=[
        "unknown-check",
        "unknown-key",
        "wrong-type",
        "bool",
        "param",
        "category-mismatch",
        "unknown-category",
        "operator",
        "syntax",
        "empty",
    ],
)
def test_mistakes_name_file_line_and_closest_name(
    tmp_path: Path, body: str, expected: list[str]
) -> None:
    path = _user_file(tmp_path, body)
    with pytest.raises(ConfigError) as info:
        load_thresholds(path)
    message = info.value.message
    assert str(path) in message
    for part in expected:
        assert part in message


def test_unreadable_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read thresholds file"):
        load_thresholds(tmp_path / "missing.yaml")


def test_user_file_overrides_fields_by_check_name(tmp_path: Path) -> None:
    path = _user_file(
        tmp_path,
        "categories:\n  completeness:\n    cik_present_rate:\n      target: 0.8\n"
        "      blocking: false\n",
    )
    merged = load_thresholds(path)
    spec = merged.specs["cik_present_rate"]
    assert (spec.target, spec.blocking, spec.display_name) == (0.8, False, "CIK Present Rate")
    assert merged.sources == ("builtin", str(path))
    assert merged.sha256 != load_thresholds().sha256


def test_seed_checks_keep_their_defaults() -> None:
    specs = load_thresholds().specs
    expected = {
        "cik_present_rate": (">=", 1.0, None, True),
        "company_name_present_rate": (">=", 1.0, None, True),
        "sic_code_present_rate": (">=", 0.95, 0.90, False),
        "html_artifact_rate": ("==", 0.0, None, True),
        "page_number_artifact_rate": ("==", 0.0, 0.01, True),
        "empty_segment_rate": ("==", 0.0, None, True),
        "short_segment_rate": ("<=", 0.05, 0.10, False),
        "duplicate_rate": ("==", 0.0, None, True),
    }
    for name, (op, target, warn, blocking) in expected.items():
        s = specs[name]
        assert (s.operator.value, s.target, s.warn_threshold, s.blocking) == (
            op,
            target,
            warn,
            blocking,
        ), name
    assert specs["short_segment_rate"].params["min_chars"] == 50


def _spec(
    op: Operator, target: float, warn: float | None, upper: float | None = None
) -> ThresholdSpec:
    return ThresholdSpec(
        name="x",
        category=Category.SUBSTANCE,
        display_name="X",
        metric_type=MetricType.RATE,
        operator=op,
        target=target,
        target_upper=upper,
        warn_threshold=warn,
        blocking=True,
        description="x",
    )


unit = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)


@given(target=unit, actual=unit)
def test_operators_agree_with_python_comparisons(target: float, actual: float) -> None:
    assert (_spec(Operator.GT, target, None).evaluate(actual) is CheckStatus.PASS) == (
        actual > target
    )
    assert (_spec(Operator.LT, target, None).evaluate(actual) is CheckStatus.PASS) == (
        actual < target
    )
    # >=, <= and == tolerate float noise of 1e-12.
    ge = _spec(Operator.GE, target, None).evaluate(actual)
    le = _spec(Operator.LE, target, None).evaluate(actual)
    eq = _spec(Operator.EQ, target, None).evaluate(actual)
    assert (ge is CheckStatus.PASS) == (actual >= target - 1e-12)
    assert (le is CheckStatus.PASS) == (actual <= target + 1e-12)
    assert (eq is CheckStatus.PASS) == (abs(actual - target) <= 1e-12)


@given(target=unit, actual=unit, margin=st.floats(min_value=0.0, max_value=0.5))
def test_warn_band_lies_between_pass_and_fail(target: float, actual: float, margin: float) -> None:
    warn = max(0.0, target - margin)
    status = _spec(Operator.GE, target, warn).evaluate(actual)
    if actual >= target - 1e-12:  # comparisons tolerate float noise of 1e-12
        assert status is CheckStatus.PASS
    elif actual >= warn - 1e-12:
        assert status is CheckStatus.WARN
    else:
        assert status is CheckStatus.FAIL


@given(lo=unit, width=unit, actual=st.floats(min_value=-1.0, max_value=3.0))
def test_between_is_inclusive(lo: float, width: float, actual: float) -> None:
    status = _spec(Operator.BETWEEN, lo, None, lo + width).evaluate(actual)
    inside = lo - 1e-12 <= actual <= lo + width + 1e-12
    assert (status is CheckStatus.PASS) == inside


@pytest.mark.parametrize(
    ("operator", "target", "warn", "actual", "expected"),
    [
        (Operator.GE, 0.95, 0.90, 0.95, CheckStatus.PASS),  # the seed's sic_code rule
        (Operator.GE, 0.95, 0.90, 0.9499, CheckStatus.WARN),
        (Operator.GE, 0.95, 0.90, 0.90, CheckStatus.WARN),
        (Operator.GE, 0.95, 0.90, 0.8999, CheckStatus.FAIL),
        (Operator.EQ, 0.0, 0.01, 0.0, CheckStatus.PASS),  # page_number_artifact_rate
        (Operator.EQ, 0.0, 0.01, 0.005, CheckStatus.WARN),
        (Operator.EQ, 0.0, 0.01, 0.02, CheckStatus.FAIL),
        (Operator.LE, 0.05, 0.10, 0.10, CheckStatus.WARN),  # short_segment_rate
        (Operator.LE, 0.05, 0.10, 0.1001, CheckStatus.FAIL),
        (Operator.GE, 1.0, None, 1.0 - 1e-15, CheckStatus.PASS),  # float noise of a rate
        (Operator.GE, 1.0, None, 0.98, CheckStatus.FAIL),
    ],
)
def test_boundaries_of_the_seed_rules(
    operator: Operator, target: float, warn: float | None, actual: float, expected: CheckStatus
) -> None:
    assert _spec(operator, target, warn).evaluate(actual) is expected


def test_between_needs_a_pair(tmp_path: Path) -> None:
    path = _user_file(
        tmp_path, "categories:\n  substance:\n    short_segment_rate:\n      operator: between\n"
    )
    with pytest.raises(ConfigError, match=r"between.*target: \[low, high\]"):
        load_thresholds(path)
    ok = _user_file(
        tmp_path,
        "categories:\n  substance:\n    short_segment_rate:\n      operator: between\n"
        "      target: [0.0, 0.2]\n      warn_threshold: 0.05\n",
    )
    spec = load_thresholds(ok).specs["short_segment_rate"]
    assert (spec.target, spec.target_upper) == (0.0, 0.2)
    assert spec.evaluate(0.22) is CheckStatus.WARN
    assert spec.evaluate(0.3) is CheckStatus.FAIL
