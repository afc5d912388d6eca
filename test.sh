#!/usr/bin/env bash
# Runs the whole test suite: installs and builds what is missing, then the xunit tests and the end-to-end
# scripts under tests/e2e/ (each prints its own checks and a closing "N passed, M failed" line).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/scripts/setup.sh"
ensure_packages
ensure_test_tools
ensure_data
# The shim must compile warning-free against the libtorch installed here (issue 15: a newer libtorch dropped a
# header ATen/ATen.h used to include); an up-to-date build costs one CMake configure.
VAESWEEP_WERROR=ON ensure_native
cd "$VAESWEEP_ROOT"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
dotnet test VaeSweep.sln -c "$VAESWEEP_CONFIGURATION" --nologo -v q "$@" | tee "$log"
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{ n += $2 } END { print n + 0 }')
failed=0
for script in tests/e2e/*.sh; do
  [ "$(basename "$script")" = lib.sh ] && continue
  echo "== $script"
  status=0
  bash "$script" | tee "$log" || status=$?
  # Each script closes with "NAME: N passed, M failed, ..."; a script that died before it counts as one failure.
  counts=$(grep -E '^[a-z-]+: [0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1 | awk '{ print $2, $4 }')
  if [ -z "$counts" ]; then failed=$((failed + 1)); continue; fi
  read -r p f <<<"$counts"
  passed=$((passed + p))
  failed=$((failed + f))
  [ "$status" -eq 0 ] || [ "$f" -gt 0 ] || failed=$((failed + 1))
done
echo "all: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
