"""Parse a filing document once into visual blocks of visible text with style facts.

A *block* is what a reader sees as one unit: a paragraph, a heading, a list item or a
table row (its cells joined with one space when each holds one block). Text inside a block is
concatenated exactly as the markup gives it, so a word split across adjacent inline
elements (``<span>RISK FA</span><span>CTORS</span>``) stays one word; a space is added
only where the markup itself separates the runs visually (inline-block or padded runs).

HTML is parsed with selectolax (lexbor) in ``markup``; plain-text filings are split into
blocks at blank lines and item headings here.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Protocol

from edgar_sentinel.preprocess.clean import clean_text
from edgar_sentinel.preprocess.elision import ELIDED_TEXT, ElidedContentError
from edgar_sentinel.preprocess.sources import SourceDocument

__all__ = [
    "PLAIN",
    "Block",
    "BlockStyle",
    "ParsedDocument",
    "StyleSource",
    "parse_document",
    "text_blocks",
]


@dataclass(frozen=True, slots=True)
class BlockStyle:
    """How a block is set: the facts that tell headings from body text."""

    bold: bool = False
    """At least 90% of the visible characters are bold."""
    italic: bool = False
    underline: bool = False
    font_size: float | None = None
    """Dominant font size in points, when the markup states one."""
    color: str | None = None
    """Dominant colour as written in the markup (lower case), when stated."""
    centered: bool = False
    lead_bold: str = ""
    """Leading bold run of a block that is not bold throughout (a run-in heading)."""
    lead_italic: str = ""
    """Leading italic run of a block that is not italic throughout."""
    lead_size: float | None = None
    """Font size of the first visible run."""


PLAIN = BlockStyle()


class StyleSource(Protocol):
    """Computes a block's style on demand (from the parsed markup)."""

    def compute(self) -> BlockStyle: ...


@dataclass(frozen=True, init=False)
class Block:
    """One visual block of visible text; its style is computed when first read.

    Reading style facts of every block of a large filing costs more than parsing it, and
    only the blocks of Item 1A need them, so an HTML block keeps a ``source`` and
    computes ``style`` once, on first use. Blocks built by hand pass ``given``.
    """

    text: str
    """Cleaned text: Unicode-normalised, whitespace collapsed, no markup."""
    in_table: bool = False
    given: BlockStyle | None = field(default=None, repr=False)
    source: StyleSource | None = field(default=None, repr=False, compare=False)

    def __init__(
        self,
        text: str,
        in_table: bool = False,
        given: BlockStyle | None = None,
        source: StyleSource | None = None,
    ) -> None:
        # A large filing has a hundred thousand blocks: fill the instance dict directly
        # (half the cost of the generated frozen __init__); the instance stays frozen.
        fields = self.__dict__
        fields["text"] = text
        fields["in_table"] = in_table
        fields["given"] = given
        fields["source"] = source

    @classmethod
    def styled(cls, text: str, *, in_table: bool = False, **style: Any) -> Block:
        """A block with explicitly given style facts (keywords of ``BlockStyle``)."""
        return cls(text, in_table=in_table, given=BlockStyle(**style))

    @cached_property
    def style(self) -> BlockStyle:
        if self.given is not None:
            return self.given
        return self.source.compute() if self.source is not None else PLAIN

    @property
    def bold(self) -> bool:
        return self.style.bold

    @property
    def italic(self) -> bool:
        return self.style.italic

    @property
    def underline(self) -> bool:
        return self.style.underline

    @property
    def font_size(self) -> float | None:
        return self.style.font_size

    @property
    def color(self) -> str | None:
        return self.style.color

    @property
    def centered(self) -> bool:
        return self.style.centered

    @property
    def lead_bold(self) -> str:
        return self.style.lead_bold

    @property
    def lead_italic(self) -> str:
        return self.style.lead_italic

    @property
    def lead_size(self) -> float | None:
        return self.style.lead_size

    @property
    def all_caps(self) -> bool:
        """Every cased letter is a capital (and there are a few letters)."""
        return len(self.text) >= 3 and self.text.isupper()


@dataclass(frozen=True)
class ParsedDocument:
    """A document parsed once; every later step reads ``blocks``."""

    source: SourceDocument
    blocks: list[Block] = field(repr=False)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    """(code, message) pairs noticed while parsing, e.g. ('deep_nesting', ...)."""
    elided_tables: int = 0
    """Tables emptied before blocks were built (see ``elision``); the placeholder blocks
    hold ``ELIDED_TEXT``."""

    def visible_text(self, max_chars: int | None = None) -> str:
        """The blocks joined by newlines, optionally cut after ``max_chars`` characters.

        Raises ``ElidedContentError`` when the text would include a left-out table.
        """
        parts: list[str] = []
        total = 0
        for block in self.blocks:
            parts.append(block.text)
            total += len(block.text) + 1
            if max_chars is not None and total >= max_chars:
                break
        self.require_whole(0, len(parts))
        text = "\n".join(parts)
        return text if max_chars is None else text[:max_chars]

    @cached_property
    def elided_blocks(self) -> list[int]:
        """Indices of the blocks that hold a placeholder (see ``elision``), ascending."""
        if not self.elided_tables:
            return []
        # A substring test: preformatted text joins a placeholder line with its neighbours.
        return [i for i, block in enumerate(self.blocks) if ELIDED_TEXT in block.text]

    def require_whole(self, start: int = 0, stop: int | None = None) -> None:
        """Raise ``ElidedContentError`` if ``blocks[start:stop]`` (by default: the whole
        document) holds a left-out table: the caller must read the document parsed whole."""
        marks = self.elided_blocks
        if marks:
            first = bisect.bisect_left(marks, start)
            if first < len(marks) and (stop is None or marks[first] < stop):
                raise ElidedContentError("a left-out table lies in the text read")


def parse_document(source: SourceDocument, *, elide: bool = False) -> ParsedDocument:
    """Parse ``source`` (HTML or plain text) into blocks; never raises on odd markup.

    With ``elide``, large tables that cannot hold section headings are emptied before
    blocks are built (``elision``): faster, and every reader that would need one of them
    raises ``ElidedContentError`` so that the caller parses again without ``elide``.
    """
    if not source.is_html:
        return ParsedDocument(source=source, blocks=text_blocks(source.content))
    html, flattened = _flatten_deep_nesting(source.content)
    warnings: list[tuple[str, str]] = []
    if flattened:
        warnings.append(
            (
                "deep_nesting",
                "the markup nests thousands of elements without text between them; the "
                "nesting was flattened before parsing, so some block boundaries may be lost",
            )
        )
    from edgar_sentinel.preprocess.markup import html_blocks

    blocks, elided = html_blocks(html, elide=elide)
    return ParsedDocument(source=source, blocks=blocks, warnings=warnings, elided_tables=elided)


_OPEN_RUN = re.compile(r"(?:<[a-zA-Z][^<>]*>\s*){64,}")
_NEST_CHUNK = 65_536
_NEST_SAMPLE = 4_096
"""The start of each chunk that is counted: nesting deep enough to slow parsing down
fills whole chunks, and sampling keeps the check cheap (one sixteenth of the markup)."""


def _flatten_deep_nesting(html: str) -> tuple[str, bool]:
    """Collapse long runs of opening tags (thousands deep) that make HTML parsing quadratic.

    A region where opening tags far outnumber closing ones is the signature; real filings
    never come close. Each run of 64 or more consecutive opening tags keeps its first tag.
    """
    suspicious = False
    for start in range(0, len(html), _NEST_CHUNK):
        end = start + _NEST_SAMPLE
        opens = html.count("<", start, end)
        if opens >= 64 and html.count("</", start, end) * 20 < opens:
            suspicious = True
            break
    if not suspicious:
        return html, False
    flattened = _OPEN_RUN.sub(lambda m: m.group(0)[: m.group(0).index(">") + 1], html)
    return flattened, flattened != html


# --------------------------------------------------------------------------- plain text

_PAGE_MARK = re.compile(r"^\s*</?PAGE>\s*$", re.IGNORECASE)
_ITEM_LINE = re.compile(r"^\s*(?:ITEM|PART)\s+[0-9IVX]", re.IGNORECASE)
_TAG_LINE = re.compile(r"^\s*</?[A-Z-]+>")


def _starts_heading(previous: str | None, line: str, following: str | None) -> bool:
    """An ITEM/PART line is a heading, not a wrapped line of a paragraph that happens to
    begin with a cross-reference ("Part II, Item 7, Management's ..."), unless it is a long
    line that runs on into a next line starting in lower case; it opens a paragraph,
    follows a short line ("PART I", "Table of Contents", a page number), or follows the end
    of a sentence or a line in capitals while short or in capitals itself."""
    line = line.strip()
    wrapped = len(line) > 50 and not line.isupper() and not line.endswith((".", ":"))
    if wrapped and following and following.strip()[:1].islower():
        return False  # a long line that runs on into the next one: a wrapped sentence
    if previous is None:
        return True
    prev = previous.strip()
    closed = prev.endswith((".", ":", ";")) or prev.isupper()
    if len(prev) <= 40 and (closed or not prev[:1].islower()):
        return True  # after "PART I", "Table of Contents", a page number, a short header
    return closed and (line.isupper() or len(line) <= 60)


def text_blocks(text: str) -> list[Block]:
    """Plain text as blocks: blank-line separated paragraphs; item headings start a new
    block. Used for plain-text filings and for preformatted (``<pre>``) HTML."""
    blocks: list[Block] = []
    lines: list[str] = []

    def flush() -> None:
        if lines:
            cleaned = clean_text(" ".join(lines))
            if cleaned:
                blocks.append(Block(text=cleaned))
            lines.clear()

    all_lines = text.splitlines()
    for n, line in enumerate(all_lines):
        if not line.strip() or _PAGE_MARK.match(line) or _TAG_LINE.match(line):
            flush()
            continue
        following = all_lines[n + 1] if n + 1 < len(all_lines) else None
        if _ITEM_LINE.match(line) and _starts_heading(
            lines[-1] if lines else None, line, following
        ):
            flush()
            lines.append(line)
            flush()
            continue
        lines.append(line)
    flush()
    return blocks
