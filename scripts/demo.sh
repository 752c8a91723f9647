#!/usr/bin/env bash
# The main job on the bundled model of the seed op-ed: set up, then run `realpolitik demo`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/realpolitik demo "$@"
