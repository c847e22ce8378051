"""``RUN_REPORT.md``: the short human summary of a preprocessing run, rendered from its manifest."""

from __future__ import annotations

from pathlib import Path

from edgar_sentinel.models import DeadLetter
from edgar_sentinel.preprocess.manifest import Manifest


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_run_report(manifest: Manifest, dead_letters: list[DeadLetter], *, run_name: str) -> str:
    counts = manifest.counts
    took = (manifest.finished_at - manifest.started_at).total_seconds()
    lines = [
        f"# Preprocessing run `{run_name}`",
        "",
        f"- edgar-sentinel {manifest.tool_version}, commit {manifest.git_sha or 'unknown'}, "
        f"configuration sha256 `{manifest.config_sha256[:12]}`",
        f"- started {manifest.started_at:%Y-%m-%d %H:%M:%S} UTC, "
        f"finished {manifest.finished_at:%Y-%m-%d %H:%M:%S} UTC ({took:.1f} s"
        + (f", resumed {manifest.resumes}x" if manifest.resumes else "")
        + ")",
        f"- **{counts.inputs} inputs: {counts.processed} processed, "
        f"{counts.dead_lettered} dead-lettered**",
        "",
        "## Item 1A status",
        "",
    ]
    if counts.item1a_status:
        lines += ["| status | filings |", "|---|---:|"]
        lines += [f"| {status} | {n} |" for status, n in counts.item1a_status.items()]
    else:
        lines.append("No filing was processed.")
    lines += ["", "## Dead letters", ""]
    if dead_letters:
        lines += ["| file | stage | reason | message |", "|---|---|---|---|"]
        lines += [
            f"| {_cell(Path(d.path).name)} | {d.stage} | {d.reason.value} | {_cell(d.message)} |"
            for d in dead_letters
        ]
        lines += ["", "Full paths are in `dead_letter.jsonl`."]
    else:
        lines.append("None: every input was processed.")
    lines += ["", "## Warnings", ""]
    if counts.warnings:
        lines += ["| code | count |", "|---|---:|"]
        lines += [f"| {code} | {n} |" for code, n in counts.warnings.items()]
    else:
        lines.append("None.")
    return "\n".join(lines) + "\n"


__all__ = ["render_run_report"]
