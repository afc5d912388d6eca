#!/usr/bin/env bash
# Packs vaesweep as a self-contained linux-x64 program (the .NET runtime included) into
# .publish/vaesweep-linux-x64.tar.gz, for a machine without the .NET SDK, such as the GPU machine.
# The shim is left out: it must be built there against that machine's libtorch (scripts/gpu-check.sh does).
#   scripts/publish.sh            -> .publish/vaesweep-linux-x64.tar.gz (about 30 MiB)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/.publish"
stage="$out/vaesweep"
rm -rf "$stage"
mkdir -p "$out"
echo "publish: dotnet publish (self-contained, linux-x64, Release) into $stage" >&2
dotnet publish "$root/cli/VaeSweep.Cli.csproj" -c Release -r linux-x64 --self-contained true \
  -p:DebugType=none -o "$stage" -v q --nologo -clp:ErrorsOnly >&2
rm -f "$stage/libvaesweep_native.so"
tar -C "$out" -czf "$out/vaesweep-linux-x64.tar.gz" vaesweep
rm -rf "$stage"
echo "publish: $(du -h "$out/vaesweep-linux-x64.tar.gz" | cut -f1) in $out/vaesweep-linux-x64.tar.gz" >&2
