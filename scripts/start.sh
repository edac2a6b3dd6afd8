#!/usr/bin/env bash
# Installs, builds and starts the whole product with the demo data on a new embedded SQLite
# database: http://localhost:3000 (PORT, HOST, DATABASE_PATH… as in the README's Configuration).
set -euo pipefail
source "$(dirname "$0")/env.sh"

install_dependencies
pnpm build
echo
echo "Demo sign-ins (password communities-fund-demo): applicant@demo.test, officer@demo.test,"
echo "finance@demo.test, assessor@demo.test, admin@demo.test and more — see README.md."
# The quick start is the demo: ask for the demo data in so many words (a plain `pnpm start` never
# creates demo accounts).
export SEED_DEMO="${SEED_DEMO:-true}"
exec pnpm start
