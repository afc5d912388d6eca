#!/usr/bin/env bash
# Packed sweeps under kill -9 (issue 11): runs of the same shape train together, a pack claimed as a whole with one
# lease per run; two workers share the runs between them. A sweep of six runs is killed at random while it trains in packs of two on two workers, so packs are
# cut, given back and re-formed from whatever is unfinished; the last start finishes it. Every invariant must then
# hold, each run must record its pack width, and every run's evaluation and curve must equal, bit for bit, those of
# the same sweep trained uninterrupted as one pack of six: a run's numbers do not depend on its pack mates. Last, a
# kill during the packed evaluation: the runs left to evaluate are evaluated together again, to the same bits.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

EPOCHS=6
export E2E_TRAIN_LIMIT=2000
ROUNDS=${E2E_KILL_ROUNDS:-6}
seeded() { echo "  seed: [3, 4]" >>"$1"; }  # a second axis: 3 betas x 2 seeds

mkdir -p "$E2E_TMP/ref"
REF_CFG="$E2E_TMP/ref/sweep.yaml"; REF_DB="$E2E_TMP/ref/store.db"
write_config "$REF_CFG" packs "$EPOCHS" "0.5, 1.0, 2.0"; seeded "$REF_CFG"
plan=$("$VS" plan "$REF_CFG" --store "$REF_DB" --pack 4 --workers 1 2>&1)
check "plan shows the packs a width of 4 forms" "$plan" grep -q "^packs: 2 of up to 4 runs (4, 2)$" <<<"$plan"
plan=$("$VS" plan "$REF_CFG" --store "$REF_DB" --workers 2 2>&1)
check "plan shows the packs two workers share the runs in" "$plan" \
  grep -q "^packs: 2 of up to 3 runs (3, 3), narrower than 8 to share the runs among 2 workers$" <<<"$plan"
vs_run "$REF_CFG" "$REF_DB" --pack 6 --workers 1
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
kill_until_done "" "$CFG" "$DB" --pack 2 --workers 2
expect_eq "the sweep finally exits 0" 0 "$RC"
check "at least 2 kills landed" "only $KILLS" [ "$KILLS" -ge 2 ]
check "a killed pack resumed from its checkpoints" "no 'resumed' event" [ "$(event_count "$DB" resumed)" -ge 1 ]
invariants "invariants hold after $KILLS kills" "$DB" 6 "$EPOCHS"
expect_eq "every run trained in a pack of at most 2" 0 "$(q "$DB" "SELECT count(*) FROM runs WHERE pack_width NOT IN (1, 2)")"
same_results "results equal one uninterrupted pack of six, bit for bit" "$DB" "$REF_DB"

# Every record of the evaluations, beyond what same_results compares: bounds, per-point values, k-hat, probe, I(x;z).
evaluation_detail() {
  q "$1" "SELECT run_key, k, active_units, printf('%.17g', recon), printf('%.17g', kl), printf('%.17g', khat_median),
                 printf('%.17g', khat_unreliable_share), printf('%.17g', probe_accuracy), printf('%.17g', mutual_information)
          FROM evaluations ORDER BY run_key;
          SELECT run_key, k, printf('%.17g', value), printf('%.17g', se) FROM evaluation_bounds ORDER BY run_key, k;
          SELECT run_key, n, hex(log_likelihoods) FROM evaluation_points ORDER BY run_key;"
}

# A kill during the packed evaluation: the six runs train and are evaluated as one pack, and the process is killed
# at the second run's evaluation commit. The rerun claims the five runs left to evaluate together, in packs of two,
# and evaluates them in the packed engine: nothing is trained again, and every evaluation record is the bits of the
# uninterrupted pack of six.
new_sweep evalcut "$EPOCHS" "0.5, 1.0, 2.0"; seeded "$CFG"
{ VAESWEEP_FAULT=before-evaluation-commit:2 "$VS" run "$CFG" --store "$DB" --pack 6 --in-process >>"$DB.log" 2>&1; } 2>/dev/null
expect_eq "evaluation cut: the fault kills the sweep (exit 137)" 137 $?
expect_eq "evaluation cut: one run completed, five left to evaluate" "completed:1 evaluating:5" \
  "$(q "$DB" "SELECT group_concat(state || ':' || n, ' ') FROM (SELECT state, count(*) n FROM runs GROUP BY state ORDER BY state)")"
trained=$(q "$DB" "SELECT group_concat(run_key || epoch || ':' || seconds) FROM epochs")
vs_run "$CFG" "$DB" --pack 2
expect_eq "evaluation cut: the rerun completes" 0 "$RC"
check "evaluation cut: the runs left to evaluate were evaluated two at a time" "see $E2E_TMP/evalcut/store/logs" \
  bash -c '[ "$(cat "$1"/*.log | grep -c "in a pack of 2)")" -eq 4 ]' _ "$E2E_TMP/evalcut/store/logs"
expect_eq "evaluation cut: nothing was trained again" "$trained" "$(q "$DB" "SELECT group_concat(run_key || epoch || ':' || seconds) FROM epochs")"
invariants "evaluation cut: invariants hold" "$DB" 6 "$EPOCHS"
same_results "evaluation cut: results equal one uninterrupted pack of six, bit for bit" "$DB" "$REF_DB"
expect_eq "evaluation cut: bounds, per-point values, k-hat, probe and I(x;z) equal the uninterrupted pack's" \
  "$(evaluation_detail "$REF_DB")" "$(evaluation_detail "$DB")"
finish
