#!/usr/bin/env bash
# Categorical and M2 packs under kill -9 (issue 14): for each family a sweep of four runs (two betas x two seeds) is
# killed at random while it trains in packs of two on two workers, so packs are cut, given back and re-formed; the last
# start finishes it. Every invariant must then hold, and every run's evaluation and curve must equal, bit for bit,
# those of the same sweep trained uninterrupted as one pack of four: a run's numbers do not depend on its pack mates,
# its Gumbel noise or its labelled batches included.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

EPOCHS=4
ROUNDS=${E2E_KILL_ROUNDS:-5}

# family_config FILE NAME FAMILY: write_config's tiny sweep with a categorical latent (an annealed temperature) or as
# M2 (100 labels), and a second axis of seeds.
family_config() {
  write_config "$1" "$2" "$EPOCHS" "0.5, 1.0"
  case $3 in
    categorical) sed -i -e 's/posterior: diagonal}/posterior: categorical, categories: 4}/' \
      -e 's/kl: analytic}/kl: analytic, temperature: 1.0, temperature_end: 0.5, temperature_epochs: 3}/' "$1" ;;
    m2) sed -i -e 's/validation: 100}/validation: 100, labelled: 100}/' -e 's/kind: vae,/kind: m2, alpha: 1.0,/' "$1" ;;
  esac
  echo "  seed: [3, 4]" >>"$1"
}

for family in categorical m2; do
  mkdir -p "$E2E_TMP/$family-ref" "$E2E_TMP/$family"
  REF_CFG="$E2E_TMP/$family-ref/sweep.yaml"; REF_DB="$E2E_TMP/$family-ref/store.db"
  family_config "$REF_CFG" "$family" "$family"
  vs_run "$REF_CFG" "$REF_DB" --pack 4 --workers 1
  expect_eq "$family reference: one pack of four completes" 0 "$RC"
  expect_eq "$family reference: every run records a pack of 4" "4 4 4 4" "$(q "$REF_DB" "SELECT group_concat(pack_width, ' ') FROM runs")"

  CFG="$E2E_TMP/$family/sweep.yaml"; DB="$E2E_TMP/$family/store.db"
  family_config "$CFG" "$family" "$family"
  kill_until_done "$family " "$CFG" "$DB" --pack 2 --workers 2
  expect_eq "$family: the sweep finally exits 0" 0 "$RC"
  check "$family: at least 2 kills landed" "only $KILLS" [ "$KILLS" -ge 2 ]
  invariants "$family: invariants hold after $KILLS kills" "$DB" 4 "$EPOCHS"
  expect_eq "$family: every run trained in a pack of at most 2" 0 "$(q "$DB" "SELECT count(*) FROM runs WHERE pack_width NOT IN (1, 2)")"
  same_results "$family: results equal one uninterrupted pack of four, bit for bit" "$DB" "$REF_DB"
done
finish
