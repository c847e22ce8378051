"""Element styles: inline CSS and presentational tags, inherited down the tree.

Only read when a block's style is asked for (see ``markup``); every distinct style
attribute is parsed once and every element's look computed once per document.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, NamedTuple

from selectolax.lexbor import LexborHTMLParser

from edgar_sentinel.preprocess.clean import clean_text
from edgar_sentinel.preprocess.document import BlockStyle, StyleSource
from edgar_sentinel.preprocess.stylesheet import StyleSheet

__all__ = ["BLOCK_TAGS", "RowStyle", "RunStyle", "Styler", "parse_style"]

BLOCK_TAGS = frozenset(
    {
        *("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr", "table"),
        *("center", "pre", "blockquote", "section", "article", "body", "html", "ul", "ol"),
        *("dl", "dt", "dd", "header", "footer", "nav", "aside", "main", "form", "caption"),
        *("address", "hr", "page", "document", "type", "text"),
    }
)
_HEADING_SIZES = {"h1": 18.0, "h2": 16.0, "h3": 14.0, "h4": 12.0, "h5": 10.0, "h6": 9.0}
_FONT_SIZES = {"1": 7.5, "2": 10.0, "3": 12.0, "4": 13.5, "5": 18.0, "6": 24.0, "7": 36.0}

_STYLE_RE = re.compile(r"([a-zA-Z-]+)\s*:\s*([^;]*)")
_IMPORTANT = re.compile(r"\s*!\s*important\s*$", re.IGNORECASE)
_SIZE_RE = re.compile(r"([\d.]+)\s*(pt|px|em|rem|%)?")


class _Style(NamedTuple):
    bold: bool | None
    italic: bool | None
    underline: bool | None
    size: float | None
    color: str | None
    centered: bool | None
    spaced: bool


_style_cache: dict[str, _Style] = {}


def _parse_size(value: str) -> float | None:
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
    base = 10.0  # relative sizes (%, em) against a 10pt body
    return base * number / 100.0 if unit == "%" else base * number


def parse_style(style: str) -> _Style:
    cached = _style_cache.get(style)
    if cached is not None:
        return cached
    bold = italic = underline = centered = None
    size: float | None = None
    color: str | None = None
    spaced = False
    for m in _STYLE_RE.finditer(style):
        key = m.group(1).lower()
        value = _IMPORTANT.sub("", m.group(2)).strip().lower()
        if key == "font-weight":
            bold = value in ("bold", "bolder") or (value.isdigit() and int(value) >= 600)
        elif key == "font-style":
            italic = value in ("italic", "oblique")
        elif key in ("text-decoration", "text-decoration-line"):
            underline = "underline" in value
        elif key == "font-size":
            size = _parse_size(value)
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


_ROOT_LOOK = _Look(False, False, False, None, None, False)
_LookKey = tuple[_Look, str, str | None, str | None, str | None, str | None]
_LOOKS: dict[_LookKey, _Look] = {}


def _element_style(tag: str, attrs: dict[str, str | None], sheet: StyleSheet | None) -> str | None:
    """The element's CSS: style-sheet rules first, so that its style attribute wins."""
    style = attrs.get("style")
    if sheet is not None:
        rules = sheet.declarations(tag, attrs.get("class"))
        if rules:
            return f"{rules};{style}" if style else rules
    return style


def _derive_look(
    parent: _Look, tag: str, attrs: dict[str, str | None], sheet: StyleSheet | None
) -> _Look:
    style_attr = _element_style(tag, attrs, sheet)
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
    if style_attr:
        style = parse_style(style_attr)
        bold = bold if style.bold is None else style.bold
        italic = italic if style.italic is None else style.italic
        underline = underline or bool(style.underline)
        size = style.size if style.size is not None else size
        color = style.color or color
        centered = centered if style.centered is None else style.centered
    look = _Look(bold, italic, underline, size, color, centered)
    if len(_LOOKS) < 50_000:
        _LOOKS[key] = look
    return look


class Styler:
    """Shared by the blocks of one document: keeps the tree alive, caches looks."""

    def __init__(self, tree: LexborHTMLParser, sheet: StyleSheet | None = None) -> None:
        self.tree = tree
        self.sheet = sheet
        """The document's style sheet (every ``<style>`` element, see ``markup``)."""
        self.looks: dict[int, _Look] = {}
        self.apart: dict[int, bool] = {}

    def laid_apart(self, element: Any) -> bool:
        """The element is an inline box set apart from its neighbours (its own style, from
        its style attribute or the style sheet)."""
        mem_id: int = element.mem_id
        found = self.apart.get(mem_id)
        if found is None:
            tag = element.tag
            style = (
                None if tag in BLOCK_TAGS else _element_style(tag, element.attributes, self.sheet)
            )
            found = parse_style(style).spaced if style else False
            self.apart[mem_id] = found
        return found

    def look(self, element: Any) -> _Look:
        """The element's look, computing uncached ancestors iteratively (no recursion)."""
        looks = self.looks
        found = looks.get(element.mem_id)
        if found is not None:
            return found
        chain: list[Any] = []
        node: Any = element
        base = _ROOT_LOOK
        while node is not None:
            cached = looks.get(node.mem_id)
            if cached is not None:
                base = cached
                break
            chain.append(node)
            node = node.parent
        sheet = self.sheet
        for item in reversed(chain):
            tag = item.tag
            if tag is not None and not tag.startswith(("-", "#")):
                base = _derive_look(base, tag, item.attributes, sheet)
            looks[item.mem_id] = base
        return base


class RunStyle:
    """Computes a block's style from its text runs (see ``Block.style``)."""

    __slots__ = ("_elements", "_parts", "_styler")

    def __init__(self, styler: Styler, parts: list[str], elements: list[Any]) -> None:
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
            look = self._styler.look(element)
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


class RowStyle:
    """The style of a table row joined from single-block cells."""

    __slots__ = ("_sources", "_texts")

    def __init__(self, texts: list[str], sources: Sequence[StyleSource]) -> None:
        self._texts = texts
        self._sources = sources

    def compute(self) -> BlockStyle:
        cells = [source.compute() for source in self._sources]
        weights = [len(text) for text in self._texts]
        total = sum(weights) or 1

        def share(flag: str) -> bool:
            hits = sum(w for c, w in zip(cells, weights, strict=True) if getattr(c, flag))
            return hits >= 0.9 * total

        biggest = cells[weights.index(max(weights))]
        first, first_text = cells[0], self._texts[0]
        bold, italic = share("bold"), share("italic")
        return BlockStyle(
            bold=bold,
            italic=italic,
            underline=share("underline"),
            font_size=biggest.font_size,
            color=biggest.color,
            centered=first.centered,
            lead_bold=first_text if first.bold and not bold else "",
            lead_italic=first_text if first.italic and not italic else "",
            lead_size=first.lead_size,
        )


def _lead(parts: list[str], end: int | None) -> str:
    return clean_text("".join(parts)[:end]) if end else ""
