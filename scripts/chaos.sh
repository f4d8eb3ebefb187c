#!/usr/bin/env bash
# npm run chaos: the production topology in small, one fault at a time under order load (docs/high-availability.md).
#   npm run chaos [-- SCENARIO...]      npm run chaos -- --down (stops the topology)
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/ensure-node.sh
source scripts/ensure-node.sh
bash scripts/ensure-node-modules.sh
exec node -r @swc-node/register scripts/chaos/chaos.ts "$@"
