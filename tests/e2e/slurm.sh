#!/usr/bin/env bash
# A real one-node Slurm cluster (munged, slurmctld and slurmd on this machine, configured in a temporary folder on
# free ports, stopped at the end) runs sweeps submitted with `vaesweep run --launcher slurm`:
# - the smoke sweep as an array of 2 slots finishes, each run once, with results equal bit for bit to a local run;
#   `status` names the Slurm task holding each lease while it runs; `merge` of the store into another equals it;
# - `scancel --signal=TERM --batch` of one task mid-training: the batch shell forwards the signal, the worker gives
#   its run back at a safe point (pending, resumable), the other task resumes it from its checkpoint and the
#   results equal an uninterrupted local run's (no requeue, so no waiting out Slurm's requeue delay);
# - the smoke sweep again with --parts (each task on its own SQLite part in a node-local folder, a job after the
#   array merging them): results equal the local run's bit for bit, the local copies are gone, merging again brings
#   nothing, and `status` says the runs are out while they are;
# - `--parts` with one task signalled (scancel --signal=TERM --batch): its part comes back with the run given back at
#   a checkpoint on the shared folder, a second submission while the first is listed is refused, and submitting the
#   same command again resumes the run from there and ends equal to an uninterrupted run bit for bit;
# - bad input: sbatch missing, a malformed --time, --parts without slurm or with a postgresql:// store: one line,
#   exit code 2, nothing written.
# Slurm's daemons need root. Without root, or when a daemon does not start, the script says why and fails when CI
# is set (skips otherwise).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

need() { # need WHY: fails in CI (CI=true), skips elsewhere, and ends the script.
  if [ "${CI:-}" = true ]; then fail "slurm cluster: $1"; else skip "slurm cluster: $1"; fi
  finish
  exit $?
}

[ "$(id -u)" -eq 0 ] || need "slurmctld and slurmd must run as root here (this user is $(id -un))"
for tool in munged slurmctld slurmd sbatch squeue scancel sinfo; do
  command -v "$tool" >/dev/null || need "$tool is not installed (scripts/setup.sh ensure_test_tools installs slurm-wlm and munge)"
done

CLUSTER="$E2E_TMP/cluster"
mkdir -p "$CLUSTER/state" "$CLUSTER/spool" "$CLUSTER/munge"
chmod 700 "$CLUSTER/munge"

stop_cluster() {
  # Jobs first, so that no worker outlives the daemons, then the daemons, each by the pid it wrote.
  if [ -f "$CLUSTER/slurm.conf" ] && [ -f "$CLUSTER/slurmctld.pid" ]; then
    SLURM_CONF="$CLUSTER/slurm.conf" scancel --full --signal=KILL --user=root 2>/dev/null
    local i
    for i in $(seq 1 50); do
      [ -z "$(SLURM_CONF="$CLUSTER/slurm.conf" squeue -h 2>/dev/null)" ] && break
      sleep 0.2
    done
  fi
  local pidfile pid
  for pidfile in "$CLUSTER/slurmd.pid" "$CLUSTER/slurmctld.pid" "$CLUSTER/munge/munged.pid"; do
    [ -f "$pidfile" ] || continue
    pid=$(cat "$pidfile")
    kill "$pid" 2>/dev/null
    for i in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null
  done
}
trap 'stop_cluster; cleanup' EXIT

# munged with a key, socket and seed of its own: the machine's munge (if any) is left alone.
dd if=/dev/urandom of="$CLUSTER/munge/munge.key" bs=1024 count=1 2>/dev/null
chmod 400 "$CLUSTER/munge/munge.key"
munged --force --key-file="$CLUSTER/munge/munge.key" --socket="$CLUSTER/munge/munge.sock" \
  --pid-file="$CLUSTER/munge/munged.pid" --log-file="$CLUSTER/munge/munged.log" --seed-file="$CLUSTER/munge/seed" \
  || need "munged did not start: $(tail -n 1 "$CLUSTER/munge/munged.log" 2>/dev/null)"

HOST=$(hostname -s)
export SLURM_CONF="$CLUSTER/slurm.conf"
cat >"$SLURM_CONF" <<EOF
ClusterName=vaesweepe2e
SlurmctldHost=$HOST
SlurmctldPort=$(free_port)
SlurmdPort=$(free_port)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$CLUSTER/munge/munge.sock
StateSaveLocation=$CLUSTER/state
SlurmdSpoolDir=$CLUSTER/spool
SlurmctldPidFile=$CLUSTER/slurmctld.pid
SlurmdPidFile=$CLUSTER/slurmd.pid
SlurmctldLogFile=$CLUSTER/slurmctld.log
SlurmdLogFile=$CLUSTER/slurmd.log
# No cgroups in a container: track processes through /proc, bind nothing.
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
MpiDefault=none
NodeName=$HOST NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=e2e Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF
slurmctld -i -f "$SLURM_CONF" || need "slurmctld did not start: $(tail -n 1 "$CLUSTER/slurmctld.log" 2>/dev/null)"
slurmd -f "$SLURM_CONF" || need "slurmd did not start: $(tail -n 1 "$CLUSTER/slurmd.log" 2>/dev/null)"
start=$SECONDS
until sinfo -h -o '%T' 2>/dev/null | grep -qx idle; do
  [ $((SECONDS - start)) -ge 30 ] && need "the node did not become idle in 30 s: $(tail -n 1 "$CLUSTER/slurmd.log" 2>/dev/null)"
  sleep 0.5
done
pass "one-node cluster up (slurmctld, slurmd, munged on free ports)"

# One run per array task, as each check below counts: tasks, a run given back by the task that held it. Packs under
# Slurm are claimed as anywhere else (the store decides); the local references train alone too, to compare bits.
export E2E_RUN_ARGS="--pack 1"

DLL="$ROOT/cli/bin/$VAESWEEP_CONFIGURATION/net10.0/vaesweep.dll"
vs() { dotnet "$DLL" "$@"; }

# submit CONFIG STORE: submits the sweep as an array of 2 slots; sets JOB.
submit() {
  JOB=$(vs run "$1" --store "$2" --launcher slurm --slots 2 $E2E_RUN_ARGS 2>>"$2.log" | tee -a "$2.log" | sed -n 's/^submitted Slurm job \([0-9]*\):.*/\1/p')
  [ -n "$JOB" ]
}

# wait_job JOB LIMIT_S: waits until no task of the job is queued or running.
wait_job() {
  local start=$SECONDS
  while [ -n "$(squeue -h -j "$1" 2>/dev/null)" ]; do
    [ $((SECONDS - start)) -ge "$2" ] && return 1
    sleep 1
  done
}

# --- the smoke sweep as an array of 2 slots, against a local run -------------------------------------------------
mkdir -p "$E2E_TMP/local" "$E2E_TMP/smoke"
cp "$ROOT/configs/smoke.yaml" "$E2E_TMP/local/smoke.yaml"
cp "$ROOT/configs/smoke.yaml" "$E2E_TMP/smoke/smoke.yaml"
vs_run "$E2E_TMP/local/smoke.yaml" "$E2E_TMP/local/smoke.db"
expect_eq "local smoke run exits 0" 0 "$RC"
DB="$E2E_TMP/smoke/smoke.db"
if submit "$E2E_TMP/smoke/smoke.yaml" "$DB"; then
  pass "smoke sweep submitted as job $JOB"
  seen=""
  start=$SECONDS
  while [ -n "$(squeue -h -j "$JOB" 2>/dev/null)" ] && [ $((SECONDS - start)) -lt 300 ]; do
    [ -z "$seen" ] && seen=$(vs status "$DB" 2>/dev/null | grep -o "Slurm job ${JOB}_[0-9]*" | head -n 1)
    sleep 0.3
  done
  check "the array finished in 300 s" "squeue still lists job $JOB" wait_job "$JOB" 1
  check "status named the Slurm task holding a lease" "no 'Slurm job ${JOB}_N' seen while it ran" test -n "$seen"
  invariants "smoke under Slurm: every run completed once, doctor clean" "$DB" 4 2
  expect_eq "each run claimed once" "1 1 1 1" "$(q "$DB" "SELECT group_concat(attempts, ' ') FROM runs")"
  expect_eq "a log per array task in runs/smoke/slurm/" 4 "$(ls "$E2E_TMP/smoke/smoke/slurm/" | grep -c "^${JOB}_[0-9]*\.out$")"
  same_results "smoke under Slurm equals the local run bit for bit" "$DB" "$E2E_TMP/local/smoke.db"
  vs merge "$E2E_TMP/merged/smoke.db" "$DB" >/dev/null 2>&1
  same_results "merge of the Slurm store equals it" "$E2E_TMP/merged/smoke.db" "$DB"
else
  fail "smoke sweep submission: $(tail -n 1 "$DB.log")"
fi

# --- SIGTERM to one task mid-training: its run is given back and the other task finishes it ------------------------
# An epoch of these runs takes about 0.1 s on a quiet machine, so the runs are long enough (24 epochs) that the
# signal, sent a second or two after the first epoch, still finds them training (with 8, CI once saw a run already
# evaluating when it came).
TERM_EPOCHS=24
reference term "$TERM_EPOCHS" "0.5, 2.0"
new_sweep term "$TERM_EPOCHS" "0.5, 2.0"
if submit "$CFG" "$DB"; then
  # The first epoch recorded by task 0, then the signal Slurm sends before a time limit, to the batch shell only.
  start=$SECONDS
  until [ "$(q "$DB" "SELECT count(*) FROM epochs e JOIN runs r USING (run_key)
                      WHERE r.lease_owner LIKE '%:slurm-${JOB}_0'" 2>/dev/null)" -ge 1 ]; do
    [ $((SECONDS - start)) -ge 120 ] && break
    sleep 0.2
  done
  held=$(q "$DB" "SELECT run_key FROM runs WHERE lease_owner LIKE '%:slurm-${JOB}_0'")
  scancel --signal=TERM --batch "${JOB}_0"
  check "the array finished after the TERM" "squeue still lists job $JOB after 300 s" wait_job "$JOB" 300
  expect_eq "task 0's run was given back once (interrupted event)" 1 "$(event_count "$DB" interrupted "$held")"
  check "task 0's log shows the stop" "no 'interrupted' in ${JOB}_0.out" \
    grep -q "interrupted" "$E2E_TMP/term/store/slurm/${JOB}_0.out"
  expect_eq "the given-back run was claimed again (attempts)" 2 "$(q "$DB" "SELECT attempts FROM runs WHERE run_key = '$held'")"
  invariants "after the TERM: every run completed once, doctor clean" "$DB" 2 "$TERM_EPOCHS"
  same_results "after the TERM: results equal an uninterrupted local run bit for bit" "$DB" "$REF_DB"
else
  fail "term sweep submission: $(tail -n 1 "$DB.log")"
fi

# --- the smoke sweep in parts: each task on a SQLite file of its own on local disk, merged after the array --------
# submit_parts CONFIG STORE: submits the sweep with --parts (local copies in $E2E_TMP/node); sets JOB and MERGE_JOB.
submit_parts() {
  local out
  out=$(vs run "$1" --store "$2" --launcher slurm --parts --parts-dir "$E2E_TMP/node" --slots 2 $E2E_RUN_ARGS 2>&1)
  echo "$out" >>"$2.log"
  JOB=$(echo "$out" | sed -n 's/^submitted Slurm job \([0-9]*\): .*array task.*/\1/p')
  MERGE_JOB=$(echo "$out" | sed -n 's/^submitted Slurm job \([0-9]*\): merges the parts.*/\1/p')
  [ -n "$JOB" ] && [ -n "$MERGE_JOB" ]
}

mkdir -p "$E2E_TMP/parts"
cp "$ROOT/configs/smoke.yaml" "$E2E_TMP/parts/smoke.yaml"
DB="$E2E_TMP/parts/smoke.db"
if submit_parts "$E2E_TMP/parts/smoke.yaml" "$DB"; then
  pass "smoke sweep submitted in parts as job $JOB, merge job $MERGE_JOB"
  out_line=$(vs status "$DB" 2>/dev/null | grep "^out in parts: 4 run(s)")
  check "status says the runs are out in parts" "no 'out in parts: 4 run(s)' line" test -n "$out_line"
  check "the array and its merge job finished in 300 s" "squeue still lists job $JOB or $MERGE_JOB" \
    wait_job "$JOB,$MERGE_JOB" 300
  invariants "smoke in parts: every run completed once, doctor clean" "$DB" 4 2
  same_results "smoke in parts equals the local run bit for bit" "$DB" "$E2E_TMP/local/smoke.db"
  expect_eq "four parts came back, the manifest went, no local copy is left" "4 0 0" \
    "$(ls "$E2E_TMP/parts/smoke/slurm/parts/" | grep -c '^part-[0-3]\.db$') $(ls "$E2E_TMP/parts/smoke/slurm/parts/" | grep -c json) $(ls -A "$E2E_TMP/node" | wc -l)"
  expect_eq "checkpoints are in the store's run folders on the shared folder" 4 \
    "$(q "$DB" "SELECT count(DISTINCT run_key) FROM checkpoints WHERE path LIKE '$E2E_TMP/parts/smoke/%/checkpoints/%'")"
  expect_eq "merging the parts again brings nothing" "0 0 0 0" \
    "$(vs merge "$DB" "$E2E_TMP"/parts/smoke/slurm/parts/part-*.db 2>&1 | sed -n 's/.*, \([0-9]*\) merged in$/\1/p' | tr '\n' ' ' | sed 's/ $//')"
  check "status no longer says the runs are out" "status still has an 'out in parts' line" \
    bash -c "! dotnet '$DLL' status '$DB' | grep -q '^out in parts'"
else
  fail "parts submission: $(tail -n 1 "$DB.log")"
fi

# --- parts, one task signalled: its part comes back with the run given back; submitting again finishes it --------
TERM_REF_DB=$REF_DB
new_sweep pterm "$TERM_EPOCHS" "0.5, 2.0"
if submit_parts "$CFG" "$DB"; then
  parts="$E2E_TMP/pterm/store/slurm/parts"
  held=$(q "$parts/part-0.db" "SELECT run_key FROM runs")
  # Task 0's first checkpoint, written to the run folder on the shared folder while its store is on local disk.
  start=$SECONDS
  until ls "$E2E_TMP/pterm/store/$held/checkpoints/"*.safetensors >/dev/null 2>&1; do
    [ $((SECONDS - start)) -ge 120 ] && break
    sleep 0.2
  done
  out=$(vs run "$CFG" --store "$DB" --launcher slurm --parts --parts-dir "$E2E_TMP/node" --slots 2 $E2E_RUN_ARGS 2>&1); rc=$?
  expect_eq "a second submission while the first is listed: exit code 2 and one line" "2 1" "$rc $(echo "$out" | wc -l)"
  check "it says why" "got: $out" grep -q "are still out: squeue lists Slurm job $JOB" <<<"$out"
  scancel --signal=TERM --batch "${JOB}_0"
  check "the array and its merge job ended after the TERM" "squeue still lists job $JOB or $MERGE_JOB after 300 s" \
    wait_job "$JOB,$MERGE_JOB" 300
  expect_eq "the signalled run came back pending with its epochs and checkpoints" "pending 1 1" \
    "$(q "$DB" "SELECT state || ' ' || (SELECT count(*) > 0 FROM epochs WHERE run_key = '$held') || ' ' ||
                (SELECT count(*) > 0 FROM checkpoints WHERE run_key = '$held') FROM runs WHERE run_key = '$held'")"
  expect_eq "it was given back once (interrupted event)" 1 "$(event_count "$DB" interrupted "$held")"
  first_job=$JOB
  if submit_parts "$CFG" "$DB"; then
    check "the resubmission finished in 300 s" "squeue still lists job $JOB or $MERGE_JOB" wait_job "$JOB,$MERGE_JOB" 300
    expect_eq "one part for the one run left" "1" "$(ls "$parts" | grep -c '^part-[0-9]*\.db$')"
    expect_eq "it resumed from its checkpoint in the new part (resumed event merged back)" 1 \
      "$(event_count "$DB" resumed "$held")"
    expect_eq "the given-back run was claimed twice in all (attempts)" 2 "$(q "$DB" "SELECT attempts FROM runs WHERE run_key = '$held'")"
    invariants "parts after the TERM: every run completed once, doctor clean" "$DB" 2 "$TERM_EPOCHS"
    same_results "parts after the TERM: results equal an uninterrupted local run bit for bit" "$DB" "$TERM_REF_DB"
  else
    fail "parts resubmission after job $first_job: $(tail -n 1 "$DB.log")"
  fi
else
  fail "pterm sweep submission: $(tail -n 1 "$DB.log")"
fi

# --- bad input: one line, exit code 2, nothing written -----------------------------------------------------------
mkdir -p "$E2E_TMP/bad" "$E2E_TMP/nosbatch"
ln -s "$(command -v dotnet)" "$E2E_TMP/nosbatch/dotnet"
out=$(PATH="$E2E_TMP/nosbatch" vs run "$CFG" --store "$E2E_TMP/bad/a.db" --launcher slurm 2>&1); rc=$?
expect_eq "sbatch missing: exit code 2" 2 "$rc"
expect_eq "sbatch missing: one line" "error: --launcher slurm: sbatch is not on PATH; run on a Slurm login node (or install slurm-client), or use --launcher process" "$out"
out=$(vs run "$CFG" --store "$E2E_TMP/bad/b.db" --launcher slurm --time 90m 2>&1); rc=$?
expect_eq "malformed --time: exit code 2 and one line" "2 1" "$rc $(echo "$out" | wc -l)"
out=$(vs run "$CFG" --store "$E2E_TMP/bad/c.db" --parts 2>&1); rc=$?
expect_eq "--parts without --launcher slurm: exit code 2 and one line" "2 1" "$rc $(echo "$out" | wc -l)"
out=$(vs run "$CFG" --store postgresql://nobody@127.0.0.1:1/none --launcher slurm --parts 2>&1); rc=$?
expect_eq "--parts with a postgresql:// store: exit code 2 and one line" "2 1" "$rc $(echo "$out" | wc -l)"
expect_eq "bad input wrote nothing" "" "$(ls -A "$E2E_TMP/bad")"

finish
