#!/usr/bin/env bash
# Installs npm dependencies when node_modules is missing or older than the lock file; quiet when up to date.
set -euo pipefail
cd "$(dirname "$0")/.."
# npm install runs on the pinned Node too (engines, native modules' builds), whoever calls this script.
# shellcheck source=scripts/ensure-node.sh
source scripts/ensure-node.sh
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "npm: installing dependencies from package-lock.json (first run, or the lock changed)…"
  # `npm install`, not `npm ci`: npm 11.16+ rejects its own lock file when an optional platform binary
  # (@swc/core-*, @unrs/*) has no resolvable version ("Missing: @swc/core-darwin-arm64@ from lock file",
  # npm/cli#9846). With a lock present, `npm install` installs the locked versions and leaves the lock as is.
  npm install --no-audit --no-fund --loglevel=error
else
  echo "npm: dependencies up to date"
fi
