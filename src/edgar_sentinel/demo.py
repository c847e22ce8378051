"""The offline demo: the bundled fictional corpus through the pipeline, one step at a time.

``run_demo`` copies the corpus (``data/demo/``) into ``out_dir/corpus/`` and runs each
stage on it. Every stage reports a ``DemoStep``; later stages (gate, reports, drift)
append theirs to the same ``DemoResult``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from edgar_sentinel.exit_codes import ExitCode
from edgar_sentinel.preprocess.batch import default_workers, run_preprocessing
from edgar_sentinel.runs import atomic_write_bytes
from edgar_sentinel.settings import Settings, load_settings

CORPUS_DIR = "corpus"
RUNS_DIR = "runs"


@dataclass(frozen=True)
class DemoStep:
    """One stage of the demo and what it produced."""

    name: str
    """Stable identifier: 'preprocess', 'validate', 'report', 'drift', ..."""
    title: str
    exit_code: ExitCode
    summary: str
    """One line for a person: what happened."""
    outputs: dict[str, Path] = field(default_factory=dict)
    """Named paths the step wrote, e.g. {'run_dir': ...}."""


@dataclass
class DemoResult:
    out_dir: Path
    corpus_dir: Path
    steps: list[DemoStep] = field(default_factory=list)

    def add(self, step: DemoStep) -> None:
        self.steps.append(step)

    def output(self, name: str) -> Path | None:
        """The latest output called ``name`` of any step (e.g. 'run_dir')."""
        for step in reversed(self.steps):
            if name in step.outputs:
                return step.outputs[name]
        return None

    @property
    def exit_code(self) -> ExitCode:
        """The first step that did not succeed decides; ``OK`` when all did."""
        return next((s.exit_code for s in self.steps if s.exit_code != ExitCode.OK), ExitCode.OK)


def demo_corpus() -> Traversable:
    """The bundled fictional filings (``edgar_sentinel/data/demo``)."""
    return resources.files("edgar_sentinel").joinpath("data", "demo")


def copy_corpus(target: Path) -> Path:
    """Copy the bundled corpus into ``target`` (created) and return it."""
    for item in demo_corpus().iterdir():
        if item.is_file():
            atomic_write_bytes(target / item.name, item.read_bytes())
    return target


def preprocess_step(result: DemoResult, *, settings: Settings, workers: int) -> DemoStep:
    summary = run_preprocessing(
        [result.corpus_dir],
        out=result.out_dir / RUNS_DIR,
        settings=settings,
        workers=workers,
    )
    counts = summary.manifest.counts
    statuses = ", ".join(f"{n} {status}" for status, n in counts.item1a_status.items())
    return DemoStep(
        name="preprocess",
        title="Preprocess the demo filings",
        exit_code=summary.exit_code,
        summary=f"{counts.processed} of {counts.inputs} filings processed "
        f"(Item 1A: {statuses or 'none'}), {counts.dead_lettered} dead-lettered",
        outputs={"run_dir": summary.run_dir},
    )


def run_demo(*, out_dir: Path, workers: int | None = None) -> DemoResult:
    """Run the demo offline on the bundled corpus, writing everything under ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    result = DemoResult(out_dir=out_dir, corpus_dir=copy_corpus(out_dir / CORPUS_DIR))
    settings = load_settings()
    result.add(
        preprocess_step(result, settings=settings, workers=workers or min(2, default_workers()))
    )
    return result


__all__ = ["DemoResult", "DemoStep", "copy_corpus", "demo_corpus", "run_demo"]
