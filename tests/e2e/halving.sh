#!/usr/bin/env bash
# Successive halving (issue 13): a sweep of four runs that halves after each epoch (4 -> 2 -> 1), killed with
# kill -9 at random moments and started again until it ends, takes the same rung decisions, stops the same runs and
# ends with the same results, bit for bit, as the same sweep run once without interruption. Then the rule is removed
# and the stopped runs resume from their checkpoints and complete; a halving sweep without a validation split is
# refused before anything is written. E2E_SEED=N replays the same kill delays.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

EPOCHS=3
BETAS="0.25, 0.5, 1.0, 2.0"
HALVING=$'schedule:\n  halving: {every: 1, keep: 0.5, metric: valid_bound_k, k: 20}'
export E2E_TRAIN_LIMIT=2000
ROUNDS=${E2E_KILL_ROUNDS:-8}

# The rung decisions and the final state of every run: what a resumed sweep must reproduce exactly.
decisions() {
  q "$1" "SELECT rung, run_key, k, printf('%.17g', value), decision FROM rungs ORDER BY rung, run_key;
          SELECT run_key, state, (SELECT count(*) FROM epochs e WHERE e.run_key = r.run_key) FROM runs r ORDER BY run_key;"
}

mkdir -p "$E2E_TMP/ref-halving"
REF_CFG="$E2E_TMP/ref-halving/sweep.yaml"
REF_DB="$E2E_TMP/ref-halving/store.db"
write_config "$REF_CFG" halving "$EPOCHS" "$BETAS"
echo "$HALVING" >>"$REF_CFG"
vs_run "$REF_CFG" "$REF_DB"
expect_eq "the uninterrupted halving sweep exits 0" 0 "$RC"
expect_eq "it stops three of four runs" "1 completed|3 stopped" \
  "$(q "$REF_DB" "SELECT group_concat(n || ' ' || state, '|') FROM (SELECT state, count(*) n FROM runs GROUP BY state ORDER BY state)")"
expect_eq "it records two rungs, 4 then 2 runs" "1 4 2|2 2 1" \
  "$(q "$REF_DB" "SELECT group_concat(r, '|') FROM (SELECT rung || ' ' || count(*) || ' ' || sum(decision = 'kept') r FROM rungs GROUP BY rung ORDER BY rung)")"

new_sweep halving "$EPOCHS" "$BETAS"
echo "$HALVING" >>"$CFG"
# Two workers here, one for the reference: the decisions must not depend on who trained what, or when.
kill_until_done "" "$CFG" "$DB" --workers 2
expect_eq "the killed sweep finally exits 0" 0 "$RC"
check "at least 2 kills landed" "only $KILLS" [ "$KILLS" -ge 2 ]
if [ "$(decisions "$DB")" = "$(decisions "$REF_DB")" ]; then
  pass "rung values, decisions and stopped runs equal the uninterrupted sweep's"
else
  fail "rung decisions differ from the uninterrupted sweep's:"
  diff <(decisions "$REF_DB") <(decisions "$DB") | head -10 | sed 's/^/    /'
fi
same_results "the kept run's results equal the uninterrupted sweep's, bit for bit" "$DB" "$REF_DB"
check "doctor finds the store healthy" "$("$VS" doctor "$DB" 2>&1 | tail -3)" "$VS" doctor "$DB"
check "status shows the rungs" "$("$VS" status "$DB" 2>&1)" bash -c "'$VS' status '$DB' | grep -q 'halving: epoch 1 kept 2 of 4; epoch 2 kept 1 of 2'"

# Without the rule the stopped runs resume where they stopped and train to the end.
write_config "$CFG" halving "$EPOCHS" "$BETAS"
vs_run "$CFG" "$DB"
expect_eq "without the rule the sweep exits 0" 0 "$RC"
invariants "without the rule every run completes, each epoch once" "$DB" 4 "$EPOCHS"
check "stopped runs resumed from their checkpoints" "$(grep -c 'resumes at epoch' "$DB.log")" \
  [ "$(q "$DB" "SELECT count(*) FROM events WHERE kind = 'resumed'")" -ge 3 ]

# A halving sweep without a validation split is refused: exit 3 (config error), one line, no store.
mkdir -p "$E2E_TMP/blind"
sed 's/validation: 100/validation: 0/' "$REF_CFG" >"$E2E_TMP/blind/sweep.yaml"
out=$("$VS" run "$E2E_TMP/blind/sweep.yaml" --store "$E2E_TMP/blind/store.db" 2>&1); RC=$?
expect_eq "a halving sweep without validation split exits 3" 3 "$RC"
check "with one error line" "$out" [ "$(echo "$out" | grep -c '^error: .*schedule.halving ranks runs by their validation bound')" = 1 ]
check "and writes nothing" "$(ls "$E2E_TMP/blind")" [ ! -e "$E2E_TMP/blind/store.db" ]
finish
