"""Pause Python's cyclic garbage collector around work that allocates without cycles.

Parsing a filing allocates a hundred thousand small objects (blocks, runs, element
handles) that form no reference cycles and are freed by reference counting when the
filing is done. With the collector running, every allocation burst triggers collections
that scan them all again (a third of the block building time on a large filing); pausing
it only while blocks are built still leaves one collection over everything that is alive
when it resumes. Pausing for the whole filing avoids both: by the time the collector
resumes, the filing's objects are gone.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["collector_paused"]


@contextmanager
def collector_paused() -> Iterator[None]:
    """Disable the cyclic collector inside the block; restore its previous state after."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
