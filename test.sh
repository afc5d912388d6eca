#!/usr/bin/env bash
# Runs the whole test suite: installs and builds what is missing, then the xunit tests and the end-to-end
# scripts under tests/e2e/ (each prints its own checks).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/scripts/setup.sh"
ensure_packages
ensure_test_tools
ensure_data
ensure_native
cd "$VAESWEEP_ROOT"
dotnet test VaeSweep.sln -c "$VAESWEEP_CONFIGURATION" --nologo -v q "$@"
for script in tests/e2e/*.sh; do
  [ -e "$script" ] || continue
  echo "== $script"
  bash "$script"
done
