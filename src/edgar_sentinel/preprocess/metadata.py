"""Filing metadata, each field read from the document itself (never guessed).

Sources, by field (first hit wins; ``field_sources`` records which one gave it):

============================  =========================================
field                         sources in order
============================  =========================================
cik                           SGML header, inline-XBRL ``dei:`` facts
accession_number              SGML header
form_type                     SGML header, ``<TYPE>`` envelope, dei, cover
company_name                  dei, SGML header, cover page
period_of_report              dei, SGML header, cover page
fiscal_year                   dei ``DocumentFiscalYearFocus``, else derived from the period
filed_at, sic_code            SGML header only
ticker                        dei ``TradingSymbol`` (the primary listing)
============================  =========================================

The SGML header gives the submission's own lines and the first FILER block (the
registrant) only. The cover page is the top of the visible text up to the check-mark
questions, "Documents incorporated by reference" or the first Part I / Item 1 heading
(at most ``COVER_CHARS`` characters): the form comes from its "FORM ..." statement
(``/A`` with an amendment number, ``10-KT`` for a transition report), the period from its
"For the fiscal year / quarterly period ended ..." or "transition period from ... to ..."
statement, and the name from the name-shaped line beside "(Exact name of registrant as
specified in its charter)". Placeholder trading symbols (``N/A``, ``None``) are no ticker.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import get_args

from edgar_sentinel.models import FieldSource, FilingWarning, MetadataField
from edgar_sentinel.preprocess.clean import clean_text
from edgar_sentinel.preprocess.sources import SourceDocument, normalise_form_type

METADATA_FIELDS: tuple[MetadataField, ...] = get_args(MetadataField)


@dataclass
class Metadata:
    values: dict[MetadataField, str | int | None] = field(default_factory=dict)
    sources: dict[MetadataField, FieldSource] = field(default_factory=dict)
    warnings: list[FilingWarning] = field(default_factory=list)

    def offer(self, name: MetadataField, value: str | int | None, source: FieldSource) -> None:
        """Set ``name`` unless a higher-priority source already did."""
        if value is None or value == "" or self.values.get(name) is not None:
            return
        self.values[name] = value
        self.sources[name] = source

    def get_str(self, name: MetadataField) -> str | None:
        value = self.values.get(name)
        return value if isinstance(value, str) else None


def extract_metadata(source: SourceDocument, *, cover: Callable[[], str]) -> Metadata:
    """Metadata of ``source``; ``cover`` returns the visible text of its first
    ``COVER_CHARS`` characters, taken from the parsed document (the markup is parsed
    once), and is called only when the inline-XBRL facts lack the name or the period."""
    meta = Metadata()
    header = parse_sgml_header(source.sgml_header) if source.sgml_header else {}
    dei = parse_dei_facts(source.content) if source.is_html else DeiFacts()
    needs_cover = not (dei.get("EntityRegistrantName") and dei.get("DocumentPeriodEndDate"))
    cover_fields: dict[str, str] = {}
    if needs_cover:
        cover_fields = parse_cover_page(cover())

    meta.offer("cik", _cik(header.get("CENTRAL INDEX KEY")), FieldSource.SGML_HEADER)
    meta.offer("cik", _cik(dei.get("EntityCentralIndexKey")), FieldSource.IXBRL_DEI)
    meta.offer(
        "accession_number", _accession(header.get("ACCESSION NUMBER")), FieldSource.SGML_HEADER
    )

    header_form = header.get("CONFORMED SUBMISSION TYPE") or header.get("FORM TYPE")
    meta.offer("form_type", _form(header_form), FieldSource.SGML_HEADER)
    meta.offer("form_type", _form(source.document_type), FieldSource.SGML_HEADER)
    meta.offer("form_type", _form(dei.get("DocumentType")), FieldSource.IXBRL_DEI)
    meta.offer("form_type", _form(cover_fields.get("form_type")), FieldSource.COVER_PAGE)

    meta.offer("company_name", _name(dei.get("EntityRegistrantName")), FieldSource.IXBRL_DEI)
    meta.offer("company_name", _name(header.get("COMPANY CONFORMED NAME")), FieldSource.SGML_HEADER)
    meta.offer("company_name", _name(cover_fields.get("company_name")), FieldSource.COVER_PAGE)

    meta.offer(
        "period_of_report", parse_date(dei.get("DocumentPeriodEndDate")), FieldSource.IXBRL_DEI
    )
    meta.offer(
        "period_of_report",
        parse_date(header.get("CONFORMED PERIOD OF REPORT")),
        FieldSource.SGML_HEADER,
    )
    meta.offer("period_of_report", parse_date(cover_fields.get("period")), FieldSource.COVER_PAGE)

    meta.offer("fiscal_year", _year(dei.get("DocumentFiscalYearFocus")), FieldSource.IXBRL_DEI)
    period = meta.get_str("period_of_report")
    meta.offer("fiscal_year", int(period[:4]) if period else None, FieldSource.DERIVED)

    meta.offer("filed_at", parse_date(header.get("FILED AS OF DATE")), FieldSource.SGML_HEADER)
    meta.offer(
        "sic_code", _sic(header.get("STANDARD INDUSTRIAL CLASSIFICATION")), FieldSource.SGML_HEADER
    )
    meta.offer("ticker", _ticker(dei.get_all("TradingSymbol")), FieldSource.IXBRL_DEI)

    for name in METADATA_FIELDS:
        if meta.values.get(name) is None:
            meta.values[name] = None
            meta.warnings.append(
                FilingWarning(
                    code="missing_field",
                    field=name,
                    message=f"{name} is not stated in the document; left null",
                )
            )
    return meta


# --- SGML header ---------------------------------------------------------------------

_HEADER_LINE = re.compile(r"^[ \t]*([A-Z][A-Z0-9 \-]*?):[ \t]*(.*?)\s*$", re.MULTILINE)
# Lines opening one party's block; the submission's own lines come before the first.
_PARTY_BLOCK = re.compile(
    r"^[ \t]*(FILER|SUBJECT COMPANY|FILED BY|REPORTING-OWNER|ISSUER)[ \t]*:\s*$", re.MULTILINE
)


def parse_sgml_header(header: str) -> dict[str, str]:
    """``KEY: value`` lines of an EDGAR header: the submission's own lines (accession
    number, form, period, filing date) and those of the first FILER block, the
    registrant. Other parties' blocks (co-registrants) are ignored, so a field the
    registrant's block lacks stays missing instead of being taken from another filer."""
    blocks = list(_PARTY_BLOCK.finditer(header))
    parts = [header[: blocks[0].start()] if blocks else header]
    for k, block in enumerate(blocks):
        if block.group(1) == "FILER":
            end = blocks[k + 1].start() if k + 1 < len(blocks) else len(header)
            parts.append(header[block.end() : end])
            break
    values: dict[str, str] = {}
    for part in parts:
        for match in _HEADER_LINE.finditer(part):
            key, value = match.group(1).strip(), match.group(2).strip()
            if value and key not in values:
                values[key] = value
    return values


# --- inline XBRL dei facts -------------------------------------------------------------

_DEI_OPEN = re.compile(
    r"<ix:nonNumeric\b[^>]*?\bname\s*=\s*[\"']dei:(?P<name>\w+)[\"'][^>]*>", re.IGNORECASE
)
_NON_NUMERIC_TAG = re.compile(r"<(/?)ix:nonNumeric\b[^>]*>", re.IGNORECASE)
_TAGS = re.compile(r"<[^>]*>")


class DeiFacts(dict[str, str]):
    """First value per dei concept, plus every value in document order."""

    def __init__(self) -> None:
        super().__init__()
        self._all: dict[str, list[str]] = {}

    def add(self, name: str, value: str) -> None:
        self._all.setdefault(name, []).append(value)
        if value and name not in self:
            self[name] = value

    def get_all(self, name: str) -> list[str]:
        return self._all.get(name, [])


def parse_dei_facts(content: str) -> DeiFacts:
    facts = DeiFacts()
    # Find each "dei:" with a plain text search (a case-insensitive pattern scan of a
    # whole 4 MB document is slow), then read the tag around it.
    last_tag = -1
    position = content.find("dei:")
    while position >= 0:
        tag_start = content.rfind("<", 0, position)
        match = _DEI_OPEN.match(content, tag_start) if tag_start > last_tag else None
        if match is not None and match.start("name") == position + 4:
            last_tag = tag_start
            body = _element_body(content, match.end())
            if body is not None:
                facts.add(match.group("name"), clean_value(body))
        position = content.find("dei:", position + 4)
    return facts


def _element_body(content: str, start: int) -> str | None:
    """Inner markup of an ``ix:nonNumeric`` whose opening tag ends at ``start``;
    facts nest (a period-end date holding a fiscal-year-end fact), so count depth."""
    depth = 1
    for tag in _NON_NUMERIC_TAG.finditer(content, start):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return content[start : tag.start()]
    return None


def clean_value(markup: str) -> str:
    """Visible text of a small markup fragment, cleaned like every other text."""
    return clean_text(_TAGS.sub("", markup))


# --- cover page --------------------------------------------------------------------------

# The cover ends where the check-mark questions, the incorporated documents or the body
# begin; past it, "Annual Report on Form 10-K for the year ended ..." is a body sentence.
_COVER_END = re.compile(
    r"indicate\s+by\s+check\s+mark|check\s+whether\s+the\s+(?:issuer|registrant)"
    r"|documents\s+incorporated\s+by\s+reference|^[ \t]*(?:part\s+i|item\s+1)\b",
    re.IGNORECASE | re.MULTILINE,
)
_FORM_TYPE = r"FORM\s+(\d{1,2})-?([A-Z]{1,3}(?:405)?)(\s*/\s*A)?(?![\w-])"
# The form statement: a line that starts with "FORM <type>" (after a rule, in text
# filings), not "... on Form 10-K" inside a sentence.
_COVER_FORM = re.compile(r"^[ \t\-=_*]*" + _FORM_TYPE, re.IGNORECASE | re.MULTILINE)
# A form statement inside a line (a cover table row joined into one line, "ANNUAL REPORT
# ON FORM 10-K"), when no line starts with one; not "this Form 10-K" or "any Form 10-K".
_COVER_FORM_INLINE = re.compile(
    r"(?<![Tt][Hh][Ii][Ss]\s)(?<![Aa][Nn][Yy]\s)(?<![Oo][Uu][Rr]\s)\b" + _FORM_TYPE,
    re.IGNORECASE,
)
_AMENDMENT = re.compile(r"\bAmendment\s+No\.?\s*\d+|\(\s*Amendment\s*\)", re.IGNORECASE)
_DATE = (
    r"(?:[A-Za-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?\s*,?\s*\d{4}"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]{3,9}\.?\s*,?\s*\d{4}"
    r"|\d{1,2}/\d{1,2}/\d{2,4}|\d{4}-\d{2}-\d{2})(?!\d)"
)
_COVER_PERIOD = re.compile(
    r"for\s+the\s+(?:fiscal\s+year|year|quarterly\s+period|(?:fiscal\s+)?quarter)"
    rf"\s+ended\s*:?\s*({_DATE})",
    re.IGNORECASE,
)
_TRANSITION_PERIOD = re.compile(
    rf"for\s+the\s+transition\s+period\s+from\s*:?\s*{_DATE}\s*(?:to|through|-)\s*({_DATE})",
    re.IGNORECASE,
)
_TRANSITION_CHECKED = re.compile(
    r"(?:[☒☑■þý]|\[\s*x\s*\]|\(\s*x\s*\)|/\s*x\s*/|\|\s*x\s*\|)\s*transition\s+report",
    re.IGNORECASE,
)
_NAME_LABEL = re.compile(
    r"\(?\s*(?:exact\s+name\s+of\s+(?:the\s+)?(?:registrant|(?:small\s+business\s+)?issuer)"
    r"|name\s+of\s+(?:the\s+)?(?:registrant|(?:small\s+business\s+)?issuer)\s+"
    r"(?:as\s+specified\s+)?in\s+its\s+charter)",
    re.IGNORECASE,
)
# Lines beside the name label that are neither the name nor a reason to stop looking.
_FILLER = re.compile(r"^[\W_\d]*$|commission\s+file|\bfile\s+n(?:o\b|umber)", re.IGNORECASE)
# Cover boilerplate that stands where a name could: never a company name.
_NOT_A_NAME = re.compile(
    r"^(?:for\s+the\b|form\s+\d|mark\s+one|or$|united\s+states$|washington,?\s+d\.?\s*c\b"
    r"|(?:annual|quarterly|transition)\s+report|\d[\d-]*-\d|[☐☒☑■□þý¨\[/])"
    r"|report\s+pursuant|securities\s+exchange\s+act|securities\s+and\s+exchange\s+commission"
    r"|transition\s+period|(?:year|period|quarter)\s+ended|commission\s+file|\bfile\s+n(?:o\b|umber)"
    r"|jurisdiction|incorporat(?:ion|ed)\s+in\b|\bI\.?R\.?S\.?\b|\b\d{2}-\d{7}\b",
    re.IGNORECASE,
)
COVER_CHARS = 10_000
"""How much visible text from the top of the document is read for the cover page; the
cover itself ends earlier, at the first boundary ``cover_page`` knows."""


def cover_page(text: str) -> str:
    """The cover page at the top of ``text``: up to the check-mark questions, the
    documents incorporated by reference or the first Part I / Item 1 heading after the
    form statement (a page header or a contents list may stand above the cover)."""
    head = text[:COVER_CHARS]
    form = _COVER_FORM.search(head)
    end = _COVER_END.search(head, form.start() if form else 0)
    return head[: end.start()] if end else head


def parse_cover_page(text: str) -> dict[str, str]:
    """Form, period and registrant name as the cover page at the top of ``text`` states
    them; a value the cover does not state is absent."""
    cover = cover_page(text)
    found: dict[str, str] = {}
    transition = _TRANSITION_PERIOD.search(cover)
    if form := _cover_form(cover):
        base, amended = form.removesuffix("/A"), form.endswith("/A")
        if base in ("10-K", "10-Q") and (transition or _TRANSITION_CHECKED.search(cover)):
            base += "T"
        found["form_type"] = base + ("/A" if amended else "")
    if transition:
        found["period"] = transition.group(1)
    elif m := _COVER_PERIOD.search(cover):
        found["period"] = m.group(1)
    if name := _cover_name(cover.splitlines()):
        found["company_name"] = name
    return found


def _cover_form(cover: str) -> str | None:
    """``10-K``, ``10-Q``, ``20-F``, ... from the first form statement, ``/A`` added when
    an amendment number stands beside it."""
    m = _COVER_FORM.search(cover) or _COVER_FORM_INLINE.search(cover)
    if m is None:
        return None
    form = f"{m.group(1)}-{m.group(2).upper()}"
    # the two lines above the statement, its own line and the two below it
    line_start = cover.rfind("\n", 0, m.start()) + 1
    around = cover[:line_start].split("\n")[-3:] + cover[line_start:].split("\n", 3)[:3]
    if m.group(3) or _AMENDMENT.search("\n".join(around)):
        form += "/A"
    return form


def _cover_name(lines: list[str]) -> str | None:
    """The registrant name beside its "(Exact name of registrant ...)" label: the text
    before the label on its line, else the nearest line above, else the nearest line
    below (skipping file numbers and rules); only a name-shaped line counts."""
    for i, line in enumerate(lines):
        label = _NAME_LABEL.search(line)
        if label is None:
            continue
        before = _name_shaped(line[: label.start()], None)
        if before:
            return before
        above = _nearest(lines, range(i - 1, max(i - 4, -1), -1))
        if above is not None and (name := _name_shaped(lines[above], None)):
            return name
        below = _nearest(lines, range(i + 1, min(i + 4, len(lines))))
        if below is not None:
            after = lines[below + 1] if below + 1 < len(lines) else None
            return _name_shaped(lines[below], after)
        return None
    return None


def _nearest(lines: list[str], indexes: range) -> int | None:
    for j in indexes:
        if not _FILLER.search(lines[j]):
            return j
    return None


def _name_shaped(text: str, next_line: str | None) -> str | None:
    """``text`` as a company name, or None when it is cover boilerplate, a rule, a
    checkbox, a long line or the jurisdiction (the line above "(State or other ...)")."""
    candidate = re.sub(r"\s+", " ", text).strip(" \t-_=*|:;,(")
    if (
        len(candidate) > 120
        or sum(c.isalpha() for c in candidate) < 2
        or _NOT_A_NAME.search(candidate)
        or (next_line is not None and re.match(r"\s*\(?\s*state\b", next_line, re.IGNORECASE))
    ):
        return None
    return candidate


# --- value normalisation -------------------------------------------------------------------

_DATE_FORMATS = (
    "%Y%m%d",
    "%Y-%m-%d",
    "%B %d %Y",
    "%b %d %Y",
    "%d %B %Y",
    "%d %b %Y",
    "%m/%d/%Y",
    "%m/%d/%y",
)


def parse_date(value: str | None) -> str | None:
    """Dates as written in headers, dei facts and cover pages -> ``YYYY-MM-DD``."""
    if not value:
        return None
    text = re.sub(r"[,\s]+", " ", value.replace(".", " ")).strip()
    text = re.sub(r"\bSept\b", "Sep", text, flags=re.IGNORECASE)
    text = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text)
    for fmt in _DATE_FORMATS:
        try:
            parsed: date = datetime.strptime(text, fmt).date()
        except ValueError:
            continue
        return parsed.isoformat()
    return None


def _cik(value: str | None) -> str | None:
    if not value:
        return None
    digits = value.strip()
    return digits.zfill(10) if digits.isdigit() and len(digits) <= 10 else None


def _accession(value: str | None) -> str | None:
    if value and re.fullmatch(r"\d{10}-\d{2}-\d{6}", value.strip()):
        return value.strip()
    return None


def _form(value: str | None) -> str | None:
    return normalise_form_type(value) if value and value.strip() else None


def _name(value: str | None) -> str | None:
    """Collapsed whitespace, without EDGAR's state suffix (``WELLS FARGO & COMPANY/MN``)."""
    if not value or not value.strip():
        return None
    return re.sub(r"\s*/[A-Z]{2,3}/?$", "", re.sub(r"\s+", " ", value).strip()) or None


def _year(value: str | None) -> int | None:
    return int(value) if value and re.fullmatch(r"\d{4}", value.strip()) else None


def _sic(value: str | None) -> str | None:
    """``BLANK CHECKS [6770]`` or a bare ``3600``."""
    if not value:
        return None
    m = re.search(r"\[(\d{4})\]", value) or re.fullmatch(r"\s*(\d{4})\s*", value)
    return m.group(1) if m else None


_TICKER = re.compile(r"^[A-Z]{1,5}(?:[.\-][A-Z]{1,2})?$")
# What unlisted registrants tag as their trading symbol.
_NO_SYMBOL = {"N/A", "NA", "N.A.", "NONE", "NULL", "NIL", "NOT APPLICABLE", "-", "\u2013", "\u2014"}


def _ticker(symbols: list[str]) -> str | None:
    """The primary listing: the first symbol shaped like a stock ticker (notes such as
    ``ABBV27`` and placeholders such as ``N/A`` or ``None`` are not tickers). The dei
    ``NoTradingSymbolFlag`` is not read: it marks one class of securities (notes without
    a symbol), not the registrant."""
    for symbol in (s.strip().upper() for s in symbols):
        if symbol not in _NO_SYMBOL and _TICKER.match(symbol):
            return symbol
    return None


__all__ = [
    "METADATA_FIELDS",
    "Metadata",
    "extract_metadata",
    "parse_date",
    "parse_sgml_header",
]
