"""One configuration source for every stage.

Precedence: command-line flag > environment (``EDGAR_SENTINEL_...``, nested with ``__``,
e.g. ``EDGAR_SENTINEL_PREPROCESS__TIMEOUT_SECONDS=30``) > YAML file given with
``--config`` > the defaults below. Each stage owns one section.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, Field, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from edgar_sentinel.alerts.config import AlertsSettings
from edgar_sentinel.drift.config import RiskAnalysisSettings
from edgar_sentinel.errors import ConfigError
from edgar_sentinel.gate.config import GateSettings
from edgar_sentinel.github.config import GitHubSettings
from edgar_sentinel.models import FrozenModel


class PreprocessSettings(FrozenModel):
    timeout_seconds: float = Field(default=120.0, gt=0, description="Per-filing time limit.")
    worker_memory_mb: int = Field(
        default=4096,
        ge=0,
        description="Address-space limit of each worker process in MiB (0: none): a filing "
        "that needs more is dead-lettered instead of exhausting the machine.",
    )
    out_dir: str = Field(default="runs", description="Default parent folder of run directories.")
    paragraph_min_words: int = Field(
        default=40, ge=1, description="Paragraph fallback: shorter paragraphs are merged."
    )
    paragraph_max_words: int = Field(
        default=400, ge=10, description="Paragraph fallback: longer paragraphs are split."
    )
    segment_max_words: int = Field(
        default=1500, ge=50, description="Any segment longer is split at sentence boundaries."
    )


class Settings(BaseSettings):
    """Effective configuration; ``model_dump()`` of it goes into every manifest."""

    model_config = SettingsConfigDict(
        env_prefix="EDGAR_SENTINEL_",
        env_nested_delimiter="__",
        frozen=True,
        extra="forbid",
    )

    preprocess: PreprocessSettings = PreprocessSettings()
    risk_analysis: RiskAnalysisSettings = RiskAnalysisSettings()
    alerts: AlertsSettings = AlertsSettings()
    gate: GateSettings = GateSettings()
    github: GitHubSettings = GitHubSettings()


def load_settings(config_file: Path | None = None, **overrides: Any) -> Settings:
    """Build the effective settings from an optional YAML file, the environment and flags."""
    data: dict[str, Any] = {}
    if config_file is not None:
        try:
            loaded = yaml.safe_load(config_file.read_text(encoding="utf-8"))
        except OSError as exc:
            raise ConfigError(f"cannot read config file {config_file}: {exc.strerror}") from exc
        except yaml.YAMLError as exc:
            raise ConfigError(f"{config_file}: not valid YAML: {exc}") from exc
        if loaded is not None and not isinstance(loaded, dict):
            raise ConfigError(f"{config_file}: the top level must be a mapping of sections")
        data = loaded or {}
    try:
        # init kwargs outrank the environment in pydantic-settings, so the file is
        # passed as the lowest layer and environment values are merged over it.
        env_only = Settings()
        merged = _deep_merge(data, env_only.model_dump(exclude_unset=True))
        merged = _deep_merge(merged, overrides)
        return Settings(**merged)
    except ValidationError as exc:
        where = f" in {config_file}" if config_file else ""
        problems = "; ".join(_describe(error) for error in exc.errors())
        raise ConfigError(
            f"invalid configuration{where}: {problems}",
            hint="see docs/configuration.md for every setting and its environment variable",
        ) from exc


def _describe(error: Any) -> str:
    """One validation error as ``section.key: problem``, suggesting the closest valid key."""
    location = [str(part) for part in error["loc"]]
    path = ".".join(location)
    if error["type"] != "extra_forbidden":
        return f"{path}: {error['msg']}"
    model: Any = Settings
    for part in location[:-1]:
        field = model.model_fields.get(part)
        model = field.annotation if field is not None else None
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            return f"{path}: unknown setting"
    close = difflib.get_close_matches(location[-1], list(model.model_fields), n=1)
    suggestion = f" (did you mean '{close[0]}'?)" if close else ""
    return f"{path}: unknown setting{suggestion}"


def _deep_merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _deep_merge(out[key], value)
        else:
            out[key] = value
    return out


__all__ = ["PreprocessSettings", "Settings", "load_settings"]
