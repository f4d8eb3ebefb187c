#!/usr/bin/env bash
# The published HTTP contracts (issue 19, README "API contracts").
#   npm run openapi            writes each service's OpenAPI 3.1 document (libs/contracts/openapi/<service>.openapi.json)
#                              from its service definition, no infrastructure needed, and the typed client
#                              types generated from it (libs/contracts/src/http-api/<service>.openapi.ts).
#   npm run openapi -- --check (npm test) fails when a committed document or its types differ from the code,
#                              lints the documents with Redocly's recommended rules (zero errors), and fails on
#                              a breaking change against the released documents (libs/contracts/openapi/released).
#   npm run openapi -- --release  takes the current documents as the released ones (done when a version ships).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/ensure-node.sh
source scripts/ensure-node.sh
dir=libs/contracts/openapi
types=libs/contracts/src/http-api
services=(catalog orders fulfillment callcenter images identity)

write_types() { # $1: folder to write into
  for service in "${services[@]}"; do
    npx openapi-typescript "$dir/$service.openapi.json" -o "$1/$service.openapi.ts" --silent
  done
}

case "${1:-}" in
  --check)
    node -r @swc-node/register scripts/openapi/generate-documents.ts --check
    fresh=$(mktemp -d)
    trap 'rm -rf "$fresh"' EXIT
    write_types "$fresh"
    for service in "${services[@]}"; do
      if ! cmp -s "$fresh/$service.openapi.ts" "$types/$service.openapi.ts"; then
        echo "$types/$service.openapi.ts differs from its document: run npm run openapi and commit the result" >&2
        exit 1
      fi
    done
    npx redocly lint --format=summary "$dir"/*.openapi.json
    node -r @swc-node/register scripts/openapi/breaking-changes.ts "${services[@]}"
    ;;
  --release)
    mkdir -p "$dir/released"
    for service in "${services[@]}"; do cp "$dir/$service.openapi.json" "$dir/released/"; done
    echo "released: ${services[*]}"
    ;;
  *)
    node -r @swc-node/register scripts/openapi/generate-documents.ts
    write_types "$types"
    ;;
esac
