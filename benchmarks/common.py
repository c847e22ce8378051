"""What the benchmark runners share: where the data is, the machine line, child processes.

Every measurement runs in a fresh child process (``python -m benchmarks.<runner> --child
...``) so that imports, caches and peak memory of one measurement do not leak into the
next; the child prints one JSON object as its last line.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED_FILINGS = REPO.parent / "shared" / "filings"


def machine() -> str:
    """CPU count and model, Python version: the line every benchmark output starts with."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} CPUs ({cpu}), Python {platform.python_version()}"


def run_child(runner: str, *args: str) -> dict[str, Any]:
    """Run ``python -m benchmarks.<runner> --child ARGS`` and return its JSON result."""
    out = subprocess.run(  # nosec B603 - this interpreter, a module of this folder, no shell
        [sys.executable, "-m", f"benchmarks.{runner}", "--child", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result
