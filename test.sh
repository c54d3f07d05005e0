#!/usr/bin/env bash
# Runs every test of the solution (the README's test command). Builds first, then tests without rebuilding,
# so tests that start the server process use the assembly this build produced.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_hostBuilder__reloadConfigOnChange=false
dotnet build Kairos.slnx -c Release -v minimal

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet test Kairos.slnx -c Release --no-build -v minimal "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# One closing line for the whole solution (dotnet test prints one per test assembly).
passed=$(grep -oE "Passed: +[0-9]+" "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE "Failed: +[0-9]+" "$log" | awk '{s+=$2} END {print s+0}')
echo "Tests: $passed passed, $failed failed"
exit "$status"
