#!/usr/bin/env bash
# Installs everything the tests need, then runs every test: lint, types, unit and integration
# tests, the build, and the browser journeys. Ends with one line: "N passed, N failed".
set -euo pipefail
source "$(dirname "$0")/env.sh"

# A browser for the journeys: Debian's Chromium, installed when missing and we are allowed to.
ensure_browser() {
  if [ -x /usr/bin/chromium ] || [ -x /usr/bin/chromium-browser ] || ls "${HOME}/.cache/ms-playwright"/chromium-* >/dev/null 2>&1; then
    return
  fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Chromium for the browser tests ..."
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null 2>&1 ||
      { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
  else
    echo "Getting Playwright's own Chromium ..."
    pnpm --filter @cf/e2e exec playwright install chromium
  fi
}

install_dependencies
ensure_browser
exec node scripts/run-tests.mjs
