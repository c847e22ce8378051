"""Text cleaning and page furniture.

``clean_text`` turns a run of visible text into the form stored in the run directory:

- HTML character references left in the text (also double-escaped ones such as
  ``&amp;#8217;``) are decoded;
- Unicode is normalised with NFKC: non-breaking and typographic spaces become spaces,
  ligatures and full-width forms become plain letters. Curly quotes, apostrophes and
  dashes are kept as printed (NFKC leaves them alone), so quoted text reads as in the
  filing; compare with labels after the same normalisation;
- zero-width characters, soft hyphens and control characters other than whitespace are
  removed;
- whitespace runs become one space, and the ends are trimmed.

Cleaning is idempotent: ``clean_text(clean_text(s)) == clean_text(s)``.

*Page furniture* is text a printer repeats on every page: page numbers, "Table of
Contents" back-links and running headers or footers ("Apple Inc. | 2017 Form 10-K | 8").
``FurnitureDetector`` recognises it by shape and by repetition across the document.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

__all__ = [
    "FurnitureDetector",
    "clean_text",
    "furniture_key",
    "is_page_number",
    "is_toc_link",
]

# Zero-width and soft-hyphen characters, and the control characters that are not whitespace
# (tab, newline, \x0b, \x0c, carriage return and \x1c-\x1f are whitespace, as for split).
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff\x00-\x08\x0e-\x1b\x7f]")


def _clean_once(text: str) -> str:
    if "&" in text:
        text = html.unescape(text)
    if not text.isascii():
        # The one non-ASCII character of most runs; NFKC would make it a space as well.
        text = text.replace("\xa0", " ")
    if text.isascii():
        collapsed = " ".join(text.split())
        if collapsed.isprintable():  # the common case: plain ASCII text
            return collapsed
    text = _INVISIBLE.sub("", text)
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return " ".join(text.split())


def _to_fixed_point(cleaned: str) -> str:
    # Decoding can reveal another reference ("&amp;amp;"), and so can dropping an
    # invisible character inside one: repeat until nothing changes.
    for _ in range(len(cleaned)):
        if "&" not in cleaned:
            break
        again = _clean_once(cleaned)
        if again == cleaned:
            break
        cleaned = again
    return cleaned


def clean_text(text: str) -> str:
    """Normalise one run of visible text (see the module docstring); idempotent."""
    if text.isascii() and "&" not in text:
        collapsed = " ".join(text.split())
        if collapsed.isprintable():  # the common case, without further calls
            return collapsed
    return _to_fixed_point(_clean_once(text))


_PAGE_NUMBER = re.compile(
    r"^(?:page\s+)?[-–—(\[|]?\s*(?:[A-Z]-\s?)?(?:\d{1,3}|[ivxlc]{1,7})\s*[-–—)\]|.]?$",
    re.IGNORECASE,
)
_TOC_LINKS = frozenset(
    {
        "table of contents",
        "index",
        "back to contents",
        "back to table of contents",
        "return to table of contents",
        "back to index",
        "(back to index)",
        "toc",
    }
)
_DIGITS = re.compile(r"\d+")
_NON_WORD = re.compile(r"[^\w#]+")


def is_page_number(text: str) -> bool:
    """A bare page number such as ``12``, ``- 3 -``, ``F-7``, ``Page 4`` or ``iv``."""
    return len(text) <= 12 and bool(_PAGE_NUMBER.match(text))


def is_toc_link(text: str) -> bool:
    """A "Table of Contents" back-link line, alone or next to a page number."""
    if len(text) > 48:
        return False
    words = text.lower().strip(" .|").split()
    if words and (is_page_number(words[0]) or words[0] == "|"):
        words = words[1:]
    if words and (is_page_number(words[-1]) or words[-1] == "|"):
        words = words[:-1]
    return " ".join(words).strip(" .|") in _TOC_LINKS


# For ASCII text without '#': digits become '#', other non-word characters spaces.
_ASCII_KEY = str.maketrans(
    {
        code: "#" if chr(code).isdigit() else " "
        for code in range(128)
        if not (chr(code).isalpha() or chr(code) == "_")
    }
)


def furniture_key(text: str) -> str:
    """Text with numbers masked and punctuation dropped, to spot repeated page lines."""
    if text.isascii() and "#" not in text:
        # Same key without two pattern substitutions (a filing has thousands of lines).
        masked = text.lower().translate(_ASCII_KEY)
        while "##" in masked:
            masked = masked.replace("##", "#")
        return " ".join(masked.split())
    return _NON_WORD.sub(" ", _DIGITS.sub("#", text.lower())).strip()


class FurnitureDetector:
    """Decides which blocks are page furniture, given every block text of a document."""

    max_words = 14
    min_repeats = 3

    def __init__(self, texts: Iterable[str]) -> None:
        short = Counter(text for text in texts if len(text) <= 120)
        counts: Counter[str] = Counter()
        for text, repeats in short.items():  # the same line recurs: key each text once
            counts[furniture_key(text)] += repeats
        self._repeated = {k for k, n in counts.items() if n >= self.min_repeats and k}

    def is_furniture(self, text: str, *, repeated: bool = True) -> bool:
        """Page number, TOC link or (with ``repeated``) a line repeated page after page."""
        if is_page_number(text) or is_toc_link(text):
            return True
        if not repeated or len(text) > 120 or len(text.split()) > self.max_words:
            return False
        return furniture_key(text) in self._repeated
