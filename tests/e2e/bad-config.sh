#!/usr/bin/env bash
# Bad sweep files (RELIABILITY.md, "bad YAML"): `vaesweep run` gives exit code 3, exactly one line on stderr of the
# form `error: FILE:LINE:COL: ...`, and creates no store file. The files are a cross-section of the xunit corpus
# (tests/Config/corpus), plus a huge file made here; the corpus tests check each message's wording.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CORPUS="$ROOT/tests/Config/corpus"
cases=(syntax-tab-indent syntax-unclosed-bracket unknown-key-typo duplicate-key string-for-int octal-looking
       sexagesimal empty-value nan-dot negative-latent enum-typo alias-bomb deep-nesting empty-axis)

# A huge file: a valid head followed by a megabyte of junk keys, so the first unknown key is the finding.
huge="$E2E_TMP/huge.yaml"
{ cat "$ROOT/configs/smoke.yaml"; for i in $(seq 1 40000); do echo "junk_key_$i: $i"; done; } >"$huge"

check_bad() { # check_bad NAME FILE
  local name=$1 file=$2 store="$E2E_TMP/$1.db" err lines
  err=$("$VS" run "$file" --store "$store" 2>&1 >/dev/null)
  local rc=$?
  lines=$(printf '%s\n' "$err" | sed '/^$/d' | wc -l)
  local problems=()
  [ "$rc" -eq 3 ] || problems+=("exit code $rc, not 3")
  [ "$lines" -eq 1 ] || problems+=("$lines lines on stderr")
  printf '%s\n' "$err" | head -1 | grep -Eq "^error: [^ ]*$(basename "$file"):[0-9]+:[0-9]+: " \
    || problems+=("no 'error: FILE:LINE:COL:' prefix: $(printf '%s' "$err" | head -1 | cut -c1-160)")
  [ ! -e "$store" ] || problems+=("a store file was created")
  if [ ${#problems[@]} -eq 0 ]; then pass "$name"; else fail "$name: $(IFS=';'; echo "${problems[*]}")"; fi
}

for c in "${cases[@]}"; do check_bad "bad-config $c" "$CORPUS/$c.yaml"; done
check_bad "bad-config huge-file" "$huge"

# `plan` reads the same way: same exit code, and a good file still works.
"$VS" plan "$CORPUS/duplicate-key.yaml" >/dev/null 2>&1
expect_eq "plan refuses a bad file with exit 3" 3 $?
"$VS" plan "$ROOT/configs/smoke.yaml" --store "$E2E_TMP/none.db" >/dev/null 2>&1
expect_eq "plan accepts the smoke sweep" 0 $?
finish
