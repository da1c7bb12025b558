#!/usr/bin/env bash
# The whole test suite on a fresh machine: install what the tests need, then run every test.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
swift build --build-tests
swift test --skip-build
