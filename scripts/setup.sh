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
# The browser tests drive Debian's Chromium through its matching chromedriver; nothing downloads a browser.
if [ "${1:-}" = "test" ] && { [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; }; then
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    echo "installing chromium and chromium-driver for the browser tests" >&2
    $sudo apt-get -o DPkg::Lock::Timeout=600 update -qq >/dev/null || echo "warning: apt-get update failed" >&2
    DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends chromium chromium-driver >/dev/null \
        || echo "warning: could not install chromium; the browser tests will be skipped" >&2
fi
