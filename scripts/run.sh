#!/usr/bin/env bash
# The main job on a fresh clone: npm dependencies, a MySQL-compatible server (reused on 127.0.0.1:3306, or
# installed and started by the harness), then every service on the embedded default with demo data.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/ensure-node.sh
source scripts/ensure-node.sh
bash scripts/ensure-node-modules.sh
bash infra/local/harness up mariadb
exec node -r @swc-node/register scripts/run/run-services.ts "$@"
