"""edgar-sentinel: a trustworthy pipeline for SEC 10-K risk factors."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("edgar-sentinel")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0"

__all__ = ["__version__"]
