#!/usr/bin/env bash
# A store the user may read but not write (issue 10, item 6): status, report, doctor and export of another user's
# store, in a folder anyone may write to (as /tmp is), must read it and leave no -wal/-shm files behind; plan must
# compare with it without writing. Runs as `nobody` through setpriv, since root ignores file modes.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if [ "$(id -u)" != 0 ] || ! command -v setpriv >/dev/null || ! id nobody >/dev/null 2>&1; then
  skip "read-only store: needs root, setpriv and the user nobody"
  finish; exit
fi
DLL="$ROOT/cli/bin/$VAESWEEP_CONFIGURATION/net10.0/vaesweep.dll"
if ! setpriv --reuid=nobody --regid=nogroup --clear-groups test -r "$DLL"; then
  skip "read-only store: nobody cannot read $DLL"
  finish; exit
fi

new_sweep readonly 1 "1.0"
vs_run "$CFG" "$DB"
expect_eq "the sweep completes as root" 0 "$RC"
key=$(q "$DB" "SELECT run_key FROM runs LIMIT 1")
# The owner's files stay as they are: readable by all, writable by the owner only.
chmod -R a+rX "$E2E_TMP/readonly/store"
chmod 644 "$DB" "$CFG"
chmod 755 "$E2E_TMP"
before=$(ls -A "$E2E_TMP/readonly" | sort | tr '\n' ' ')
HOME_FOR_NOBODY=$(mktemp -d "$E2E_TMP/home.XXXXXX"); chmod 777 "$HOME_FOR_NOBODY"

as_nobody() {
  setpriv --reuid=nobody --regid=nogroup --clear-groups env HOME="$HOME_FOR_NOBODY" DOTNET_CLI_HOME="$HOME_FOR_NOBODY" \
    dotnet "$DLL" "$@" >"$HOME_FOR_NOBODY/out" 2>"$HOME_FOR_NOBODY/err"
}

# A folder only the owner may write (755), and one anyone may write to (1777, as /tmp), where a reader that
# writes would leave its files.
for mode in 755 1777; do
  chmod "$mode" "$E2E_TMP/readonly"
  for command in "status $DB" "report $DB" "doctor $DB" "export $DB $key --out $HOME_FOR_NOBODY/model" "plan $CFG --store $DB"; do
    # shellcheck disable=SC2086  # the command's words
    as_nobody $command; rc=$?
    expect_eq "folder $mode: as nobody, '${command%% *}' of a read-only store succeeds" "0 " "$rc $(cat "$HOME_FOR_NOBODY/err")"
    expect_eq "folder $mode: as nobody, '${command%% *}' leaves nothing beside the store" "$before" \
      "$(ls -A "$E2E_TMP/readonly" | sort | tr '\n' ' ')"
    rm -f "$DB-wal" "$DB-shm"
  done
done
as_nobody status "$E2E_TMP/readonly"; rc=$?
expect_eq "status of a folder says it is a folder (exit 6)" \
  "6 error: $E2E_TMP/readonly is a folder, not a store file; give the sweep's .db file" "$rc $(cat "$HOME_FOR_NOBODY/err")"
as_nobody status "$DB"
check "as nobody, status shows the completed run" "got: $(cat "$HOME_FOR_NOBODY/out")" grep -q "$key completed" "$HOME_FOR_NOBODY/out"
finish
