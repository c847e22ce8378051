"""Small markdown building blocks shared by the markdown renderers."""

from __future__ import annotations

from collections.abc import Sequence

from edgar_sentinel.report.limits import Cuts

_ALIGN = {"-": "---", "r": "--:", "c": ":-:", "l": ":--"}


def table(header: Sequence[str], rows: Sequence[Sequence[str]], *, align: str = "") -> str:
    """A GitHub table; cells must already be escaped (``md_text``) and one line each."""
    spec = align.ljust(len(header), "-")
    lines = [
        "| " + " | ".join(header) + " |",
        "|" + "|".join(_ALIGN[a] for a in spec[: len(header)]) + "|",
    ]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def cut_note(cuts: Cuts) -> str:
    """The visible note saying what a shortened rendering left out."""
    return (
        "> [!NOTE]\n> Shortened to fit GitHub's size limit: "
        + "; ".join(cuts.items)
        + ". The JSON and HTML reports have everything."
    )


__all__ = ["cut_note", "table"]
