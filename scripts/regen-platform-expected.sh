#!/usr/bin/env bash
# Regenerates the expected output of the platform's environments.
#
# Usage: scripts/regen-platform-expected.sh [ENV...]
#   With no arguments, all four environments (dev, staging, prod, edge).
#
# Writes `kubectl kustomize environments/<env>` into
# Tests/PlatformTests/Expected/<env>.yaml. The PlatformTests check that
# `Kustomizer.render(Platform.build(env))` equals that file byte for byte.
# kubectl runs from a neutral working directory with an absolute path.
# Tests never call kubectl; only this script does. Rerun it after changing
# anything under base/, overlays/, platforms/ or environments/.
set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(cd "$script_dir/.." && pwd)
expected="$repo_root/Tests/PlatformTests/Expected"
KUBECTL=${KUBECTL:-kubectl}

if ! command -v "$KUBECTL" >/dev/null 2>&1; then
  echo "regen-platform-expected: '$KUBECTL' not found on PATH" >&2
  exit 2
fi

envs=("$@")
if [[ ${#envs[@]} -eq 0 ]]; then envs=(dev staging prod edge); fi

neutral=$(mktemp -d)
trap 'rm -rf "$neutral"' EXIT
mkdir -p "$expected"

for env in "${envs[@]}"; do
  dir="$repo_root/environments/$env"
  if [[ ! -f "$dir/kustomization.yaml" ]]; then
    echo "regen-platform-expected: no environment '$env' ($dir)" >&2
    exit 2
  fi
  out="$expected/$env.yaml"
  (cd "$neutral" && "$KUBECTL" kustomize "$dir") > "$out.tmp"
  mv "$out.tmp" "$out"
  echo "$env: $(grep -c '^kind:' "$out") objects -> ${out#"$repo_root"/}"
done
