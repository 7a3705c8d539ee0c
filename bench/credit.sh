#!/usr/bin/env bash
# bench/credit.sh — behaviour credit scoring (core/credit) against scikit-learn,
# same data and same split, in the same run:
#   1. test AUC: finlab scorecard vs a plain LogisticRegression (median impute
#      + missing indicators + standardise, lbfgs) on the synthetic population
#      and on public credit data sets (bench/credit/data; others if present)
#   2. training time on 1,000,000 rows x 20 features vs LogisticRegression.fit
#   3. scoring throughput: pre-binned (target >= 100 M users/s on one core) and
#      from raw values, binning included (target >= 20 M/s)
#   4. population generation (10 M users) and binning 1,000 columns x 100,000 rows
# Env: FINLAB_NATIVE_BUILD (default build/native), CREDIT_BENCH_ROWS (1000000),
# CREDIT_BENCH_USERS (10000000), FINLAB_CREDIT_DATA (extra data folder).
# CPU seconds are reported next to wall time: the machine may be shared.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NATIVE="${FINLAB_NATIVE_BUILD:-$ROOT/build/native}"
ROWS="${CREDIT_BENCH_ROWS:-1000000}"
USERS="${CREDIT_BENCH_USERS:-10000000}"
DATA_DIRS=("$ROOT/bench/credit/data" "${FINLAB_CREDIT_DATA:-}")
PY=/usr/bin/python3
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

echo "== credit: scorecard vs scikit-learn LogisticRegression; scoring and training throughput"
echo "   machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg) (single-core numbers; CPU seconds are the fair measure on a loaded machine)"
if [ ! -f "$NATIVE/build.ninja" ]; then
  cmake -S "$ROOT" -B "$NATIVE" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
cmake --build "$NATIVE" --target finlab_bench_credit finlab >/dev/null
BENCH="$NATIVE/bench/credit/finlab_bench_credit"
# The CLI just built: FINLAB_BIN_DIR of that build (build/bin for the native preset).
CLI="$(sed -n 's/^FINLAB_BIN_DIR:PATH=//p' "$NATIVE/CMakeCache.txt")/finlab"
[ -x "$CLI" ] || CLI="${FINLAB_BIN:-$NATIVE/bin/finlab}"
have_sklearn=1
if ! "$PY" -c "import sklearn, numpy" 2>/dev/null; then
  have_sklearn=0
  echo "   scikit-learn not found for $PY (apt-get install python3-sklearn): peer columns skipped"
fi
field() { sed -n 's/.* '"$2"'=\([-0-9.]*\).*/\1/p' <<<"$1" | tail -1; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else printf "n/a" }'; }
auc_line() {  # name finlab_auc sklearn_auc
  awk -v n="$1" -v f="$2" -v s="$3" 'BEGIN {
    d = f - s; ad = d < 0 ? -d : d
    printf "   %-34s finlab %.4f  sklearn %.4f  diff %+.4f  %s\n", n, f, s, d, (ad <= 0.01 ? "within 0.01" : (d > 0 ? "finlab better by > 0.01" : "NOT within 0.01")) }'
}

echo
echo "-- 1. test AUC on the same split (scorecard: binning + WoE + L2 logistic + points; peer: plain LogisticRegression)"
# Synthetic population, mixed consent (16 sub-models), 70/30 split by user id.
syn="$("$BENCH" train --rows "$ROWS" --dir "$TMP")"
syn_sk=""
[ $have_sklearn = 1 ] && syn_sk="$("$PY" "$ROOT/bench/credit/sklearn_baseline.py" matrix "$TMP")"
if [ -n "$syn_sk" ]; then auc_line "synthetic, mixed consent ($ROWS)" "$(field "$syn" test_auc)" "$(field "$syn_sk" test_auc)"
else echo "   synthetic, mixed consent: finlab $(field "$syn" test_auc)"; fi
echo "   (ground-truth PD on the same test rows: AUC $(field "$syn" true_pd_auc), the ceiling for any model)"

# Public data sets: a deterministic 70/30 split column is added, then both sides read the same CSV.
split_csv() {  # in out
  "$PY" - "$1" "$2" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
with open(sys.argv[2], "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(rows[0] + ["sample"])
    for i, r in enumerate(rows[1:]):
        w.writerow(r + ["test" if (i * 7919) % 10 < 3 else "train"])
PY
}
public_set() {  # label file target bad exclude(comma list or -) [extra train args...]
  local label="$1" file="$2" target="$3" bad="$4" exclude="$5"; shift 5
  local path=""
  for d in "${DATA_DIRS[@]}"; do [ -n "$d" ] && [ -f "$d/$file" ] && path="$d/$file" && break; done
  if [ -z "$path" ]; then
    echo "   $label: skipped ($file not present; see bench/credit/data/README.md for where to get it)"
    return
  fi
  split_csv "$path" "$TMP/split.csv"
  local args=(score train --data "$TMP/split.csv" --target "$target" --bad "$bad" --split-column sample --json "$@")
  [ "$exclude" != "-" ] && args+=(--exclude "$exclude")
  local fin
  fin="$("$CLI" "${args[@]}" | "$PY" -c 'import json,sys; d=json.load(sys.stdin); print(d["test"]["auc"], d["test"]["n"])')"
  if [ $have_sklearn = 1 ]; then
    local excl="$TMP/split_sk.csv"
    "$PY" - "$TMP/split.csv" "$excl" "$exclude" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
drop = set() if sys.argv[3] == "-" else set(sys.argv[3].split(","))
keep = [i for i, h in enumerate(rows[0]) if h not in drop]
with open(sys.argv[2], "w", newline="") as f:
    csv.writer(f, lineterminator="\n").writerows([[r[i] for i in keep] for r in rows])
PY
    local sk
    sk="$("$PY" "$ROOT/bench/credit/sklearn_baseline.py" csv "$excl" "$target" "$bad" sample)"
    auc_line "$label (test n=${fin#* })" "${fin% *}" "$(field "$sk" test_auc)"
  else
    echo "   $label: finlab test AUC ${fin% *}"
  fi
}
public_set "German credit (UCI Statlog)" credit-g.csv class bad -
public_set "Taiwan credit-card default (UCI)" UCI_Credit_Card.csv default.payment.next.month 1 ID
public_set "Give Me Some Credit (Kaggle)" cs-training.csv SeriousDlqin2yrs 1 unnamed_1

echo
echo "-- 2. training time, $ROWS rows x 20 features (70% train); finlab includes binning, WoE, selection, fit, points"
gen="$("$BENCH" train --rows "$ROWS" --dir "$TMP" --full-consent --generic)"
sel="$("$BENCH" train --rows "$ROWS" --dir "$TMP" --full-consent --generic --selection)"
card="$("$BENCH" train --rows "$ROWS" --dir "$TMP" --full-consent)"
echo "   finlab, one model (columns as in a plain CSV):       cpu $(field "$gen" cpu_s) s  wall $(field "$gen" wall_s) s  test AUC $(field "$gen" test_auc)"
echo "   finlab, one model, with --max-vif 10 --max-p-value 0.05: cpu $(field "$sel" cpu_s) s  wall $(field "$sel" wall_s) s  test AUC $(field "$sel" test_auc) (statistics: $(sed -n 's/^stats //p' <<<"$sel"))"
echo "   finlab, consent card (16 sub-models, all consented): cpu $(field "$card" cpu_s) s  wall $(field "$card" wall_s) s"
if [ $have_sklearn = 1 ]; then
  sk="$("$PY" "$ROOT/bench/credit/sklearn_baseline.py" matrix "$TMP")"
  echo "   sklearn LogisticRegression(lbfgs).fit:               cpu $(field "$sk" fit_cpu_s) s  wall $(field "$sk" fit_wall_s) s  test AUC $(field "$sk" test_auc) (+ $(field "$sk" prep_cpu_s) s imputation/scaling)"
  echo "   sklearn fit / finlab one-model training (CPU): $(ratio "$(field "$sk" fit_cpu_s)" "$(field "$gen" cpu_s)")x; with the selection rules: $(ratio "$(field "$sk" fit_cpu_s)" "$(field "$sel" cpu_s)")x (> 1: finlab faster)"
  echo "   (finlab always computes the statistics: coefficient SE/p-values from the Hessian at the optimum, AIC/BIC, WoE correlation and VIF)"
  auc_line "one model, test rows" "$(field "$gen" test_auc)" "$(field "$sk" test_auc)"
  auc_line "one model + selection rules, test rows" "$(field "$sel" test_auc)" "$(field "$sk" test_auc)"
fi

echo
echo "-- 3. scoring throughput ($USERS users, one core)"
sc="$("$BENCH" score --users "$USERS")"
while read -r line; do
  echo "   consent=$(sed -n 's/.*consent=\([a-z]*\).*/\1/p' <<<"$line"): pre-binned $(field "$line" prebinned_M_per_cpu_s) M users/s (target >= 100), raw values $(field "$line" raw_M_per_cpu_s) M users/s (target >= 20), features $(field "$line" features), bulk vs one-by-one mismatches $(field "$line" mismatches)"
done <<<"$sc"

echo
echo "-- 4. data preparation"
g="$("$BENCH" generate --users "$USERS")"
echo "   population generation: $(field "$g" users_per_cpu_s_M) M users per CPU-second ($USERS users: cpu $(field "$g" cpu_s) s, wall $(field "$g" wall_s) s)"
b="$("$BENCH" binning --columns 1000 --rows 100000)"
echo "   binning 1,000 candidate columns x 100,000 rows: cpu $(field "$b" cpu_s) s, wall $(field "$b" wall_s) s"
