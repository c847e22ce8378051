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

from edgar_sentinel.cpus import available_cpus
from edgar_sentinel.exit_codes import ExitCode
from edgar_sentinel.preprocess.batch import run_preprocessing
from edgar_sentinel.runs import atomic_write_bytes
from edgar_sentinel.settings import Settings, load_settings

CORPUS_DIR = "corpus"
RUNS_DIR = "runs"
REPORTS_DIR = "reports"
MODELS_DIR = "models"
DRIFT_DIR = "drift"


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


def _run_dir(result: DemoResult) -> Path:
    run_dir = result.output("run_dir")
    if run_dir is None:
        raise RuntimeError("the demo's later steps need the preprocessing step's run directory")
    return run_dir


def validate_step(result: DemoResult) -> DemoStep:
    """The data-quality gate over the demo run, with its markdown and HTML reports."""
    from edgar_sentinel.gate import validate_run
    from edgar_sentinel.report import write_reports
    from edgar_sentinel.runs import dump_json
    from edgar_sentinel.store import default_store_path

    run_dir = _run_dir(result)
    report = validate_run(run_dir, store_path=default_store_path(result.out_dir))
    reports_dir = result.out_dir / REPORTS_DIR
    json_path = reports_dir / "gate_report.json"
    atomic_write_bytes(json_path, dump_json(report.model_dump(mode="json")))
    written = write_reports(report, out_dir=reports_dir)
    blocking = report.blocking_summary
    return DemoStep(
        name="validate",
        title="Data-quality gate",
        exit_code=ExitCode.OK if report.go_no_go == "GO" else ExitCode.NO_GO,
        summary=f"{report.go_no_go} ({report.status}): {blocking.passed} of "
        f"{blocking.total_blocking} blocking checks passed over {report.files_checked} filings",
        outputs={"report_json": json_path, **{f"report_{k}": v for k, v in written.items()}},
    )


def drift_step(result: DemoResult, *, settings: Settings) -> DemoStep:
    """One topic model per fiscal year, then drift between the two with its evidence."""
    from edgar_sentinel.drift.nightly import run_nightly
    from edgar_sentinel.drift.training import train_models

    run_dir = _run_dir(result)
    models_dir = result.out_dir / MODELS_DIR
    # The demo corpus is small: fewer topics keep each one meaningful.
    trained = train_models(
        run_dirs=[run_dir], models_dir=models_dir, settings=settings.risk_analysis, num_topics=6
    )
    nightly = run_nightly(
        models_dir=models_dir, out_dir=result.out_dir / DRIFT_DIR, settings=settings
    )
    report = nightly.report
    new_words = "; ".join(", ".join(t.top_words[:5]) for t in report.new_topics[:3])
    emerging = ", ".join(term.term for term in report.emerging_terms[:5])
    summary = (
        f"{len(trained.models)} models; {report.reference.period} -> {report.target.period}: "
        f"tier {report.tier}, {len(report.new_topics)} new topic(s)"
        + (f" ({new_words})" if new_words else "")
        + (f"; emerging terms: {emerging}" if emerging else "")
    )
    outputs = {
        "drift_report": nightly.report_path,
        "drift_markdown": nightly.markdown_path,
        "drift_heatmap": nightly.heatmap_path,
    }
    return DemoStep(
        name="drift",
        title="Risk drift between the fiscal years",
        exit_code=nightly.exit_code(),
        summary=summary,
        outputs=outputs,
    )


def run_demo(*, out_dir: Path, workers: int | None = None) -> DemoResult:
    """Run the demo offline on the bundled corpus, writing everything under ``out_dir``.

    Remote alert sinks are switched off: the demo never sends anything anywhere.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    result = DemoResult(out_dir=out_dir, corpus_dir=copy_corpus(out_dir / CORPUS_DIR))
    settings = load_settings(alerts={"slack_enabled": False, "github_enabled": False})
    result.add(
        preprocess_step(result, settings=settings, workers=workers or min(2, available_cpus()))
    )
    result.add(validate_step(result))
    result.add(drift_step(result, settings=settings))
    return result


__all__ = [
    "DemoResult",
    "DemoStep",
    "copy_corpus",
    "demo_corpus",
    "drift_step",
    "run_demo",
    "validate_step",
]
