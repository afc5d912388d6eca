#!/usr/bin/env bash
# `vaesweep bench` and the same training step in PyTorch (scripts/bench-pytorch.py), on this machine, with the
# same settings: the reference 784-200-200-50 VAE, batch 100, one thread (ATen's and OpenBLAS's), the same
# binarised mnist-sample batches, the same warm-up and timed steps. The two alternate for --rounds rounds, so a
# machine whose load drifts affects both alike; the best and the median of each are printed with their ratios,
# for wall time (samples/s) and for the processor time of the timed steps (cpu ms/step), which a machine busy
# with other work inflates much less.
#
#   scripts/bench-side-by-side.sh [--rounds R] [--steps N] [--warmup W] [--batch B]
#
# PyTorch is Debian's python3-torch (built on the same libtorch 1.13 as the shim); it is a benchmark tool only,
# not needed to build or test anything: `apt-get install python3-torch`.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds=3 steps=300 warmup=30 batch=100
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds=$2; shift 2 ;;
    --steps) steps=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --batch) batch=$2; shift 2 ;;
    *) echo "error: bench-side-by-side.sh: unknown argument '$1' (use --rounds, --steps, --warmup, --batch)" >&2; exit 2 ;;
  esac
done
python=/usr/bin/python3
if ! "$python" -c 'import torch' 2>/dev/null; then
  echo "error: $python cannot import torch; install Debian's PyTorch with 'apt-get install python3-torch'" >&2
  exit 4
fi
source "$root/scripts/setup.sh"
ensure_all >/dev/null

# One thread everywhere: ATen's OpenMP pool, OpenBLAS (which libtorch uses for matrix products) and MKL if any.
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
common=(--steps "$steps" --warmup "$warmup" --batch "$batch" --threads 1)
figure() { awk '$1 == "samples/s" { print $2 }'; }
cpu() { awk '$1 == "cpu" && $2 == "ms/step" { print $3 }'; }
ours=() theirs=() ours_cpu=() theirs_cpu=()
for round in $(seq "$rounds"); do
  out=$(cd "$root" && dotnet "$VAESWEEP_DLL" bench "${common[@]}")
  ours+=("$(figure <<<"$out")") ours_cpu+=("$(cpu <<<"$out")")
  [ "$round" -eq 1 ] && grep -E '^(model|data) ' <<<"$out" | sed 's/^/vaesweep: /'
  out=$(cd "$root" && "$python" scripts/bench-pytorch.py "${common[@]}")
  theirs+=("$(figure <<<"$out")") theirs_cpu+=("$(cpu <<<"$out")")
  [ "$round" -eq 1 ] && grep -E '^(pytorch|data) ' <<<"$out" | sed 's/^/pytorch:  /'
  echo "round $round: vaesweep ${ours[-1]} samples/s (cpu ${ours_cpu[-1]} ms/step), pytorch ${theirs[-1]} samples/s (cpu ${theirs_cpu[-1]} ms/step)"
done
summary() { # best (largest; for cpu ms/step pass -r, smallest) and median of the figures given
  local order=-n
  [ "$1" = -r ] && { order=-nr; shift; }
  printf '%s\n' "$@" | sort $order | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; print v[NR], m }'
}
read -r ours_best ours_median <<<"$(summary "${ours[@]}")"
read -r theirs_best theirs_median <<<"$(summary "${theirs[@]}")"
read -r ours_cpu_best ours_cpu_median <<<"$(summary -r "${ours_cpu[@]}")"
read -r theirs_cpu_best theirs_cpu_median <<<"$(summary -r "${theirs_cpu[@]}")"
echo "batch $batch, $steps steps after $warmup, 1 thread, $rounds rounds; ratio = vaesweep's speed / pytorch's"
awk -v ob="$ours_best" -v om="$ours_median" -v tb="$theirs_best" -v tm="$theirs_median" \
    -v ocb="$ours_cpu_best" -v ocm="$ours_cpu_median" -v tcb="$theirs_cpu_best" -v tcm="$theirs_cpu_median" 'BEGIN {
  printf "best     vaesweep %6.0f samples/s  pytorch %6.0f samples/s  ratio %.2fx\n", ob, tb, ob / tb
  printf "median   vaesweep %6.0f samples/s  pytorch %6.0f samples/s  ratio %.2fx\n", om, tm, om / tm
  printf "cpu best vaesweep %6.3f ms/step    pytorch %6.3f ms/step    ratio %.2fx\n", ocb, tcb, tcb / ocb
  printf "cpu med. vaesweep %6.3f ms/step    pytorch %6.3f ms/step    ratio %.2fx\n", ocm, tcm, tcm / ocm
}'
