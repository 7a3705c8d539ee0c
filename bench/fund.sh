#!/usr/bin/env bash
# bench/fund.sh — daily income distribution of the 活期宝 fund engine:
# the flat-array engine's account-days per second natively and as wasm under
# node, bytes per account, the ratio to the Boost.Multiprecision reference path
# (and to the list allocation the ledger uses), and the check that all give
# identical incomes on >= 1M random accounts. Exit 1 if a check fails.
# Env: FINLAB_NATIVE_BUILD / FINLAB_WASM_BUILD (build dirs; default build/native,
# build/wasm), FUND_BENCH_ACCOUNTS (10000000), FUND_BENCH_DAYS (30),
# FUND_BENCH_CHECK (1000000 accounts), FUND_BENCH_CHECK_DAYS (2).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NATIVE="${FINLAB_NATIVE_BUILD:-$ROOT/build/native}"
WASM="${FINLAB_WASM_BUILD:-$ROOT/build/wasm}"
ACCOUNTS="${FUND_BENCH_ACCOUNTS:-10000000}"
DAYS="${FUND_BENCH_DAYS:-30}"
CHECK="${FUND_BENCH_CHECK:-1000000}"
CHECK_DAYS="${FUND_BENCH_CHECK_DAYS:-2}"
ARGS=(--accounts "$ACCOUNTS" --days "$DAYS" --check-accounts "$CHECK" --check-days "$CHECK_DAYS")

echo "== fund: daily income distribution (truncate to the fen + largest-remainder redistribution)"
echo "   machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg) (numbers are single-core; a loaded machine lowers them)"
if [ ! -f "$NATIVE/build.ninja" ]; then
  cmake -S "$ROOT" -B "$NATIVE" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
cmake --build "$NATIVE" --target finlab_bench_fund >/dev/null
echo "-- native"
native_out="$("$NATIVE/bench/fund/finlab_bench_fund" "${ARGS[@]}")" || { echo "$native_out"; echo "!! native check failed"; exit 1; }
echo "$native_out"

wasm_out=""
if command -v em++ >/dev/null 2>&1 && command -v node >/dev/null 2>&1; then
  export NODE_PATH="${NODE_PATH:-/usr/share/nodejs}"
  if [ ! -f "$WASM/build.ninja" ]; then
    emcmake cmake -S "$ROOT" -B "$WASM" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  fi
  # The bench/ folder is native-only in the CMake project; build the same
  # source with em++ against the wasm build's core libraries.
  cmake --build "$WASM" --target finlab_core_fund finlab_core_time finlab_core_money finlab_core_random finlab_core_math >/dev/null
  mkdir -p "$WASM/bench/fund"
  em++ -std=c++20 -O3 -fexceptions -ffp-contract=off -I"$ROOT" -isystem "$ROOT/.cache/inc" \
    "$ROOT/bench/fund/distribution_bench.cpp" \
    "$WASM/core/fund/libfinlab_core_fund.a" "$WASM/core/time/libfinlab_core_time.a" "$WASM/core/random/libfinlab_core_random.a" \
    "$WASM/core/math/libfinlab_core_math.a" "$WASM/core/money/libfinlab_core_money.a" \
    -fexceptions -sALLOW_MEMORY_GROWTH=1 -sMAXIMUM_MEMORY=4GB -sENVIRONMENT=node \
    -o "$WASM/bench/fund/finlab_bench_fund.js"
  echo "-- wasm (node $(node --version))"
  wasm_out="$(node --no-experimental-fetch "$WASM/bench/fund/finlab_bench_fund.js" --accounts "$ACCOUNTS" --days "$DAYS" \
    --check-accounts "$CHECK" --check-days 1)" || { echo "$wasm_out"; echo "!! wasm check failed"; exit 1; }
  echo "$wasm_out"
else
  echo "-- wasm: skipped (em++ or node not found)"
fi

field() { sed -n 's/.* '"$2"'=\([0-9.]*\).*/\1/p' <<<"$1" | tail -1; }
echo "-- summary (account-days per CPU-second of one core; wall-clock figures are printed above)"
n_best=$(field "$native_out" best_daily_M)
echo "   native, daily carry-over, best of one-call-per-day / fused: ${n_best} M account-days/s (target >= 200); $(field "$native_out" bytes_per_account) bytes/account (limit 24)"
if [ -n "$wasm_out" ]; then
  for k in best_daily_M per_day_daily_M fused_daily_M; do
    awk -v k="$k" -v n="$(field "$native_out" "$k")" -v w="$(field "$wasm_out" "$k")" \
      'BEGIN { printf "   wasm %-16s %7.1f M vs native %7.1f M: wasm/native = %.2f\n", k, w, n, w / n }'
  done
fi
