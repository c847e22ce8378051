"""Locating the Item 1A section among a document's blocks.

Every block that *starts* with an item heading ("Item 1A. Risk Factors", "ITEM 1A:",
"Item 1A - Risk Factors", "Item 1A.Risk Factors", a bare "Item 1A." whose title is the
next block, a table row "Item 1A. | Risk Factors | 8", "ITEM 1(A)") is a candidate start;
the section ends at the next heading of a later item (1B, 1C, 2, ... or PART II). A
paragraph that starts with an item reference but reads on as a sentence ("Item 1A of this
report describes ...", see ``item_titles``) is not a heading; a title run into its
paragraph counts when it is set in bold or italic or is the item's own title followed by
punctuation ("Item 1B. Unresolved Staff Comments. None.").

The table of contents, a cross-reference index and running page headers produce
candidates too; the *longest* candidate span is the section body (a TOC entry spans one
line). When no candidate has a real body, ``find_nonstandard`` looks for a section under
a plain "Risk Factors" heading (GE and Intel organise their 10-K under their own
headings and list Item 1A only in a cross-reference index).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from edgar_sentinel.preprocess.clean import is_page_number
from edgar_sentinel.preprocess.document import Block
from edgar_sentinel.preprocess.item_titles import (
    is_title,
    prose_title,
    runin_title_end,
    starts_with_title,
)

__all__ = ["ItemHeading", "SectionSpan", "find_item1a", "find_nonstandard", "item_headings"]

_ITEM = re.compile(
    r"^(?:part\s+[iv]{1,3}\s*[,.:;\-–—]?\s*)?item\s*(?P<number>\d{1,2})"
    r"\s*(?:\((?P<paren>[a-d])\)|(?P<letter>[a-d]))?(?![a-z0-9])\s*"
    r"[.:\-–—]*\s*(?P<title>.*)$",
    re.IGNORECASE,
)
_PART = re.compile(r"^part\s+(i{1,3}|iv)(?![a-z])\s*[.:\-–—]?\s*(.{0,80})$", re.IGNORECASE)
_TRAILING_PAGE = re.compile(r"\s+(?:\d{1,3}(?:\s*[-–—]\s*\d{1,3})?|[ivx]{1,5})$", re.IGNORECASE)
_MAX_TITLE_WORDS = 14
_NUMBERED = re.compile(
    r"^(?P<number>[1-4])\s*(?:\((?P<paren>[a-c])\)|(?P<letter>[a-c]))?\s*[.:\-–—]\s*(?P<title>.+)$",
    re.IGNORECASE,
)
"""A Part I item without the word "Item" ("1A. Risk Factors"): counts when the rest is
exactly that item's own title."""


@dataclass(frozen=True, slots=True)
class ItemHeading:
    """A block (or the start of one) that reads as an item heading."""

    index: int
    """Index of the heading block."""
    key: tuple[int, str]
    """Item number and letter, e.g. ``(1, "a")``; ``(99, "")`` for PART II and later."""
    text: str
    """The heading as printed (with the title from the next block when split)."""
    body_start: int
    """Index of the first block after the heading (after a split-off title block)."""
    rest: str = ""
    """Body text in the heading's own block, after a run-in (bold or italic) heading."""


@dataclass(frozen=True, slots=True)
class SectionSpan:
    heading: ItemHeading
    end: int | None
    """Index of the block that ends the section; ``None`` when it runs to the end."""
    end_heading: str | None


def _title_ok(title: str) -> bool:
    title = _TRAILING_PAGE.sub("", title.strip())
    return len(title.split()) <= _MAX_TITLE_WORDS


def item_headings(blocks: list[Block]) -> list[ItemHeading]:
    """Every item or part heading, in document order."""
    found: list[ItemHeading] = []
    for i, block in enumerate(blocks):
        text = block.text
        first = text[:4].lower()
        if first not in ("item", "part"):
            numbered = _NUMBERED.match(text) if text[:1].isdigit() else None
            if numbered and is_title(key := _item_key(numbered), numbered.group("title")):
                found.append(ItemHeading(i, key, text, i + 1))
            continue
        m = _ITEM.match(text)
        if m:
            heading = _item_heading(blocks, i, m)
            if heading is not None:
                found.append(heading)
            continue
        m = _PART.match(text)
        if m and m.group(1).lower() != "i":
            found.append(ItemHeading(i, (99, ""), text, i + 1))
    return found


def _item_key(m: re.Match[str]) -> tuple[int, str]:
    number = int(m.group("number"))
    paren = m.group("paren")
    if paren is None:
        return number, (m.group("letter") or "").lower()
    # "Item 1(A). Risk Factors" is Item 1A; "Item 1(a) General Development of Business"
    # is part (a) of Item 1 in filings before Item 1A existed.
    key = (number, paren.lower())
    title = m.group("title")
    return key if not title.strip() or starts_with_title(key, title) else (number, "")


def _item_heading(blocks: list[Block], i: int, m: re.Match[str]) -> ItemHeading | None:
    """The heading of block ``i``, which starts with an item reference (match ``m``)."""
    block = blocks[i]
    title = m.group("title")
    key = _item_key(m)
    if not _title_ok(title) or prose_title(key, title):
        # A long title or a sentence ("Item 1A of this report describes ..."): a heading
        # only when run into its paragraph in bold or italic, or as the item's own title
        # followed by punctuation ("Item 1B. Unresolved Staff Comments. None.").
        return _styled_runin(block, i) or _titled_runin(block, i, m, key)
    titled = _titled_runin(block, i, m, key)
    if titled is not None:
        return titled
    if not title.strip() and i + 1 < len(blocks):
        nxt = blocks[i + 1].text
        if len(nxt.split()) <= _MAX_TITLE_WORDS and not _ITEM.match(nxt):
            return ItemHeading(i, key, f"{block.text} {nxt}", i + 2)
    return ItemHeading(i, key, block.text, i + 1)


def _styled_runin(block: Block, index: int) -> ItemHeading | None:
    """ "Item 1A. Risk Factors. Our business ..." with the heading as a bold/italic run."""
    for lead in (block.lead_bold, block.lead_italic):
        m = _ITEM.match(lead) if lead else None
        if m and _title_ok(m.group("title")) and block.text.startswith(lead):
            rest = block.text[len(lead) :].strip()
            return ItemHeading(index, _item_key(m), lead, index + 1, rest)
    return None


def _titled_runin(
    block: Block, index: int, m: re.Match[str], key: tuple[int, str]
) -> ItemHeading | None:
    """The item's own title ended by punctuation and followed by text in the same block
    ("Item 1B. Unresolved Staff Comments. None."), but not by a page number alone."""
    end = runin_title_end(key, m.group("title"))
    if end is None:
        return None
    cut = m.start("title") + end
    rest = block.text[cut:].strip()
    if is_page_number(rest):
        return None
    return ItemHeading(index, key, block.text[:cut].strip(), index + 1, rest)


def _after_1a(key: tuple[int, str]) -> bool:
    return key[0] > 1 or (key[0] == 1 and key[1] > "a")


def item1a_spans(headings: list[ItemHeading]) -> list[SectionSpan]:
    """Each Item 1A candidate with the heading of a later item that ends it."""
    spans: list[SectionSpan] = []
    for pos, heading in enumerate(headings):
        if heading.key != (1, "a"):
            continue
        end: ItemHeading | None = None
        for later in headings[pos + 1 :]:
            if _after_1a(later.key):
                end = later
                break
        spans.append(SectionSpan(heading, end.index if end else None, end.text if end else None))
    return spans


def span_chars(blocks: list[Block], span: SectionSpan) -> int:
    stop = len(blocks) if span.end is None else span.end
    return sum(len(b.text) for b in blocks[span.heading.body_start : stop])


def find_item1a(blocks: list[Block], *, headings: list[ItemHeading]) -> list[SectionSpan]:
    """Item 1A candidates (``headings`` is ``item_headings(blocks)``), the longest span (the
    likeliest section body) first."""
    spans = item1a_spans(headings)
    return sorted(spans, key=lambda s: -span_chars(blocks, s))


_RISK_FACTORS = re.compile(r"^risk\s*factors?[\s.:\-–—]*$", re.IGNORECASE)


_NONSTANDARD_MIN_WORDS = 200
"""A plain "Risk Factors" heading counts only with at least this many words under it."""


def _is_risk_title(text: str) -> bool:
    return len(text) <= 30 and bool(_RISK_FACTORS.match(text))


def find_nonstandard(
    blocks: list[Block], *, headings: list[ItemHeading]
) -> tuple[SectionSpan, str] | None:
    """A section under a plain "Risk Factors" heading outside the item structure.

    Returns the span and the text of its first body block (which, for a run-in heading,
    is the paragraph without the heading), or ``None``.
    """
    starts = [h.index for h in headings]
    best: tuple[int, SectionSpan, str] | None = None
    for i, block in enumerate(blocks):
        if block.in_table:
            continue
        lead = _risk_lead(block)
        runin = bool(lead)
        if not runin and not _is_risk_title(block.text):
            continue
        heading_text = lead if runin else block.text
        end = _peer_end(blocks, i, lead=lead, item_starts=starts)
        stop = len(blocks) if end is None else end
        first = block.text[len(lead) :].strip() if runin else ""
        words = len(first.split()) + sum(len(b.text.split()) for b in blocks[i + 1 : stop])
        if words < _NONSTANDARD_MIN_WORDS:
            continue
        heading = ItemHeading(i, (1, "a"), heading_text, i + 1)
        end_text = None if end is None else _heading_text(blocks[end])
        span = SectionSpan(heading, end, end_text)
        if best is None or words > best[0]:
            best = (words, span, first)
    if best is None:
        return None
    return best[1], best[2]


def _heading_text(block: Block) -> str:
    return block.lead_bold or block.text


def _risk_lead(block: Block) -> str:
    """A run-in "Risk Factors" title (the block's leading bold or italic run), or ""."""
    for lead in (block.lead_bold, block.lead_italic):
        if lead and _is_risk_title(lead):
            return lead
    return ""


def _lead_of(block: Block, italic: bool) -> str:
    return block.lead_italic if italic else block.lead_bold


def _peer_end(blocks: list[Block], i: int, *, lead: str, item_starts: list[int]) -> int | None:
    """The next item heading, or the next block styled like heading ``i`` (a run-in heading
    ``lead``: the next block that leads with a run of the same emphasis and size)."""
    head = blocks[i]
    runin = bool(lead)
    italic = runin and lead != head.lead_bold
    styled = runin or head.bold or head.font_size is not None or head.color is not None
    next_item = next((s for s in item_starts if s > i), None)
    limit = len(blocks) if next_item is None else next_item
    if styled:
        for j in range(i + 1, limit):
            other = blocks[j]
            if other.in_table or is_page_number(other.text):
                continue
            if runin:
                peer = _lead_of(other, italic)
                if (
                    peer
                    and other.lead_size == head.lead_size
                    and peer.isupper() == lead.isupper()
                    and not _caption_like(peer)
                ):
                    return j
            elif (
                other.font_size == head.font_size
                and other.color == head.color
                and other.bold == head.bold
                and other.italic == head.italic
                and len(other.text.split()) <= 8
                and not other.text.lower().startswith(head.text.lower().rstrip(" .:"))
            ):
                return j
    return next_item


def _caption_like(text: str) -> bool:
    return text.rstrip(" .:").lower().endswith("risks")
