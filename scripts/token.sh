#!/usr/bin/env bash
# Prints a bearer token for trying the APIs of the services `npm start` runs, asked of the embedded issuer
# (http://127.0.0.1:3010, started by npm start): a demo person signs in, a client uses its credentials.
#   npm run token -- --role agent            (roles: customer agent admin scanner service; --help for options)
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/ensure-node.sh
source scripts/ensure-node.sh
exec node -r @swc-node/register infra/embedded-issuer/client/demo-token.cli.ts "$@"
