"""Leaving out large tables that cannot hold what the pipeline looks for.

Most elements of a modern 10-K sit in tables of numbers (financial statements,
schedules): grouping their cells into blocks costs more than the rest of the filing, and
Item 1A never needs them. ``elide_tables`` empties such a table in the parsed tree but for
one cell reading ``ELIDED_TEXT``, before blocks are built. A table is left out only when

* it is not among the first ``PROTECTED_SHARE`` of the document's tables (the cover
  page and the table of contents come first);
* its text is at least ``MIN_TABLE_CHARS`` long;
* its text, case ignored, holds none of ``KEEP_WORDS``: every Item 1A heading, whether
  numbered ("Item 1A") or not ("Risk Factors"), holds one of them.

Left-out content must never change a result, so every reader that reaches a placeholder
raises ``ElidedContentError`` and the pipeline parses the whole document again: the cover
page text read for metadata, any Item 1A candidate section that holds a placeholder (the
candidates are ranked by length), and every path taken when no Item 1A candidate has a
body (non-standard headings, omitted items, not found). A heading that ends Item 1A and
was left out makes the section run on over its placeholder, so it is caught too. Only the
counting of repeated page lines (running headers, ``clean.FurnitureDetector``) sees the
document without those tables: a short line of Item 1A that repeats only as rows of
left-out tables is kept, where the whole document would drop it as page furniture.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "ELIDED_TEXT",
    "KEEP_WORDS",
    "MIN_TABLE_CHARS",
    "PROTECTED_SHARE",
    "ElidedContentError",
    "elide_tables",
]

ELIDED_TEXT = "\ue000elided table\ue000"
"""The text of a placeholder's one cell (private-use characters: no filing prints it)."""
PROTECTED_SHARE = 0.15
MIN_TABLE_CHARS = 300
KEEP_WORDS = ("item", "risk")

_PLACEHOLDER_ROW = f"<tr><td>{ELIDED_TEXT}</td></tr>"


class ElidedContentError(Exception):
    """A reader reached a left-out table: the document must be parsed whole."""


def elide_tables(tables: list[Any]) -> int:
    """Empty the ``tables`` (every table element of a document, selectolax lexbor nodes in
    document order) that can be left out (see the module docstring) but for a placeholder
    cell; return how many."""
    protected = int(len(tables) * PROTECTED_SHARE)
    elided = 0
    # Innermost first: an emptied table's descendants are never touched again.
    for table in reversed(tables[protected:]):
        text = table.text()
        if len(text) < MIN_TABLE_CHARS:
            continue
        folded = text.lower()
        if any(word in folded for word in KEEP_WORDS):
            continue
        table.inner_html = _PLACEHOLDER_ROW
        elided += 1
    return elided
