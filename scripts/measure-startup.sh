#!/usr/bin/env bash
# Seconds from `vaesweep run` to the first claimed run (the store's earliest started_utc), and the whole run's wall
# time, for the smoke sweep (4 runs) with 2 workers in a fresh temporary store; repeated N times (default 3).
#   scripts/measure-startup.sh [N] [DLL]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
n=${1:-3}
dll=${2:-$root/cli/bin/Release/net10.0/vaesweep.dll}
for _ in $(seq "$n"); do
  dir=$(mktemp -d)
  start=$(date +%s.%N)
  dotnet "$dll" run "$root/configs/smoke.yaml" --store "$dir/smoke.db" --workers 2 >/dev/null 2>&1 || true
  end=$(date +%s.%N)
  first=$(date -d "$(sqlite3 "$dir/smoke.db" "SELECT min(started_utc) FROM runs")" +%s.%N)
  echo "first claim after $(echo "$first - $start" | bc) s; whole sweep $(echo "$end - $start" | bc) s"
  rm -rf "$dir"
done
