#!/usr/bin/env bash
# Create .venv and install realpolitik with pinned dependencies. Sourced by demo.sh and test.sh.
# Usage: scripts/setup.sh [test]   ("test" also installs the test tools and Chromium)
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    echo "error: realpolitik needs Python 3.11 or newer ($PYTHON is older)" >&2
    exit 2
fi
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
stamp=.venv/.realpolitik-installed
want="$(cat pyproject.toml constraints.txt | sha256sum | cut -c1-16)-${1:-main}"
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
    extras=""
    [ "${1:-}" = "test" ] && extras="[test]"
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".${extras}"
    echo "$want" >"$stamp"
fi
