"""Output file names: unique, stable, and independent of the order in which results arrive."""

from __future__ import annotations

import random
import re

from hypothesis import given
from hypothesis import strategies as st

from edgar_sentinel.preprocess.journal import JournalEntry, assign_names
from edgar_sentinel.preprocess.tasks import input_stem

BASES = st.sampled_from(["a", "A", "b", "a-2", "0000320193-24-000123"])


def entry(index: int, base: str) -> JournalEntry:
    return JournalEntry(
        index=index,
        path=f"/in/{index}.htm",
        sha256=None,
        size_bytes=None,
        output_sha256=None,
        name_base=base,
        item1a_status=None,
        warnings=[],
        dead_letter=None,
    )


@given(st.lists(BASES, max_size=12), st.randoms())
def test_names_are_unique_and_do_not_depend_on_arrival_order(
    bases: list[str], rnd: random.Random
) -> None:
    entries = [entry(i, base) for i, base in enumerate(bases)]
    names = assign_names(entries)
    shuffled = list(entries)
    rnd.shuffle(shuffled)

    assert assign_names(shuffled) == names
    assert len({name.casefold() for name in names.values()}) == len(entries)
    for e in entries:
        assert re.fullmatch(rf"{re.escape(e.name_base or '')}(-\d+)?\.json", names[e.index])


def test_the_first_input_keeps_the_plain_name() -> None:
    names = assign_names([entry(2, "x"), entry(0, "x"), entry(1, "x")])

    assert names == {0: "x.json", 1: "x-2.json", 2: "x-3.json"}


def test_names_differing_only_in_case_collide() -> None:
    # One file on case-insensitive file systems (macOS, Windows).
    assert assign_names([entry(0, "AAPL"), entry(1, "aapl")]) == {0: "AAPL.json", 1: "aapl-2.json"}


def test_dead_letters_get_no_name() -> None:
    rejected = entry(0, "x").model_copy(update={"name_base": None})

    assert assign_names([rejected, entry(1, "x")]) == {1: "x.json"}


def test_input_stems_are_safe_file_names() -> None:
    assert input_stem("/in/AAPL_10-K_2024.htm.gz") == "AAPL_10-K_2024"
    assert input_stem("/in/full submission (1).txt") == "full_submission_1_"
    assert input_stem("/in/.htm") == "htm"  # never a hidden output file
