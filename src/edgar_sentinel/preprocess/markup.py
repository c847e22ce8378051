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
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, NamedTuple

from selectolax.lexbor import LexborHTMLParser

from edgar_sentinel.preprocess.clean import clean_text
from edgar_sentinel.preprocess.document import Block, BlockStyle

__all__ = ["html_blocks"]

_BLOCK_TAGS = frozenset(
    {
        *("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr", "table"),
        *("center", "pre", "blockquote", "section", "article", "body", "html", "ul", "ol"),
        *("dl", "dt", "dd", "header", "footer", "nav", "aside", "main", "form", "caption"),
        *("address", "hr", "page", "document", "type", "text"),
    }
)
_HIDDEN_TAGS = "head, script, style, title, noscript, template, ix\\:header"
_IX_HEADER = ("<ix:header", "</ix:header>")
_HIDDEN_STYLES = ("display:none", "display: none", "DISPLAY:none", "DISPLAY: none")
_HEADING_SIZES = {"h1": 18.0, "h2": 16.0, "h3": 14.0, "h4": 12.0, "h5": 10.0, "h6": 9.0}
_FONT_SIZES = {"1": 7.5, "2": 10.0, "3": 12.0, "4": 13.5, "5": 18.0, "6": 24.0, "7": 36.0}

_STYLE_RE = re.compile(r"([a-zA-Z-]+)\s*:\s*([^;]*)")
_SIZE_RE = re.compile(r"([\d.]+)\s*(pt|px|em|rem|%)?")


class _Style(NamedTuple):
    bold: bool | None
    italic: bool | None
    underline: bool | None
    size: float | None
    color: str | None
    centered: bool | None
    spaced: bool


_NO_STYLE = _Style(None, None, None, None, None, None, False)
_style_cache: dict[str, _Style] = {}


def _parse_size(value: str, parent: float | None) -> float | None:
    m = _SIZE_RE.match(value.strip())
    if not m:
        return None
    try:
        number = float(m.group(1))
    except ValueError:
        return None
    unit = m.group(2) or "px"
    if unit == "pt":
        return number
    if unit == "px":
        return number * 0.75
    base = parent or 10.0
    return base * number / 100.0 if unit == "%" else base * number


def _parse_style(style: str) -> _Style:
    cached = _style_cache.get(style)
    if cached is not None:
        return cached
    bold = italic = underline = centered = None
    size: float | None = None
    color: str | None = None
    spaced = False
    for m in _STYLE_RE.finditer(style):
        key = m.group(1).lower()
        value = m.group(2).strip().lower()
        if key == "font-weight":
            bold = value in ("bold", "bolder") or (value.isdigit() and int(value) >= 600)
        elif key == "font-style":
            italic = value in ("italic", "oblique")
        elif key in ("text-decoration", "text-decoration-line"):
            underline = "underline" in value
        elif key == "font-size":
            size = _parse_size(value, None)
        elif key == "color":
            color = value
        elif key == "display":
            spaced = spaced or value == "inline-block"
        elif key == "text-align":
            centered = value == "center"
        elif key in ("padding-left", "margin-left", "width", "min-width"):
            spaced = spaced or not value.startswith("0")
        elif key == "font":
            bold = "bold" in value or None
            italic = "italic" in value or None
    parsed = _Style(bold, italic, underline, size, color, centered, spaced)
    if len(_style_cache) < 20_000:
        _style_cache[style] = parsed
    return parsed


class _Look(NamedTuple):
    """Inherited presentation of an element (interned through ``_LOOKS``)."""

    bold: bool
    italic: bool
    underline: bool
    size: float | None
    color: str | None
    centered: bool
    spaced: bool


class _Info(NamedTuple):
    """An element's computed look and its nearest inline ancestor laid out apart."""

    look: _Look
    spaced: int
    """Id of the nearest inline ancestor laid out apart (inline-block, padded), or 0."""


_ROOT_LOOK = _Look(False, False, False, None, None, False, False)
_ROOT_INFO = _Info(_ROOT_LOOK, 0)
_LookKey = tuple[_Look, str, str | None, str | None, str | None, str | None]
_LOOKS: dict[_LookKey, _Look] = {}


def _derive_look(parent: _Look, tag: str, attrs: dict[str, str | None]) -> _Look:
    style_attr = attrs.get("style")
    align = attrs.get("align")
    fsize = fcolor = None
    if tag == "font":
        fsize, fcolor = attrs.get("size"), attrs.get("color")
    key = (parent, tag, style_attr, align, fsize, fcolor)
    found = _LOOKS.get(key)
    if found is not None:
        return found
    bold, italic, underline = parent.bold, parent.italic, parent.underline
    size, color, centered = parent.size, parent.color, parent.centered
    if tag in ("b", "strong", "th"):
        bold = True
    elif tag in ("i", "em", "cite", "var"):
        italic = True
    elif tag in ("u", "ins"):
        underline = True
    elif tag == "font":
        if fsize and fsize.strip() in _FONT_SIZES:
            size = _FONT_SIZES[fsize.strip()]
        if fcolor:
            color = fcolor.lower()
    elif tag in _HEADING_SIZES:
        bold, size = True, _HEADING_SIZES[tag]
    elif tag == "center":
        centered = True
    if align and tag != "table":
        centered = align.lower() == "center"
    style = _parse_style(style_attr) if style_attr else _NO_STYLE
    if style is not _NO_STYLE:
        bold = bold if style.bold is None else style.bold
        italic = italic if style.italic is None else style.italic
        underline = underline or bool(style.underline)
        size = style.size if style.size is not None else size
        color = style.color or color
        centered = centered if style.centered is None else style.centered
    look = _Look(bold, italic, underline, size, color, centered, style.spaced)
    if len(_LOOKS) < 50_000:
        _LOOKS[key] = look
    return look


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
        if item_tag is not None and item_tag in _BLOCK_TAGS:
            base = _group_of(item_tag, item_id, base)
        groups[item_id] = base
    return base


def _own_info(node: Any, tag: str, parent: _Info) -> _Info:
    """Combine an element's own markup with what it inherits from its parent."""
    look = _derive_look(parent.look, tag, node.attributes)
    if tag in _BLOCK_TAGS:
        return _Info(look, 0)
    return _Info(look, node.mem_id if look.spaced else parent.spaced)


def _info_for(element: Any, infos: dict[int, _Info]) -> _Info:
    """The element's computed look, computing uncached ancestors iteratively."""
    chain: list[Any] = []
    node: Any = element
    base = _ROOT_INFO
    while node is not None:
        cached = infos.get(node.mem_id)
        if cached is not None:
            base = cached
            break
        chain.append(node)
        node = node.parent
    for item in reversed(chain):
        tag = item.tag
        if tag is not None and not tag.startswith(("-", "#")):
            base = _own_info(item, tag, base)
        infos[item.mem_id] = base
    return base


class _Styler:
    """Shared by the blocks of one document: keeps the tree alive, caches looks."""

    def __init__(self, tree: LexborHTMLParser) -> None:
        self.tree = tree
        self.infos: dict[int, _Info] = {}
        self.apart: dict[int, bool] = {}

    def laid_apart(self, element: Any) -> bool:
        """The element is an inline box set apart from its neighbours (its own style)."""
        mem_id: int = element.mem_id
        found = self.apart.get(mem_id)
        if found is None:
            style: str | None = None
            if element.tag not in _BLOCK_TAGS:
                style = element.attributes.get("style")
            found = _parse_style(style).spaced if style else False
            self.apart[mem_id] = found
        return found

    def info(self, element: Any) -> _Info:
        found = self.infos.get(element.mem_id)
        return found if found is not None else _info_for(element, self.infos)


class _RunStyle:
    """Computes a block's style from its text runs (see ``Block.style``)."""

    __slots__ = ("_elements", "_parts", "_styler")

    def __init__(self, styler: _Styler, parts: list[str], elements: list[Any]) -> None:
        self._styler = styler
        self._parts = parts
        """The block's raw text pieces; ``elements`` holds each one's element (or None
        for a space added between runs)."""
        self._elements = elements

    def compute(self) -> BlockStyle:
        chars = bold = italic = underline = 0
        sizes: dict[float, int] = {}
        colors: dict[str, int] = {}
        lead_bold_end: int | None = None
        lead_italic_end: int | None = None
        first: _Look | None = None
        offset = 0
        for part, element in zip(self._parts, self._elements, strict=True):
            length = len(part)
            offset += length
            if element is None:
                continue
            look = self._styler.info(element).look
            if first is None:
                first = look
            chars += length
            start = offset - length
            if look.bold:
                bold += length
            elif lead_bold_end is None:
                lead_bold_end = start
            if look.italic:
                italic += length
            elif lead_italic_end is None:
                lead_italic_end = start
            if look.underline:
                underline += length
            if look.size is not None:
                sizes[look.size] = sizes.get(look.size, 0) + length
            if look.color is not None:
                colors[look.color] = colors.get(look.color, 0) + length
        threshold = chars * 0.9
        return BlockStyle(
            bold=bold >= threshold,
            italic=italic >= threshold,
            underline=underline >= threshold,
            font_size=max(sizes, key=sizes.__getitem__) if sizes else None,
            color=max(colors, key=colors.__getitem__) if colors else None,
            centered=first.centered if first else False,
            lead_bold=_lead(self._parts, lead_bold_end),
            lead_italic=_lead(self._parts, lead_italic_end),
            lead_size=first.size if first else None,
        )


class _RowStyle:
    """The style of a table row joined from single-block cells."""

    __slots__ = ("_parts",)

    def __init__(self, parts: list[Block]) -> None:
        self._parts = parts

    def compute(self) -> BlockStyle:
        parts = self._parts
        weights = [len(p.text) for p in parts]
        total = sum(weights) or 1

        def share(flag: str) -> bool:
            hits = sum(w for p, w in zip(parts, weights, strict=True) if getattr(p, flag))
            return hits >= 0.9 * total

        biggest = max(parts, key=lambda p: len(p.text))
        first = parts[0]
        bold, italic = share("bold"), share("italic")
        return BlockStyle(
            bold=bold,
            italic=italic,
            underline=share("underline"),
            font_size=biggest.font_size,
            color=biggest.color,
            centered=first.centered,
            lead_bold=first.text if first.bold and not bold else "",
            lead_italic=first.text if first.italic and not italic else "",
            lead_size=first.lead_size,
        )


def _lead(parts: list[str], end: int | None) -> str:
    return clean_text("".join(parts)[:end]) if end else ""


class _Builder:
    """Accumulates text runs into blocks."""

    def __init__(self, styler: _Styler) -> None:
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
                source = _RunStyle(styler, parts, elements)
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
    """Some element styled ``variant`` (e.g. ``display:none``) is neither empty nor the
    inline-XBRL header's wrapper."""
    position = html.find(variant)
    while position >= 0:
        close = html.find(">", position)
        if close < 0:
            return False
        following = html[close + 1 : close + 64].lstrip()
        if html[close - 1] != "/" and not following.startswith(("</", "<ix:header")):
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
    tree = LexborHTMLParser(_without_xbrl_header(html))
    root = tree.root
    if root is None:
        return []
    _remove_hidden(tree, html)
    groups: dict[int, _Group] = {}
    opened: dict[int, tuple[Any, str]] = {}
    builder = _Builder(_Styler(tree))
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
        elif tag in _BLOCK_TAGS:
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
                out.append(Block(text, in_table=True, source=_RowStyle(parts)))
                i = j
                continue
        out.extend(blocks[i:j])
        i = j
    return out
