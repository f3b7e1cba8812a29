#!/usr/bin/env bash
# Runs the whole test suite (both test projects: net10.0 and netstandard2.0 builds of the library) N times while
# every core is kept busy by spinning processes, the way a loaded CI machine runs it. A test that depends on real
# time or on thread scheduling shows up here long before it shows up in CI.
#
#   scripts/stress-tests.sh [runs=10] [extra dotnet test arguments...]
#
# Exit status: 0 when every run passed, 1 otherwise. Each failing run's log is kept in $STRESS_LOGS (a temporary
# folder by default) and its failed tests are printed.
set -uo pipefail
cd "$(dirname "$0")/.."

runs="${1:-10}"
shift || true
logs="${STRESS_LOGS:-$(mktemp -d)}"
mkdir -p "$logs"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build PortOne.Sdk.sln -c Release -warnaserror > "$logs/build.log" 2>&1 || { cat "$logs/build.log"; exit 1; }

spinners=()
for _ in $(seq "$(nproc)"); do
  ( while :; do :; done ) &
  spinners+=("$!")
done
trap 'kill "${spinners[@]}" 2> /dev/null' EXIT

failed_runs=0
for run in $(seq "$runs"); do
  log="$logs/run-$run.log"
  start=$(date +%s)
  if dotnet test PortOne.Sdk.sln -c Release --no-build "$@" > "$log" 2>&1; then
    result="passed"
  else
    result="FAILED"
    failed_runs=$((failed_runs + 1))
  fi
  counts=$(grep -Eo '(Passed|Failed): +[0-9]+' "$log" | awk '{ s[$1] += $2 } END { printf "%d passed, %d failed", s["Passed:"], s["Failed:"] }')
  echo "run $run/$runs: $result ($counts) in $(( $(date +%s) - start )) s"
  [ "$result" = "FAILED" ] && grep -E '^\s+Failed ' "$log" | sed 's/^/    /'
done

echo "$((runs - failed_runs)) of $runs runs passed with $(nproc) cores saturated; logs in $logs"
[ "$failed_runs" -eq 0 ]
