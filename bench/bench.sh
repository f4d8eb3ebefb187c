#!/usr/bin/env bash
# npm run bench: each hot path as a ratio of a raw baseline, same machine, same run (see docs/benchmarks.md).
# Needs the local tier up first: bash infra/local/harness up.   Options: --quick, --skus N, --only a,b
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-node-modules.sh
exec node -r @swc-node/register bench/run-bench.ts "$@"
