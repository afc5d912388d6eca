#!/usr/bin/env bash
# The GPU half of the foundation checks, for a machine with CUDA and a CUDA build of PyTorch but no .NET SDK
# (the `device` machine). It builds the shim against that PyTorch's libtorch, unpacks the self-contained
# vaesweep made here by scripts/publish.sh, and records `info`, `selftest --device cuda` and the benchmarks on
# cuda:0 (CPU figures of the same machine beside them) in $OUT/gpu-check.txt.
#
#   here:            scripts/publish.sh
#   on the machine:  scripts/gpu-check.sh      (carry .publish and .data/mnist-sample/mnist-sample.bin;
#                                              results go to $OUT, else .gpu-check/)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${OUT:-$root/.gpu-check}"
mkdir -p "$out"
log="$out/gpu-check.txt"
exec > >(tee "$log") 2>&1

step() { echo; echo "== $*"; }

python="$(command -v python3 || command -v python)"
torch_cmake="$("$python" -c 'import torch; print(torch.utils.cmake_prefix_path)')"
torch_lib="$("$python" -c 'import os, torch; print(os.path.join(os.path.dirname(torch.__file__), "lib"))')"
step "PyTorch $("$python" -c 'import torch; print(torch.__version__, "CUDA", torch.version.cuda)')"
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader || true

# PyTorch's CMake files look for the CUDA toolkit (nvcc); use the one on PATH or in /usr/local/cuda.
cuda_home="${CUDA_HOME:-$(dirname "$(dirname "$(command -v nvcc || echo /usr/local/cuda/bin/nvcc)")")}"
step "building native/ against $torch_cmake (CUDA in $cuda_home)"
cmake -S "$root/native" -B "$root/native/build-cuda" -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_PREFIX_PATH="$torch_cmake" -DTorch_DIR="$torch_cmake/Torch" \
  -DCUDA_TOOLKIT_ROOT_DIR="$cuda_home" -DCUDAToolkit_ROOT="$cuda_home" -DCMAKE_CUDA_COMPILER="$cuda_home/bin/nvcc" \
  -DUSE_SYSTEM_NVTX=ON -Dnvtx3_dir="$cuda_home/include" | grep -E "vaesweep_native|CUDA|Torch|Error|error" || true
cmake --build "$root/native/build-cuda" -j "$(nproc)"
readelf -d "$root/native/build-cuda/libvaesweep_native.so" | grep -E "NEEDED.*(torch_cuda|c10_cuda)" ||
  { echo "the shim was built without CUDA libraries"; exit 1; }

step "unpacking the self-contained vaesweep from .publish/"
app="$(mktemp -d)"
tar -xzf "$root/.publish/vaesweep-linux-x64.tar.gz" -C "$app"
export VAESWEEP_NATIVE="$root/native/build-cuda/libvaesweep_native.so"
# The data (bench and the smoke sweep read .data/mnist-sample) lies under the checkout, not beside the app.
export VAESWEEP_ROOT="$root"
export LD_LIBRARY_PATH="$torch_lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
vaesweep() { "$app/vaesweep/vaesweep" "$@"; }

step "vaesweep info";                     vaesweep info
step "vaesweep selftest --device cuda";   vaesweep selftest --device cuda
step "vaesweep selftest --device cpu";    vaesweep selftest --device cpu
step "bench cuda:0, batch 100";           vaesweep bench --device cuda:0 --steps 1000 --warmup 100
step "bench cuda:0, batch 1000";          vaesweep bench --device cuda:0 --steps 500 --warmup 50 --batch 1000
step "bench cuda:0, iwae k = 5";          vaesweep bench --device cuda:0 --steps 500 --warmup 50 --objective iwae --k 5
step "bench cuda:0, --pack 1";            vaesweep bench --device cuda:0 --steps 500 --warmup 50 --pack 1
step "bench cuda:0, --pack 8";            vaesweep bench --device cuda:0 --steps 500 --warmup 50 --pack 8
step "bench cuda:0, --pack 64";           vaesweep bench --device cuda:0 --steps 300 --warmup 30 --pack 64
step "bench cpu, 1 thread";               vaesweep bench --device cpu --steps 500
step "bench --eval cuda:0 (k = 5000)";    vaesweep bench --eval --device cuda:0 --points 500 --chunk 100000
step "bench --eval cpu, 1 thread";        vaesweep bench --eval --device cpu --points 20

if [ -d "$root/.data/mnist-sample" ]; then
  step "the smoke sweep on cuda:0"
  work="$(mktemp -d)"
  VAESWEEP_ROOT="$root" vaesweep run "$root/configs/smoke.yaml" --store "$work/smoke.db" --devices cuda:0 --workers 2
  vaesweep report "$work/smoke.db" || true
  # Issue 11's 32-run sweep, wall time from the command to its end: lone runs on 16 workers, then two packs of 16.
  for mode in "--pack 1 --workers 16" "--workers 2"; do
    step "the 32-run sweep on cuda:0, $mode"
    start=$(date +%s.%N)
    # shellcheck disable=SC2086
    vaesweep run "$root/configs/packed32.yaml" --store "$work/packed32-${mode// /}.db" --devices cuda:0 $mode | tail -n 3
    echo "wall time: $("$python" -c "import sys; print(round(float(sys.argv[1]) - float(sys.argv[2]), 1))" "$(date +%s.%N)" "$start") s ($mode)"
  done
fi
step "done; results in $log"
