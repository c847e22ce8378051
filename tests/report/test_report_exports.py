"""The public API of the report and github packages: every exported name resolves."""

from __future__ import annotations

import importlib

import pytest

MODULES = [
    "edgar_sentinel.report",
    "edgar_sentinel.report.escaping",
    "edgar_sentinel.report.limits",
    "edgar_sentinel.report.render",
    "edgar_sentinel.report.step_summary",
    "edgar_sentinel.report.write",
    "edgar_sentinel.github",
    "edgar_sentinel.github.client",
    "edgar_sentinel.github.comments",
    "edgar_sentinel.github.issues",
    "edgar_sentinel.github.report_issue",
    "edgar_sentinel.github.run_link",
    "edgar_sentinel.github.errors",
]


@pytest.mark.parametrize("name", MODULES)
def test_every_exported_name_exists(name: str) -> None:
    module = importlib.import_module(name)
    for export in module.__all__:
        assert getattr(module, export) is not None, f"{name}.{export}"


def test_the_documented_entry_points_are_exported() -> None:
    report = importlib.import_module("edgar_sentinel.report")
    assert {"render", "load_report", "write_reports", "append_step_summary"} <= set(report.__all__)
