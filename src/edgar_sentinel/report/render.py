"""One entry point for every report kind and format: ``render(document, fmt=..., limit=...)``.

Each report kind has its own renderer class per format (``GateMarkdownRenderer``,
``DriftHtmlRenderer``, ...), looked up by kind and format below. JSON is the source of truth
and is written as the model dumps it; markdown and HTML are rendered from the model.
"""

from __future__ import annotations

from typing import Literal, Protocol

from edgar_sentinel.errors import UsageError
from edgar_sentinel.report.document import ReportDocument
from edgar_sentinel.report.limits import FULL, LADDER, MIN_LIMIT, Detail, size

Format = Literal["markdown", "html", "json"]
FORMATS: tuple[Format, ...] = ("markdown", "html", "json")


class Renderer(Protocol):
    """Renders one report kind in one format at a level of detail."""

    kind: str
    fmt: str

    def render(self, report: ReportDocument, detail: Detail, /) -> str: ...


class JsonRenderer:
    """The report exactly as its model dumps it (the source of truth)."""

    kind = "*"
    fmt = "json"

    def render(self, report: ReportDocument, detail: Detail, /) -> str:
        return report.model_dump_json(indent=2) + "\n"


class ReportTooLargeError(UsageError):
    """No rendering of the report fits the requested limit."""


def renderer_for(kind: str, fmt: Format) -> Renderer:
    from edgar_sentinel.report.drift_html import DriftHtmlRenderer
    from edgar_sentinel.report.drift_markdown import DriftMarkdownRenderer
    from edgar_sentinel.report.gate_html import GateHtmlRenderer
    from edgar_sentinel.report.gate_markdown import GateMarkdownRenderer

    registry: dict[tuple[str, str], type] = {
        ("gate", "markdown"): GateMarkdownRenderer,
        ("gate", "html"): GateHtmlRenderer,
        ("drift", "markdown"): DriftMarkdownRenderer,
        ("drift", "html"): DriftHtmlRenderer,
    }
    if fmt == "json":
        return JsonRenderer()
    if fmt not in FORMATS:
        raise UsageError(f"unknown report format {fmt!r}", hint=f"use one of {', '.join(FORMATS)}")
    cls = registry.get((kind, fmt))
    if cls is None:
        raise UsageError(f"no {fmt} renderer for {kind!r} reports")
    renderer: Renderer = cls()
    return renderer


def render(document: ReportDocument, *, fmt: Format, limit: int | None = None) -> str:
    """Render ``document``; with ``limit`` (UTF-8 bytes) shorten it until it fits.

    Shortening drops detail rung by rung (see ``limits.LADDER``) and says what it cut;
    it never truncates text mid-table. JSON is never shortened: a JSON document over
    ``limit`` raises ``ReportTooLargeError``.
    """
    renderer = renderer_for(document.kind, fmt)
    if limit is None:
        return renderer.render(document, FULL)
    if limit < MIN_LIMIT:
        raise UsageError(f"a report limit of {limit} bytes is too small (minimum {MIN_LIMIT})")
    ladder = (FULL,) if fmt == "json" else LADDER
    smallest = 0
    for detail in ladder:
        text = renderer.render(document, detail)
        smallest = size(text)
        if smallest <= limit:
            return text
    raise ReportTooLargeError(
        f"the {document.kind} report needs {smallest:,} bytes as {fmt}, over the limit of "
        f"{limit:,} bytes",
        hint="publish the JSON report as an artifact and link to it instead",
    )


__all__ = ["FORMATS", "Format", "JsonRenderer", "Renderer", "ReportTooLargeError", "render"]
