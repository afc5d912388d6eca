#!/usr/bin/env bash
# SIGTERM and SIGINT mid-epoch (RELIABILITY.md): the sweep stops at a safe point with exit 143 / 130, every run is
# given back (no lease held, an 'interrupted' event), status can be read while it runs, and a rerun completes
# with the same results as an uninterrupted sweep.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# Long enough that the signal, sent after two epochs and a `status` (a second or two), lands mid-training on a fast
# machine too: with 1,000 digits and 6 epochs, a quiet machine finished the whole sweep first.
EPOCHS=12
export E2E_TRAIN_LIMIT=3000
reference signals "$EPOCHS" "0.5, 1.0" || { finish; exit; }

for sig in TERM INT; do
  expected=$([ $sig = TERM ] && echo 143 || echo 130)
  new_sweep "signals-${sig,,}" "$EPOCHS" "0.5, 1.0"
  # Two workers: the signal reaches two runs mid-training.
  vs_start "$CFG" "$DB" --workers 2
  if ! wait_for_epochs "$DB" 2 60 "$BG_PID"; then fail "SIG$sig: no epoch recorded within 60 s (see $DB.log)"; continue; fi
  out=$("$VS" status "$DB" 2>&1)
  check "SIG$sig: status is readable while the sweep runs" "got: $out" grep -q "running" <<<"$out"
  kill -$sig "$BG_PID"
  start=$SECONDS
  vs_wait "$BG_PID"
  expect_eq "SIG$sig: exit code $expected" "$expected" "$RC"
  check "SIG$sig: stopped within 20 s" "took $((SECONDS - start)) s" [ $((SECONDS - start)) -le 20 ]
  check "SIG$sig: no process of the sweep left" "processes remain" \
    bash -c "! pgrep -g $BG_PID >/dev/null"
  expect_eq "SIG$sig: no lease held" 0 "$(q "$DB" "SELECT count(*) FROM runs WHERE lease_owner IS NOT NULL")"
  expect_eq "SIG$sig: no run left running" 0 "$(q "$DB" "SELECT count(*) FROM runs WHERE state = 'running'")"
  check "SIG$sig: the interrupted runs have an 'interrupted' event" "none in the store" \
    [ "$(event_count "$DB" interrupted)" -ge 1 ]
  out=$("$VS" doctor "$DB" 2>&1)
  expect_eq "SIG$sig: doctor finds no violation after the stop" 0 $?
  before=$(completed_snapshot "$DB")
  vs_run "$CFG" "$DB"
  expect_eq "SIG$sig: the rerun completes" 0 "$RC"
  not_retrained "SIG$sig: runs completed before the signal were not retrained" "$before" "$DB"
  invariants "SIG$sig: invariants hold" "$DB" 2 "$EPOCHS"
  same_results "SIG$sig: results equal the uninterrupted sweep's, bit for bit" "$DB" "$REF_DB"
done
finish
