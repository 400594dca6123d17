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

# PostgreSQL: Tandem's tests run every storage test against SQLite and against a real server.
# Debian's postgresql (and chromium, for the browser tests) is installed when missing, and a
# throwaway cluster listens on 127.0.0.1.
install_packages() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "test.sh: installing ${missing[*]}" >&2
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

start_postgres() {
  local pgbin pgdir="/tmp/tandem-pg" port=55432 run
  pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  run() { if [ "$(id -u)" -eq 0 ]; then su postgres -c "$*"; else sudo -u postgres sh -c "$*"; fi; }
  if ! "$pgbin/pg_isready" -h 127.0.0.1 -p $port -q; then
    if [ ! -f "$pgdir/data/PG_VERSION" ]; then
      ( [ "$(id -u)" -eq 0 ] && install -d -o postgres -g postgres "$pgdir" ) || sudo install -d -o postgres -g postgres "$pgdir"
      run "$pgbin/initdb -D $pgdir/data -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync" >/dev/null
    fi
    run "$pgbin/pg_ctl -D $pgdir/data -l $pgdir/server.log -o '-c listen_addresses=127.0.0.1 -p $port -k $pgdir -c fsync=off -c max_connections=200' -w start" >/dev/null
  fi
  export TANDEM_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
}

install_packages postgresql fonts-dejavu-core fontconfig chromium
# The web app's build restores Chart.js with npm (src/Tandem.Web/client).
command -v npm >/dev/null 2>&1 || install_packages nodejs npm
start_postgres

log="$root/test.log"
set +e
dotnet test Tandem.slnx -nologo "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# The browser tests save a screenshot of every page here (a test artifact).
[ -d "$root/artifacts/screenshots" ] && echo "test.sh: page screenshots in $root/artifacts/screenshots"
grep -E '^\s*(Passed|Failed)!' "$log" \
  | awk -F'[:,]' '{f+=$2; p+=$4; s+=$6} END {printf "tests: %d passed, %d failed, %d skipped\n", p, f, s}'
if [ "$status" -ne 0 ]; then
  echo "test.sh: dotnet test failed (exit $status); see $log" >&2
fi
exit "$status"
