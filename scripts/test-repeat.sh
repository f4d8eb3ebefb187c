#!/usr/bin/env bash
# npm run test:repeat -- <spec file> [N] — runs one spec file N times (default 10) in a row, so a flake shows
# up in minutes instead of by chance. *.int.spec.ts runs in the integration project with the harness env
# (start the tier first: bash infra/local/harness up), anything else in the unit project. Prints one line per
# run (passed/failed, seconds, the log of a failed run) and a summary line; exits 1 if any run failed.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
# shellcheck source=scripts/ensure-node.sh
source scripts/ensure-node.sh || exit 1

usage() { echo "usage: npm run test:repeat -- <spec file> [N]" >&2; exit 2; }
[[ $# -ge 1 && $# -le 2 ]] || usage
file=$1
runs=${2:-10}
[[ -f $file ]] || { echo "test:repeat: no such file: $file" >&2; exit 2; }
[[ $runs =~ ^[1-9][0-9]*$ ]] || usage

if [[ $file == *.int.spec.ts ]]; then
  project=integration
  eval "$(bash infra/local/harness env)"
  # --forceExit as in npm test: a leaked handle must not hold the next run.
  jest_args=(--selectProjects integration --runInBand --forceExit)
else
  project=unit
  jest_args=(--selectProjects unit)
fi

logs=.cache/reports/repeat/$(basename "$file" .ts)-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$logs"
passed=0
failed=0
durations=()
echo "test:repeat: $file ($project) x $runs; logs in $logs"
for ((i = 1; i <= runs; i++)); do
  begin=$(date +%s.%N)
  log="$logs/run-$i.log"
  if npx jest "$file" "${jest_args[@]}" >"$log" 2>&1; then
    verdict=passed
    passed=$((passed + 1))
  else
    verdict=FAILED
    failed=$((failed + 1))
  fi
  seconds=$(awk -v b="$begin" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - b }')
  durations+=("$seconds")
  if [[ $verdict == passed ]]; then
    echo "run $i/$runs: passed (${seconds} s)"
  else
    # The first failing assertion or error, so the pattern of a flake is visible without opening each log.
    reason=$(grep -m1 -E '●|Error:|harness:' "$log" | sed 's/^[[:space:]]*//' | cut -c1-160)
    echo "run $i/$runs: FAILED (${seconds} s) ${reason:-} — $log"
  fi
done

spread=$(printf '%s\n' "${durations[@]}" | sort -n | awk '{ v[NR] = $1 } END { printf "min %.1f s, median %.1f s, max %.1f s", v[1], v[int((NR + 1) / 2)], v[NR] }')
echo "test:repeat: $file: $passed passed, $failed failed of $runs ($spread)"
[[ $failed -eq 0 ]]
