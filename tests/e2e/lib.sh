# Helpers shared by the end-to-end fault scripts (sourced, not run). Each script:
#   source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
#   ... pass/fail/check calls ...
#   finish            # prints "N passed, M failed" and exits non-zero on any failure
# Every sweep lives in its own temporary folder (removed at exit unless E2E_KEEP=1) with its own --store.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  echo "lib.sh: helpers sourced by the other e2e scripts; nothing to check on its own"
  exit 0
fi
set -uo pipefail

E2E_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$E2E_DIR/../.." && pwd)"
export VAESWEEP_CONFIGURATION="${VAESWEEP_CONFIGURATION:-Release}"
VS="$ROOT/vaesweep"
SCRIPT_NAME="$(basename "${BASH_SOURCE[1]:-$0}" .sh)"
# Random choices (kill delays, corrupted bytes) come from $RANDOM: print the seed so a failure can be replayed.
E2E_SEED="${E2E_SEED:-$(( $(date +%s) % 32768 ))}"
RANDOM=$E2E_SEED

PASSED=0
FAILED=0
SKIPPED=0
E2E_TMP="$(mktemp -d "${TMPDIR:-/tmp}/vaesweep-e2e-$SCRIPT_NAME.XXXXXX")"
E2E_CHILDREN=()

cleanup() {
  local pid
  for pid in "${E2E_CHILDREN[@]}"; do kill -9 -- "-$pid" 2>/dev/null; done
  if [ "${E2E_KEEP:-0}" = 1 ] || [ "$FAILED" -gt 0 ]; then
    echo "(files kept in $E2E_TMP)"
  else
    rm -rf "$E2E_TMP"
  fi
}
trap cleanup EXIT

pass() { PASSED=$((PASSED + 1)); echo "PASS $*"; }
fail() { FAILED=$((FAILED + 1)); echo "FAIL $*"; }
skip() { SKIPPED=$((SKIPPED + 1)); echo "SKIP $*"; }

# check NAME WHY-IF-FALSE COMMAND...: PASS when the command succeeds, FAIL with the reason otherwise.
check() {
  local name=$1 why=$2; shift 2
  if "$@"; then pass "$name"; else fail "$name: $why"; fi
}

# expect_eq NAME EXPECTED ACTUAL
expect_eq() {
  if [ "$2" = "$3" ]; then pass "$1"; else fail "$1: expected '$2', got '$3'"; fi
}

finish() {
  echo "$SCRIPT_NAME: $PASSED passed, $FAILED failed${SKIPPED:+, $SKIPPED skipped} (seed $E2E_SEED, ${SECONDS}s)"
  [ "$FAILED" -eq 0 ]
}

# Builds whatever is missing once, so the timed commands below only run the CLI.
"$VS" setup >/dev/null 2>&1 || { echo "FAIL $SCRIPT_NAME: ./vaesweep setup failed"; exit 1; }

# write_config FILE NAME EPOCHS BETAS [EXTRA_TRAINING]: a tiny sweep, one run per beta value, whose training takes
# a few seconds per run on one core, so kills land mid-training. Checkpoint after every epoch.
write_config() {
  local file=$1 name=$2 epochs=$3 betas=$4 extra=${5:-}
  cat >"$file" <<EOF
sweep:
  name: $name
base:
  data: {dataset: mnist-sample, train_limit: ${E2E_TRAIN_LIMIT:-1000}, test_limit: 100, validation: 100}
  model: {latent: 4, encoder: [${E2E_WIDTH:-100}], decoder: [${E2E_WIDTH:-100}], activation: tanh, posterior: diagonal}
  objective: {kind: vae, k: 1, beta: 1.0, kl: analytic}
  training: {epochs: $epochs, batch_size: 50, lr: 0.001$extra}
  evaluation: {k: 50, ks: [1, 10, 50], pictures: false}
  seed: 3
grid:
  objective.beta: [$betas]
EOF
}

# new_sweep NAME EPOCHS BETAS: makes $E2E_TMP/NAME/{sweep.yaml,store.db}; sets CFG and DB.
new_sweep() {
  mkdir -p "$E2E_TMP/$1"
  CFG="$E2E_TMP/$1/sweep.yaml"
  DB="$E2E_TMP/$1/store.db"
  write_config "$CFG" "$1" "$2" "$3" "${4:-}"
}

# E2E_RUN_ARGS: options every vs_run and vs_start add (a script that needs, say, --pack 1 throughout sets it).
# vs_run CONFIG STORE [ARGS...]: runs a sweep to its end in the foreground, output in STORE.log; sets RC.
vs_run() {
  local cfg=$1 db=$2; shift 2
  # shellcheck disable=SC2086  # word splitting of the extra options is meant
  "$VS" run "$cfg" --store "$db" ${E2E_RUN_ARGS:-} "$@" >>"$db.log" 2>&1
  RC=$?
}

# vs_start CONFIG STORE [ARGS...]: starts a sweep in a process group of its own; sets BG_PID (= its group id).
vs_start() {
  local cfg=$1 db=$2; shift 2
  # A background job of a script starts with SIGINT ignored, and an ignored signal stays ignored across exec:
  # env --default-signal gives the sweep the SIGINT handling it would have in a terminal.
  # shellcheck disable=SC2086
  setsid env --default-signal=INT "$VS" run "$cfg" --store "$db" ${E2E_RUN_ARGS:-} "$@" >>"$db.log" 2>&1 &
  BG_PID=$!
  E2E_CHILDREN+=("$BG_PID")
}

# vs_wait PID: waits for a started sweep; sets RC.
vs_wait() {
  { wait "$1"; RC=$?; } 2>/dev/null  # no "Killed" job notices: the kills are the test
}

# free_port: a TCP port of 127.0.0.1 that nothing listens on (for daemons a script starts itself).
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

q() { sqlite3 -cmd ".timeout 10000" "$@"; }

# epochs_done STORE: the number of epoch rows recorded so far.
epochs_done() { [ -f "$1" ] && q "$1" "SELECT count(*) FROM epochs" 2>/dev/null || echo 0; }

# wait_for_epochs STORE N [TIMEOUT_S [PID]]: waits until at least N epoch rows are recorded; fails early when the
# process PID has ended.
wait_for_epochs() {
  local db=$1 n=$2 limit=${3:-60} pid=${4:-} start=$SECONDS
  while [ "$(epochs_done "$db")" -lt "$n" ]; do
    [ $((SECONDS - start)) -ge "$limit" ] && return 1
    [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null && return 1
    sleep 0.1
  done
}

# kill_until_done LABEL CONFIG STORE RUN_ARGS...: starts the sweep, kills its whole process group with kill -9 at a
# random moment after its next epoch row, and starts it again, up to $ROUNDS times or until a start exits 0; then
# runs it once more uninterrupted if none did. Sets KILLS (kills that landed) and RC (the last exit status).
kill_until_done() {
  local label=$1 cfg=$2 db=$3 round; shift 3
  KILLS=0
  for round in $(seq 1 "$ROUNDS"); do
    vs_start "$cfg" "$db" "$@"
    wait_for_epochs "$db" $(( $(epochs_done "$db") + 1 )) 60 "$BG_PID"
    # The first two rounds kill within 0.1 s of the epoch row, so that callers may require two kills: on a quiet
    # machine a short sweep can finish within a longer delay (seen in CI: "only 1" kill landed).
    if [ "$round" -le 2 ]; then sleep "0.0$((RANDOM % 10))"; else sleep "0.$((RANDOM % 10))$((RANDOM % 10))"; fi
    if kill -0 "$BG_PID" 2>/dev/null; then kill -9 -- "-$BG_PID" 2>/dev/null; KILLS=$((KILLS + 1)); fi
    vs_wait "$BG_PID"
    echo "  ${label}round $round: exit $RC, $(epochs_done "$db") epoch rows"
    [ "$RC" -eq 0 ] && break
  done
  [ "$RC" -eq 0 ] || vs_run "$cfg" "$db" "$@"
}

# Results compared across stores: each run's final evaluation and its curve, exactly as stored (17 significant
# digits read back every double bit-exactly). Times and seconds are left out: they differ by nature.
results() {
  q "$1" "SELECT run_key, printf('%.17g', log_likelihood), printf('%.17g', log_likelihood_se), printf('%.17g', elbo)
          FROM evaluations ORDER BY run_key;
          SELECT run_key, epoch, printf('%.17g', train_loss), printf('%.17g', valid_elbo) FROM epochs
          ORDER BY run_key, epoch;"
}

# reference NAME EPOCHS BETAS: the same sweep run once, uninterrupted, into a store of its own; sets REF_DB.
reference() {
  mkdir -p "$E2E_TMP/ref-$1"
  local cfg="$E2E_TMP/ref-$1/sweep.yaml"
  REF_DB="$E2E_TMP/ref-$1/store.db"
  write_config "$cfg" "$1" "$2" "$3" "${4:-}"
  vs_run "$cfg" "$REF_DB"
  [ "$RC" -eq 0 ] || { fail "reference sweep $1 exited $RC (see $REF_DB.log)"; return 1; }
}

# same_results NAME STORE REF_STORE: PASS when both stores hold the same evaluations and curves, bit for bit.
same_results() {
  local a b
  a=$(results "$2"); b=$(results "$3")
  if [ -n "$b" ] && [ "$a" = "$b" ]; then
    pass "$1"
  else
    fail "$1: results differ from the uninterrupted reference:"
    diff <(echo "$b") <(echo "$a") | head -10 | sed 's/^/    /'
  fi
}

# completed_snapshot STORE: each completed run's key, attempts and finish time, to show later that it was not
# trained again.
completed_snapshot() {
  q "$1" "SELECT run_key, attempts, finished_utc FROM runs WHERE state = 'completed' ORDER BY run_key" 2>/dev/null
}

# not_retrained NAME BEFORE_SNAPSHOT STORE: every run completed before is still completed, unchanged.
not_retrained() {
  local after missing
  after=$(completed_snapshot "$3")
  missing=$(comm -23 <(echo "$2" | sed '/^$/d' | sort) <(echo "$after" | sort))
  if [ -z "$missing" ]; then pass "$1"; else fail "$1: completed runs changed or were retrained: $missing"; fi
}

# invariants NAME STORE PLANNED_RUNS EPOCHS: the invariants of RELIABILITY.md at the end of a sweep: doctor
# clean, no lease held, every planned run completed exactly once with all its epochs, one row per epoch.
invariants() {
  local name=$1 db=$2 runs=$3 epochs=$4 out problems=()
  if ! out=$("$VS" doctor "$db" 2>&1); then problems+=("doctor: $(echo "$out" | grep -v '^note' | tr '\n' ';')"); fi
  local completed leases dup wrong_epochs other
  completed=$(q "$db" "SELECT count(*) FROM runs WHERE state = 'completed'")
  other=$(q "$db" "SELECT group_concat(run_key || '=' || state) FROM runs WHERE state <> 'completed'")
  leases=$(q "$db" "SELECT count(*) FROM runs WHERE lease_owner IS NOT NULL")
  dup=$(q "$db" "SELECT count(*) FROM (SELECT 1 FROM epochs GROUP BY run_key, epoch HAVING count(*) > 1)")
  wrong_epochs=$(q "$db" "SELECT count(*) FROM (SELECT r.run_key FROM runs r LEFT JOIN epochs e USING (run_key)
                          GROUP BY r.run_key HAVING count(e.epoch) <> $epochs)")
  local evals
  evals=$(q "$db" "SELECT count(*) FROM evaluations")
  [ "$completed" = "$runs" ] || problems+=("$completed of $runs runs completed (others: $other)")
  [ "$evals" = "$runs" ] || problems+=("$evals evaluations for $runs runs")
  [ "$leases" = 0 ] || problems+=("$leases lease(s) still held")
  [ "$dup" = 0 ] || problems+=("$dup epoch(s) recorded twice")
  [ "$wrong_epochs" = 0 ] || problems+=("$wrong_epochs run(s) without exactly $epochs epoch rows")
  if [ ${#problems[@]} -eq 0 ]; then pass "$name"; else fail "$name: $(IFS='|'; echo "${problems[*]}")"; fi
}

# newest_checkpoint STORE RUN_KEY: path of the newest checkpoint the store records for the run.
newest_checkpoint() {
  q "$1" "SELECT path FROM checkpoints WHERE run_key = '$2' ORDER BY epoch DESC LIMIT 1"
}

# event_count STORE KIND [RUN_KEY]
event_count() {
  q "$1" "SELECT count(*) FROM events WHERE kind = '$2' ${3:+AND run_key = '$3'}"
}
