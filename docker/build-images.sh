#!/usr/bin/env bash
# Builds the service images from docker/Dockerfile (one image per line of docker/services.txt).
#   bash docker/build-images.sh [registry/prefix] [tag]     e.g. registry.harvest.internal/harvest 0.1.0
set -euo pipefail
cd "$(dirname "$0")/.."
prefix=${1:-harvest}
tag=${2:-$(git rev-parse --short HEAD)}
command -v docker >/dev/null || { echo "build-images: docker is not installed" >&2; exit 1; }
while read -r service port; do
  [ -n "$service" ] || continue
  echo "build-images: $prefix/$service:$tag (port $port)"
  docker build -f docker/Dockerfile --build-arg SERVICE="$service" --build-arg PORT="$port" \
    -t "$prefix/$service:$tag" .
done <docker/services.txt
