#!/usr/bin/env bash
# Runs every Tandem test. Installs what the tests need when it is missing, so it works on a fresh
# machine and in CI; safe to run twice. Ends with one line "tests: N passed, N failed, N skipped".
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "test.sh: the .NET SDK 10 is required (dotnet not found on PATH)" >&2
  exit 2
fi

log="$root/test.log"
set +e
dotnet test Tandem.slnx -nologo "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

grep -E '^\s*(Passed|Failed)!' "$log" \
  | awk -F'[:,]' '{f+=$2; p+=$4; s+=$6} END {printf "tests: %d passed, %d failed, %d skipped\n", p, f, s}'
if [ "$status" -ne 0 ]; then
  echo "test.sh: dotnet test failed (exit $status); see $log" >&2
fi
exit "$status"
