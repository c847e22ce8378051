"""Synthetic preprocessing runs: risk segments drawn from known themes, written as FilingRecords."""

from __future__ import annotations

import hashlib
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from edgar_sentinel.models import FilingRecord, Item1AStatus, Segment, SegmentKind, SourceFormat
from tests import run_dirs

_THEME_TEXT = {
    "supply": (
        "supplier components shortage manufacturing factories shipping logistics freight "
        "inventory semiconductor sourcing vendors assembly capacity procurement delays"
    ),
    "rates": (
        "interest inflation currency exchange dollar hedging rates debt borrowing liquidity "
        "credit bonds treasury refinancing maturities"
    ),
    "cyber": (
        "cybersecurity breach hackers ransomware malware intrusion networks encryption "
        "phishing vulnerabilities attackers passwords servers outage"
    ),
    "regulation": (
        "regulators antitrust legislation compliance agencies enforcement statutes penalties "
        "investigations lawmakers courts litigation settlements fines"
    ),
    "talent": (
        "employees hiring retention compensation workforce talent recruiting executives "
        "succession wages labor unions staffing morale"
    ),
    "climate": (
        "climate weather hurricanes flooding emissions carbon wildfires drought greenhouse "
        "temperatures storms sustainability renewable environmental"
    ),
}
_PLANTED_TEXT = {
    "genai": (
        "generative chatbots hallucinations prompts copyrighted training llm deepfakes "
        "synthetic openai inference accuracy chatbot guardrails"
    ),
    "quantum": (
        "quantum qubits cryptography decryption algorithms superposition entanglement "
        "cryptographic postquantum lattice photonic cryogenic"
    ),
    "space": (
        "satellites orbital launches debris spectrum constellations rockets spacecraft "
        "telemetry geostationary payloads antennas"
    ),
    "pandemic": (
        "pandemic covid-19 lockdowns quarantine vaccines outbreak infections virus "
        "reopening closures epidemic contagion"
    ),
}


def _widen(themes: dict[str, str]) -> dict[str, tuple[str, ...]]:
    """Three forms of every word: top-20 word lists then come from the theme, not its tail."""
    return {
        k: tuple(f"{w}{sfx}" for w in text.split() for sfx in ("", "ic", "ment"))
        for k, text in themes.items()
    }


THEMES = _widen(_THEME_TEXT)
PLANTED = _widen(_PLANTED_TEXT)
FILLER = ("the", "company", "could", "be", "adversely", "affected", "and", "our", "results")


@dataclass(frozen=True)
class Filer:
    name: str
    cik: str


FILERS = [Filer(f"Acme {n} Corp", f"{1000 + i:010d}") for i, n in enumerate("ABCDEFGH")]


def segment_text(rng: random.Random, theme_words: Sequence[str], length: int = 40) -> str:
    words = [
        rng.choice(theme_words) if rng.random() < 0.8 else rng.choice(FILLER) for _ in range(length)
    ]
    return "We face risks. " + " ".join(words) + "."


def record(filer: Filer, fiscal_year: int, texts: Sequence[str]) -> FilingRecord:
    body = "\n\n".join(texts)
    segments: list[Segment] = []
    pos = 0
    for i, text in enumerate(texts):
        segments.append(
            Segment(
                index=i,
                kind=SegmentKind.RISK,
                group=None,
                heading=text[:30],
                text=text,
                char_count=len(text),
                word_count=len(text.split()),
                start=pos,
                end=pos + len(text),
            )
        )
        pos += len(text) + 2
    digest = hashlib.sha256(f"{filer.cik}{fiscal_year}{body}".encode()).hexdigest()
    return FilingRecord(
        source_path=f"{filer.cik}_{fiscal_year}.htm",
        source_sha256=digest,
        source_bytes=len(body),
        source_format=SourceFormat.HTML,
        cik=filer.cik,
        company_name=filer.name,
        form_type="10-K",
        period_of_report=f"{fiscal_year}-12-31",
        fiscal_year=fiscal_year,
        filed_at=f"{fiscal_year + 1}-02-15",
        sic_code="3571",
        accession_number=None,
        ticker=None,
        field_sources={},
        item1a_status=Item1AStatus.EXTRACTED,
        item1a_heading="Item 1A. Risk Factors",
        item1a_text=body,
        segments=segments,
        warnings=[],
    )


def write_run(run_dir: Path, records: Sequence[FilingRecord]) -> Path:
    """A run directory with one ``{cik}_{fiscal_year}.json`` per record."""
    return run_dirs.write_run(
        run_dir,
        records,
        file_name=lambda _, rec: f"{rec.cik}_{rec.fiscal_year}.json",
        manifest={"synthetic": True},
    )


def make_corpus(
    run_dir: Path,
    *,
    years: Sequence[int] = (2023, 2024),
    per_theme: int = 6,
    planted: dict[int, Sequence[str]] | None = None,
    filers: Sequence[Filer] = FILERS[:6],
    seed: int = 7,
) -> Path:
    """Each filer files every year; a year has about ``per_theme`` segments per base theme
    over all filers (``per_theme // len(filers) + 1`` per filing).

    ``planted[year]`` names PLANTED themes that filers' filings of that year add (three
    segments per planted theme per filing, every filer).
    """
    rng = random.Random(seed)
    records = []
    for year in years:
        for filer in filers:
            texts = [
                segment_text(rng, words)
                for words in THEMES.values()
                for _ in range(per_theme // len(filers) + 1)
            ]
            for theme in (planted or {}).get(year, ()):
                texts += [segment_text(rng, PLANTED[theme]) for _ in range(3)]
            records.append(record(filer, year, texts))
    return write_run(run_dir, records)
