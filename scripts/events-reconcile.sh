#!/usr/bin/env bash
# npm run events:reconcile -- --schema <db> --from <iso> --to <iso> [--republish]: outbox rows marked published
# that their topic lacks, re-published on request (docs/operations.md, "Events marked published but not in Kafka").
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/ensure-node.sh
source scripts/ensure-node.sh
bash scripts/ensure-node-modules.sh >&2
exec node -r @swc-node/register libs/platform/events/src/kafka/outbox-reconcile.cli.ts "$@"
