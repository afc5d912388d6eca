#!/usr/bin/env bash
# Training into a PostgreSQL store (a real server this script starts: initdb into a temporary folder, a free port,
# password authentication, stopped at the end):
# - a sweep trained by 2 worker processes into postgresql://USER:PASSWORD@HOST/DB finishes, and its results equal a
#   SQLite store's bit for bit; the workers get the password through their environment, not their command line;
#   `status` and `report` read the server store; the run files go to runs/DB under the working directory;
# - kill -9 of the whole sweep mid-training, then the same command: every run finishes once, results unchanged;
# - 8 worker processes claiming from one store at once: every run claimed exactly once;
# - bad input (unreachable server, wrong password, missing database, a misspelt scheme): one line, exit code 6,
#   nothing written.
# Without PostgreSQL the script says why and fails when CI is set (skips otherwise).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

need() { # need WHY: fails in CI (CI=true), skips elsewhere, and ends the script.
  if [ "${CI:-}" = true ]; then fail "postgresql: $1"; else skip "postgresql: $1"; fi
  finish
  exit $?
}

PG_BIN="${VAESWEEP_PG_BIN:-/usr/lib/postgresql/15/bin}"
[ -x "$PG_BIN/initdb" ] || need "$PG_BIN/initdb missing (scripts/setup.sh ensure_test_tools installs postgresql)"
command -v psql >/dev/null || need "psql is not installed"

# Beside the script's own folder, which only its user may enter: the server's user must reach this one.
PG=$(mktemp -d "${TMPDIR:-/tmp}/vaesweep-e2e-pg.XXXXXX")
PORT=$(free_port)
PASSWORD="e2e-$RANDOM"
echo "$PASSWORD" >"$PG/pw"
# The server refuses to run as root: as root it runs as the postgres user.
as_server() { if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/bash -c "$(printf '%q ' "$@")"; else "$@"; fi; }
[ "$(id -u)" -eq 0 ] && chown -R postgres "$PG"
as_server "$PG_BIN/initdb" -D "$PG/data" -U vaesweep --pwfile="$PG/pw" --auth-host=scram-sha-256 --auth-local=trust \
  -E UTF8 --no-sync >"$PG/initdb.log" 2>&1 || { rm -rf "$PG"; need "initdb failed: $(tail -n 1 "$PG/initdb.log")"; }
as_server "$PG_BIN/pg_ctl" -D "$PG/data" -l "$PG/server.log" -w -t 60 \
  -o "-p $PORT -k $PG -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null \
  || need "the server did not start: $(tail -n 1 "$PG/server.log" 2>/dev/null)"
trap 'as_server "$PG_BIN/pg_ctl" -D "$PG/data" -m immediate -w stop >/dev/null 2>&1; rm -rf "$PG"; cleanup' EXIT
sql() { psql -h "$PG" -p "$PORT" -U vaesweep -At -d "$1" -c "$2"; }
url() { echo "postgresql://vaesweep:$PASSWORD@127.0.0.1:$PORT/$1"; }
pass "server up on port $PORT"

# json STORE: the per-run and per-epoch reports without times and the store's name, which differ by nature.
json() {
  for rows in "" --per-epoch; do
    # shellcheck disable=SC2086
    PGPASSWORD=$PASSWORD "$VS" report "$1" --format json $rows
  done | python3 -c '
import json, sys
text = sys.stdin.read()
decoder, at, out = json.JSONDecoder(), 0, []
while at < len(text.rstrip()):
    rows, at = decoder.raw_decode(text, at)
    at += len(text[at:]) - len(text[at:].lstrip())
    out.append([{k: v for k, v in r.items() if k != "store" and "second" not in k} for r in rows])
print(json.dumps(out, sort_keys=True))'
}

WORK="$E2E_TMP/work"
mkdir -p "$WORK" && cd "$WORK" || exit 1
write_config sweep.yaml pg 3 "0.5, 1.0, 2.0, 4.0"

# --- a sweep trained by worker processes into the server, against SQLite -------------------------------------------
vs_run sweep.yaml "$WORK/local.db" --workers 2
check "the local reference finishes" "exit $RC" [ "$RC" -eq 0 ]
sql postgres "CREATE DATABASE sweep" >/dev/null
"$VS" run sweep.yaml --store "$(url sweep)" --workers 2 >pg.log 2>&1 &
run_pid=$!
start=$SECONDS
until [ "$(sql sweep "SELECT count(*) FROM epochs" 2>/dev/null || echo 0)" -ge 1 ] || [ $((SECONDS - start)) -ge 120 ]; do
  sleep 0.2
done
# Every process but the one the user started with the URL; the pattern is bracketed so that it misses grep itself.
leaked=$(grep -l -- "${PASSWORD:0:1}[${PASSWORD:1:1}]${PASSWORD:2}" /proc/[0-9]*/cmdline 2>/dev/null |
  grep -vc "^/proc/$run_pid/")
workers=$(pgrep -f -- "worker --store postgresql://vaesweep@127.0.0.1:$PORT/sweep" | wc -l)
wait "$run_pid"
RC=$?
check "the sweep trains into PostgreSQL with 2 worker processes" "exit $RC (see $WORK/pg.log)" [ "$RC" -eq 0 ]
expect_eq "2 workers were running, none with the password on its command line" "2 0" "$workers $leaked"
expect_eq "4 runs completed in the server store" 4 "$(sql sweep "SELECT count(*) FROM runs WHERE state = 'completed'")"
expect_eq "12 epochs recorded, once each" 12 "$(sql sweep "SELECT count(DISTINCT (run_key, epoch)) FROM epochs")"
check "run files are under runs/sweep in the working directory" "$(ls -R runs 2>&1 | head -5)" [ "$(ls -d runs/sweep/*/checkpoints | wc -l)" -eq 4 ]
expect_eq "no password in what the sweep printed" 0 "$(grep -c -- "$PASSWORD" pg.log)"
reference=$(json "$WORK/local.db")
check "results equal the SQLite store's bit for bit" "report --format json differs" \
  [ "$(json "$(url sweep)")" = "${reference:-no reference}" ]
PGPASSWORD=$PASSWORD "$VS" status "postgresql://vaesweep@127.0.0.1:$PORT/sweep" >status.txt 2>&1
check "status reads the server store (password from PGPASSWORD)" "$(head -c 300 status.txt)" grep -q "4 completed" status.txt

# --- kill -9 of everything mid-training, then the same command ----------------------------------------------------
sql postgres "CREATE DATABASE killed" >/dev/null
setsid "$VS" run sweep.yaml --store "$(url killed)" --workers 2 >killed.log 2>&1 &
group=$!
E2E_CHILDREN+=("$group")
start=$SECONDS
until [ "$(sql killed "SELECT count(*) FROM epochs" 2>/dev/null || echo 0)" -ge 2 ]; do
  [ $((SECONDS - start)) -ge 120 ] && break
  sleep 0.2
done
kill -9 -- "-$group" 2>/dev/null
vs_wait "$group"
check "killed mid-sweep (some but not all epochs recorded)" "all 12 epochs were recorded before the kill" \
  [ "$(sql killed "SELECT count(*) FROM epochs")" -lt 12 ]
"$VS" run sweep.yaml --store "$(url killed)" --workers 2 >>killed.log 2>&1
RC=$?
check "the same command finishes the sweep" "exit $RC (see $WORK/killed.log)" [ "$RC" -eq 0 ]
expect_eq "every run completed exactly once, no lease left" "4 0 12" \
  "$(sql killed "SELECT (SELECT count(*) FROM runs WHERE state = 'completed'), (SELECT count(*) FROM runs WHERE lease_owner IS NOT NULL), (SELECT count(*) FROM epochs)" | tr '|' ' ')"
check "results after the kill equal the uninterrupted run's" "report --format json differs" [ "$(json "$(url killed)")" = "$reference" ]

# --- 8 worker processes claiming from one store at once ------------------------------------------------------------
mkdir -p "$E2E_TMP/many" && cp sweep.yaml "$E2E_TMP/many/"
(cd "$E2E_TMP/many" && E2E_TRAIN_LIMIT=100 write_config sweep.yaml many 1 "$(seq -s ', ' 1 16)")
sql postgres "CREATE DATABASE many" >/dev/null
(cd "$E2E_TMP/many" && "$VS" run sweep.yaml --store "$(url many)" --workers 8 --pack 1 >many.log 2>&1)
RC=$?
check "16 runs by 8 worker processes at once" "exit $RC (see $E2E_TMP/many/many.log)" [ "$RC" -eq 0 ]
expect_eq "every run completed, each claimed exactly once" "16 16" \
  "$(sql many "SELECT count(*), sum(attempts) FROM runs WHERE state = 'completed'" | tr '|' ' ')"

# --- bad input: one line, exit code 6, nothing written ------------------------------------------------------------
bad() { # bad NAME STORE: the sweep refused with one error line and exit 6, nothing written in a fresh folder.
  local dir="$E2E_TMP/bad-$1"
  mkdir -p "$dir"
  cp sweep.yaml "$dir/"
  (cd "$dir" && "$VS" run sweep.yaml --store "$2" >out.txt 2>err.txt)
  local rc=$? lines
  lines=$(wc -l <"$dir/err.txt")
  if [ "$rc" -eq 6 ] && [ "$lines" -eq 1 ] && grep -q '^error:' "$dir/err.txt" && ! grep -q -- "$PASSWORD" "$dir/err.txt" &&
     [ "$(ls "$dir" | sort | tr '\n' ' ')" = "err.txt out.txt sweep.yaml " ]; then
    pass "$1: $(cat "$dir/err.txt")"
  else
    fail "$1: exit $rc, $lines stderr line(s): $(head -c 300 "$dir/err.txt"); folder: $(ls "$dir" | tr '\n' ' ')"
  fi
}
closed=$(free_port)
bad "an unreachable server" "postgresql://vaesweep:$PASSWORD@127.0.0.1:$closed/sweep"
bad "a wrong password" "postgresql://vaesweep:wrong-$PASSWORD@127.0.0.1:$PORT/sweep"
bad "a missing database" "$(url nosuchdb)"
bad "a misspelt scheme" "postgresq://vaesweep:$PASSWORD@127.0.0.1:$PORT/sweep"

finish
