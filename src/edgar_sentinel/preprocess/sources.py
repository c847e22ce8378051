"""Reading one input file into a decoded filing document.

Handles gzip, encoding detection (UTF-8, then Windows-1252), EDGAR full-submission
``.txt`` files (SGML ``<SEC-HEADER>`` plus ``<DOCUMENT>`` parts: the 10-K part is
taken), SGML-wrapped HTML, primary HTML / inline XBRL and plain-text filings.
Inputs that cannot be a filing raise ``InputRejectedError`` with a stable reason code.
"""

from __future__ import annotations

import gzip
import hashlib
import html
import io
import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from edgar_sentinel.errors import InputRejectedError
from edgar_sentinel.models import DeadLetterReason, SourceFormat, is_10k_form


@dataclass(frozen=True)
class SourceDocument:
    """A decoded filing document, ready for parsing."""

    path: Path
    sha256: str
    size_bytes: int
    source_format: SourceFormat
    content: str
    """The 10-K document itself: HTML markup, or plain text when ``is_html`` is false."""
    is_html: bool
    encoding: str
    sgml_header: str | None = None
    """The raw ``<SEC-HEADER>`` / ``<IMS-HEADER>`` text of a full submission, if any."""
    document_type: str | None = None
    """The ``<TYPE>`` of the chosen ``<DOCUMENT>``, or of the HTML wrapper, if stated."""
    warnings: list[tuple[str, str]] = field(default_factory=list)
    """(code, message) pairs noticed while reading, e.g. ('decoded_cp1252', ...)."""


# --- reading -------------------------------------------------------------------------

MAX_DECOMPRESSED_BYTES = 512 * 1024 * 1024
_SNIFF_BYTES = 64 * 1024
_HEAD_CHARS = 300_000
_CONTROL_BYTES = bytes(range(9)) + bytes(range(14, 32))

_PEM_START = "-----BEGIN PRIVACY-ENHANCED MESSAGE-----"
_HEADER_OPEN = re.compile(r"<(SEC|IMS)-HEADER>", re.IGNORECASE)
_HEADER_CLOSE = re.compile(r"</(SEC|IMS)-HEADER>", re.IGNORECASE)
_DOC_OPEN = re.compile(r"<DOCUMENT>", re.IGNORECASE)
_DOC_CLOSE = re.compile(r"</DOCUMENT>", re.IGNORECASE)
_DOC_TYPE = re.compile(r"<TYPE>[ \t]*([^\s<]+)", re.IGNORECASE)
_TEXT_OPEN = re.compile(r"<TEXT>", re.IGNORECASE)
_TEXT_CLOSE = re.compile(r"</TEXT>", re.IGNORECASE)
# SGML text filings of the 1990s use <TABLE>, <PAGE>, <S> and <C>: not evidence of HTML.
_HTML_MARKERS = re.compile(r"<(?:html|body|div|font|br|p|span)[\s>/]", re.IGNORECASE)
_XBRL_ROOT = re.compile(r"<(?:\w+:)?xbrl[\s>]")
_NOT_XBRL_ROOT = re.compile(r"<(?:html|document|sec-|ims-)", re.IGNORECASE)
_TAG = re.compile(r"<[^>]{0,2000}>")
_FILING_EVIDENCE = re.compile(
    r"securities\s+and\s+exchange\s+commission|form\s+10-?k|annual\s+report\s+pursuant"
    r"|\bitem\s+1a?\b|dei:DocumentType",
    re.IGNORECASE,
)


def load_source(path: Path) -> SourceDocument:
    """Read ``path`` and return its 10-K document, or raise ``InputRejectedError``."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputRejectedError(
            DeadLetterReason.UNREADABLE,
            f"cannot read the file: {exc.strerror or exc}; check that it exists and is readable",
        ) from exc
    sha256 = hashlib.sha256(raw).hexdigest()
    size = len(raw)
    try:
        data = _decompress(raw) if raw[:2] == b"\x1f\x8b" else raw
        _reject_non_text(data)
        text, encoding = decode_bytes(data)
        warnings: list[tuple[str, str]] = []
        if encoding != "utf-8":
            warnings.append(
                ("decoded_" + encoding, f"the file is not UTF-8; decoded as {encoding}")
            )
        return _split_document(
            text, path=path, sha256=sha256, size=size, encoding=encoding, warnings=warnings
        )
    except InputRejectedError as exc:
        exc.sha256, exc.size_bytes = sha256, size  # the dead letter need not read it again
        raise


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode as UTF-8 (with or without BOM), else Windows-1252, else Latin-1."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; Latin-1 maps every byte.
        return data.decode("latin-1"), "latin-1"


def normalise_form_type(form_type: str) -> str:
    """``10KSB`` -> ``10-KSB``; ``10-k405`` -> ``10-K405``."""
    value = re.sub(r"\s+", "", form_type).upper()
    return re.sub(r"^10K", "10-K", value)


def _decompress(raw: bytes) -> bytes:
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(raw)) as fh:
            data = fh.read(MAX_DECOMPRESSED_BYTES + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise InputRejectedError(
            DeadLetterReason.CORRUPT_GZIP,
            f"the gzip stream is damaged or cut short ({exc}); download the filing again",
        ) from exc
    if len(data) > MAX_DECOMPRESSED_BYTES:
        raise InputRejectedError(
            DeadLetterReason.UNREADABLE,
            f"the file decompresses to more than {MAX_DECOMPRESSED_BYTES // 2**20} MiB;"
            " no 10-K filing is that large: check what this file is",
        )
    return data


def _reject_non_text(data: bytes) -> None:
    if not data or data.isspace():
        raise InputRejectedError(
            DeadLetterReason.EMPTY_FILE, "the file is empty; download the filing again"
        )
    head = data[:_SNIFF_BYTES]
    if head.startswith(b"%PDF-"):
        raise InputRejectedError(
            DeadLetterReason.PDF_DOCUMENT,
            "this is a PDF, not an EDGAR filing document; use the filing's .htm or .txt",
        )
    if head.startswith((b"PK\x03\x04", b"\x89PNG", b"\xff\xd8\xff", b"GIF8")):
        raise InputRejectedError(
            DeadLetterReason.BINARY_DATA,
            "this is a binary file (archive or image), not a text or HTML filing",
        )
    control = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if b"\x00" in head or control > len(head) * 0.01:
        raise InputRejectedError(
            DeadLetterReason.BINARY_DATA,
            "the file holds binary data, not a text or HTML filing; check what it is",
        )


def _split_document(
    text: str,
    *,
    path: Path,
    sha256: str,
    size: int,
    encoding: str,
    warnings: list[tuple[str, str]],
) -> SourceDocument:
    head = text[:_HEAD_CHARS]
    start = head[:4096]
    if _XBRL_ROOT.search(start) and not _NOT_XBRL_ROOT.search(start):
        raise InputRejectedError(
            DeadLetterReason.NOT_A_FILING,
            "this is an XBRL instance document (financial data only), not a 10-K filing"
            " document; process the filing's primary .htm or full .txt submission instead",
        )
    header: str | None = None
    body = text
    opened = (
        _HEADER_OPEN.search(head)
        if head.lstrip()[:64].upper().startswith(("<SEC-", "<IMS-", _PEM_START))
        else None
    )
    if opened:
        closed = _HEADER_CLOSE.search(text, opened.end())
        if closed is None:
            raise InputRejectedError(
                DeadLetterReason.MALFORMED_HEADER,
                "the SGML submission header never closes (no </SEC-HEADER>); the file is"
                " damaged or incomplete: download the full submission again",
            )
        header = text[opened.end() : closed.start()]
        body = text[closed.end() :]
    document_type: str | None = None
    content = body
    truncated = False
    # Without a submission header, an SGML envelope can only wrap the file from its top.
    documents = _documents(body, whole=header is not None)
    if documents:
        chosen, document_type = _choose_document(documents)
        content, closed_text = _text_part(chosen)
        truncated = not closed_text
    elif header is not None:
        raise InputRejectedError(
            DeadLetterReason.MALFORMED_HEADER,
            "the submission has an SGML header but no <DOCUMENT>; the file is incomplete",
        )
    is_html = bool(_HTML_MARKERS.search(content[:_HEAD_CHARS]))
    inline_xbrl = _is_inline_xbrl(content)
    if header is not None or documents:
        fmt = SourceFormat.SGML_HTML if is_html else SourceFormat.SGML_TEXT
    elif is_html:
        fmt = SourceFormat.IXBRL if inline_xbrl else SourceFormat.HTML
    else:
        fmt = SourceFormat.TEXT
    if (
        header is None
        and not inline_xbrl
        and not _FILING_EVIDENCE.search(content)
        and not _FILING_EVIDENCE.search(_visible_head(content, is_html=is_html))
    ):
        raise InputRejectedError(
            DeadLetterReason.NOT_A_FILING,
            "no sign of an SEC filing (no cover page, no 'Form 10-K', no items); check"
            " that this is an EDGAR filing document",
        )
    if not documents and is_html and "<html" in content[:_SNIFF_BYTES].lower():
        truncated = "</html>" not in content[-4096:].lower()
    if truncated:
        warnings.append(
            (
                "truncated",
                "the document ends before its closing tag: it was cut short, so Item 1A"
                " and the sections after it may be incomplete",
            )
        )
    return SourceDocument(
        path=path,
        sha256=sha256,
        size_bytes=size,
        source_format=fmt,
        content=content,
        is_html=is_html,
        encoding=encoding,
        sgml_header=header,
        document_type=document_type,
        warnings=warnings,
    )


def _documents(body: str, *, whole: bool) -> list[str]:
    """The ``<DOCUMENT>`` parts of a submission (linear scans, no backtracking)."""
    first = _DOC_OPEN.search(body, 0, len(body) if whole else _SNIFF_BYTES)
    if first is None:
        return []
    parts: list[str] = []
    opened: re.Match[str] | None = first
    while opened is not None:
        closed = _DOC_CLOSE.search(body, opened.end())
        end = closed.start() if closed else len(body)
        parts.append(body[opened.end() : end])
        opened = _DOC_OPEN.search(body, closed.end()) if closed else None
    return parts


def _text_part(document: str) -> tuple[str, bool]:
    """The ``<TEXT>`` of a document part and whether it was closed (else: truncated)."""
    opened = _TEXT_OPEN.search(document, 0, 4096)
    if opened is None:
        return document, True
    closed = _TEXT_CLOSE.search(document, opened.end())
    return document[opened.end() : closed.start() if closed else None], closed is not None


def _choose_document(documents: list[str]) -> tuple[str, str | None]:
    """The first 10-K-family document of a submission, else the first; with its type."""
    types = [_document_type(document) for document in documents]
    for document, form in zip(documents, types, strict=True):
        if form and is_10k_form(form):
            return document, form
    return documents[0], types[0]


def _document_type(document: str) -> str | None:
    type_match = _DOC_TYPE.search(document[:500])
    return type_match.group(1).strip() if type_match else None


def _is_inline_xbrl(content: str) -> bool:
    head = content[:_HEAD_CHARS].lower()
    return "xmlns:ix=" in head or "<ix:header" in head


def _visible_head(content: str, *, is_html: bool) -> str:
    head = content[:_HEAD_CHARS]
    return html.unescape(_TAG.sub(" ", head)) if is_html else head
