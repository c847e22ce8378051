"""A PNG heatmap of the target-by-reference similarity matrix (matplotlib, Agg backend)."""

from __future__ import annotations

from pathlib import Path

from edgar_sentinel.drift.result import DriftReport, TopicStatus

HEATMAP_FILE = "drift_heatmap.png"


def draw_heatmap(report: DriftReport, path: Path) -> Path:
    """Draw ``report.similarity_matrix``; new target topics are labelled in red."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    matrix = report.similarity_matrix
    rows, cols = len(matrix), len(matrix[0]) if matrix else 0
    fig, ax = plt.subplots(figsize=(max(4.0, 0.35 * cols + 2), max(3.0, 0.35 * rows + 1.5)))
    try:
        image = ax.imshow(matrix, cmap="viridis", vmin=0.0, vmax=1.0, aspect="auto")
        fig.colorbar(image, ax=ax, label="Jaccard similarity of top words")
        ax.set_xlabel(f"reference topics ({report.reference.period})")
        ax.set_ylabel(f"target topics ({report.target.period})")
        ax.set_xticks(range(cols))
        ax.set_yticks(range(rows))
        ax.tick_params(labelsize=7)
        for label, match in zip(ax.get_yticklabels(), report.matches, strict=False):
            if match.status is TopicStatus.NEW:
                label.set_color("red")
        ax.set_title(
            f"Topic drift {report.reference.period} → {report.target.period}: {report.tier.value}"
        )
        fig.tight_layout()
        path.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(path, dpi=100)
    finally:
        plt.close(fig)
    return path


__all__ = ["HEATMAP_FILE", "draw_heatmap"]
