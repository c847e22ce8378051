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

__all__ = ["canonical_titles", "prose_title", "runin_title_end"]

_TITLES: dict[tuple[int, str], tuple[str, ...]] = {
    (1, ""): ("business",),
    (1, "a"): ("risk factors",),
    (1, "b"): ("unresolved staff comments",),
    (1, "c"): ("cybersecurity",),
    (2, ""): ("properties",),
    (3, ""): ("legal proceedings",),
    (4, ""): (
        "mine safety disclosures",
        "submission of matters to a vote of security holders",
        "removed and reserved",
        "reserved",
    ),
    (5, ""): ("market for",),
    (6, ""): ("selected financial data", "reserved"),
    (7, ""): ("management's discussion and analysis",),
    (7, "a"): ("quantitative and qualitative disclosures about market risk",),
    (8, ""): ("financial statements and supplementary data",),
    (9, ""): ("changes in and disagreements with accountants",),
    (9, "a"): ("controls and procedures",),
    (9, "b"): ("other information",),
    (9, "c"): ("disclosure regarding foreign jurisdictions",),
    (10, ""): ("directors",),
    (11, ""): ("executive compensation",),
    (12, ""): ("security ownership",),
    (13, ""): ("certain relationships",),
    (14, ""): ("principal accountant", "principal accounting"),
    (15, ""): ("exhibits",),
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


def canonical_titles(key: tuple[int, str]) -> tuple[str, ...]:
    """The titles Form 10-K gives item ``key`` (lower case; empty when not listed)."""
    return _TITLES.get(key, ())


def _normal(text: str) -> str:
    return " ".join(text.replace("’", "'").lower().split())


def _after_title(key: tuple[int, str], title: str) -> str | None:
    """What follows the item's own title at the start of ``title``, or None if it does
    not start with one."""
    plain = _normal(title).lstrip(_QUOTES + " ")
    for known in canonical_titles(key):
        if plain.startswith(known) and not plain[len(known) : len(known) + 1].isalnum():
            return plain[len(known) :].lstrip(_QUOTES + " ")
    return None


def prose_title(key: tuple[int, str], title: str) -> bool:
    """``title`` (what follows "Item N." in a block) continues as a sentence, not a title.

    A title that starts with a lower-case word, or a sentence (ending in . ! ?) whose words
    after the item's own title hold two or more lower-case words other than
    function words, is prose.
    """
    rest = _after_title(key, title)
    words = _WORD.findall(title.lstrip(_QUOTES + " ") if rest is None else rest)
    if not words:
        return False
    if rest is None and words[0][0].islower():
        return True
    if not _SENTENCE_END.search(title.rstrip()):
        return False
    lower = [w for w in words if w[0].islower() and w.lower() not in _FUNCTION_WORDS]
    return len(lower) >= 2


def runin_title_end(key: tuple[int, str], title: str) -> int | None:
    """Where the item's own title ends in ``title`` when a sentence follows it in the same
    block ("Unresolved Staff Comments. None." -> after "Comments."), else None."""
    for known in canonical_titles(key):
        pattern = r"^[\s" + _QUOTES + r"]*" + r"\s+".join(map(re.escape, known.split()))
        m = re.match(
            pattern + r"[" + _QUOTES + r"]*\s*[.:\-–—]+[" + _QUOTES + r"]*\s+", title, re.IGNORECASE
        )
        if m is not None and m.end() < len(title):
            return m.end()
    return None
