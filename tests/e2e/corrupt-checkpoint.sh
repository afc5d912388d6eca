#!/usr/bin/env bash
# Truncated / bit-flipped / empty / foreign checkpoints (RELIABILITY.md): a run is cut mid-training (its newest
# checkpoints after epochs 1 and 2 on disk), then its newest checkpoint is damaged. The rerun must detect it before
# loading ('checkpoint-rejected' event), fall back to the older checkpoint (or restart when both are damaged),
# complete with the invariants holding, and end bit-identical to an uninterrupted sweep.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

EPOCHS=4
reference corrupt "$EPOCHS" "1.0, 2.0" || { finish; exit; }
key=$(q "$REF_DB" "SELECT run_key FROM runs r JOIN sweep_runs m USING (run_key) ORDER BY m.position LIMIT 1")
other=$(q "$REF_DB" "SELECT run_key FROM runs r JOIN sweep_runs m USING (run_key) ORDER BY m.position DESC LIMIT 1")
foreign=$(newest_checkpoint "$REF_DB" "$other")
reference corrupt-one "$EPOCHS" "1.0" || { finish; exit; }

damage() { # damage KIND FILE
  case $1 in
    truncate) truncate -s $(( $(stat -c %s "$2") / 2 )) "$2" ;;
    bitflip)
      local at=$(( RANDOM * 32768 % $(stat -c %s "$2") )) byte
      byte=$(od -An -tu1 -j "$at" -N1 "$2" | tr -d ' ')
      printf "$(printf '\\%03o' $(( byte ^ 1 )))" | dd of="$2" bs=1 seek="$at" conv=notrunc status=none ;;
    empty) : >"$2" ;;
    foreign) cp "$foreign" "$2" ;;
  esac
}

for kind in truncate bitflip empty foreign both; do
  new_sweep "corrupt-one" "$EPOCHS" "1.0"
  mv "$E2E_TMP/corrupt-one" "$E2E_TMP/$kind"; CFG="$E2E_TMP/$kind/sweep.yaml"; DB="$E2E_TMP/$kind/store.db"
  { VAESWEEP_FAULT=before-epoch-commit:3 "$VS" run "$CFG" --store "$DB" --in-process >>"$DB.log" 2>&1; } 2>/dev/null
  expect_eq "$kind: the run is cut during epoch 3 with checkpoints of epochs 1 and 2" "137 1,2" \
    "$? $(q "$DB" "SELECT group_concat(epoch) FROM (SELECT epoch FROM checkpoints ORDER BY epoch)")"
  newest=$(newest_checkpoint "$DB" "$key")
  if [ "$kind" = both ]; then
    damage bitflip "$newest"
    damage truncate "$(q "$DB" "SELECT path FROM checkpoints WHERE epoch = 1")"
  else
    damage "$kind" "$newest"
  fi
  vs_run "$CFG" "$DB"
  expect_eq "$kind: the rerun completes" 0 "$RC"
  rejected=$(event_count "$DB" checkpoint-rejected)
  # What `run` says about the run its dead process held: which checkpoint is rejected and where it resumes.
  said=$(grep "its previous process died" "$DB.log")
  check "$kind: run names the rejected checkpoint and why" "got: $said" grep -q "epoch-0002.safetensors is rejected (.*epoch-0002" <<<"$said"
  if [ "$kind" = both ]; then
    check "$kind: run says the run starts again" "got: $said" grep -q "no checkpoint is left, so it starts again from epoch 1" <<<"$said"
  else
    check "$kind: run says the run resumes after epoch 1" "got: $said" grep -q "it resumes after epoch 1 from epoch-0001.safetensors" <<<"$said"
  fi
  if [ "$kind" = both ]; then
    expect_eq "$kind: both checkpoints rejected" 2 "$rejected"
    expect_eq "$kind: the run restarted from scratch (no resume)" 0 "$(event_count "$DB" resumed)"
  else
    expect_eq "$kind: the damaged checkpoint was rejected" 1 "$rejected"
    expect_eq "$kind: the run fell back to epoch 1's checkpoint" 1 \
      "$(q "$DB" "SELECT count(*) FROM events WHERE kind = 'resumed' AND message LIKE '%after epoch 1 %'")"
  fi
  invariants "$kind: invariants hold" "$DB" 1 "$EPOCHS"
  same_results "$kind: results equal the uninterrupted sweep's, bit for bit" "$DB" "$REF_DB"
done
finish
