"""Turning the command line's INPUT arguments into the sorted list of files to process.

Rules (documented in ``docs/preprocess.md``):

* A file named explicitly is always attempted, whatever its name: the user chose it.
* A directory is walked recursively. Inside it a file is taken when its name ends in
  ``.htm``, ``.html``, ``.txt`` or ``.xml`` (optionally followed by ``.gz``), it is not
  hidden (no path part below the directory starts with a dot) and its stem is not a
  well-known project document (``README``, ``LICENSE``, ``SOURCES``, ...). Everything
  else (``.md``, ``.pdf``, ``.json``, ...) is skipped without a message.
* A glob pattern (``*``, ``?`` or ``[``; ``**`` matches folders recursively) is expanded
  here too, so quoted patterns work; files it matches follow the directory rule, and
  folders it matches are walked.
* The result is sorted by resolved path and each file appears once.

A name that matches nothing is a usage error: a typo must not silently shrink a run.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from edgar_sentinel.errors import UsageError

FILING_SUFFIXES: tuple[str, ...] = (".htm", ".html", ".txt", ".xml")
"""Extensions taken from directories and globs (each also with ``.gz`` appended)."""

_DOCUMENT_STEMS = frozenset(
    {"readme", "license", "licence", "sources", "changelog", "notice", "authors", "copying"}
)
_GLOB_CHARS = frozenset("*?[")


def is_filing_name(name: str) -> bool:
    """Whether a file met in a directory walk or a glob looks like a filing."""
    lower = name.lower()
    if lower.startswith("."):
        return False
    if lower.endswith(".gz"):
        lower = lower[: -len(".gz")]
    suffix = next((s for s in FILING_SUFFIXES if lower.endswith(s)), None)
    if suffix is None:
        return False
    return lower[: -len(suffix)] not in _DOCUMENT_STEMS


def _walk(directory: Path) -> Iterable[Path]:
    for root, dirs, files in os.walk(directory):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if is_filing_name(name):
                yield Path(root) / name


def _expand_one(raw: str) -> list[Path]:
    path = Path(raw).expanduser()
    if path.is_file():
        return [path]
    if path.is_dir():
        return list(_walk(path))
    if any(ch in _GLOB_CHARS for ch in raw):
        found: list[Path] = []
        pattern = str(Path(raw).expanduser())
        # Path.glob takes only relative patterns; user patterns may be absolute.
        for match in glob.glob(pattern, recursive=True):  # noqa: PTH207
            hit = Path(match)
            if hit.is_dir():
                found.extend(_walk(hit))
            elif hit.is_file() and is_filing_name(hit.name):
                found.append(hit)
        if not found:
            raise UsageError(
                f"no filing matches the pattern {raw!r}",
                hint="check the pattern; files must end in .htm, .html, .txt or .xml (or .gz)",
            )
        return found
    raise UsageError(
        f"input not found: {raw}",
        hint="pass existing files, folders or glob patterns",
    )


def expand_inputs(inputs: Sequence[str | Path]) -> list[Path]:
    """Files to process: resolved, without duplicates, sorted by path.

    Raises ``UsageError`` when an input matches nothing or no file is left at all.
    """
    if not inputs:
        raise UsageError(
            "no input given", hint="pass filing files, folders or glob patterns, or --resume"
        )
    seen: dict[Path, None] = {}
    for raw in inputs:
        for path in _expand_one(str(raw)):
            seen.setdefault(path.resolve(), None)
    if not seen:
        shown = ", ".join(str(i) for i in inputs)
        raise UsageError(
            f"no filing found in {shown}",
            hint="folders are searched for *.htm, *.html, *.txt, *.xml (and .gz); "
            "name a file explicitly to process it whatever its extension",
        )
    return sorted(seen, key=str)


__all__ = ["FILING_SUFFIXES", "expand_inputs", "is_filing_name"]
