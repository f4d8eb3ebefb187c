#!/usr/bin/env bash
# The published HTTP contracts (issue 19). Without arguments: writes each service's OpenAPI document
# (libs/contracts/openapi/<service>.openapi.json) from its service definition, no infrastructure needed.
# --check (npm test): fails when a committed document differs from the code, and lints every document with
# Redocly's recommended OpenAPI 3.1 rules (zero errors).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/ensure-node.sh
source scripts/ensure-node.sh
documents=(libs/contracts/openapi/*.openapi.json)
if [[ "${1:-}" == "--check" ]]; then
  node -r @swc-node/register scripts/openapi/generate-documents.ts --check
  npx redocly lint --format=summary "${documents[@]}"
else
  node -r @swc-node/register scripts/openapi/generate-documents.ts
fi
