"""The self-contained HTML page every HTML report uses: inline CSS, no scripts, no assets."""

from __future__ import annotations

from collections.abc import Sequence

from edgar_sentinel.report.escaping import html_text
from edgar_sentinel.report.limits import Cuts, Detail, note_cut_excerpts

_CSS = """
:root { color-scheme: light dark; --fg: #1f2328; --bg: #ffffff; --muted: #59636e;
  --line: #d1d9e0; --pass: #1a7f37; --warn: #9a6700; --fail: #d1242f; --head: #f6f8fa; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --bg: #0d1117; --muted: #9198a1;
  --line: #3d444d; --pass: #3fb950; --warn: #d29922; --fail: #f85149; --head: #151b23; } }
body { font: 15px/1.5 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: var(--fg);
  background: var(--bg); max-width: 1200px; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .25rem; } h2 { font-size: 1.2rem; margin-top: 2rem;
  border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .9rem; }
th, td { border: 1px solid var(--line); padding: .3rem .5rem; text-align: left;
  vertical-align: top; overflow-wrap: anywhere; }
th { background: var(--head); } td.num { text-align: right; white-space: nowrap; }
.muted, .id { color: var(--muted); font-size: .85rem; }
.s-PASS, .s-none, .s-matched { color: var(--pass); font-weight: 600; }
.s-WARN, .s-warn, .s-unconfirmed { color: var(--warn); font-weight: 600; }
.s-FAIL, .s-ERROR, .s-critical, .s-new { color: var(--fail); font-weight: 600; }
details { border: 1px solid var(--line); border-radius: 6px; padding: .4rem .8rem;
  margin: .5rem 0; } summary { cursor: pointer; }
.note { border-left: 4px solid var(--warn); padding: .4rem .8rem; background: var(--head); }
code { font-size: .85rem; } .excerpt { white-space: pre-wrap; }
"""


def page(title: str, sections: Sequence[str], *, cuts: Cuts | None = None) -> str:
    """A whole HTML document; ``title`` is plain text, ``sections`` are escaped HTML."""
    note = ""
    if cuts:
        note = (
            '<p class="note">Shortened to fit a size limit: '
            + html_text("; ".join(cuts.items))
            + ". The JSON report has everything.</p>\n"
        )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:\">\n"
        f"<title>{html_text(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        + note
        + "\n".join(s for s in sections if s)
        + "\n</body>\n</html>\n"
    )


def html_table(
    header: Sequence[str], rows: Sequence[Sequence[str]], *, numeric: Sequence[int] = ()
) -> str:
    """A table; header and cells must already be escaped HTML."""
    head = "".join(f"<th>{h}</th>" for h in header) if any(header) else ""
    body = []
    for row in rows:
        cells = "".join(
            f'<td class="num">{c}</td>' if i in numeric else f"<td>{c}</td>"
            for i, c in enumerate(row)
        )
        body.append(f"<tr>{cells}</tr>")
    thead = f"<thead><tr>{head}</tr></thead>\n" if head else ""
    return f"<table>\n{thead}<tbody>\n" + "\n".join(body) + "\n</tbody>\n</table>"


def status_span(status: str, text: str | None = None) -> str:
    """A status word coloured by its CSS class (``status`` is a fixed enum value)."""
    label = html_text(text if text is not None else status)
    return f'<span class="s-{html_text(status)}">{label}</span>'


def excerpt_span(text: str, detail: Detail, cuts: Cuts) -> str:
    """A filing excerpt, escaped and cut to the detail level's length (noted in ``cuts``)."""
    note_cut_excerpts([text], detail, cuts)
    return f'<span class="excerpt">{html_text(text, max_len=detail.excerpt_chars)}</span>'


__all__ = ["excerpt_span", "html_table", "page", "status_span"]
