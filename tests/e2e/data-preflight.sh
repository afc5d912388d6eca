#!/usr/bin/env bash
# Data problems and settings edited before any training (issue 10, items 1 and 5). Bad data (a missing folder, a
# path that is a file, IDX files of random bytes, a validation split larger than the training data) is found
# before anything is written: exit 5, one 'error:' line naming the path, no store and no logs folder. A setting
# changed under runs that never completed an epoch replans them; `plan` gives the same verdict as `run`.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# bad_data NAME DATA_FLOW_MAP EXPECTED_TEXT: the sweep with that data must be refused before anything is written.
bad_data() {
  local name=$1 data=$2 expected=$3 folder="$E2E_TMP/$1" err rc
  new_sweep "$name" 1 "1.0"
  sed -i "s|^  data: .*|  data: $data|" "$CFG"
  err=$("$VS" run "$CFG" --store "$DB" 2>&1 >/dev/null); rc=$?
  expect_eq "$name: refused with exit 5" 5 "$rc"
  check "$name: one 'error:' line naming the problem ($expected)" "got: $err" \
    bash -c '[ "$(sed "/^$/d" <<<"$1" | wc -l)" -eq 1 ] && grep -q "^error: " <<<"$1" && grep -qF -- "$2" <<<"$1"' _ "$err" "$expected"
  expect_eq "$name: nothing written beside the sweep file" "sweep.yaml" "$(ls -A "$folder" | tr '\n' ' ' | sed 's/ $//')"
}

bad_data missing-folder "{dataset: mnist, path: $E2E_TMP/nonexistent/mnist}" "$E2E_TMP/nonexistent/mnist: no such folder"
touch "$E2E_TMP/a-file"
bad_data path-is-a-file "{dataset: mnist, path: $E2E_TMP/a-file}" "$E2E_TMP/a-file: data.path names a file, not a folder"
mkdir -p "$E2E_TMP/random"
for f in train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte; do
  head -c 5000 /dev/urandom >"$E2E_TMP/random/$f"
done
bad_data random-bytes "{dataset: mnist, path: $E2E_TMP/random}" "$E2E_TMP/random/train-images-idx3-ubyte: "
bad_data validation-too-large "{dataset: mnist-sample, test_limit: 100, validation: 60000}" "data.validation is 60000"

# A run cut before its first epoch is recorded (the process dies at the first epoch commit), then a base setting
# is edited: nothing was trained, so the edit replans the runs instead of being refused.
new_sweep unstarted 2 "0.5, 1.0"
{ VAESWEEP_FAULT=before-epoch-commit:1 "$VS" run "$CFG" --store "$DB" --in-process >>"$DB.log" 2>&1; } 2>/dev/null
expect_eq "unstarted: the first run is cut before any epoch is recorded" "137 0" "$? $(q "$DB" "SELECT count(*) FROM epochs")"
sed -i 's/lr: 0.001/lr: 0.002/' "$CFG"
plan_out=$("$VS" plan "$CFG" --store "$DB" 2>&1); rc=$?
expect_eq "unstarted: plan accepts the edit" 0 "$rc"
check "unstarted: plan says the runs are replanned" "got: $plan_out" grep -q "replanned" <<<"$plan_out"
vs_run "$CFG" "$DB"
expect_eq "unstarted: the edited sweep runs to the end" 0 "$RC"
check "unstarted: run says the runs are replanned" "see $DB.log" grep -q "never completed an epoch: they are replanned" "$DB.log"
invariants "unstarted: invariants hold, 2 runs completed" "$DB" 2 2
expect_eq "unstarted: every run trained with the new lr" 2 \
  "$(q "$DB" "SELECT count(*) FROM runs WHERE json_extract(config_json, '$.training.lr') = 0.002")"

# Now the runs have results: the same kind of edit is refused, by plan exactly as by run.
sed -i 's/epochs: 2,/epochs: 3,/' "$CFG"
run_err=$("$VS" run "$CFG" --store "$DB" 2>&1 >/dev/null); run_rc=$?
plan_err=$("$VS" plan "$CFG" --store "$DB" 2>&1 >/dev/null); plan_rc=$?
expect_eq "completed: run refuses the edit with exit 3" 3 "$run_rc"
expect_eq "completed: plan refuses it with the same exit code and message" "3 $run_err" "$plan_rc $plan_err"
finish
