"""JSON Schemas of the persisted documents, generated from the pydantic models.

``python -m edgar_sentinel.schemas`` rewrites the files under ``data/schemas/``;
a test fails when a checked-in schema differs from the model.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

from edgar_sentinel.drift.result import DriftReport
from edgar_sentinel.gate.result import GateReport
from edgar_sentinel.models import DeadLetter, FilingRecord
from edgar_sentinel.preprocess.manifest import Manifest

SCHEMAS: dict[str, type[Any]] = {
    "filing.schema.json": FilingRecord,
    "dead_letter.schema.json": DeadLetter,
    "gate_report.schema.json": GateReport,
    "drift_report.schema.json": DriftReport,
    "manifest.schema.json": Manifest,
}


def generate(name: str) -> dict[str, Any]:
    schema: dict[str, Any] = SCHEMAS[name].model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


def load(name: str) -> dict[str, Any]:
    """The schema shipped inside the package."""
    text = resources.files("edgar_sentinel").joinpath("data", "schemas", name).read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def render(name: str) -> str:
    return json.dumps(generate(name), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def main() -> None:
    target = Path(__file__).parent / "data" / "schemas"
    for name in SCHEMAS:
        (target / name).write_text(render(name), encoding="utf-8")


if __name__ == "__main__":
    main()
