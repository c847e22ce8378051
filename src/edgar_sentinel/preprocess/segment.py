"""Cutting an Item 1A body into segments: one per risk factor where headings exist.

How headings are recognised (no per-filing rules, only the section's own styling):

- A *heading form* is a block that is emphasised throughout (bold, italic, underlined,
  ALL CAPS, set at least 1.5 pt larger than the section's body text, or in a colour other
  than the body text's; black and greys count as one ink) and at most 110 words long
  (up to 250 once its style is the section's heading style),
  or a block opening with an emphasised *run-in* title (a bold or italic first sentence).
- In a section without any styling (plain text, ``<pre>``) and without such forms, a
  one-sentence paragraph of at most 60 words followed by a longer paragraph is a heading
  form (text filings set each title on its own above its explanation).
- Each heading form has a *signature*: standalone or run-in, bold, italic, underline,
  size, colour, all-caps. The risk-factor signature is the one that introduces the most
  body text (in words) among heading forms directly followed by body text (a group caption
  is followed by another heading, not by body text, and is set in its own style).
- A "summary of risk factors" list (a block titled like "Risk Factors Summary",
  "Summary Risk Factors", "Risk Highlights") runs until the first risk heading that is
  followed by a body paragraph; it becomes ``summary`` segments, never ``risk`` ones,
  even where its captions share the style of the real headings.
- Risk segments run from their heading to the next risk heading or group caption. Other
  standalone headings directly above a risk heading (or worded "Risks Related to ...",
  "General Risks") are group captions: they set ``group`` and are not segments. Run-in
  sub-headings of a second level stay inside their risk factor.
- Text before the first risk (and after the summary) is ``intro``; text between a group
  caption and its first risk is a ``paragraph`` segment of that group.
- Without at least three risk headings the body falls back to ``paragraph`` segments:
  blocks merged until ``paragraph_min_words`` and split above ``paragraph_max_words``.
- Any segment longer than ``segment_max_words`` is split at sentence boundaries; the
  continuation segments keep the kind, group and heading of the segment they continue
  (their text does not repeat the heading, so the first piece of a risk is the one whose
  text starts with its heading).

Invariant: ``item1a_text[segment.start:segment.end] == segment.text`` for every segment.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from edgar_sentinel.models import Segment, SegmentKind
from edgar_sentinel.preprocess.document import PLAIN, Block
from edgar_sentinel.settings import PreprocessSettings

__all__ = ["BLOCK_SEPARATOR", "segment_blocks"]

BLOCK_SEPARATOR = "\n\n"
"""Separator between blocks (paragraphs, headings, table rows) in ``item1a_text``."""

_MAX_HEADING_WORDS = 110
"""Longest heading that votes for the section's heading style."""
_MAX_LONG_HEADING_WORDS = 250
"""Longest block taken for a heading once its style is the section's heading style."""
_MAX_CAPTION_LEVELS = 3
"""At most this many captions above the first risk are taken out of a summary list."""
_SUMMARY = re.compile(
    r"^(?:summary\s+(?:of\s+)?(?:the\s+)?(?:material\s+|principal\s+|key\s+)?risk"
    r"|risk\s+factors?\s+summary|summary\s+risk\s+factors|risk\s+highlights)",
    re.IGNORECASE,
)
_CAPTION = re.compile(
    r"^(?:risks?\s+(?:factors?\s+)?(?:related|relating|associated|specific|pertaining)\s+to"
    r"|general\s+risks?|other\s+risks?|risks\s+(?:regarding|concerning|of)\b)",
    re.IGNORECASE,
)
_PRONOUNS = frozenset(["we", "our", "us", "if", "the", "a", "an", "there", "any", "changes"])
_SENTENCE = re.compile(r"(?<=[.!?])[”\"’)]*\s+(?=[“\"(A-Z0-9•])")


@dataclass(frozen=True, slots=True)
class _Form:
    signature: tuple[object, ...]
    heading: str
    runin: bool


def _word_count(text: str) -> int:
    return len(text.split())


def _is_bullet(text: str) -> bool:
    first = text[:1]
    return first in "•●▪■◦○·" or (first in "-–—*" and text[1:2] == " ")


_NEUTRAL = frozenset({"black", "windowtext", "gray", "grey", "dimgray", "dimgrey"})
_GREY = re.compile(r"^#(?:([0-9a-f])\1\1|([0-9a-f]{2})\2\2)$|^rgb\((\d+),(\d+),(\d+)\)$")


def _ink(color: str | None) -> str | None:
    """A colour as compared with the body text's: black and greys (body text is often
    set in a dark grey) are None, so only a hue sets a heading apart."""
    if color is None:
        return None
    plain = color.replace(" ", "")
    if plain in _NEUTRAL:
        return None
    grey = _GREY.match(plain)
    if grey is not None and (
        grey.group(3) is None or grey.group(3) == grey.group(4) == grey.group(5)
    ):
        return None
    return color


def _heading_form(
    block: Block,
    body_size: float | None,
    max_words: int = _MAX_HEADING_WORDS,
    body_ink: str | None = None,
) -> _Form | None:
    text = block.text
    if _is_bullet(text):
        return None
    words = _word_count(text)
    large = (
        block.font_size is not None and body_size is not None and block.font_size >= body_size + 1.5
    )
    caps = block.all_caps
    shouted = caps and words >= 2
    coloured = _ink(block.color) != body_ink
    emphasised = block.bold or block.italic or block.underline or large or shouted or coloured
    if emphasised and words <= max_words:
        size = round(block.font_size) if block.font_size else None
        sig = ("block", block.bold, block.italic, block.underline, size, _ink(block.color), caps)
        return _Form(sig, text, runin=False)
    for lead, bold in ((block.lead_bold, True), (block.lead_italic, False)):
        if not lead:
            continue
        lead_words = _word_count(lead)
        rest_words = words - lead_words
        if rest_words < 3 or lead_words > _MAX_HEADING_WORDS or not text.startswith(lead):
            continue
        if lead_words < 4 and not lead.rstrip().endswith((".", ":", "-", "–", "—")):
            continue
        size = round(block.lead_size) if block.lead_size else None
        sig = ("runin", bold, not bold, False, size, None, lead.isupper())
        return _Form(sig, lead, runin=True)
    return None


_PLAIN_HEADING_WORDS = 60
_PLAIN_SIGNATURE = ("plain", False, False, False, None, None, False)


def _plain_forms(blocks: list[Block], words: list[int]) -> list[_Form | None]:
    """Heading forms of a section without any styling (plain text, ``<pre>``): a one-sentence
    paragraph of at most ``_PLAIN_HEADING_WORDS`` words set on its own and followed by a
    longer one, the way text filings set each risk-factor title above its explanation.
    ``words`` holds each block's word count."""
    forms: list[_Form | None] = []
    for i, block in enumerate(blocks):
        nxt = words[i + 1] if i + 1 < len(blocks) else 0
        heading = 3 <= words[i] <= _PLAIN_HEADING_WORDS and nxt > words[i]
        one_sentence = _SENTENCE.search(block.text) is None
        plain = heading and one_sentence and not _is_bullet(block.text)
        forms.append(_Form(_PLAIN_SIGNATURE, block.text, runin=False) if plain else None)
    return forms


_NUMBERING = re.compile(r"^(?:\(?(?:\d{1,3}|[a-z]|[ivx]{1,5})[.)]\s+)", re.IGNORECASE)
"""A list number in front of a heading ("18. ", "(a) ", "iv. "): not part of its wording."""


def _caption_words(text: str) -> bool:
    stripped = _NUMBERING.sub("", text.strip()).strip(" .:")
    if _CAPTION.match(stripped):
        return _word_count(stripped) <= 16
    words = stripped.split()
    return (
        len(words) <= 8
        and bool(words)
        and words[0].lower() not in _PRONOUNS
        and stripped.lower().endswith(("risks", "risk factors"))
    )


def _dominant(values: list[tuple[float | str | None, int]]) -> float | str | None:
    counts: Counter[float | str | None] = Counter()
    for value, weight in values:
        if value is not None:
            counts[value] += weight
    return counts.most_common(1)[0][0] if counts else None


def segment_blocks(
    blocks: list[Block], *, settings: PreprocessSettings
) -> tuple[str, list[Segment]]:
    """Join ``blocks`` into the section text and cut it into segments."""
    texts = [b.text for b in blocks]
    text = BLOCK_SEPARATOR.join(texts)
    starts: list[int] = []
    pos = 0
    for t in texts:
        starts.append(pos)
        pos += len(t) + len(BLOCK_SEPARATOR)
    plan = _plan(blocks)
    pieces: list[_Piece] = []
    max_words = settings.segment_max_words
    if plan is None:
        for first, last in _paragraph_groups(texts, settings):
            pieces.append((SegmentKind.PARAGRAPH, None, None, first, last, 0))
        max_words = min(max_words, settings.paragraph_max_words)
    else:
        pieces = plan
    segments: list[Segment] = []
    for kind, group, heading, first, last, skip in pieces:
        start = starts[first] + skip
        while skip and text[start : start + 1].isspace():
            start += 1
        end = starts[last] + len(texts[last])
        for s, e in _split_long(text, start, end, max_words):
            seg_text = text[s:e]
            segments.append(
                Segment(
                    index=len(segments),
                    kind=kind,
                    group=group,
                    heading=heading,
                    text=seg_text,
                    char_count=len(seg_text),
                    word_count=_word_count(seg_text),
                    start=s,
                    end=e,
                )
            )
    return text, segments


_Piece = tuple[SegmentKind, str | None, str | None, int, int, int]
"""kind, group, heading, first block, last block, characters of the first block to skip."""


def _plan(blocks: list[Block]) -> list[_Piece] | None:
    """The segments as ``_Piece`` tuples, or None to fall back to paragraphs."""
    n = len(blocks)
    if n == 0:
        return None
    words = [_word_count(b.text) for b in blocks]
    body_size = _dominant([(b.font_size, len(b.text)) for b in blocks])
    size = body_size if isinstance(body_size, float) else None
    inks: Counter[str | None] = Counter()
    for b in blocks:
        inks[_ink(b.color)] += len(b.text)
    ink = inks.most_common(1)[0][0]  # the body text's colour
    forms = [_heading_form(b, size, body_ink=ink) for b in blocks]

    def followed_by_body(i: int) -> bool:
        form = forms[i]
        if form is None:
            return False
        if form.runin:
            return True
        if i + 1 >= n:
            return False
        nxt = forms[i + 1]
        # A run-in block opens with its own (sub-)title but carries body text.
        return nxt is None or nxt.runin

    summary_start = next(
        (i for i, f in enumerate(forms) if f is not None and _SUMMARY.match(blocks[i].text)),
        None,
    )

    def heading_counts() -> Counter[tuple[object, ...]]:
        # Each heading votes for its style with the body text it introduces: a standalone
        # heading, the blocks up to the next heading form; a run-in title, the rest of its
        # paragraph. The risk-factor style introduces most of the section, while bold
        # lead-ins of list items inside a risk introduce a line each.
        counts: Counter[tuple[object, ...]] = Counter()
        for i, form in enumerate(forms):
            if form is None or not followed_by_body(i) or _caption_words(form.heading):
                continue
            if form.runin:
                body = words[i] - _word_count(form.heading)
            else:
                body, j = 0, i + 1
                while j < n and forms[j] is None:
                    body += words[j]
                    j += 1
            counts[form.signature] += max(body, 1)
        return counts

    counts = heading_counts()
    if not counts and all(b.style == PLAIN for b in blocks):
        # No styling at all (plain text, <pre>): titles are told by their layout.
        forms = [
            form or plain for form, plain in zip(forms, _plain_forms(blocks, words), strict=True)
        ]
        counts = heading_counts()
    if not counts:
        return None
    risk_sig = counts.most_common(1)[0][0]
    for i, block in enumerate(blocks):
        # Once the heading style is known, a longer block set in exactly that style is a
        # heading too (some filers write titles of a hundred words and more).
        if forms[i] is None and words[i] > _MAX_HEADING_WORDS:
            long_form = _heading_form(block, size, max_words=_MAX_LONG_HEADING_WORDS, body_ink=ink)
            if long_form is not None and long_form.signature == risk_sig:
                forms[i] = long_form

    def is_risk(i: int) -> bool:
        form = forms[i]
        # A run-in title carries its own body text, so it is a risk even when worded
        # like a caption ("Risk Factors Related to IBM Securities: ...").
        return (
            form is not None
            and form.signature == risk_sig
            and followed_by_body(i)
            and (form.runin or not _caption_words(form.heading))
        )

    main_start = 0
    if summary_start is not None:
        first_real = next(
            (
                i
                for i in range(summary_start + 1, n)
                if is_risk(i) and _long_body_follows(blocks, forms, i)
            ),
            None,
        )
        if first_real is not None:
            main_start = first_real
            # Group captions right above the first risk belong to the risks, not to the
            # summary; the summary's own items (sentences) stay in it.
            while (
                main_start - 1 > summary_start
                and first_real - main_start < _MAX_CAPTION_LEVELS
                and forms[main_start - 1] is not None
                and (_caption_words(blocks[main_start - 1].text) or words[main_start - 1] <= 8)
            ):
                main_start -= 1
    risks = [i for i in range(main_start, n) if is_risk(i)]
    if len(risks) < 3:
        return None
    pieces: list[_Piece] = []
    first_risk = risks[0]
    lead_start = 0
    if summary_start is not None and main_start > 0:
        if summary_start > 0:
            pieces.append((SegmentKind.INTRO, None, None, 0, summary_start - 1, 0))
        pieces.append((SegmentKind.SUMMARY, None, None, summary_start, main_start - 1, 0))
        lead_start = main_start
    group: str | None = None
    risk_set = set(risks)
    i = lead_start
    current: list[int] = []
    skip = 0
    heading: str | None = None

    def close(kind: SegmentKind) -> None:
        nonlocal skip
        if current:
            pieces.append((kind, group, heading, current[0], current[-1], skip))
            current.clear()
        skip = 0

    kind = SegmentKind.INTRO
    while i < n:
        form = forms[i]
        if i in risk_set:
            close(kind)
            kind, heading = SegmentKind.RISK, form.heading if form else None
            current.append(i)
        elif form is not None and _is_caption(i, forms, risk_set, blocks, risk_sig):
            close(kind)
            group = (form.heading if form.runin else blocks[i].text).rstrip(" :")
            kind = SegmentKind.INTRO if i < first_risk else SegmentKind.PARAGRAPH
            heading = None
            if form.runin:
                # A run-in caption: its paragraph goes on without the caption.
                current.append(i)
                skip = len(form.heading) + 1
        else:
            current.append(i)
        i += 1
    close(kind)
    return pieces


def _long_body_follows(blocks: list[Block], forms: list[_Form | None], i: int) -> bool:
    form = forms[i]
    if form is not None and form.runin:
        return _word_count(blocks[i].text) - _word_count(form.heading) >= 25
    if i + 1 >= len(blocks) or _is_bullet(blocks[i + 1].text):
        return False
    words = 0
    for j in range(i + 1, len(blocks)):
        if forms[j] is not None:
            break
        words += _word_count(blocks[j].text)
    return words >= 25


def _is_caption(
    i: int,
    forms: list[_Form | None],
    risks: set[int],
    blocks: list[Block],
    risk_sig: tuple[object, ...],
) -> bool:
    """A heading that introduces a group of risks rather than belonging to one."""
    form = forms[i]
    if form is None:
        return False
    if form.runin:
        return _caption_words(form.heading) and _outranks(form.signature, risk_sig)
    if _caption_words(blocks[i].text):
        return True
    if _word_count(blocks[i].text) > 20:
        return False
    if _outranks(form.signature, risk_sig):
        return True
    j = i + 1
    while j < len(forms) and forms[j] is not None and j not in risks:
        j += 1
    return j in risks and j - i <= 3


def _outranks(signature: tuple[object, ...], risk_sig: tuple[object, ...]) -> bool:
    """Set in capitals or larger than the risk headings: a level above them."""
    caps, risk_caps = signature[6], risk_sig[6]
    size, risk_size = signature[4], risk_sig[4]
    if caps and not risk_caps:
        return True
    return isinstance(size, int) and isinstance(risk_size, int) and size > risk_size


def _paragraph_groups(texts: list[str], settings: PreprocessSettings) -> list[tuple[int, int]]:
    """Consecutive blocks merged until they reach ``paragraph_min_words``."""
    groups: list[tuple[int, int]] = []
    first: int | None = None
    words = 0
    for i, t in enumerate(texts):
        if first is None:
            first, words = i, 0
        words += _word_count(t)
        if words >= settings.paragraph_min_words:
            groups.append((first, i))
            first = None
    if first is not None:
        if groups and words < settings.paragraph_min_words:
            groups[-1] = (groups[-1][0], len(texts) - 1)
        else:
            groups.append((first, len(texts) - 1))
    return groups


def sentence_spans(text: str, start: int, end: int) -> list[int]:
    """Offsets (absolute) where a new sentence begins inside ``text[start:end]``."""
    return [m.end() for m in _SENTENCE.finditer(text, start, end)]


def _split_long(text: str, start: int, end: int, max_words: int) -> list[tuple[int, int]]:
    """Split ``text[start:end]`` at sentence starts into pieces of at most ``max_words``
    (a single sentence longer than that stays whole)."""
    if _word_count(text[start:end]) <= max_words:
        return [(start, end)]
    pieces: list[tuple[int, int]] = []
    piece_start = start
    piece_words = 0
    previous = start
    for cut in [*sentence_spans(text, start, end), end]:
        words = _word_count(text[previous:cut])
        if piece_words + words > max_words and previous > piece_start:
            pieces.append((piece_start, _rstrip(text, piece_start, previous)))
            piece_start, piece_words = previous, 0
        piece_words += words
        previous = cut
    pieces.append((piece_start, end))
    return [(s, e) for s, e in pieces if e > s]


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end
