#!/usr/bin/env bash
# Prints a bearer token for trying the APIs of the services `npm start` runs, signed with their dev secret.
#   npm run token -- --role admin --sub ops-1      (roles: customer agent scanner admin service)
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/ensure-node.sh
source scripts/ensure-node.sh
secret_file=.cache/run/services/dev-jwt-secret
if [[ -z "${JWT_SECRET:-}" ]]; then
  [[ -f $secret_file ]] || { echo "token: no dev secret yet; run 'npm start' once (it creates $secret_file)" >&2; exit 1; }
  JWT_SECRET="$(cat "$secret_file")"
fi
export JWT_SECRET
exec node -r @swc-node/register libs/platform/http/src/issue-token.cli.ts "$@"
