"""What this installation of realpolitik is: its version (a base module any stage may read)."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

__all__ = ["__version__"]

try:
    __version__ = version("realpolitik")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0"
