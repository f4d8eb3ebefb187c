#!/usr/bin/env bash
# Installs npm dependencies when node_modules is missing or older than the lock file; quiet when up to date.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v node >/dev/null || { echo "node is missing: install Node.js 20 (apt-get install nodejs) and run again" >&2; exit 1; }
major=$(node -p 'process.versions.node.split(".")[0]')
[ "$major" -ge 20 ] || { echo "Node.js $(node -v) is too old: install Node.js 20 or newer" >&2; exit 1; }
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "npm: installing dependencies (first run, or package-lock.json changed)…"
  npm ci --no-audit --no-fund --loglevel=error
else
  echo "npm: dependencies up to date"
fi
