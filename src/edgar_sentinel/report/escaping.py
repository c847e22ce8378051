"""Make untrusted text (filing excerpts, file names, company names) safe to show.

Filing text is hostile input: it may contain pipes, newlines and backticks that would
break a markdown table, HTML (``<details>``, ``<script>``, a comment that fakes a hidden
marker), markdown links and images, ``$math$``, ``@mentions`` that would notify people and
``#123`` references that would link issues.

``md_text`` returns one line that is literal text in both GitHub markdown and HTML:

* line breaks and control characters become spaces; bidirectional overrides are dropped;
* every character that could start markdown or HTML syntax is written as a numeric
  character reference (``|`` -> ``&#124;``, ``[`` -> ``&#91;``, ``_`` unless inside a word),
  so no table cell, tag, comment, link, image, emphasis, code span or math can start, and
  the reader still sees the original character;
* ``@`` and ``#`` are followed by a zero-width space, and ``://`` and ``www.`` are broken
  the same way, because GitHub finds mentions, issue references and bare URLs in the
  rendered text, after character references are decoded.

Never put ``md_text`` output inside a code span: code spans show references literally.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

ZWSP = "\u200b"
ELLIPSIS = "…"

# Markdown and HTML syntax characters, always written as character references
# ("&" first, so the references written for the others are not escaped again; "#",
# which every reference contains, goes through a placeholder).
_SPECIAL = "&<>|\\`*[]~$"
_REFERENCES = tuple((c, f"&#{ord(c)};") for c in _SPECIAL)
# An underscore between two letters or digits cannot open or close emphasis: keep it
# readable (``cik_present_rate``) and write only the others as references.
_EDGE_UNDERSCORE = re.compile(r"(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])")
_HASH = "\ue000"
# Line breaks, tabs and control characters become spaces; bidi controls disappear.
_FLATTEN: dict[int, str | None] = {
    **dict.fromkeys([*range(0, 32), *range(127, 160), 8232, 8233], " "),
    **dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C]),
}
_KEEP_LAYOUT = {k: v for k, v in _FLATTEN.items() if k not in (0x09, 0x0A, 0x0D)}
_ENTITY = re.compile(r"&#\d+;")
_WWW = re.compile(r"(?i)(www)\.")
_LIST_START = re.compile(r"^(\d+)\.(?=\s|$)")


def one_line(text: str, *, max_len: int | None = None) -> str:
    """Collapse ``text`` to one plain line, cut to ``max_len`` characters (with …)."""
    cut = max_len is not None and len(text) > 4 * max_len + 64
    if cut and max_len is not None:
        text = text[: 4 * max_len + 64]  # usually enough to fill max_len after collapsing
    flat = " ".join(text.translate(_FLATTEN).split())
    if max_len is not None and (cut or len(flat) > max_len):
        flat = flat[: max(0, max_len - 1)].rstrip() + ELLIPSIS
    return flat


@lru_cache(maxsize=16_384)
def md_text(text: object, *, max_len: int | None = None) -> str:
    """``text`` as one line of inert literal text for GitHub markdown (tables included)."""
    escaped = one_line(str(text), max_len=max_len).replace(_HASH, "").replace("#", _HASH)
    for char, reference in _REFERENCES:
        if char in escaped:
            escaped = escaped.replace(char, reference)
    if "_" in escaped:
        escaped = _EDGE_UNDERSCORE.sub("&#95;", escaped)
    escaped = escaped.replace(_HASH, "&#35;" + ZWSP).replace("@", "@" + ZWSP)
    escaped = escaped.replace("://", f":{ZWSP}//")
    escaped = _WWW.sub(rf"\1{ZWSP}.", escaped) if "." in escaped else escaped
    # At the start of a line these would open a list, a heading underline or a rule.
    if escaped[:1] in ("-", "+", "="):
        escaped = f"&#{ord(escaped[0])};" + escaped[1:]
    return _LIST_START.sub(r"\1&#46;", escaped) if escaped[:1].isdigit() else escaped


def html_text(text: object, *, max_len: int | None = None) -> str:
    """``text`` escaped for an HTML element or attribute, whitespace kept (unless cut)."""
    value = str(text)
    if max_len is not None:
        value = one_line(value, max_len=max_len)
    return html.escape(value.translate(_KEEP_LAYOUT), quote=True)


def strip_references(text: str) -> str:
    """``text`` without numeric character references (what a reader sees of them: tests)."""
    return _ENTITY.sub("", text)


__all__ = ["ELLIPSIS", "ZWSP", "html_text", "md_text", "one_line", "strip_references"]
