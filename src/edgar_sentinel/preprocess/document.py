"""Parse a filing document once into visual blocks of visible text with style facts.

A *block* is what a reader sees as one unit: a paragraph, a heading, a list item or a
table row (cells of a short row are joined with one space). Text inside a block is
concatenated exactly as the markup gives it, so a word split across adjacent inline
elements (``<span>RISK FA</span><span>CTORS</span>``) stays one word; a space is added
only where the markup itself separates the runs visually (inline-block or padded runs).

HTML is parsed with selectolax (lexbor) and walked iteratively in document order, so
deeply nested markup cannot exhaust the recursion limit; each element's style is
computed once and cached. Plain-text filings are split into blocks at blank lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from selectolax.lexbor import LexborHTMLParser

from edgar_sentinel.preprocess.clean import clean_text
from edgar_sentinel.preprocess.sources import SourceDocument

__all__ = ["Block", "ParsedDocument", "parse_document"]


@dataclass(frozen=True, slots=True)
class Block:
    """One visual block of visible text and the style facts that decide headings."""

    text: str
    """Cleaned text: Unicode-normalised, whitespace collapsed, no markup."""
    bold: bool = False
    """At least 90% of the visible characters are bold."""
    italic: bool = False
    underline: bool = False
    font_size: float | None = None
    """Dominant font size in points, when the markup states one."""
    color: str | None = None
    """Dominant colour as written in the markup (lower case), when stated."""
    centered: bool = False
    in_table: bool = False
    lead_bold: str = ""
    """Leading bold run of a block that is not bold throughout (a run-in heading)."""
    lead_italic: str = ""
    """Leading italic run of a block that is not italic throughout."""
    lead_size: float | None = None
    """Font size of the first visible run."""

    @property
    def all_caps(self) -> bool:
        letters = [c for c in self.text if c.isalpha()]
        return len(letters) >= 3 and all(c.isupper() for c in letters)

    @property
    def emphasised(self) -> bool:
        return self.bold or self.italic or self.underline


@dataclass(frozen=True)
class ParsedDocument:
    """A document parsed once; every later step reads ``blocks``."""

    source: SourceDocument
    blocks: list[Block] = field(repr=False)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    """(code, message) pairs noticed while parsing, e.g. ('deep_nesting', ...)."""

    def visible_text(self, max_chars: int | None = None) -> str:
        """The blocks joined by newlines, optionally cut after ``max_chars`` characters."""
        if max_chars is None:
            return "\n".join(b.text for b in self.blocks)
        parts: list[str] = []
        total = 0
        for block in self.blocks:
            parts.append(block.text)
            total += len(block.text) + 1
            if total >= max_chars:
                break
        return "\n".join(parts)[:max_chars]


def parse_document(source: SourceDocument) -> ParsedDocument:
    """Parse ``source`` (HTML or plain text) into blocks; never raises on odd markup."""
    if not source.is_html:
        return ParsedDocument(source=source, blocks=_text_blocks(source.content))
    html, flattened = _flatten_deep_nesting(source.content)
    warnings = []
    if flattened:
        warnings.append(
            (
                "deep_nesting",
                "the markup nests thousands of elements without text between them; the "
                "nesting was flattened before parsing, so some block boundaries may be lost",
            )
        )
    return ParsedDocument(source=source, blocks=_html_blocks(html), warnings=warnings)


_OPEN_RUN = re.compile(r"(?:<[a-zA-Z][^<>]*>\s*){64,}")
_NEST_CHUNK = 65_536


def _flatten_deep_nesting(html: str) -> tuple[str, bool]:
    """Collapse long runs of opening tags (thousands deep) that make HTML parsing quadratic.

    A region where opening tags far outnumber closing ones is the signature; real filings
    never come close. Each run of 64 or more consecutive opening tags keeps its first tag.
    """
    suspicious = False
    for start in range(0, len(html), _NEST_CHUNK):
        opens = html.count("<", start, start + _NEST_CHUNK)
        if opens >= 1000 and html.count("</", start, start + _NEST_CHUNK) * 20 < opens:
            suspicious = True
            break
    if not suspicious:
        return html, False
    return _OPEN_RUN.sub(lambda m: m.group(0)[: m.group(0).index(">") + 1], html), True


# --------------------------------------------------------------------------- HTML

_BLOCK_TAGS = frozenset(
    {
        *("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr", "table"),
        *("center", "pre", "blockquote", "section", "article", "body", "html", "ul", "ol"),
        *("dl", "dt", "dd", "header", "footer", "nav", "aside", "main", "form", "caption"),
        *("address", "hr", "page", "document", "type", "text"),
    }
)
_SKIP_TAGS = frozenset(
    {"head", "script", "style", "title", "noscript", "template", "ix:header", "xml"}
)
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
    hidden: bool
    centered: bool | None
    spaced: bool


_NO_STYLE = _Style(None, None, None, None, None, False, None, False)
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
    hidden = spaced = False
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
            hidden = value == "none"
            spaced = spaced or value == "inline-block"
        elif key == "text-align":
            centered = value == "center"
        elif key in ("padding-left", "margin-left", "width", "min-width"):
            spaced = spaced or not value.startswith("0")
        elif key == "font":
            bold = "bold" in value or None
            italic = "italic" in value or None
    parsed = _Style(bold, italic, underline, size, color, hidden, centered, spaced)
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
    hidden: bool


class _Info(NamedTuple):
    """Computed facts about one element: its look and the block, row and cell it is in."""

    look: _Look
    block: int
    row: int
    cell: int
    spaced: int = 0
    """Id of the nearest inline ancestor laid out apart (inline-block, padded), or 0."""


_ROOT_LOOK = _Look(False, False, False, None, None, False, False, False)
_ROOT_INFO = _Info(_ROOT_LOOK, 0, 0, 0)
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
    hidden = parent.hidden or style.hidden or tag in _SKIP_TAGS
    look = _Look(bold, italic, underline, size, color, centered, style.spaced, hidden)
    if len(_LOOKS) < 50_000:
        _LOOKS[key] = look
    return look


def _own_info(node: Any, tag: str, parent: _Info) -> _Info:
    """Combine an element's own markup with what it inherits from its parent."""
    look = _derive_look(parent.look, tag, node.attributes)
    if tag not in _BLOCK_TAGS:
        if look.spaced:
            return _Info(look, parent.block, parent.row, parent.cell, node.mem_id)
        return _Info(look, parent.block, parent.row, parent.cell, parent.spaced)
    mem_id: int = node.mem_id
    if tag in ("td", "th"):
        return _Info(look, mem_id, parent.row, mem_id)
    if tag == "tr":
        return _Info(look, mem_id, mem_id, 0)
    if tag == "table":
        return _Info(look, mem_id, 0, 0)
    return _Info(look, mem_id, parent.row, parent.cell)


class _Builder:
    """Accumulates text runs into blocks."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.rows: list[tuple[int, int]] = []
        self._reset()

    def _reset(self) -> None:
        self.parts: list[str] = []
        self.chars = 0
        self.bold = self.italic = self.underline = 0
        self.sizes: dict[float, int] = {}
        self.colors: dict[str, int] = {}
        self.lead_bold_end: int | None = None
        self.lead_italic_end: int | None = None
        self.lead_size: float | None = None
        self.length = 0
        self.centered = False
        self.row = self.cell = 0
        self.spaced = 0

    def space(self) -> None:
        if self.parts:
            self.parts.append(" ")
            self.length += 1

    def add(self, text: str, info: _Info) -> None:
        look = info.look
        if info.spaced != self.spaced:
            # A run laid out apart from its neighbours (inline-block, padding) is a
            # separate word even without a space character in the markup.
            if self.parts and not self.parts[-1][-1:].isspace():
                self.parts.append(" ")
                self.length += 1
            self.spaced = info.spaced
        n = len(text) - text.count(" ") - text.count("\n") - text.count("\xa0")
        if n > 0:
            if self.chars == 0:
                self.lead_size = look.size
                self.centered = look.centered
                self.row, self.cell = info.row, info.cell
            self.chars += n
            if look.bold:
                self.bold += n
            elif self.lead_bold_end is None:
                self.lead_bold_end = self.length
            if look.italic:
                self.italic += n
            elif self.lead_italic_end is None:
                self.lead_italic_end = self.length
            if look.underline:
                self.underline += n
            if look.size is not None:
                self.sizes[look.size] = self.sizes.get(look.size, 0) + n
            if look.color is not None:
                self.colors[look.color] = self.colors.get(look.color, 0) + n
        self.parts.append(text)
        self.length += len(text)

    def flush(self) -> None:
        if not self.parts:
            return
        if self.chars:
            raw = "".join(self.parts)
            text = clean_text(raw)
            if text:
                threshold = self.chars * 0.9
                self.blocks.append(
                    Block(
                        text=text,
                        bold=self.bold >= threshold,
                        italic=self.italic >= threshold,
                        underline=self.underline >= threshold,
                        font_size=max(self.sizes, key=self.sizes.__getitem__)
                        if self.sizes
                        else None,
                        color=max(self.colors, key=self.colors.__getitem__)
                        if self.colors
                        else None,
                        centered=self.centered,
                        in_table=self.row != 0,
                        lead_bold=_lead(raw, self.lead_bold_end),
                        lead_italic=_lead(raw, self.lead_italic_end),
                        lead_size=self.lead_size,
                    )
                )
                self.rows.append((self.row, self.cell))
        self._reset()


def _lead(raw: str, end: int | None) -> str:
    if not end:
        return ""
    return clean_text(raw[:end])


def _html_blocks(html: str) -> list[Block]:
    tree = LexborHTMLParser(html)
    root = tree.root
    if root is None:
        return []
    infos: dict[int, _Info] = {}
    builder = _Builder()
    current_block = -1
    for node in root.traverse(include_text=True):
        tag = node.tag
        if tag != "-text":
            if tag in ("br", "hr"):
                builder.flush()
            continue
        text = node.text_content
        if not text:
            continue
        if text.isspace():
            builder.space()
            continue
        parent = node.parent
        if parent is None:
            continue
        info = infos.get(parent.mem_id) or _info_for(parent, infos)
        if info.look.hidden:
            continue
        if info.block != current_block:
            builder.flush()
            current_block = info.block
        builder.add(text, info)
    builder.flush()
    return _merge_rows(builder.blocks, builder.rows)


def _info_for(element: Any, infos: dict[int, _Info]) -> _Info:
    """The element's computed facts, computing uncached ancestors iteratively."""
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
        if tag is None or tag.startswith("-") or tag.startswith("#"):
            continue
        base = _own_info(item, tag, base)
        infos[item.mem_id] = base
    return base


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
                out.append(_join_blocks(blocks[i:j]))
                i = j
                continue
        out.extend(blocks[i:j])
        i = j
    return out


def _join_blocks(parts: list[Block]) -> Block:
    text = " ".join(p.text for p in parts)
    weights = [len(p.text) for p in parts]
    total = sum(weights) or 1

    def share(flag: str) -> bool:
        return sum(w for p, w in zip(parts, weights, strict=True) if getattr(p, flag)) >= (
            0.9 * total
        )

    biggest = max(parts, key=lambda p: len(p.text))
    first = parts[0]
    return Block(
        text=text,
        bold=share("bold"),
        italic=share("italic"),
        underline=share("underline"),
        font_size=biggest.font_size,
        color=biggest.color,
        centered=first.centered,
        in_table=True,
        lead_bold=first.text if first.bold and not share("bold") else "",
        lead_italic=first.text if first.italic and not share("italic") else "",
        lead_size=first.lead_size,
    )


# --------------------------------------------------------------------------- plain text

_PAGE_MARK = re.compile(r"^\s*</?PAGE>\s*$", re.IGNORECASE)
_ITEM_LINE = re.compile(r"^\s*(?:ITEM|PART)\s+[0-9IVX]", re.IGNORECASE)
_TAG_LINE = re.compile(r"^\s*</?[A-Z-]+>")


def _text_blocks(text: str) -> list[Block]:
    """Blank-line separated paragraphs; item headings always start a new block."""
    blocks: list[Block] = []
    lines: list[str] = []

    def flush() -> None:
        if lines:
            cleaned = clean_text(" ".join(lines))
            if cleaned:
                blocks.append(Block(text=cleaned))
            lines.clear()

    for line in text.splitlines():
        if not line.strip() or _PAGE_MARK.match(line) or _TAG_LINE.match(line):
            flush()
            continue
        if _ITEM_LINE.match(line):
            flush()
            lines.append(line)
            flush()
            continue
        lines.append(line)
    flush()
    return blocks
