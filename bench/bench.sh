#!/usr/bin/env bash
# npm run bench: each hot path as a ratio of a raw baseline, same machine, same run (see docs/benchmarks.md).
# Needs the local tier up first: bash infra/local/harness up.   Options: --quick, --skus N, --only a,b
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/ensure-node.sh
source scripts/ensure-node.sh
bash scripts/ensure-node-modules.sh
# One bench at a time: runs share ports 3201-3219 and the machine's cores, so a second run queues here
# instead of breaking the first or skewing its ratios.
mkdir -p .cache/bench
exec 9>.cache/bench/run.lock
if ! flock -n 9; then
  echo "bench: another bench run holds .cache/bench/run.lock; waiting for it to finish"
  flock 9
fi
exec node -r @swc-node/register bench/run-bench.ts "$@"
