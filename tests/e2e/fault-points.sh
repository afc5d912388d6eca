#!/usr/bin/env bash
# Kills at named points (RELIABILITY.md): VAESWEEP_FAULT=POINT:N makes the process SIGKILL itself at the N-th hit
# of POINT. The sweep runs --in-process for the cut, so the kill takes the whole sweep down as kill -9 or a power
# cut would; a plain rerun must then finish with every invariant holding and results bit-identical to an
# uninterrupted sweep. A cut just before the evaluation commit must re-run only the evaluation; a cut inside the
# schema migration of a new store must leave a store the rerun migrates and uses. Last, the same kill
# inside a worker process: the coordinator records the run as failed with the reason, and --retry-failed resumes it.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

EPOCHS=3
reference faults "$EPOCHS" "1.0" || { finish; exit; }

for point in before-checkpoint-write:2 checkpoint-before-rename:2 after-checkpoint-write:2 before-epoch-commit:2 \
             before-evaluation-commit:1; do
  name=${point%%:*}
  new_sweep "faults" "$EPOCHS" "1.0"
  mv "$E2E_TMP/faults" "$E2E_TMP/$name"; CFG="$E2E_TMP/$name/sweep.yaml"; DB="$E2E_TMP/$name/store.db"
  { VAESWEEP_FAULT=$point "$VS" run "$CFG" --store "$DB" --in-process >>"$DB.log" 2>&1; } 2>/dev/null
  RC=$?
  expect_eq "$name: the fault kills the sweep (exit 137)" 137 "$RC"
  check "$name: the fault point was reached" "no 'fault injected' in $DB.log" grep -q "fault injected at $name" "$DB.log"
  if [ "$name" = checkpoint-before-rename ]; then
    check "$name: the cut left a temporary file" "none found" \
      bash -c "find '$E2E_TMP/$name/store' -name '.*.tmp' | grep -q ."
  fi
  state=$(q "$DB" "SELECT state FROM runs")
  epochs_before=$(q "$DB" "SELECT group_concat(epoch || ':' || seconds) FROM epochs")
  vs_run "$CFG" "$DB"
  expect_eq "$name: the rerun completes" 0 "$RC"
  check "$name: the rerun released the dead holder at once" "see $DB.log" grep -q "previous process died" "$DB.log"
  invariants "$name: invariants hold" "$DB" 1 "$EPOCHS"
  same_results "$name: results equal the uninterrupted sweep's, bit for bit" "$DB" "$REF_DB"
  if [ "$name" = before-evaluation-commit ]; then
    expect_eq "$name: the run was cut while evaluating" evaluating "$state"
    expect_eq "$name: the rerun did not retrain (epoch rows untouched)" "$epochs_before" \
      "$(q "$DB" "SELECT group_concat(epoch || ':' || seconds) FROM epochs")"
    expect_eq "$name: no resume event (only the evaluation re-ran)" 0 "$(event_count "$DB" resumed)"
  fi
done

# A cut inside the migration that creates a new store's schema, before it commits.
new_sweep migration "$EPOCHS" "1.0"
{ VAESWEEP_FAULT=during-migration "$VS" run "$CFG" --store "$DB" --in-process >>"$DB.log" 2>&1; } 2>/dev/null
expect_eq "during-migration: the fault kills the sweep (exit 137)" 137 $?
check "during-migration: the fault point was reached" "no 'fault injected' in $DB.log" grep -q "fault injected at during-migration" "$DB.log"
check "during-migration: the store file was created" "no $DB" [ -s "$DB" ]
expect_eq "during-migration: nothing of the migration was committed" "" \
  "$(q "$DB" "SELECT name FROM sqlite_master WHERE name IN ('runs', 'schema_migrations')" 2>&1)"
vs_run "$CFG" "$DB"
expect_eq "during-migration: the rerun completes" 0 "$RC"
expect_eq "during-migration: each migration recorded once" "$(q "$REF_DB" "SELECT group_concat(version) FROM schema_migrations")" \
  "$(q "$DB" "SELECT group_concat(version) FROM schema_migrations")"
invariants "during-migration: invariants hold" "$DB" 1 "$EPOCHS"
same_results "during-migration: results equal the uninterrupted sweep's, bit for bit" "$DB" "$REF_DB"

# The same kill inside a worker process: crash isolation records the run as failed, naming the exit code.
new_sweep worker-fault "$EPOCHS" "1.0"
VAESWEEP_FAULT=before-epoch-commit:2 "$VS" run "$CFG" --store "$DB" >>"$DB.log" 2>&1
expect_eq "worker killed: the sweep exits 1 (a run failed)" 1 $?
reason=$(q "$DB" "SELECT reason FROM runs")
check "worker killed: the run is failed with the exit code as reason" "reason: $reason" grep -q "exit code 137" <<<"$reason"
vs_run "$CFG" "$DB"
expect_eq "worker killed: a plain rerun leaves the failed run alone (exit 1)" 1 "$RC"
vs_run "$CFG" "$DB" --retry-failed
expect_eq "worker killed: --retry-failed completes" 0 "$RC"
check "worker killed: the retry resumed from the checkpoint" "no 'resumed' event" [ "$(event_count "$DB" resumed)" -ge 1 ]
invariants "worker killed: invariants hold" "$DB" 1 "$EPOCHS"
same_results "worker killed: results equal the uninterrupted sweep's, bit for bit" "$DB" "$REF_DB"
finish
