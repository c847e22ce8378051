"""Import every command module so that each registers itself on ``app``.

Add one import line per command module (keep them sorted).
"""

from edgar_sentinel.cli import (
    demo,  # noqa: F401
    drift,  # noqa: F401
    evaluate,  # noqa: F401
    github,  # noqa: F401
    history,  # noqa: F401
    preprocess,  # noqa: F401
    report,  # noqa: F401
    topics,  # noqa: F401
    validate,  # noqa: F401
)
