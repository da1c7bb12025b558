#!/usr/bin/env bash
# Regenerates the expectations of the kustomize compatibility corpus.
#
# Usage: scripts/regen-cases.sh [CASE_DIR...]
#   With no arguments, every case under Tests/OverlaysTests/Cases/<area>/<case>/
#   is regenerated. Arguments may be case folders (or area folders, which are
#   expanded to their cases).
#
# For each case the build root is <case>/input, unless the case folder holds a
# file named `root` whose first line is a path relative to the case folder.
# `kubectl kustomize <absolute root>` is run from a neutral working directory:
#   - success: stdout -> <case>/expected.yaml, stale expected-error.txt removed
#   - failure: stderr -> <case>/expected-error.txt, stale expected.yaml removed.
#     The absolute path of the case folder is replaced by `$CASE`, and the klog
#     prefix (`E1121 ... run.go:72] "command failed" err="..."`) or the
#     `error: ` prefix is removed so that only the message is kept (Go string
#     quoting in the klog form is undone). Go pointer values that some
#     messages print (0xc000632d00) differ on every run and become `0xADDR`.
#     Deprecation warning lines (`# Warning: ...`) are dropped, and the DNS
#     resolver address in network errors becomes `<resolver>`.
# kubectl runs with git's global/system configuration disabled so that
# remote-resource cases do not depend on local URL rewrites.
# Tests never call kubectl; only this script does.
set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(cd "$script_dir/.." && pwd)
cases_root="$repo_root/Tests/OverlaysTests/Cases"
KUBECTL=${KUBECTL:-kubectl}

if ! command -v "$KUBECTL" >/dev/null 2>&1; then
  echo "regen-cases: '$KUBECTL' not found on PATH" >&2
  exit 2
fi

neutral=$(mktemp -d)
trap 'rm -rf "$neutral"' EXIT

# Collect case folders.
cases=()
is_case() { [[ -d "$1/input" ]]; }
if [[ $# -eq 0 ]]; then
  while IFS= read -r d; do cases+=("$d"); done < <(
    find "$cases_root" -mindepth 2 -maxdepth 2 -type d | LC_ALL=C sort)
else
  for arg in "$@"; do
    d=$(cd "$arg" && pwd)
    if is_case "$d"; then
      cases+=("$d")
    else
      while IFS= read -r c; do cases+=("$c"); done < <(
        find "$d" -mindepth 1 -maxdepth 1 -type d | LC_ALL=C sort)
    fi
  done
fi

# Turns kubectl's stderr into a machine-independent message.
clean_error() {
  local case_dir=$1 case_real=$2
  CASE_DIR="$case_dir" CASE_REAL="$case_real" perl -0777 -pe '
    sub unquote {
      my $s = shift;
      $s =~ s{\\(?:x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|(.))}{
        defined $1 ? chr(hex $1) : defined $2 ? chr(hex $2) : defined $3 ? chr(hex $3)
        : $4 eq "n" ? "\n" : $4 eq "t" ? "\t" : $4 eq "r" ? "\r"
        : $4 eq "a" ? "\a" : $4 eq "b" ? "\b" : $4 eq "f" ? "\f"
        : $4 eq "v" ? "\013" : $4 }ge;
      return $s;
    }
    # klog single-line form: E1121 17:09:56.553417    5511 run.go:72] "command failed" err="..."
    s{^[IWEF]\d{4} [\d:.]+\s+\d+ [^\]]+\] "command failed" err="((?:[^"\\]|\\.)*)"\n?}{unquote($1)."\n"}mge;
    # klog multi-line form: err=<\n\tline\n\tline\n >
    s{^[IWEF]\d{4} [\d:.]+\s+\d+ [^\]]+\] "command failed" err=<\n((?:\t.*\n)*) >\n?}{ my $b = $1; $b =~ s/^\t//mg; $b }mge;
    s{^error: }{}mg;
    # Deprecation warnings ("# Warning: 'vars' is deprecated...") are not part
    # of the error.
    s{^# Warning: .*\n}{}mg;
    my ($d, $r) = ($ENV{CASE_DIR}, $ENV{CASE_REAL});
    s{\Q$r\E}{\$CASE}g;
    s{\Q$d\E}{\$CASE}g;
    # Go pointer values printed by some errors (e.g. "&{0xc000632d00 <nil>}")
    # change on every run.
    s{\b0xc[0-9a-f]{6,}\b}{0xADDR}g;
    # The DNS resolver address in network errors of remote-resource cases.
    s{(lookup \S+ on )\S+:53: }{$1<resolver>: }g;
  '
}

ok=0 failed=0
for case_dir in "${cases[@]}"; do
  if ! is_case "$case_dir"; then
    echo "regen-cases: skipping $case_dir (no input/)" >&2
    continue
  fi
  case_real=$(realpath "$case_dir")
  rel_root=input
  if [[ -f "$case_dir/root" ]]; then
    rel_root=$(head -n 1 "$case_dir/root" | tr -d '\r')
  fi
  build_root="$case_dir/$rel_root"
  out="$neutral/stdout" err="$neutral/stderr"
  if (cd "$neutral" && GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1 \
      GIT_TERMINAL_PROMPT=0 "$KUBECTL" kustomize "$build_root" >"$out" 2>"$err"); then
    cp "$out" "$case_dir/expected.yaml"
    rm -f "$case_dir/expected-error.txt"
    ok=$((ok + 1))
  else
    clean_error "$case_dir" "$case_real" <"$err" >"$case_dir/expected-error.txt"
    rm -f "$case_dir/expected.yaml"
    failed=$((failed + 1))
    echo "error: ${case_dir#"$cases_root"/}" >&2
  fi
done

echo "regen-cases: $((ok + failed)) cases: $ok expected.yaml, $failed expected-error.txt"
