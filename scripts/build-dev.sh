#!/usr/bin/env bash
# The main job on a fresh machine: install what is missing, build dlsync in release mode, and print
# the dev environment's manifests. Usage: scripts/build-dev.sh [environment-dir]
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
swift build -c release --product dlsync >&2
exec .build/release/dlsync build "${1:-environments/dev}"
