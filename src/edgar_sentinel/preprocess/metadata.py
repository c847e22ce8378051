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


COVER_CHARS = 60_000
"""How much visible text from the top of the document counts as the cover page."""


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

_HEADER_LINE = re.compile(r"^\s*([A-Z][A-Z0-9 \-]*?):\s*(.*?)\s*$", re.MULTILINE)


def parse_sgml_header(header: str) -> dict[str, str]:
    """``KEY: value`` lines of an EDGAR header; the first occurrence of a key wins
    (the first FILER block is the registrant)."""
    values: dict[str, str] = {}
    for match in _HEADER_LINE.finditer(header):
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

_COVER_FORM = re.compile(r"\bFORM\s+(10-?K(?:SB|T|405)?(?:/A)?)\b", re.IGNORECASE)
_COVER_PERIOD = re.compile(
    r"for\s+the\s+(?:fiscal\s+)?year\s+ended\s*:?\s*([A-Za-z]+\.?\s+\d{1,2}\s*,?\s*\d{4})",
    re.IGNORECASE,
)
_EXACT_NAME = re.compile(r"\(?\s*exact\s+name\s+of\s+(?:the\s+)?registrant", re.IGNORECASE)


def parse_cover_page(text: str) -> dict[str, str]:
    found: dict[str, str] = {}
    if m := _COVER_FORM.search(text):
        found["form_type"] = m.group(1)
    if m := _COVER_PERIOD.search(text):
        found["period"] = m.group(1)
    lines = text.splitlines()
    for i, line in enumerate(lines):
        m = _EXACT_NAME.search(line)
        if not m:
            continue
        before = line[: m.start()].strip(" (")
        candidates = [before] if before else []
        candidates += [lines[j].strip() for j in range(i - 1, max(i - 4, -1), -1)]
        for candidate in candidates:
            if candidate and not re.search(
                r"commission\s+file|file\s+n(?:o|umber)|^\d[\d\- ]*$", candidate, re.IGNORECASE
            ):
                found["company_name"] = candidate
                break
        break
    return found


# --- value normalisation -------------------------------------------------------------------

_DATE_FORMATS = ("%Y%m%d", "%Y-%m-%d", "%B %d %Y", "%b %d %Y", "%d %B %Y", "%m/%d/%Y", "%m/%d/%y")


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


def _ticker(symbols: list[str]) -> str | None:
    """The primary listing: the first symbol shaped like a stock ticker (notes such as
    ``ABBV31`` are skipped), else the first symbol given."""
    present = [s.strip().upper() for s in symbols if s.strip()]
    for symbol in present:
        if _TICKER.match(symbol):
            return symbol
    return present[0] if present else None


__all__ = [
    "METADATA_FIELDS",
    "Metadata",
    "extract_metadata",
    "parse_date",
    "parse_sgml_header",
]
