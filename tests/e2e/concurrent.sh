#!/usr/bin/env bash
# Two `vaesweep run` on the same sweep at once, several times (RELIABILITY.md): both exit 0 (the one that runs out
# of runs to claim waits for those the other holds), each run is trained exactly once (one claim, one row per
# epoch, no resume), and the invariants hold.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

EPOCHS=3
for i in 1 2 3; do
  new_sweep "concurrent-$i" "$EPOCHS" "0.5, 1.0, 2.0"
  vs_start "$CFG" "$DB"; a=$BG_PID
  vs_start "$CFG" "$DB"; b=$BG_PID
  vs_wait "$a"; rc_a=$RC
  vs_wait "$b"; rc_b=$RC
  expect_eq "pair $i: both exit 0" "0 0" "$rc_a $rc_b"
  expect_eq "pair $i: each run claimed once (attempts)" "1 1 1" "$(q "$DB" "SELECT group_concat(attempts, ' ') FROM runs")"
  expect_eq "pair $i: no takeover, no resume, no truncation" 0 \
    "$(q "$DB" "SELECT count(*) FROM events WHERE kind IN ('takeover', 'resumed', 'truncated', 'interrupted')")"
  owners=$(grep -ho "^[0-9:]* run [0-9a-f]*: training" "$E2E_TMP/concurrent-$i"/store/logs/*.log | wc -l)
  expect_eq "pair $i: the worker logs show 3 trainings in all" 3 "$owners"
  invariants "pair $i: invariants hold" "$DB" 3 "$EPOCHS"
done
finish
