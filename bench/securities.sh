#!/usr/bin/env bash
# bench/securities.sh — the A-share account (issue 16): orders processed per
# second through Account::submit (validation, matching, fees, FIFO lots) and a
# 10-year daily replay of a 50-stock universe (one order per stock per day,
# dividends with bonus shares), natively and as wasm under node. The result
# digest (cash, realised P&L, dividend tax, commission) must be identical.
# Env: FINLAB_NATIVE_BUILD / FINLAB_WASM_BUILD (default build/native, build/wasm),
#      SECURITIES_BENCH_STOCKS (50).
set -euo pipefail
ROOT="${FINLAB_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
NATIVE="${FINLAB_NATIVE_BUILD:-$ROOT/build/native}"
WASM="${FINLAB_WASM_BUILD:-$ROOT/build/wasm}"
case "$NATIVE" in /*) ;; *) NATIVE="$ROOT/$NATIVE" ;; esac
case "$WASM" in /*) ;; *) WASM="$ROOT/$WASM" ;; esac
STOCKS="${SECURITIES_BENCH_STOCKS:-50}"

echo "== securities: orders/s and a 10-year daily replay of $STOCKS stocks"
echo "   machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg) (wall-clock times; a loaded machine raises them)"
if [ ! -f "$NATIVE/build.ninja" ]; then
  cmake -S "$ROOT" -B "$NATIVE" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
cmake --build "$NATIVE" --target finlab_bench_securities -j"${FINLAB_JOBS:-2}" >/dev/null
echo "-- native"
native_out="$("$NATIVE/bench/securities/finlab_bench_securities" "$ROOT" "$STOCKS")" || { echo "$native_out"; echo "!! native run failed"; exit 1; }
echo "$native_out"

if command -v em++ >/dev/null 2>&1 && command -v node >/dev/null 2>&1; then
  export NODE_PATH="${NODE_PATH:-/usr/share/nodejs}"
  if [ ! -f "$WASM/build.ninja" ]; then
    emcmake cmake -S "$ROOT" -B "$WASM" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  fi
  libs=(securities time money)
  cmake --build "$WASM" --target "${libs[@]/#/finlab_core_}" -j"${FINLAB_JOBS:-2}" >/dev/null
  mkdir -p "$WASM/bench/securities"
  archives=()
  for l in "${libs[@]}"; do archives+=("$WASM/core/$l/libfinlab_core_$l.a"); done
  em++ -std=c++20 -O3 -fexceptions -ffp-contract=off -I"$ROOT" -isystem "$ROOT/.cache/inc" \
    "$ROOT/bench/securities/securities_bench.cpp" "${archives[@]}" \
    -fexceptions -sALLOW_MEMORY_GROWTH=1 -sENVIRONMENT=node -sNODERAWFS=1 \
    -o "$WASM/bench/securities/finlab_bench_securities.js"
  echo "-- wasm (node $(node --version))"
  wasm_out="$(node --no-experimental-fetch "$WASM/bench/securities/finlab_bench_securities.js" "$ROOT" "$STOCKS")" || { echo "$wasm_out"; echo "!! wasm run failed"; exit 1; }
  echo "$wasm_out"
  if [ "$(grep '^result' <<<"$native_out")" = "$(grep '^result' <<<"$wasm_out")" ]; then
    echo "   native and wasm results: identical ($(grep '^result' <<<"$native_out"))"
  else
    echo "!! native and wasm results differ"; exit 1
  fi
else
  echo "-- wasm: skipped (em++ or node not found)"
fi
