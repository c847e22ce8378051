"""One configuration source: flag > environment > YAML file > defaults, with clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from edgar_sentinel.errors import ConfigError
from edgar_sentinel.settings import load_settings


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_a_file() -> None:
    assert load_settings().preprocess.timeout_seconds == 120.0


def test_file_over_defaults_env_over_file_flag_over_env(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = write(tmp_path, "preprocess:\n  timeout_seconds: 30\n  paragraph_min_words: 20\n")
    assert load_settings(config).preprocess.timeout_seconds == 30
    monkeypatch.setenv("EDGAR_SENTINEL_PREPROCESS__TIMEOUT_SECONDS", "45")
    settings = load_settings(config)
    assert settings.preprocess.timeout_seconds == 45
    assert settings.preprocess.paragraph_min_words == 20  # the file's other keys survive
    flagged = load_settings(config, preprocess={"timeout_seconds": 5})
    assert flagged.preprocess.timeout_seconds == 5


def test_an_unknown_key_names_its_path_and_the_closest_valid_one(tmp_path: Path) -> None:
    config = write(tmp_path, "preprocess:\n  timeout_secs: 5\n")
    with pytest.raises(ConfigError) as caught:
        load_settings(config)
    assert "preprocess.timeout_secs: unknown setting (did you mean 'timeout_seconds'?)" in str(
        caught.value
    )
    assert str(config) in str(caught.value)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("preprocess:\n  timeout_seconds: -1\n", "preprocess.timeout_seconds"),
        ("- just\n- a list\n", "mapping of sections"),
        ("preprocess: [unclosed\n", "not valid YAML"),
    ],
)
def test_invalid_files_are_config_errors(tmp_path: Path, text: str, fragment: str) -> None:
    with pytest.raises(ConfigError, match=fragment.replace(".", r"\.")):
        load_settings(write(tmp_path, text))


def test_a_missing_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read config file"):
        load_settings(tmp_path / "absent.yaml")
