"""Which files a preprocessing run takes from its INPUT arguments."""

from __future__ import annotations

from pathlib import Path

import pytest

from edgar_sentinel.errors import UsageError
from edgar_sentinel.preprocess.inputs import expand_inputs, is_filing_name


def touch(root: Path, *names: str) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x")


@pytest.mark.parametrize(
    ("name", "taken"),
    [
        ("aapl-10k.htm", True),
        ("AAPL.HTML", True),
        ("full-submission.txt", True),
        ("filing.xml", True),
        ("filing.htm.gz", True),
        ("filing.txt.gz", True),
        ("SOURCES.md", False),
        ("README.txt", False),
        ("LICENSE.txt", False),
        ("notes.pdf", False),
        ("data.json", False),
        ("archive.gz", False),
        (".hidden.htm", False),
    ],
)
def test_directory_walks_take_filing_extensions_only(name: str, taken: bool) -> None:
    assert is_filing_name(name) is taken


def test_folders_are_walked_recursively_skipping_hidden_and_unrelated_files(
    tmp_path: Path,
) -> None:
    touch(tmp_path, "b.htm", "a.txt.gz", "sub/c.html", "README.md", ".cache/d.htm", "e.pdf")

    found = expand_inputs([tmp_path])

    assert [p.relative_to(tmp_path).as_posix() for p in found] == [
        "a.txt.gz",
        "b.htm",
        "sub/c.html",
    ]


def test_an_explicitly_named_file_is_always_attempted(tmp_path: Path) -> None:
    touch(tmp_path, "README.md")

    assert expand_inputs([tmp_path / "README.md"]) == [(tmp_path / "README.md").resolve()]


def test_globs_are_expanded_even_when_quoted(tmp_path: Path) -> None:
    touch(tmp_path, "x/a.htm", "x/b.htm", "x/notes.md", "y/deep/c.htm")

    assert [p.name for p in expand_inputs([str(tmp_path / "x" / "*")])] == ["a.htm", "b.htm"]
    assert [p.name for p in expand_inputs([str(tmp_path / "**" / "c.htm")])] == ["c.htm"]


def test_result_is_sorted_and_each_file_appears_once(tmp_path: Path) -> None:
    touch(tmp_path, "b.htm", "a.htm")

    found = expand_inputs(
        [tmp_path / "b.htm", tmp_path, str(tmp_path / "*.htm"), tmp_path / "a.htm"]
    )

    assert found == [(tmp_path / "a.htm").resolve(), (tmp_path / "b.htm").resolve()]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "no input given"),
        (["missing.htm"], "input not found: missing.htm"),
        (["nothing-*.htm"], "no filing matches the pattern"),
    ],
)
def test_inputs_that_match_nothing_are_usage_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(UsageError, match=message):
        expand_inputs(args)


def test_a_folder_without_filings_is_a_usage_error(tmp_path: Path) -> None:
    touch(tmp_path, "README.md", "notes.pdf")

    with pytest.raises(UsageError, match="no filing found") as info:
        expand_inputs([tmp_path])
    assert info.value.hint is not None and ".htm" in info.value.hint
