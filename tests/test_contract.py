"""The run-directory contract: the shipped JSON Schemas match the models."""

import pytest

from edgar_sentinel import schemas


@pytest.mark.parametrize("name", sorted(schemas.SCHEMAS))
def test_shipped_schema_matches_model(name: str) -> None:
    assert schemas.load(name) == schemas.generate(name), (
        f"{name} is stale: run `python -m edgar_sentinel.schemas` and bump the schema_version"
    )
