"""The command-line interface: thin commands over the library, one module per command."""

from realpolitik.cli.app import app, main

__all__ = ["app", "main"]
