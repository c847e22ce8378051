"""Document style sheets: the simple rules filing tools write in ``<style>`` elements.

Some filing tools set headings in bold through a class (``<p class="h2">`` with
``.h2 {font-weight: bold}``) instead of inline CSS or ``<b>``. Only the selectors such
tools use are read: ``tag``, ``.class`` and ``tag.class``, alone or in a comma list.
Anything more complex (descendants, pseudo-classes) is ignored; the rules of ``@media``
blocks count as if unconditional. Declarations are returned as one CSS string, lower
specificity first, for the inline style (which comes last) to override.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TypeVar

__all__ = ["StyleSheet", "parse_stylesheet"]

_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_SIMPLE = re.compile(r"^([a-zA-Z][\w-]*)?(?:\.([\w-]+))?$")
K = TypeVar("K", str, tuple[str, str])


@dataclass(frozen=True)
class StyleSheet:
    by_tag: dict[str, str] = field(default_factory=dict)
    by_class: dict[str, str] = field(default_factory=dict)
    by_tag_class: dict[tuple[str, str], str] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.by_tag or self.by_class or self.by_tag_class)

    def declarations(self, tag: str, classes: str | None) -> str:
        """CSS declarations for an element: tag rules, then class, then tag.class rules."""
        parts = [self.by_tag.get(tag, "")]
        if classes:
            names = classes.split()
            parts += [self.by_class.get(name, "") for name in names]
            parts += [self.by_tag_class.get((tag, name), "") for name in names]
        return ";".join(p for p in parts if p)


def parse_stylesheet(sheets: Iterable[str]) -> StyleSheet:
    """The simple rules of the given ``<style>`` texts, later rules after earlier ones."""
    sheet = StyleSheet()
    for css in sheets:
        for selectors, body in _RULE.findall(_COMMENT.sub("", css)):
            declarations = body.strip().rstrip(";").strip()
            if not declarations:
                continue
            for selector in selectors.split(","):
                m = _SIMPLE.match(selector.strip())
                if m is None or not any(m.groups()):
                    continue
                tag, name = (m.group(1) or "").lower(), m.group(2)
                if tag and name:
                    _append(sheet.by_tag_class, (tag, name), declarations)
                elif name:
                    _append(sheet.by_class, name, declarations)
                else:
                    _append(sheet.by_tag, tag, declarations)
    return sheet


def _append(rules: dict[K, str], key: K, declarations: str) -> None:
    rules[key] = f"{rules[key]};{declarations}" if key in rules else declarations
