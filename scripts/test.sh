#!/usr/bin/env bash
# The whole test suite on a fresh machine: install what the tests need, start a real kube-apiserver
# (built once from Debian's Kubernetes sources and cached in /var/cache/dlsync), then run every test.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
scripts/test-cluster.sh up
swift build --build-tests
# --no-parallel: the end-to-end suites share one cluster and the platform's namespaces; run in
# parallel, one suite's objects turn another's server-side dry-run creates into forbidden updates.
swift test --skip-build --no-parallel
