#!/usr/bin/env bash
# Packed sweeps under kill -9 (issue 11): runs of the same shape train together, a pack claimed as a whole with one
# lease per run; two workers share the runs between them. A sweep of six runs is killed at random while it trains in packs of two on two workers, so packs are
# cut, given back and re-formed from whatever is unfinished; the last start finishes it. Every invariant must then
# hold, each run must record its pack width, and every run's evaluation and curve must equal, bit for bit, those of
# the same sweep trained uninterrupted as one pack of six: a run's numbers do not depend on its pack mates.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

EPOCHS=6
export E2E_TRAIN_LIMIT=2000
ROUNDS=${E2E_KILL_ROUNDS:-6}
seeded() { echo "  seed: [3, 4]" >>"$1"; }  # a second axis: 3 betas x 2 seeds

mkdir -p "$E2E_TMP/ref"
REF_CFG="$E2E_TMP/ref/sweep.yaml"; REF_DB="$E2E_TMP/ref/store.db"
write_config "$REF_CFG" packs "$EPOCHS" "0.5, 1.0, 2.0"; seeded "$REF_CFG"
plan=$("$VS" plan "$REF_CFG" --store "$REF_DB" --pack 4 2>&1)
check "plan shows the packs a width of 4 forms" "$plan" grep -q "^packs: 2 of up to 4 runs (4, 2)$" <<<"$plan"
vs_run "$REF_CFG" "$REF_DB" --pack 6
expect_eq "reference: one pack of six completes" 0 "$RC"
expect_eq "reference: every run records a pack of 6" "6 6 6 6 6 6" "$(q "$REF_DB" "SELECT group_concat(pack_width, ' ') FROM runs")"
check "reference: the log says the runs were claimed in a pack" "see $REF_DB.log" grep -q "in a pack of 6" "$REF_DB.log"

# Two workers and the default width (8 on the CPU): the six runs are spread over both, three each, not one pack of
# six beside an idle worker.
new_sweep spread "$EPOCHS" "0.5, 1.0, 2.0"; seeded "$CFG"
vs_run "$CFG" "$DB" --workers 2
expect_eq "two workers: the sweep completes" 0 "$RC"
expect_eq "two workers: two packs of three" "3 3 3 3 3 3" "$(q "$DB" "SELECT group_concat(pack_width, ' ') FROM runs")"
same_results "two packs of three give each run the bits of one pack of six" "$DB" "$REF_DB"

new_sweep packs "$EPOCHS" "0.5, 1.0, 2.0"; seeded "$CFG"
kills=0
for round in $(seq 1 "$ROUNDS"); do
  vs_start "$CFG" "$DB" --pack 2 --workers 2
  wait_for_epochs "$DB" $(( $(epochs_done "$DB") + 1 )) 60 "$BG_PID"
  sleep "0.$((RANDOM % 10))$((RANDOM % 10))"
  if kill -0 "$BG_PID" 2>/dev/null; then kill -9 -- "-$BG_PID" 2>/dev/null; kills=$((kills + 1)); fi
  vs_wait "$BG_PID"
  echo "  round $round: exit $RC, $(epochs_done "$DB") epoch rows, $(q "$DB" "SELECT count(*) FROM runs WHERE state = 'completed'") runs completed"
  [ "$RC" -eq 0 ] && break
done
[ "$RC" -eq 0 ] || vs_run "$CFG" "$DB" --pack 2 --workers 2
expect_eq "the sweep finally exits 0" 0 "$RC"
check "at least 2 kills landed" "only $kills" [ "$kills" -ge 2 ]
check "a killed pack resumed from its checkpoints" "no 'resumed' event" [ "$(event_count "$DB" resumed)" -ge 1 ]
invariants "invariants hold after $kills kills" "$DB" 6 "$EPOCHS"
expect_eq "every run trained in a pack of at most 2" 0 "$(q "$DB" "SELECT count(*) FROM runs WHERE pack_width NOT IN (1, 2)")"
same_results "results equal one uninterrupted pack of six, bit for bit" "$DB" "$REF_DB"
finish
