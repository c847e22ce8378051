"""The HTML side of block parsing: one iterative walk, styles computed only when read.

The walk visits nodes in document order (no recursion, so nesting depth cannot exhaust
the stack) and groups text runs into blocks by their nearest block-level ancestor. It
reads style attributes only where two runs meet without a space between them (are they
laid out apart?); a block remembers its runs and the elements holding them,
and ``Block.style`` is computed from them the first time it is read (usually only for
the few hundred blocks of Item 1A). Hidden subtrees (``display:none``, scripts, the
inline-XBRL header) are removed before the walk.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, NamedTuple

from selectolax.lexbor import LexborHTMLParser

from edgar_sentinel.preprocess.clean import clean_text
from edgar_sentinel.preprocess.document import Block
from edgar_sentinel.preprocess.styles import BLOCK_TAGS, RowStyle, RunStyle, Styler

__all__ = ["html_blocks"]

_HIDDEN_TAGS = "head, script, style, title, noscript, template, ix\\:header"
_IX_HEADER = ("<ix:header", "</ix:header>")
_HIDDEN_STYLES = ("display:none", "display: none", "DISPLAY:none", "DISPLAY: none")


class _Place(NamedTuple):
    """The table row and cell an element sits in (element ids; 0 for none)."""

    row: int
    cell: int


_OUTSIDE = _Place(0, 0)
_TABLE_TAGS = frozenset({"table", "tr", "td", "th"})
_BREAKS = BLOCK_TAGS | {"br"}


def _place_of(tag: str, mem_id: int, parent: _Place) -> _Place:
    if tag == "tr":
        return _Place(mem_id, 0)
    if tag == "table":
        return _OUTSIDE
    return _Place(parent.row, mem_id)  # a cell


def _place_for(element: Any, mem_id: int, tag: str, places: dict[int, _Place]) -> _Place:
    """The element's place, computing uncached ancestors iteratively (no recursion)."""
    node: Any = element.parent
    if node is not None:
        # Fast path: the parent's place is known (it held text, or a sibling's walk
        # passed through it).
        known = places.get(node.mem_id)
        if known is not None:
            place = _place_of(tag, mem_id, known) if tag in _TABLE_TAGS else known
            places[mem_id] = place
            return place
    chain: list[tuple[int, str | None]] = [(mem_id, tag)]
    base = _OUTSIDE
    while node is not None:
        node_id: int = node.mem_id
        cached = places.get(node_id)
        if cached is not None:
            base = cached
            break
        chain.append((node_id, node.tag))
        node = node.parent
    for item_id, item_tag in reversed(chain):
        if item_tag in _TABLE_TAGS:
            base = _place_of(item_tag, item_id, base)
        places[item_id] = base
    return base


class _Run(NamedTuple):
    """The text runs of one block, as the walk found them."""

    parts: list[str]
    """Raw text pieces (a space where the layout separates two runs)."""
    elements: list[Any]
    """Each piece's element, or None for an added space."""
    block: Any
    """The block element the runs belong to (None before the first one)."""
    block_id: int
    block_tag: str


def _walk(root: Any, styler: Styler) -> list[_Run]:
    """Group the text runs under ``root`` into blocks, in document order (one pass)."""
    runs: list[_Run] = []
    laid_apart = styler.laid_apart
    opened: dict[int, str] = {}
    parts: list[str] = []
    elements: list[Any] = []
    block: Any = None
    block_id = -1
    block_tag = ""
    last: Any = None
    last_id = -1
    for node in root.traverse(include_text=True):
        tag = node.tag
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
                    runs.append(_Run(parts, elements, block, block_id, block_tag))
                    parts, elements = [], []
                block, block_id, block_tag = parent, parent_id, opened[parent_id]
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
        elif tag in _BREAKS:
            if parts:
                runs.append(_Run(parts, elements, block, block_id, block_tag))
                parts, elements = [], []
            if tag != "br":
                block, block_id, block_tag = node, node.mem_id, tag
                opened[block_id] = tag
    if parts:
        runs.append(_Run(parts, elements, block, block_id, block_tag))
    return runs


def _blocks(runs: list[_Run], styler: Styler) -> list[Block]:
    """Blocks with cleaned text, located in the table structure, table rows joined."""
    places: dict[int, _Place] = {}
    texts: list[str] = []
    sources: list[RunStyle] = []
    rows: list[_Place] = []
    for run in runs:
        text = clean_text(run.parts[0] if len(run.parts) == 1 else "".join(run.parts))
        if not text:
            continue
        place = (
            _OUTSIDE
            if run.block is None
            else _place_for(run.block, run.block_id, run.block_tag, places)
        )
        texts.append(text)
        sources.append(RunStyle(styler, run.parts, run.elements))
        rows.append(place)
    return _merge_rows(texts, sources, rows)


def _remove_hidden(tree: LexborHTMLParser, html: str) -> None:
    """Drop what a reader never sees: hidden elements, scripts, the inline-XBRL header."""
    selectors = [_HIDDEN_TAGS]
    # Matching style attributes costs a scan of every element; run it only when some
    # hidden element has content (empty hidden cells and the XBRL wrapper do not count).
    selectors += [
        f'[style*="{variant}"]' for variant in _HIDDEN_STYLES if _hides_content(html, variant)
    ]
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


def _hides_content(html: str, variant: str) -> bool:
    """Some element styled ``variant`` (e.g. ``display:none``) is not empty (``html`` is
    the markup without its inline-XBRL header, whose wrapper is left empty)."""
    position = html.find(variant)
    while position >= 0:
        close = html.find(">", position)
        if close < 0:
            return False
        following = html[close + 1 : close + 64].lstrip()
        if html[close - 1] != "/" and not following.startswith("</"):
            return True
        position = html.find(variant, close)
    return False


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building blocks.

    The walk allocates tens of thousands of small objects that form no reference cycles;
    each allocation burst would otherwise trigger collections that scan them all again
    (a third of the walk's time on a large filing). The previous state is restored.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def html_blocks(html: str) -> list[Block]:
    """The visual blocks of an HTML document, in document order."""
    with _collector_paused():
        return _html_blocks(html)


def _html_blocks(html: str) -> list[Block]:
    """The visual blocks of an HTML document, in document order.

    A block starts at every block-level element (and at ``<br>``). Text belongs to the
    block element opened last, unless it sits directly inside another known block
    element (text that follows a nested block inside its parent). Only block elements
    are located in the table structure, so text runs cost one parent lookup each.
    """
    visible = _without_xbrl_header(html)
    tree = LexborHTMLParser(visible)
    root = tree.root
    if root is None:
        return []
    _remove_hidden(tree, visible)
    styler = Styler(tree)
    return _blocks(_walk(root, styler), styler)


def _merge_rows(texts: list[str], sources: list[RunStyle], rows: list[_Place]) -> list[Block]:
    """Join the cells of a table row into one block when each cell holds one block."""
    out: list[Block] = []
    i = 0
    n = len(texts)
    while i < n:
        row = rows[i][0]
        j = i + 1
        if row:
            while j < n and rows[j][0] == row:
                j += 1
            if j - i > 1 and len({rows[k][1] for k in range(i, j)}) == j - i:
                style = RowStyle(texts[i:j], sources[i:j])
                out.append(Block(" ".join(texts[i:j]), in_table=True, source=style))
                i = j
                continue
        out.extend(
            Block(texts[k], in_table=rows[k][0] != 0, source=sources[k]) for k in range(i, j)
        )
        i = j
    return out
