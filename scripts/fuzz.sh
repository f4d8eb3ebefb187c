#!/usr/bin/env bash
# The long fuzz run over every JSON write route of every service (scripts/fuzz/*.fuzz.int.spec.ts, which
# `npm test` runs with a small fixed budget). FUZZ_RUNS bodies per route and kind (default 300), a fresh
# seed each run unless FUZZ_SEED is given; a failure prints its seed and fast-check path. Replay one with
# FUZZ_SEED=<seed> FUZZ_PATH=<path> FUZZ_ROUTE='POST /lots' npm run fuzz.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/ensure-node.sh
source scripts/ensure-node.sh
bash scripts/ensure-node-modules.sh
# Only MariaDB is needed (services run in-process on the embedded event log); a missing one fails with a
# line saying how to start it (bash infra/local/harness up).
eval "$(bash infra/local/harness env)"
export FUZZ_RUNS="${FUZZ_RUNS:-300}"
export FUZZ_SEED="${FUZZ_SEED:-$(( (RANDOM << 15) | RANDOM ))}"
echo "fuzz: seed $FUZZ_SEED, $FUZZ_RUNS bodies per route and kind${FUZZ_ROUTE:+, routes matching $FUZZ_ROUTE}"
npx jest scripts/fuzz --selectProjects integration --runInBand --forceExit "$@"
