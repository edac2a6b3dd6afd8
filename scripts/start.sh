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
exec pnpm start
