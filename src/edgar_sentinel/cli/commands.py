"""Import every command module so that each registers itself on ``app``.

Add one import line per command module (keep them sorted).
"""

from edgar_sentinel.cli import history  # noqa: F401
from edgar_sentinel.cli import validate  # noqa: F401
