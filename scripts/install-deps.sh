#!/usr/bin/env bash
# Installs the system packages dlsync builds against (Debian/Ubuntu). Idempotent: does nothing when
# everything is present. Usage: scripts/install-deps.sh [extra-debian-package...]
set -euo pipefail

packages=(libyaml-dev libgit2-dev pkg-config git "$@")
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if ! command -v swift >/dev/null 2>&1; then
  for candidate in /opt/swift/usr/bin /opt/swift/bin; do
    [ -x "$candidate/swift" ] && { echo "swift found at $candidate; add it to PATH" >&2; break; }
  done
  echo "error: swift (6.x) is not on PATH; install the Swift toolchain from swift.org first" >&2
  exit 1
fi
