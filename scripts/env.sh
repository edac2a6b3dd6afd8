# Sourced by start.sh and test.sh: gets the tools this repository needs onto PATH, changing only
# what this machine lacks, so the same commands work on a laptop with full internet access.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

need_node() {
  if ! command -v node >/dev/null 2>&1; then
    echo "Node.js 20.19 or newer is needed: https://nodejs.org" >&2
    exit 1
  fi
  local major minor
  major=$(node -p 'process.versions.node.split(".")[0]')
  minor=$(node -p 'process.versions.node.split(".")[1]')
  if [ "$major" -lt 20 ] || { [ "$major" -eq 20 ] && [ "$minor" -lt 19 ]; }; then
    echo "Node.js 20.19 or newer is needed; this is $(node -v)." >&2
    exit 1
  fi
}

# pnpm, at the version pinned in package.json: the one on PATH if it matches, otherwise a private
# copy in .tools/ (npm install needs no root and no corepack signatures).
ensure_pnpm() {
  local wanted
  wanted=$(node -p 'require("./package.json").packageManager.split("@")[1]')
  if command -v pnpm >/dev/null 2>&1 && [ "$(pnpm --version 2>/dev/null)" = "$wanted" ]; then
    return
  fi
  if [ ! -x .tools/node_modules/.bin/pnpm ] || [ "$(.tools/node_modules/.bin/pnpm --version 2>/dev/null)" != "$wanted" ]; then
    echo "Getting pnpm $wanted into .tools/ ..."
    npm install --prefix .tools --no-save --no-package-lock --no-audit --no-fund --loglevel=error "pnpm@$wanted" >/dev/null
  fi
  export PATH="$ROOT/.tools/node_modules/.bin:$PATH"
}

# better-sqlite3 compiles from source when no prebuilt binary can be downloaded. node-gyp then
# needs Node's headers: use the ones installed with Node (Debian: /usr/include/node) when they
# match the running Node, instead of downloading them.
use_local_node_headers() {
  [ -n "${npm_config_nodedir:-}" ] && return
  local header=/usr/include/node/node_version.h
  [ -f "$header" ] || return
  local version
  version=$(awk '/#define NODE_(MAJOR|MINOR|PATCH)_VERSION / {printf "%s.", $3}' "$header" | sed 's/\.$//')
  if [ "v$version" = "$(node -v)" ]; then
    export npm_config_nodedir=/usr
  fi
}

install_dependencies() {
  # Playwright's browser download is not wanted: tests use Debian's Chromium where there is one.
  export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
  pnpm install --frozen-lockfile
}

need_node
ensure_pnpm
use_local_node_headers
