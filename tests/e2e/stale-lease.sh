#!/usr/bin/env bash
# A stale lease after a crash on another machine (RELIABILITY.md): a run held by 'otherhost:1:w0' (a holder this
# machine cannot check) whose lease expires in a few seconds must not be taken early; once the lease expires the
# new process takes it over (a 'takeover' event no earlier than the expiry), resumes it from its checkpoint and
# finishes with the same result as an uninterrupted sweep.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

EPOCHS=3
reference stale "$EPOCHS" "1.0" || { finish; exit; }
new_sweep stale "$EPOCHS" "1.0"
{ VAESWEEP_FAULT=before-epoch-commit:2 "$VS" run "$CFG" --store "$DB" --in-process >>"$DB.log" 2>&1; } 2>/dev/null
expect_eq "the first process dies mid-run (exit 137)" 137 $?
# Hand the run to a holder on another host, its lease running out 12 s from now (start-up takes a few seconds).
q "$DB" "UPDATE runs SET lease_owner = 'otherhost:1:w0',
         lease_expires_utc = strftime('%Y-%m-%dT%H:%M:%f0000Z', 'now', '+12 seconds')"
expires=$(q "$DB" "SELECT lease_expires_utc FROM runs")
epochs_before=$(epochs_done "$DB")

vs_start "$CFG" "$DB" --lease-seconds 3
sleep 8
status=$("$VS" status "$DB" 2>&1)
check "before expiry: the run is still held by otherhost" "status: $status" grep -q "held by otherhost:1:w0" <<<"$status"
expect_eq "before expiry: no takeover yet" 0 "$(event_count "$DB" takeover)"
expect_eq "before expiry: no epoch recorded by the new process" "$epochs_before" "$(epochs_done "$DB")"
check "before expiry: the new process is still waiting, not finished" "it exited" kill -0 "$BG_PID"
vs_wait "$BG_PID"
expect_eq "after expiry: the sweep completes (exit 0)" 0 "$RC"
expect_eq "after expiry: one takeover event" 1 "$(event_count "$DB" takeover)"
taken=$(q "$DB" "SELECT time_utc FROM events WHERE kind = 'takeover'")
check "the takeover happened at or after the lease's expiry" "took over at $taken, lease expired $expires" \
  [ "$taken" \> "$expires" -o "$taken" = "$expires" ]
check "the takeover resumed from the checkpoint" "no 'resumed' event" [ "$(event_count "$DB" resumed)" -ge 1 ]
invariants "invariants hold" "$DB" 1 "$EPOCHS"
same_results "results equal the uninterrupted sweep's, bit for bit" "$DB" "$REF_DB"
finish
