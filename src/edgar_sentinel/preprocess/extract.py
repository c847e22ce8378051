"""Item 1A "Risk Factors": find it, decide its status, clean it and cut it into segments.

Status rules, in order:

1. ``not_a_10k``: ``form_type`` is known and not in the 10-K family (10-K, 10-K405,
   10-KSB, 10-KSB40, 10-KT, 10-KT405, each also as an amendment ``/A``: see models).
2. The longest "Item 1A ... next item" span with a real body is the section. A short body
   (under 150 words) that says the item is not applicable / not required is
   ``not_applicable``; one that points elsewhere ("incorporated ... by reference",
   "can be found in") is ``incorporated_by_reference``; "omitted" is ``omitted``. An
   Item 1A line with no body inside a list introduced as omitted items is ``omitted``.
3. Fiscal periods ending before December 2005 without such a section: ``pre_item1a``.
4. A section under a plain "Risk Factors" heading (Item 1A only in a cross-reference
   index, or a 10-KSB): ``extracted`` with a ``nonstandard_heading`` warning.
5. Otherwise ``not_found`` with a warning.

A section that runs to the end of the document (no later item heading) gets a
``truncated`` warning: the document may have been cut off inside Item 1A.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import NamedTuple

from edgar_sentinel.models import (
    ITEM1A_FIRST_PERIOD_END,
    FilingWarning,
    Item1AStatus,
    Segment,
    is_10k_form,
)
from edgar_sentinel.preprocess.clean import FurnitureDetector
from edgar_sentinel.preprocess.document import Block, ParsedDocument
from edgar_sentinel.preprocess.item_titles import is_title
from edgar_sentinel.preprocess.sections import (
    ItemHeading,
    SectionSpan,
    find_item1a,
    find_nonstandard,
    item_headings,
)
from edgar_sentinel.preprocess.segment import BLOCK_SEPARATOR, segment_blocks
from edgar_sentinel.settings import PreprocessSettings

__all__ = ["Item1AResult", "extract_item1a"]


_SHORT_BODY_WORDS = 150
_MIN_BODY_WORDS = 20

_NOT_APPLICABLE = re.compile(
    r"\bnot\s+applicable\b|\bnot\s+required\b|smaller\s+reporting\s+compan|^\s*none\.?\s*$"
    r"|^\s*n/?a\.?\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_BY_REFERENCE = re.compile(
    r"incorporated\b.{0,80}\bby\s+reference|by\s+reference\s+(?:herein|to)|can\s+be\s+found"
    r"|(?:is|are)\s+(?:set\s+forth|included|contained)\s+(?:in|under)",
    re.IGNORECASE | re.DOTALL,
)
_OMITTED = re.compile(r"\bomitted\b", re.IGNORECASE)


@dataclass(frozen=True)
class Item1AResult:
    status: Item1AStatus
    heading: str | None
    text: str | None
    segments: list[Segment]
    warnings: list[FilingWarning]


def _result(
    status: Item1AStatus,
    heading: str | None = None,
    text: str | None = None,
    segments: list[Segment] | None = None,
    warnings: list[FilingWarning] | None = None,
) -> Item1AResult:
    return Item1AResult(status, heading, text, segments or [], warnings or [])


def extract_item1a(
    parsed: ParsedDocument,
    *,
    form_type: str | None,
    period_of_report: str | None,
    settings: PreprocessSettings,
) -> Item1AResult:
    """Find and segment Item 1A of a parsed 10-K (see the module docstring for statuses)."""
    result = _extract(parsed, form_type, period_of_report, settings)
    notes = [FilingWarning(code=code, message=message) for code, message in parsed.warnings]
    if not notes:
        return result
    return replace(result, warnings=notes + result.warnings)


def _extract(
    parsed: ParsedDocument,
    form_type: str | None,
    period_of_report: str | None,
    settings: PreprocessSettings,
) -> Item1AResult:
    if form_type and not is_10k_form(form_type):
        return _result(Item1AStatus.NOT_A_10K)
    blocks = parsed.blocks
    source_truncated = any(code == "truncated" for code, _ in parsed.source.warnings)
    headings = item_headings(blocks)  # scanned once, read by every step below
    # Page furniture: lines repeated page after page, and Item 1A headings repeated as
    # running headers inside the section.
    furniture = _Furniture(
        FurnitureDetector(b.text for b in blocks),
        frozenset(h.index for h in headings if h.key == (1, "a")),
    )
    candidates = find_item1a(blocks, headings=headings)
    for span in candidates:
        # Candidates are ranked by their length: a left-out table in any would change it.
        parsed.require_whole(span.heading.index, span.end)
    for span in candidates:
        rest = span.heading.rest
        body = _body_blocks(blocks, span, furniture, first_rest=rest)
        words = sum(len(b.text.split()) for b in body)
        if words < _SHORT_BODY_WORDS:
            # Short answers such as "Not applicable." recur under many items: keep them
            # (but not the running headers around them).
            body = _body_blocks(blocks, span, furniture, first_rest=rest, keep_answers=True)
            words = sum(len(b.text.split()) for b in body)
        if words == 0 or _mostly_tables(body, words):
            continue
        if words < _SHORT_BODY_WORDS:
            text = BLOCK_SEPARATOR.join(b.text for b in body)
            status = _short_status(text)
            if status is not None:
                return _result(
                    status, span.heading.text, text, warnings=_truncation(span, source_truncated)
                )
            if words < _MIN_BODY_WORDS:
                continue
        return _extracted(span, body, settings, [], source_truncated)
    omitted = _omitted_in_list(blocks, headings, parsed)
    if omitted is not None:
        return _result(Item1AStatus.OMITTED, omitted[0], omitted[1])
    if period_of_report and period_of_report < ITEM1A_FIRST_PERIOD_END:
        return _result(Item1AStatus.PRE_ITEM1A)
    parsed.require_whole()  # the search below reads the document at large
    found = find_nonstandard(blocks, headings=headings)
    if found is not None:
        span, first_rest = found
        body = _body_blocks(blocks, span, furniture, first_rest=first_rest)
        warning = FilingWarning(
            code="nonstandard_heading",
            message=(
                f"no Item 1A heading with a body; risk factors taken from the heading "
                f"{span.heading.text!r} (ending at {span.end_heading or 'the end'!r})"
            ),
        )
        return _extracted(span, body, settings, [warning], source_truncated)
    has_mention = any(h.key == (1, "a") for h in headings)
    detail = (
        "Item 1A appears only as a table-of-contents or index entry in the document"
        if has_mention
        else "the document has no Item 1A heading and no Risk Factors section"
    )
    if source_truncated:
        detail += " (the document is cut short: Item 1A may lie in the missing part)"
    return _result(
        Item1AStatus.NOT_FOUND,
        warnings=[FilingWarning(code="item1a_not_found", message=detail)],
    )


def _mostly_tables(body: list[Block], words: int) -> bool:
    """A span of short table rows is an index or a table of contents, not a section body.

    Only short table blocks count: old filings lay whole pages out in tables, and their
    paragraphs sit in table cells too.
    """
    short_rows = 0
    for block in body:
        if block.in_table:
            n = len(block.text.split())
            if n < 40:
                short_rows += n
    return words >= _MIN_BODY_WORDS and short_rows > 0.6 * words


def _short_status(text: str) -> Item1AStatus | None:
    if _OMITTED.search(text):
        return Item1AStatus.OMITTED
    if _BY_REFERENCE.search(text):
        return Item1AStatus.INCORPORATED_BY_REFERENCE
    if _NOT_APPLICABLE.search(text):
        return Item1AStatus.NOT_APPLICABLE
    return None


def _omitted_in_list(
    blocks: list[Block], headings: list[ItemHeading], parsed: ParsedDocument
) -> tuple[str, str] | None:
    """An "Item 1A" line in a list of items declared omitted (asset-backed issuers)."""
    heading_rows = {h.index for h in headings}
    for heading in headings:
        if heading.key != (1, "a"):
            continue
        back = heading.index - 1
        while back >= 0 and back in heading_rows and back > heading.index - 6:
            back -= 1
        if back >= 0:
            parsed.require_whole(back, back + 1)
            text = blocks[back].text
            if _OMITTED.search(text) and len(text.split()) <= 40:
                return heading.text, text
    return None


def _truncation(span: SectionSpan, source_truncated: bool) -> list[FilingWarning]:
    """A ``truncated`` warning when the section runs to the end (unless already reported)."""
    if span.end is not None or source_truncated:
        return []
    return [
        FilingWarning(
            code="truncated",
            message=(
                "Item 1A runs to the end of the document with no later item heading; "
                "the document may be cut off, so the section may be incomplete"
            ),
        )
    ]


_BARE_ITEM1A = re.compile(r"^(?:part\s+i\W*)?item\s*1\s*\(?a\)?[\s.:\-–—]*$", re.IGNORECASE)
_SENTENCE_END = (".", "!", "?", ":", ";", "”", '"', "’", ")")


class _Furniture(NamedTuple):
    lines: FurnitureDetector
    item1a_rows: frozenset[int]
    """Blocks that read as an Item 1A heading (``item_headings``)."""

    def drops(self, index: int, text: str, *, keep_answers: bool) -> bool:
        """Block ``index`` is page furniture or a repeated Item 1A heading such as
        "Item 1A—Risk Factors (cont.)"; with ``keep_answers``, a repeated line that is a
        short answer ("Not applicable.") is kept."""
        answer = keep_answers and _short_status(text) is not None
        if self.lines.is_furniture(text, repeated=not answer):
            return True
        return index in self.item1a_rows and len(text) <= 200


def _body_blocks(
    blocks: list[Block],
    span: SectionSpan,
    furniture: _Furniture,
    *,
    first_rest: str = "",
    keep_answers: bool = False,
) -> list[Block]:
    """The section's blocks without page furniture; page-split paragraphs re-joined.

    With ``keep_answers``, a line repeated across the document is kept when it is a short
    answer such as "Not applicable." (which recurs under many items).
    """
    stop = len(blocks) if span.end is None else span.end
    out: list[Block] = []
    if first_rest:
        head = blocks[span.heading.index]
        style = replace(head.style, lead_bold="", lead_italic="")
        out.append(Block(first_rest, in_table=head.in_table, given=style))
    start = span.heading.body_start
    broken = False
    title_may_follow = False
    for index in range(start, stop):
        block = blocks[index]
        if title_may_follow and is_title((1, "a"), block.text):
            continue  # the title of a repeated "ITEM 1A." heading, in a block of its own
        title_may_follow = _is_bare_item1a(block.text)
        if furniture.drops(index, block.text, keep_answers=keep_answers):
            broken = True
            continue
        if broken and out and _continues(out[-1], block):
            prev = out[-1]
            style = replace(
                prev.style,
                bold=prev.bold and block.bold,
                italic=prev.italic and block.italic,
                underline=prev.underline and block.underline,
            )
            out[-1] = Block(f"{prev.text} {block.text}", in_table=prev.in_table, given=style)
        else:
            out.append(block)
        broken = False
    return out


def _is_bare_item1a(text: str) -> bool:
    """An Item 1A heading without its title ("ITEM 1A.")."""
    return len(text) <= 24 and _BARE_ITEM1A.match(text) is not None


def _continues(prev: Block, block: Block) -> bool:
    first = block.text[:1]
    return (
        not prev.text.endswith(_SENTENCE_END)
        and first.isalpha()
        and first.islower()
        and prev.bold == block.bold
    )


def _extracted(
    span: SectionSpan,
    body: list[Block],
    settings: PreprocessSettings,
    warnings: list[FilingWarning],
    source_truncated: bool,
) -> Item1AResult:
    text, segments = segment_blocks(body, settings=settings)
    return _result(
        Item1AStatus.EXTRACTED,
        span.heading.text,
        text,
        segments,
        warnings + _truncation(span, source_truncated),
    )
