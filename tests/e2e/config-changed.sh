#!/usr/bin/env bash
# A sweep file edited between two runs (RELIABILITY.md): changing a setting under existing runs is refused with
# exit 3 and the change listed, writing nothing; adding an axis value extends the sweep and trains only the new run.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

new_sweep changed 2 "0.5, 1.0"
vs_run "$CFG" "$DB"
expect_eq "first run completes" 0 "$RC"
before=$(completed_snapshot "$DB")
events_before=$(q "$DB" "SELECT count(*) FROM events")

sed -i 's/epochs: 2,/epochs: 3,/' "$CFG"
err=$("$VS" run "$CFG" --store "$DB" 2>&1 >/dev/null); rc=$?
expect_eq "changed epochs: refused with exit 3" 3 "$rc"
check "changed epochs: the message names training.epochs and both values" "got: $err" \
  bash -c 'grep -q "training.epochs" <<<"$1" && grep -q 2 <<<"$1" && grep -q 3 <<<"$1"' _ "$err"
check "changed epochs: the message is one 'error:' line" "got: $err" \
  bash -c '[ "$(sed "/^$/d" <<<"$1" | wc -l)" -eq 1 ] && grep -q "^error: " <<<"$1"' _ "$err"
expect_eq "changed epochs: nothing written to the store" "$events_before|$before" \
  "$(q "$DB" "SELECT count(*) FROM events")|$(completed_snapshot "$DB")"

sed -i 's/epochs: 3,/epochs: 2,/; s/objective.beta: \[0.5, 1.0\]/objective.beta: [0.5, 1.0, 2.0]/' "$CFG"
vs_run "$CFG" "$DB"
expect_eq "added beta value: the sweep extends and completes" 0 "$RC"
check "added beta value: the run says it extends" "see $DB.log" grep -q "gained axis values" "$DB.log"
not_retrained "added beta value: the finished runs were not retrained" "$before" "$DB"
invariants "added beta value: invariants hold, 3 runs completed" "$DB" 3 2
finish
