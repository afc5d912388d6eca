#!/usr/bin/env bash
# NaN / Inf loss (RELIABILITY.md): a learning rate so large that the parameters overflow makes the loss NaN in the
# first epoch. The run must end as diverged with its reason and its (non-finite) curve kept, the sweep must go on
# to train the healthy run beside it, and the exit code must say that some runs failed.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

mkdir -p "$E2E_TMP/div"
CFG="$E2E_TMP/div/sweep.yaml"; DB="$E2E_TMP/div/store.db"
write_config "$CFG" div 2 "1.0"
# Two runs: the default learning rate, and one of 1e30 (an Adam step moves each weight by about lr).
cat >>"$CFG" <<'YAML'
  training.lr: [0.001, 1.0e+30]
YAML
vs_run "$CFG" "$DB"
expect_eq "the sweep exits 1 (a run diverged)" 1 "$RC"
expect_eq "one run completed" 1 "$(q "$DB" "SELECT count(*) FROM runs WHERE state = 'completed'")"
expect_eq "one run diverged" 1 "$(q "$DB" "SELECT count(*) FROM runs WHERE state = 'diverged'")"
reason=$(q "$DB" "SELECT reason FROM runs WHERE state = 'diverged'")
check "the reason says where the loss stopped being finite" "reason: $reason" grep -qE "loss became (NaN|-?Infinity|∞)" <<<"$reason"
loss=$(q "$DB" "SELECT e.train_loss FROM epochs e JOIN runs r USING (run_key) WHERE r.state = 'diverged'")
check "the diverged epoch is kept with its non-finite loss (not NULL or 0)" "train_loss: '$loss'" grep -qiE "^(nan|-?inf)" <<<"$loss"
out=$("$VS" status "$DB" 2>&1)
check "status shows the diverged run and its reason" "$out" grep -q "diverged" <<<"$out"
out=$("$VS" doctor "$DB" 2>&1)
check "doctor finds the store consistent" "$out" [ $? -eq 0 ]
finish
