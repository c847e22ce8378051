"""Risk-factor segments of preprocessing runs, grouped by period and tokenised.

Tokenisation: lower case, curly apostrophes straightened, tokens are runs of letters and
digits that start with a letter and may contain inner hyphens (``covid-19``,
``cyber-attacks``); a trailing possessive ``'s`` is dropped. Tokens shorter than
``min_token_length`` and stop words are removed. Stop words are the union of the shipped
general English list (``data/stopwords_english.txt``), the risk-factor boilerplate list
(``data/stopwords_risk.txt``), ``risk_analysis.extra_stopwords`` and, when
``risk_analysis.company_stopwords`` is on, the words of every record's ``company_name``.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from edgar_sentinel.drift.config import RiskAnalysisSettings
from edgar_sentinel.errors import UsageError
from edgar_sentinel.models import FilingRecord
from edgar_sentinel.runs import iter_filings

_TOKEN = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
_STOPWORD_FILES = ("stopwords_english.txt", "stopwords_risk.txt")

PeriodOf = Callable[[FilingRecord], str | None]


@dataclass(frozen=True)
class Document:
    """One risk segment: where it came from, its text and its training tokens."""

    file: str
    company: str | None
    cik: str | None
    fiscal_year: int | None
    segment_index: int
    text: str
    tokens: tuple[str, ...]


@dataclass(frozen=True)
class Tokenizer:
    stopwords: frozenset[str]
    min_length: int = 2

    def words(self, text: str) -> list[str | None]:
        """Every word of ``text`` in order, ``None`` where a stop word was (keeps adjacency)."""
        out: list[str | None] = []
        for match in _TOKEN.finditer(text.lower().replace("\u2019", "'")):
            word = match.group(0)
            keep = len(word) >= self.min_length and word not in self.stopwords
            out.append(word if keep else None)
        return out

    def tokens(self, text: str) -> list[str]:
        return [w for w in self.words(text) if w is not None]


def shipped_stopwords() -> frozenset[str]:
    words: set[str] = set()
    for name in _STOPWORD_FILES:
        text = resources.files("edgar_sentinel").joinpath("data", name).read_text("utf-8")
        words.update(_read_list(text))
    return frozenset(words)


def _read_list(text: str) -> Iterable[str]:
    for line in text.splitlines():
        word = line.strip().lower()
        if word and not word.startswith("#"):
            yield word


def company_words(names: Iterable[str | None]) -> set[str]:
    words: set[str] = set()
    for name in names:
        if name:
            words.update(m.group(0) for m in _TOKEN.finditer(name.lower()))
    return words


def build_tokenizer(
    *, settings: RiskAnalysisSettings, company_names: Iterable[str | None] = ()
) -> Tokenizer:
    stop = set(shipped_stopwords()) | {w.lower() for w in settings.extra_stopwords}
    if settings.company_stopwords:
        stop |= company_words(company_names)
    return Tokenizer(stopwords=frozenset(stop), min_length=settings.min_token_length)


def by_fiscal_year(record: FilingRecord) -> str | None:
    return None if record.fiscal_year is None else str(record.fiscal_year)


def fixed_period(period: str) -> PeriodOf:
    return lambda _record: period


def grouped_periods(groups: Sequence[str]) -> PeriodOf:
    """Period from ``LABEL=FROM-TO`` (or ``LABEL=YEAR``) fiscal-year ranges."""
    ranges: list[tuple[str, int, int]] = []
    for spec in groups:
        label, sep, span = spec.partition("=")
        first, _, last = span.partition("-")
        try:
            lo, hi = int(first), int(last or first)
        except ValueError:
            lo = hi = -1
        if not sep or not label.strip() or lo < 0 or hi < lo:
            raise UsageError(
                f"invalid period group {spec!r}",
                hint="write LABEL=FROM-TO with fiscal years, e.g. early=2017-2019",
            )
        ranges.append((label.strip(), lo, hi))

    def period_of(record: FilingRecord) -> str | None:
        if record.fiscal_year is None:
            return None
        for label, lo, hi in ranges:
            if lo <= record.fiscal_year <= hi:
                return label
        return None

    return period_of


@dataclass(frozen=True)
class _Raw:
    file: str
    company: str | None
    cik: str | None
    fiscal_year: int | None
    segment_index: int
    text: str


def collect_documents(
    run_dirs: Sequence[Path],
    *,
    settings: RiskAnalysisSettings,
    period_of: PeriodOf,
    companies: Sequence[str] = (),
    periods: Collection[str] | None = None,
) -> tuple[dict[str, list[Document]], Tokenizer]:
    """Stream the runs' filings and return the tokenised documents of each period.

    ``companies`` (CIKs, tickers or exact company names, case-insensitive) keeps only
    those filers' filings; ``periods`` tokenises only those periods (a period absent from
    the runs is a usage error). Company stopwords and CIKs come from every period either
    way, so a period's documents do not depend on which periods were asked for.
    """
    raw: dict[str, list[_Raw]] = {}
    names: set[str | None] = set()
    kinds = set(settings.segment_kinds)
    wanted = {c.strip().lower().lstrip("0") for c in companies}
    for run_dir in run_dirs:
        for path, record in iter_filings(run_dir):
            period = period_of(record)
            if period is None or (wanted and not _is_wanted(record, wanted)):
                continue
            names.add(record.company_name)
            for seg in record.segments:
                if seg.kind.value in kinds and seg.text.strip():
                    raw.setdefault(period, []).append(
                        _Raw(
                            path.name,
                            record.company_name,
                            record.cik,
                            record.fiscal_year,
                            seg.index,
                            seg.text,
                        )
                    )
    if periods is not None and (missing := sorted(set(periods) - set(raw))):
        raise UsageError(
            f"no risk segments for period(s) {', '.join(missing)} in the given runs",
            hint=f"periods found: {', '.join(sorted(raw)) or 'none'}",
        )
    tokenizer = build_tokenizer(settings=settings, company_names=names)
    # CIKs are filled across every period: a filing that states none is still its filer's.
    known = _known_ciks((r.company, r.cik) for rows in raw.values() for r in rows)
    out = {
        p: [_document(r, tokenizer, known) for r in raw[p]]
        for p in sorted(raw)
        if periods is None or p in periods
    }
    return out, tokenizer


def company_key(doc: Document) -> str:
    """The filer of a document: its CIK, else its company name (case folded), else its file."""
    return doc.cik or (doc.company or doc.file).strip().lower()


def _known_ciks(pairs: Iterable[tuple[str | None, str | None]]) -> dict[str, str]:
    """Company name (case folded) -> the CIK its filings state, from (company, cik) pairs."""
    return {company.strip().lower(): cik for company, cik in pairs if cik and company}


def _filled_cik(company: str | None, cik: str | None, known: dict[str, str]) -> str | None:
    if cik is None and company:
        return known.get(company.strip().lower())
    return cik


def fill_ciks(docs: Sequence[Document]) -> list[Document]:
    """Give documents without a CIK the CIK other filings of the same company name carry."""
    known = _known_ciks((d.company, d.cik) for d in docs)
    return [
        dataclasses.replace(d, cik=_filled_cik(d.company, d.cik, known)) if d.cik is None else d
        for d in docs
    ]


def _is_wanted(record: FilingRecord, wanted: set[str]) -> bool:
    keys = {
        (record.cik or "").lstrip("0"),
        (record.ticker or "").lower(),
        (record.company_name or "").strip().lower(),
    }
    return bool(keys & wanted)


def _document(raw: _Raw, tokenizer: Tokenizer, known_ciks: dict[str, str]) -> Document:
    return Document(
        raw.file,
        raw.company,
        _filled_cik(raw.company, raw.cik, known_ciks),
        raw.fiscal_year,
        raw.segment_index,
        raw.text,
        tuple(tokenizer.tokens(raw.text)),
    )


def prune_vocabulary(
    docs: Sequence[Sequence[str]], *, min_df: int, max_df_ratio: float
) -> list[list[str]]:
    """Drop words in fewer than ``min_df`` documents or in more than ``max_df_ratio`` of them
    (the upper cut only from 10 documents on: in a tinier corpus it would drop everything)."""
    df: Counter[str] = Counter()
    for doc in docs:
        df.update(set(doc))
    limit = max_df_ratio * len(docs)
    keep = {w for w, n in df.items() if n >= min_df and (n <= limit or len(docs) < 10)}
    return [[w for w in doc if w in keep] for doc in docs]


__all__ = [
    "Document",
    "PeriodOf",
    "Tokenizer",
    "build_tokenizer",
    "by_fiscal_year",
    "collect_documents",
    "company_key",
    "company_words",
    "fill_ciks",
    "fixed_period",
    "grouped_periods",
    "prune_vocabulary",
    "shipped_stopwords",
]
