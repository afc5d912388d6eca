#!/usr/bin/env bash
# Disk full (RELIABILITY.md): the store and the checkpoints live on a small tmpfs that fills up during the third
# checkpoint write. The run must fail cleanly with a reason naming the path, leave the previous checkpoints intact
# (doctor verifies their size and hash) and no temporary file behind; once the file system is made bigger,
# `run --retry-failed` resumes and ends bit-identical to an uninterrupted sweep. Needs mount (root); otherwise SKIP.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

EPOCHS=4
MNT="$E2E_TMP/small"
mkdir -p "$MNT"
if ! mount -t tmpfs -o size=5m tmpfs "$MNT" 2>/dev/null; then
  skip "disk-full: cannot mount a tmpfs here (needs root or CAP_SYS_ADMIN)"
  finish; exit
fi
trap 'umount "$MNT" 2>/dev/null; cleanup' EXIT

reference full "$EPOCHS" "1.0" || { finish; exit; }
write_config "$E2E_TMP/full.yaml" full "$EPOCHS" "1.0"
CFG="$E2E_TMP/full.yaml"; DB="$MNT/store.db"
"$VS" run "$CFG" --store "$DB" >"$E2E_TMP/full.log" 2>&1
RC=$?
expect_eq "full disk: the sweep exits 1 (the run failed)" 1 "$RC"
reason=$(q "$DB" "SELECT reason FROM runs")
check "full disk: the reason names the checkpoint path" "reason: $reason" grep -q "$MNT/store/.*/checkpoints/epoch-" <<<"$reason"
check "full disk: the reason says the disk is full" "reason: $reason" grep -qi "space" <<<"$reason"
check "full disk: the sweep's output shows the reason" "see $E2E_TMP/full.log" grep -q "$MNT/store" "$E2E_TMP/full.log"
out=$("$VS" doctor "$DB" 2>&1)
check "full disk: doctor finds the recorded checkpoints intact and no temporary file" "$out" [ $? -eq 0 ]
check "full disk: at least one checkpoint survived" "none recorded" [ "$(q "$DB" "SELECT count(*) FROM checkpoints")" -ge 1 ]

mount -o remount,size=64m "$MNT"
vs_run "$CFG" "$DB" --retry-failed
expect_eq "more space: run --retry-failed completes" 0 "$RC"
check "more space: the retry resumed from a checkpoint" "no 'resumed' event" [ "$(event_count "$DB" resumed)" -ge 1 ]
invariants "more space: invariants hold" "$DB" 1 "$EPOCHS"
same_results "more space: results equal the uninterrupted sweep's, bit for bit" "$DB" "$REF_DB"
finish
