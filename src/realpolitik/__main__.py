"""``python -m realpolitik``: the same command line as ``realpolitik``."""

from realpolitik.cli.app import main

main()
