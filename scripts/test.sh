#!/usr/bin/env bash
# The whole test suite: set up (venv, packages, Chromium for the browser tests), then pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
exec .venv/bin/python -m pytest "$@"
