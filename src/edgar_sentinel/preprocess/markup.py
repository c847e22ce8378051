"""The HTML side of block parsing: one iterative walk, styles computed only when read.

The walk visits nodes in document order (no recursion, so nesting depth cannot exhaust
the stack) and groups text runs into blocks by their nearest block-level ancestor. It
reads style attributes only where two runs meet without a space between them (are they
laid out apart?); a block remembers its runs and the elements holding them,
and ``Block.style`` is computed from them the first time it is read (usually only for
the few hundred blocks of Item 1A). The walk follows the table structure itself (row
and cell of every block) and skips what a reader never sees (the head, scripts, the
inline-XBRL header); elements hidden with ``display:none`` are removed before it, and
large tables of numbers are left out (``elision``) when the caller asks. Preformatted text
(``<pre>``) is split into blocks like a plain-text filing.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any, NamedTuple

from selectolax.lexbor import LexborHTMLParser

from edgar_sentinel.preprocess.clean import clean_text
from edgar_sentinel.preprocess.document import PLAIN, Block, BlockStyle, StyleSource, text_blocks
from edgar_sentinel.preprocess.elision import elide_tables
from edgar_sentinel.preprocess.styles import BLOCK_TAGS, RowStyle, RunStyle, Styler
from edgar_sentinel.preprocess.stylesheet import parse_stylesheet

__all__ = ["html_blocks"]

_IX_HEADER = ("<ix:header", "</ix:header>")
_HIDDEN_STYLES = ("display:none", "display: none", "DISPLAY:none", "DISPLAY: none")
"""Each way filings write it."""
_HIDES_CONTENT = re.compile(
    # An element styled hidden that is not empty (not closed right after its start tag,
    # nor self-closing). Anchored on the literal "none" so that one scan finds every way
    # of writing it; the look-behinds then say which one.
    "none(?:"
    + "|".join(f"(?<={re.escape(variant)})" for variant in _HIDDEN_STYLES)
    + r")[^>]*(?<!/)>(?!\s*</)"
)


_Place = tuple[int, int]
"""The table row and cell a block sits in (element ids; 0 for none)."""

_OUTSIDE: _Place = (0, 0)
_BREAKS = BLOCK_TAGS | {"br"}
_UNSEEN = frozenset({"head", "script", "style", "title", "noscript", "template", "ix:header"})
"""Elements whose content a reader never sees: the walk skips their subtrees."""


_Run = tuple[list[str], list[Any], _Place]
"""The text runs of one block as the walk found them: raw text pieces (a space where the
layout separates two runs), each piece's element (None for an added space), and the
block's place. A plain tuple: a large filing has tens of thousands."""


_PREFORMATTED: list[Any] = []
"""The ``elements`` of a run holding the whole text of a ``<pre>`` element (by identity)."""


class _PlainSource:
    """The style of preformatted text: none (like a plain-text filing)."""

    def compute(self) -> BlockStyle:
        return PLAIN


_PLAIN_SOURCE = _PlainSource()


class _Table(NamedTuple):
    """An open table: where its subtree ends and the row and cell around it."""

    end_id: int
    end_tag: str | None
    row: int
    cell: int


def _following(node: Any) -> Any:
    """The first node after ``node``'s subtree in document order, or None."""
    while node is not None:
        after = node.next
        if after is not None:
            return after
        node = node.parent
    return None


def _following_content(node: Any) -> Any:
    """The first element or non-blank text after ``node``'s subtree, or None.

    Blank text and comments in between change nothing the walk records, and skipping
    them means that only elements of one tag are compared while a table is open.
    """
    after = _following(node)
    while after is not None and (
        after.tag == "-comment" or (after.tag == "-text" and after.text_content.isspace())
    ):
        after = _following(after)
    return after


def _walk(root: Any, styler: Styler) -> list[_Run]:
    """Group the text runs under ``root`` into blocks, in document order (one pass).

    The table structure is followed on the way: the row and cell are the last ``tr`` and
    ``td`` met inside the innermost open table, and a table closes at the first node
    after its subtree (found once per table, compared only against nodes of its tag).
    """
    runs: list[_Run] = []
    laid_apart = styler.laid_apart
    opened: dict[int, _Place] = {}
    parts: list[str] = []
    elements: list[Any] = []
    block_id = -1
    place = _OUTSIDE
    row = cell = 0
    tables: list[_Table] = []
    end_tag: str | None = None  # tag of the node that closes the innermost table
    skip_tag: str | None = None  # tag of the node that ends a skipped subtree
    skip_id = -1
    last: Any = None
    last_id = -1
    for node in root.traverse(include_text=True):
        tag = node.tag
        if skip_tag is not None:
            if tag != skip_tag or node.mem_id != skip_id:
                continue
            skip_tag = None
        if tag == end_tag:
            node_id = node.mem_id
            while tables and tables[-1].end_id == node_id:
                closed = tables.pop()
                row, cell = closed.row, closed.cell
            end_tag = tables[-1].end_tag if tables else None
        if tag == "-text":
            text = node.text_content
            if not text:
                continue
            if text.isspace():
                if parts:
                    parts.append(" ")
                    elements.append(None)
                continue
            parent = node.parent
            if parent is None:
                continue
            parent_id = parent.mem_id
            if parent_id != block_id and parent_id in opened:
                # Text directly inside an enclosing block, after a nested block ended.
                if parts:
                    runs.append((parts, elements, place))
                    parts, elements = [], []
                block_id, place = parent_id, opened[parent_id]
            elif (
                parts
                and parent_id != last_id
                and not (parts[-1][-1].isspace() or text[0].isspace())
                and (laid_apart(parent) or laid_apart(last))
            ):
                # Runs laid out apart (inline-block, padding) are separate words even
                # without a space character between them in the markup.
                parts.append(" ")
                elements.append(None)
            parts.append(text)
            elements.append(parent)
            last, last_id = parent, parent_id
        elif tag == "pre":
            # Preformatted text (whole 1990s-2000s filings sit in one <pre>): its lines
            # are split into paragraphs and item headings as in a plain-text filing.
            if parts:
                runs.append((parts, elements, place))
                parts, elements = [], []
            runs.append(([node.text(deep=True)], _PREFORMATTED, _OUTSIDE))
            after = _following(node)
            if after is None:
                break
            skip_tag, skip_id = after.tag, after.mem_id
        elif tag in _BREAKS:
            if parts:
                runs.append((parts, elements, place))
                parts, elements = [], []
            if tag == "br":
                continue
            block_id = node.mem_id
            if tag in {"td", "th"}:
                cell = block_id
            elif tag == "tr":
                row, cell = block_id, 0
            elif tag == "table":
                after = _following_content(node)
                if after is not None:
                    tables.append(_Table(after.mem_id, after.tag, row, cell))
                    end_tag = after.tag
                row = cell = 0
            place = (row, cell)
            opened[block_id] = place
        elif tag in _UNSEEN:
            after = _following(node)
            if after is None:
                break
            skip_tag, skip_id = after.tag, after.mem_id
    if parts:
        runs.append((parts, elements, place))
    return runs


def _blocks(runs: list[_Run], styler: Styler) -> list[Block]:
    """Blocks with cleaned text, table rows joined."""
    texts: list[str] = []
    sources: list[StyleSource] = []
    rows: list[_Place] = []
    for parts, elements, place in runs:
        if elements is _PREFORMATTED:
            for block in text_blocks(parts[0]):
                texts.append(block.text)
                sources.append(_PLAIN_SOURCE)
                rows.append(_OUTSIDE)
            continue
        text = clean_text(parts[0] if len(parts) == 1 else "".join(parts))
        if not text:
            continue
        texts.append(text)
        sources.append(RunStyle(styler, parts, elements))
        rows.append(place)
    return _merge_rows(texts, sources, rows)


def _remove_hidden(tree: LexborHTMLParser, html: str) -> None:
    """Remove elements hidden with ``display:none`` (when any of them holds content)."""
    # Matching style attributes costs a scan of every element; run it only when some
    # hidden element has content (empty hidden cells and the XBRL wrapper do not count).
    # Empty hidden cells are left in place: they hold no text and end no block that a
    # neighbouring cell does not end anyway (filings have thousands of them). Scripts,
    # the head and the like are skipped by the walk instead (see ``_UNSEEN``).
    variants = {
        variant
        for match in _HIDES_CONTENT.finditer(html)
        for variant in _HIDDEN_STYLES
        if html.startswith(variant, match.start() + 4 - len(variant))
    }
    if not variants:
        return
    selectors = [f'[style*="{variant}"]:not(td:empty)' for variant in sorted(variants)]
    # Children before parents, so that no removed node is touched again.
    for hidden in reversed(tree.css(", ".join(selectors))):
        hidden.decompose()


def _without_xbrl_header(html: str) -> str:
    """The markup without its hidden inline-XBRL header (cheaper than parsing it)."""
    start = html.find(_IX_HEADER[0])
    if start < 0:
        return html
    end = html.find(_IX_HEADER[1], start)
    if end < 0:
        return html
    return html[:start] + html[end + len(_IX_HEADER[1]) :]


def html_blocks(html: str, *, elide: bool = False) -> tuple[list[Block], int]:
    """The visual blocks of an HTML document, in document order, and the number of
    tables left out (with ``elide``, see ``elision.elide_tables``).

    A block starts at every block-level element (and at ``<br>``). Text belongs to the
    block element opened last, unless it sits directly inside another known block
    element (text that follows a nested block inside its parent).
    """
    visible = _without_xbrl_header(html)
    tree = LexborHTMLParser(visible)
    root = tree.root
    if root is None:
        return [], 0
    _remove_hidden(tree, visible)
    # One pass finds both: every <style> element (not only the head's: text before
    # <html>, such as EDGAR's <XBRL> wrapper line, moves the head into the body) and
    # the tables that elision may leave out.
    found = tree.css("table, style")
    sheet = parse_stylesheet(node.text() for node in found if node.tag == "style") or None
    tables = [node for node in found if node.tag == "table"]
    elided = elide_tables(tables) if elide else 0
    styler = Styler(tree, sheet)
    return _blocks(_walk(root, styler), styler), elided


def _merge_rows(texts: list[str], sources: list[StyleSource], rows: list[_Place]) -> list[Block]:
    """Join the cells of a table row into one block when each cell holds one block."""
    blocks_in_cell = Counter(cell for _, cell in rows)
    out: list[Block] = []
    append = out.append
    i = 0
    n = len(texts)
    while i < n:
        row = rows[i][0]
        if not row:
            append(Block(texts[i], False, None, sources[i]))
            i += 1
            continue
        j = i + 1
        while j < n and rows[j][0] == row:
            j += 1
        if j - i > 1 and all(blocks_in_cell[rows[k][1]] == 1 for k in range(i, j)):
            style = RowStyle(texts[i:j], sources[i:j])
            append(Block(" ".join(texts[i:j]), True, None, style))
        else:
            for k in range(i, j):
                append(Block(texts[k], True, None, sources[k]))
        i = j
    return out
