#!/usr/bin/env bash
# Where a training step's time goes: samples `vaesweep bench` (one thread, as scripts/bench-side-by-side.sh runs
# it) with perf and prints the shares by library and by function. The libraries tell the kinds of work apart:
# libopenblas = the matrix products, libsleef = vectorised tanh/exp/log1p, libtorch_cpu = the other kernels and
# ATen's dispatch and autograd bookkeeping, libc = malloc/free and memset, libvaesweep_native = the shim (the
# fused Adam), memfd:doublemapper = the C# code the JIT compiled; ld-linux and libclrjit are start-up, which more
# --steps make smaller. Needs perf (Debian's linux-perf).
#
#   scripts/profile-bench.sh [--steps N] [--top K] [other vaesweep bench options]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
steps=1000 top=30 rest=()
while [ $# -gt 0 ]; do
  case "$1" in
    --steps) steps=$2; shift 2 ;;
    --top) top=$2; shift 2 ;;
    *) rest+=("$1"); shift ;;
  esac
done
command -v perf >/dev/null || { echo "error: perf is not installed; install it with 'apt-get install linux-perf'" >&2; exit 4; }
source "$root/scripts/setup.sh"
ensure_all >/dev/null
data=$(mktemp)
trap 'rm -f "$data"' EXIT
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 DOTNET_PerfMapEnabled=1
(cd "$root" && perf record -q -F 999 -o "$data" -- dotnet "$VAESWEEP_DLL" bench --steps "$steps" "${rest[@]}")
echo "== share of samples by library"
perf report -i "$data" --no-children --sort dso --stdio -g none 2>/dev/null | grep '%' | head -n 15
echo "== share of samples by function (top $top)"
perf report -i "$data" --no-children --sort dso,symbol --stdio -g none 2>/dev/null | grep '%' | head -n "$top" \
  | sed -E 's/ +$//'
