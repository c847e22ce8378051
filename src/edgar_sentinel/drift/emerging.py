"""Term-level evidence: words and bigrams that rise in the target period across companies.

A new risk rarely fills a topic in its first year. A term (a token or two adjacent tokens,
stop words removed, see ``corpus.Tokenizer``) is *emerging* when, in the target period,

* it appears in segments of at least ``emerging_min_companies`` distinct companies (CIK,
  else company name) - one filer's boilerplate does not count;
* (with ``emerging_same_companies``, the default) only companies that filed in both
  periods are counted, provided there are at least ``emerging_min_companies`` of them:
  a company joining the corpus brings its vocabulary, not a new risk;
* more companies use it than in the reference period; and
* its smoothed document frequency rose by ``emerging_min_ratio`` or more:
  ``((df_t + 0.5) / (N_t + 1)) / ((df_r + 0.5) / (N_r + 1))``.

Terms rank by ``ln(ratio) * sqrt(target companies)``; each carries a few example segments,
one per company first.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from edgar_sentinel import excerpts
from edgar_sentinel.drift.config import RiskAnalysisSettings
from edgar_sentinel.drift.corpus import Document, Tokenizer, company_key, fill_ciks
from edgar_sentinel.drift.result import EmergingTerm, SegmentExample

EXCERPT_CHARS = 300
MAX_COMPANIES_LISTED = 20


@dataclass
class _Stats:
    docs: list[int] = field(default_factory=list)
    companies: set[str] = field(default_factory=set)


def document_terms(text: str, tokenizer: Tokenizer) -> set[str]:
    """Unigrams and bigrams of adjacent kept words of ``text``."""
    words = tokenizer.words(text)
    terms = {w for w in words if w is not None}
    for a, b in itertools.pairwise(words):
        if a is not None and b is not None and a != b:
            terms.add(f"{a} {b}")
    return terms


def _index(docs: Sequence[Document], tokenizer: Tokenizer) -> dict[str, _Stats]:
    stats: dict[str, _Stats] = {}
    for i, doc in enumerate(docs):
        company = company_key(doc)
        for term in document_terms(doc.text, tokenizer):
            entry = stats.setdefault(term, _Stats())
            entry.docs.append(i)
            entry.companies.add(company)
    return stats


def emerging_terms(
    *,
    reference: Sequence[Document],
    target: Sequence[Document],
    tokenizer: Tokenizer,
    settings: RiskAnalysisSettings,
) -> list[EmergingTerm]:
    """The terms that newly appear or jump in frequency across distinct target companies."""
    if settings.emerging_max_terms == 0 or not target:
        return []
    everything = fill_ciks([*reference, *target])
    reference, target = everything[: len(reference)], everything[len(reference) :]
    shared = {company_key(d) for d in reference} & {company_key(d) for d in target}
    if settings.emerging_same_companies and len(shared) >= settings.emerging_min_companies:
        reference = [d for d in reference if company_key(d) in shared]
        target = [d for d in target if company_key(d) in shared]
    ref_stats = _index(reference, tokenizer)
    tgt_stats = _index(target, tokenizer)
    n_r, n_t = len(reference), len(target)
    scored: list[tuple[float, str, float]] = []
    for term, tgt in tgt_stats.items():
        if len(tgt.companies) < settings.emerging_min_companies or len(tgt.docs) < 2:
            continue
        ref = ref_stats.get(term)
        df_r = len(ref.docs) if ref else 0
        if ref and len(ref.companies) >= len(tgt.companies):
            continue
        ratio = ((len(tgt.docs) + 0.5) / (n_t + 1)) / ((df_r + 0.5) / (n_r + 1))
        if ratio < settings.emerging_min_ratio:
            continue
        scored.append((math.log(ratio) * math.sqrt(len(tgt.companies)), term, ratio))
    scored.sort(key=lambda s: (-s[0], s[1]))
    out: list[EmergingTerm] = []
    for score, term, _ratio in _drop_subsumed(scored, tgt_stats)[: settings.emerging_max_terms]:
        tgt = tgt_stats[term]
        ref = ref_stats.get(term)
        out.append(
            EmergingTerm(
                term=term,
                reference_doc_freq=(len(ref.docs) / n_r) if ref and n_r else 0.0,
                target_doc_freq=len(tgt.docs) / n_t,
                reference_companies=len(ref.companies) if ref else 0,
                target_companies=len(tgt.companies),
                new=ref is None,
                score=round(score, 6),
                companies=sorted({target[i].company or company_key(target[i]) for i in tgt.docs})[
                    :MAX_COMPANIES_LISTED
                ],
                examples=_examples(term, [target[i] for i in tgt.docs], settings.emerging_examples),
            )
        )
    return out


def _drop_subsumed(
    scored: list[tuple[float, str, float]], stats: dict[str, _Stats]
) -> list[tuple[float, str, float]]:
    """Drop a word when a candidate bigram containing it covers all of its documents."""
    bigrams = [
        (set(term.split(" ")), set(stats[term].docs)) for _, term, _ in scored if " " in term
    ]
    return [
        entry
        for entry in scored
        if " " in entry[1]
        or not any(
            entry[1] in words and set(stats[entry[1]].docs) <= docs for words, docs in bigrams
        )
    ]


def _examples(term: str, docs: Sequence[Document], limit: int) -> list[SegmentExample]:
    first: list[int] = []
    seen: set[str] = set()
    for i, doc in enumerate(docs):  # one per company first, then the rest in order
        if company_key(doc) not in seen:
            seen.add(company_key(doc))
            first.append(i)
    picked = set(first)
    order = first + [i for i in range(len(docs)) if i not in picked]
    chosen = [docs[i] for i in order[:limit]]
    pattern = re.compile(r"[^a-z0-9]+".join(re.escape(w) for w in term.split(" ")), re.IGNORECASE)
    return [
        SegmentExample(
            file=d.file,
            company=d.company,
            cik=d.cik,
            fiscal_year=d.fiscal_year,
            segment_index=d.segment_index,
            excerpt=excerpt(d.text, pattern),
        )
        for d in chosen
    ]


def excerpt(text: str, pattern: re.Pattern[str], width: int = EXCERPT_CHARS) -> str:
    """About ``width`` characters of ``text`` centred on the first match, whitespace folded."""
    match = pattern.search(text)
    return excerpts.excerpt(text, match.start() if match else 0, width=width, lead=0.5)


__all__ = ["document_terms", "emerging_terms", "excerpt"]
