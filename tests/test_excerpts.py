"""Excerpts: a window of the text around a position, on one line, marked where it goes on."""

from __future__ import annotations

from edgar_sentinel.excerpts import excerpt

TEXT = "0123456789" * 10  # 100 characters


def test_a_short_text_is_whole_and_on_one_line() -> None:
    assert excerpt("Risk\n\n  factors\tapply.", width=50) == "Risk factors apply."


def test_the_window_starts_a_lead_share_before_the_position() -> None:
    assert excerpt(TEXT, 50, width=20) == "…56789012345678901234…"  # 5 characters before
    assert excerpt(TEXT, 50, width=20, lead=0.5) == "…01234567890123456789…"


def test_no_ellipsis_at_the_ends_of_the_text() -> None:
    assert excerpt(TEXT, 0, width=20) == "01234567890123456789…"
    assert excerpt(TEXT, 95, width=20) == "…0123456789"
