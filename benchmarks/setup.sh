#!/usr/bin/env bash
# Create .venv-bench with realpolitik (pinned), FCMpy 0.0.21 and what FCMpy needs to import and simulate.
# Usage: bash benchmarks/setup.sh && .venv-bench/bin/python benchmarks/run.py --all
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
[ -x .venv-bench/bin/python ] || "$PYTHON" -m venv .venv-bench
pip=(.venv-bench/bin/python -m pip install --quiet --disable-pip-version-check)
"${pip[@]}" -c constraints.txt -e .
"${pip[@]}" -c constraints.txt -r benchmarks/requirements.txt
"${pip[@]}" --no-deps fcmpy==0.0.21
