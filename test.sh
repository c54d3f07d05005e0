#!/usr/bin/env bash
# Runs every test of the solution (the README's test command). Builds first, then tests without rebuilding,
# so tests that start the server process use the assembly this build produced.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_hostBuilder__reloadConfigOnChange=false
dotnet build Kairos.slnx -c Release -v minimal
dotnet test Kairos.slnx -c Release --no-build -v minimal "$@"
