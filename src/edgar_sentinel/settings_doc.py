"""Renders ``docs/configuration.md`` from the settings models (``make docs``)."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel
from pydantic_settings import BaseSettings

from edgar_sentinel.settings import Settings

_HEADER = """\
# Configuration reference

Generated from `edgar_sentinel.settings` by `make docs`; a test keeps it current.

Precedence: command-line flag > environment variable > YAML file given with `--config` >
the defaults below. A YAML file has one mapping per section, e.g.

```yaml
preprocess:
  timeout_seconds: 60
```
"""


def _default(value: object) -> str:
    return "`" + json.dumps(value, default=str) + "`"


def render(settings_model: type[BaseSettings]) -> str:
    prefix = str(settings_model.model_config.get("env_prefix", ""))
    delimiter = str(settings_model.model_config.get("env_nested_delimiter", "__"))
    lines = [_HEADER]
    for section_name, section_field in settings_model.model_fields.items():
        section = section_field.annotation
        if not (isinstance(section, type) and issubclass(section, BaseModel)):
            continue
        lines.append(f"## `{section_name}`\n")
        if section.__doc__:
            lines.append(" ".join(section.__doc__.split()) + "\n")
        lines.append("| setting | environment variable | default | meaning |")
        lines.append("|---|---|---|---|")
        for name, field in section.model_fields.items():
            env = f"{prefix}{section_name}{delimiter}{name}".upper()
            meaning = " ".join((field.description or "").split()).replace("|", "\\|")
            lines.append(f"| `{name}` | `{env}` | {_default(field.default)} | {meaning} |")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def main() -> None:
    target = Path("docs") / "configuration.md"
    target.write_text(render(Settings), encoding="utf-8")


if __name__ == "__main__":
    main()
