"""Telling an item heading's title from a sentence that merely starts with an item reference.

Form 10-K fixes each item's title ("Item 1A. Risk Factors", "Item 2. Properties"), so a
block that starts "Item 1A" is a heading when what follows is that title (in any case, in
quotes, followed by punctuation, a page number or nothing) or reads like a title. It is
a sentence when it goes on as prose: "Part I, Item 1A. “Risk Factors” describes these
risks in more detail." or "Item 1A of this report lists the important factors."

``prose_title`` says the latter; ``runin_title_end`` finds a title run into the body of
its paragraph ("Item 1B. Unresolved Staff Comments. None.") whatever its style.
"""

from __future__ import annotations

import re

__all__ = ["is_title", "prose_title", "runin_title_end", "starts_with_title"]

_TITLES: dict[tuple[int, str], tuple[str, ...]] = {
    # Longest first: a whole title matched leaves nothing to read as prose.
    (1, ""): ("business",),
    (1, "a"): ("risk factors",),
    (1, "b"): ("unresolved staff comments",),
    (1, "c"): ("cybersecurity",),
    (2, ""): ("properties",),
    (3, ""): ("legal proceedings",),
    (4, ""): (
        "submission of matters to a vote of security holders",
        "mine safety disclosures",
        "removed and reserved",
        "reserved",
    ),
    (5, ""): (
        "market for registrant's common equity, related stockholder matters and issuer "
        "purchases of equity securities",
        "market for the registrant's common equity, related stockholder matters and issuer "
        "purchases of equity securities",
        "market for registrant's common equity and related stockholder matters",
        "market for",
    ),
    (6, ""): ("selected financial data", "reserved"),
    (7, ""): (
        "management's discussion and analysis of financial condition and results of operations",
        "management's discussion and analysis",
    ),
    (7, "a"): ("quantitative and qualitative disclosures about market risk",),
    (8, ""): ("financial statements and supplementary data",),
    (9, ""): (
        "changes in and disagreements with accountants on accounting and financial disclosure",
        "changes in and disagreements with accountants",
    ),
    (9, "a"): ("controls and procedures",),
    (9, "b"): ("other information",),
    (9, "c"): (
        "disclosure regarding foreign jurisdictions that prevent inspections",
        "disclosure regarding foreign jurisdictions",
    ),
    (10, ""): (
        "directors, executive officers and corporate governance",
        "directors and executive officers of the registrant",
        "directors",
    ),
    (11, ""): ("executive compensation",),
    (12, ""): (
        "security ownership of certain beneficial owners and management and related "
        "stockholder matters",
        "security ownership",
    ),
    (13, ""): (
        "certain relationships and related transactions, and director independence",
        "certain relationships and related transactions",
        "certain relationships",
    ),
    (14, ""): (
        "principal accountant fees and services",
        "principal accountant",
        "principal accounting",
    ),
    (15, ""): (
        "exhibits and financial statement schedules",
        "exhibits, financial statement schedules",
        "exhibits",
    ),
    (16, ""): ("form 10-k summary",),
}
# Words that a title may hold in lower case ("Risk factors relating to our business").
_FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "by",
        "for",
        "from",
        "in",
        "into",
        "of",
        "on",
        "or",
        "our",
        "its",
        "the",
        "their",
        "to",
        "with",
        "this",
        "these",
        "that",
        "related",
        "relating",
        "regarding",
    ]
)
_QUOTES = "\"'“”‘’"
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*$")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_TITLE_END = re.compile(r"[\"'“”‘’]*\s*[.:\-–—]+[\"'“”‘’]*\s+")
"""Punctuation that ends a title run into the text of its paragraph."""


def _title_pattern(known: str) -> re.Pattern[str]:
    words = (re.escape(word).replace("'", "['’]") for word in known.split())
    return re.compile(r"\s*".join(words), re.IGNORECASE)


_PATTERNS = {key: tuple(map(_title_pattern, titles)) for key, titles in _TITLES.items()}


def _title_match(key: tuple[int, str], title: str) -> tuple[str, int] | None:
    """(``title`` without leading quotes, end of the item's own title in it), or None."""
    plain = title.lstrip(_QUOTES + " ")
    for pattern in _PATTERNS.get(key, ()):
        m = pattern.match(plain)
        if m is not None and not plain[m.end() : m.end() + 1].isalnum():
            return plain, m.end()
    return None


def starts_with_title(key: tuple[int, str], title: str) -> bool:
    """``title`` starts with item ``key``'s own title (any case, in quotes or not)."""
    return _title_match(key, title) is not None


def is_title(key: tuple[int, str], text: str) -> bool:
    """``text`` is item ``key``'s own title and nothing more but punctuation."""
    found = _title_match(key, text)
    return found is not None and not found[0][found[1] :].strip(_QUOTES + " .:")


def prose_title(key: tuple[int, str], title: str) -> bool:
    """``title`` (what follows "Item N." in a block) continues as a sentence, not a title.

    A title of two or more words that starts with a lower-case word, or a sentence (ending
    in . ! ?) whose words after the item's own title hold two or more lower-case words
    other than function words, is prose.
    """
    found = _title_match(key, title)
    if found is None:
        words = _WORD.findall(title)
        if len(words) >= 2 and words[0][0].islower():
            return True  # "of this report ...", but not "(continued)"
    else:
        plain, end = found
        words = _WORD.findall(plain[end:])
    if not words or not _SENTENCE_END.search(title.rstrip()):
        return False
    lower = [w for w in words if w[0].islower() and w.lower() not in _FUNCTION_WORDS]
    return len(lower) >= 2


def runin_title_end(key: tuple[int, str], title: str) -> int | None:
    """Where the item's own title ends in ``title`` when a sentence follows it in the same
    block ("Unresolved Staff Comments. None." -> after "Comments."), else None."""
    found = _title_match(key, title)
    if found is None:
        return None
    plain, end = found
    stop = _TITLE_END.match(plain, end)
    if stop is None or stop.end() >= len(plain):
        return None
    return len(title) - len(plain) + stop.end()
