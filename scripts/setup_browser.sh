#!/usr/bin/env bash
# Install Debian's Chromium for the browser tests (tests/test_web_*.py), once.
# Idempotent and quick when present. Playwright (requirements/dev-lock.txt) drives
# it; playwright's own browser download is not used.
set -euo pipefail
CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$CHROMIUM_PATH" ]; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1; then
  SUDO="sudo"
else
  echo "setup_browser: Chromium is missing at $CHROMIUM_PATH and this user cannot install packages; run 'apt-get install chromium' as root, or set CHROMIUM_PATH." >&2
  exit 1
fi
echo "setup_browser: installing chromium (Debian package) for the browser tests ..."
log=$(mktemp)
if ! { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium; } >"$log" 2>&1; then
  echo "setup_browser: apt-get install chromium failed: $(tail -n 1 "$log") (full log: $log)" >&2
  exit 1
fi
rm -f "$log"
echo "setup_browser: $("$CHROMIUM_PATH" --version 2>/dev/null || echo chromium) ready."
