"""The HTML side of block parsing: one iterative walk, styles computed only when read.

The walk visits nodes in document order (no recursion, so nesting depth cannot exhaust
the stack) and groups text runs into blocks by their nearest block-level ancestor. It
reads no style attributes: a block remembers its runs and the elements holding them,
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


def _group_of(tag: str, mem_id: int, parent: _Group) -> _Group:
    if tag in ("td", "th"):
        return _Group(mem_id, parent.row, mem_id)
    if tag == "tr":
        return _Group(mem_id, mem_id, 0)
    if tag == "table":
        return _Group(mem_id, 0, 0)
    return _Group(mem_id, parent.row, parent.cell)


class _Group(NamedTuple):
    """The block, table row and cell an element's text belongs to (ids, 0 for none)."""

    block: int
    row: int
    cell: int


_ROOT_GROUP = _Group(0, 0, 0)


def _group_for(element: Any, mem_id: int, tag: str, groups: dict[int, _Group]) -> _Group:
    """The element's group, computing uncached ancestors iteratively (no recursion)."""
    node: Any = element.parent
    if node is not None:
        # Fast path: the parent's group is known (it held text, or a sibling's walk
        # passed through it).
        known = groups.get(node.mem_id)
        if known is not None:
            group = _group_of(tag, mem_id, known)
            groups[mem_id] = group
            return group
    chain: list[tuple[int, str | None]] = [(mem_id, tag)]
    base = _ROOT_GROUP
    while node is not None:
        node_id: int = node.mem_id
        cached = groups.get(node_id)
        if cached is not None:
            base = cached
            break
        chain.append((node_id, node.tag))
        node = node.parent
    for item_id, item_tag in reversed(chain):
        if item_tag is not None and item_tag in BLOCK_TAGS:
            base = _group_of(item_tag, item_id, base)
        groups[item_id] = base
    return base


class _Builder:
    """Accumulates text runs into blocks."""

    def __init__(self, styler: Styler) -> None:
        self.styler = styler
        self.pending: list[tuple[list[str], list[Any], _Group]] = []
        self.parts: list[str] = []
        self.elements: list[Any] = []
        self.group = _ROOT_GROUP
        self.last: Any = None

    def space(self) -> None:
        if self.parts:
            self.parts.append(" ")
            self.elements.append(None)

    def add(self, text: str, element: Any, group: _Group) -> None:
        if self.last is None:
            self.group = group
        elif self._apart(text, element):
            self.parts.append(" ")
            self.elements.append(None)
        self.parts.append(text)
        self.elements.append(element)
        self.last = element

    def _apart(self, text: str, element: Any) -> bool:
        """Runs laid out apart (inline-block, padding) are separate words even without a
        space character between them in the markup."""
        if self.parts[-1][-1:].isspace() or text[:1].isspace() or element is self.last:
            return False
        return self.styler.laid_apart(element) or self.styler.laid_apart(self.last)

    def flush(self) -> None:
        if self.last is not None:
            self.pending.append((self.parts, self.elements, self.group))
            self.last = None
        self.parts = []
        self.elements = []

    def finish(self) -> tuple[list[Block], list[tuple[int, int]]]:
        """The blocks with cleaned text, and each block's (row, cell)."""
        self.flush()
        blocks: list[Block] = []
        rows: list[tuple[int, int]] = []
        styler = self.styler
        for parts, elements, group in self.pending:
            text = clean_text("".join(parts))
            if text:
                source = RunStyle(styler, parts, elements)
                blocks.append(Block(text, in_table=group.row != 0, source=source))
                rows.append((group.row, group.cell))
        return blocks, rows


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
    groups: dict[int, _Group] = {}
    opened: dict[int, tuple[Any, str]] = {}
    builder = _Builder(Styler(tree))
    current_id = -1
    current: _Group | None = None
    for node in root.traverse(include_text=True):
        tag = node.tag
        if tag == "-text":
            text = node.text_content
            if not text:
                continue
            if text.isspace():
                builder.space()
                continue
            parent = node.parent
            if parent is None:
                continue
            parent_id = parent.mem_id
            if parent_id != current_id and parent_id in opened:
                if builder.parts:
                    builder.flush()
                current_id, current = parent_id, None
            if current is None:
                if current_id in opened:
                    block_node, block_tag = opened[current_id]
                    current = _group_for(block_node, current_id, block_tag, groups)
                else:
                    current = _ROOT_GROUP
            builder.add(text, parent, current)
        elif tag in BLOCK_TAGS:
            if builder.parts:
                builder.flush()
            current_id = node.mem_id
            current = None
            opened[current_id] = (node, tag)
        elif tag in ("br", "hr") and builder.parts:
            builder.flush()
    return _merge_rows(*builder.finish())


def _merge_rows(blocks: list[Block], rows: list[tuple[int, int]]) -> list[Block]:
    """Join the cells of a table row into one block when each cell holds one block."""
    out: list[Block] = []
    i = 0
    n = len(blocks)
    while i < n:
        row = rows[i][0]
        j = i + 1
        if row:
            while j < n and rows[j][0] == row:
                j += 1
        if j - i > 1:
            cells = [rows[k][1] for k in range(i, j)]
            if len(set(cells)) == len(cells):
                parts = blocks[i:j]
                text = " ".join(p.text for p in parts)
                out.append(Block(text, in_table=True, source=RowStyle(parts)))
                i = j
                continue
        out.extend(blocks[i:j])
        i = j
    return out
