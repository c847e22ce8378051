"""Short one-line excerpts of filing text, for report samples and drift evidence."""

from __future__ import annotations

__all__ = ["excerpt"]


def excerpt(text: str, position: int = 0, *, width: int, lead: float = 0.25) -> str:
    """About ``width`` characters of ``text`` around ``position`` (``lead`` of them before
    it), whitespace folded to single spaces, with "…" where the text goes on."""
    start = max(0, position - int(width * lead))
    piece = " ".join(text[start : start + width].split())
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + width < len(text) else ""
    return f"{prefix}{piece}{suffix}"
