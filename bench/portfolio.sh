#!/usr/bin/env bash
# bench/portfolio.sh — Monte Carlo projection of a plan (issue 8): 10,000 paths
# × 10 years of daily steps (GARCH(1,1)-t NAV model, exact engine, monthly 定投
# paid from 活期宝) natively on 2 threads (target ≤ 1 s) and as wasm under node
# on one thread (target ≤ 3 s), side by side with a numpy peer of the same
# model and plan in float64 (its wall time, its end-value percentiles next to
# ours, and the largest difference on the same NAV paths: what exact money
# changes). Exit 1 if the native or wasm run fails.
# Env: FINLAB_NATIVE_BUILD / FINLAB_WASM_BUILD (default build/native, build/wasm),
#      PORTFOLIO_BENCH_PATHS (10000), PORTFOLIO_BENCH_YEARS (10), PORTFOLIO_BENCH_THREADS (2),
#      PORTFOLIO_BENCH_REPEAT (3: best of), PORTFOLIO_BENCH_PLAN (assets/plans/csi300_monthly.json).
set -euo pipefail
ROOT="${FINLAB_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
NATIVE="${FINLAB_NATIVE_BUILD:-$ROOT/build/native}"
WASM="${FINLAB_WASM_BUILD:-$ROOT/build/wasm}"
case "$NATIVE" in /*) ;; *) NATIVE="$ROOT/$NATIVE" ;; esac
case "$WASM" in /*) ;; *) WASM="$ROOT/$WASM" ;; esac
PATHS="${PORTFOLIO_BENCH_PATHS:-10000}"
YEARS="${PORTFOLIO_BENCH_YEARS:-10}"
THREADS="${PORTFOLIO_BENCH_THREADS:-2}"
REPEAT="${PORTFOLIO_BENCH_REPEAT:-3}"
PLAN="${PORTFOLIO_BENCH_PLAN:-$ROOT/assets/plans/csi300_monthly.json}"
ARGS=(--plan "$PLAN" --paths "$PATHS" --years "$YEARS" --seed 1 --repeat "$REPEAT")

echo "== portfolio: Monte Carlo projection, $PATHS paths × $YEARS years of daily steps, monthly 定投 ($(basename "$PLAN"))"
echo "   machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg) (wall-clock times; a loaded machine raises them)"
if [ ! -f "$NATIVE/build.ninja" ]; then
  cmake -S "$ROOT" -B "$NATIVE" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
cmake --build "$NATIVE" --target finlab_bench_portfolio -j"${FINLAB_JOBS:-2}" >/dev/null
DIR="$(mktemp -d "${TMPDIR:-/tmp}/finlab-portfolio-bench.XXXXXX")"
trap 'rm -rf "$DIR"' EXIT

echo "-- native ($THREADS threads, best of $REPEAT)"
native_out="$("$NATIVE/bench/portfolio/finlab_bench_portfolio" "${ARGS[@]}" --threads "$THREADS" --export "$DIR")" \
  || { echo "$native_out"; echo "!! native run failed"; exit 1; }
echo "$native_out"

wasm_out=""
if command -v em++ >/dev/null 2>&1 && command -v node >/dev/null 2>&1; then
  export NODE_PATH="${NODE_PATH:-/usr/share/nodejs}"
  if [ ! -f "$WASM/build.ninja" ]; then
    emcmake cmake -S "$ROOT" -B "$WASM" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  fi
  # bench/ is native-only in the CMake project: build the same source with em++
  # against the wasm build's core libraries (as bench/fund.sh does).
  libs=(portfolio fund loan time money random math)
  cmake --build "$WASM" --target "${libs[@]/#/finlab_core_}" -j"${FINLAB_JOBS:-2}" >/dev/null
  mkdir -p "$WASM/bench/portfolio"
  archives=()
  for l in "${libs[@]}"; do archives+=("$WASM/core/$l/libfinlab_core_$l.a"); done
  em++ -std=c++20 -O3 -fexceptions -ffp-contract=off -I"$ROOT" -isystem "$ROOT/.cache/inc" \
    "$ROOT/bench/portfolio/portfolio_bench.cpp" "${archives[@]}" \
    -fexceptions -sALLOW_MEMORY_GROWTH=1 -sENVIRONMENT=node -sNODERAWFS=1 \
    -o "$WASM/bench/portfolio/finlab_bench_portfolio.js"
  echo "-- wasm (node $(node --version), one thread, best of $REPEAT)"
  # node's own CPU time (user + system) next to the wall clock: clock() in wasm is wall time.
  wasm_out="$(/usr/bin/time -f "wasm_cpu user_s=%U sys_s=%S" node --no-experimental-fetch "$WASM/bench/portfolio/finlab_bench_portfolio.js" "${ARGS[@]}" 2>&1)" \
    || { echo "$wasm_out"; echo "!! wasm run failed"; exit 1; }
  echo "$wasm_out"
else
  echo "-- wasm: skipped (em++ or node not found)"
fi

peer_out=""
if /usr/bin/python3 -c "import numpy" 2>/dev/null; then
  echo "-- peer: numpy (float64, vectorised over paths, one Python step per trading day)"
  peer_out="$(/usr/bin/python3 "$ROOT/bench/portfolio/numpy_peer.py" "$DIR" "$PATHS" 1)" || { echo "$peer_out"; echo "!! numpy peer failed"; }
  echo "$peer_out"
else
  echo "-- peer: skipped (Debian's python3-numpy is not installed)"
fi

field() { sed -n 's/.* '"$2"'=\([-0-9.]*\).*/\1/p' <<<"$1" | head -1; }
echo "-- summary"
n_wall=$(field "$native_out" wall_s)
n_cpu=$(field "$native_out" cpu_s)
awk -v w="$n_wall" -v c="$n_cpu" -v p="$PATHS" -v t="$THREADS" -v r="$REPEAT" 'BEGIN { printf "   native: %.3f s wall on %d threads (target <= 1 s: %s), %.0f paths/s; CPU %.3f s in all (%.3f s per thread: the wall time when both cores are free)\n", w, t, (w <= 1.0 ? "met" : "MISSED"), p / w, c, c / t }'
if [ -n "$wasm_out" ]; then
  w_wall=$(field "$wasm_out" wall_s)
  w_cpu=$(awk -v u="$(field "$wasm_out" user_s)" -v s="$(field "$wasm_out" sys_s)" -v r="$REPEAT" 'BEGIN { printf "%.3f", (u + s) / r }')
  awk -v w="$w_wall" -v c="$w_cpu" -v n="$n_cpu" -v t="$THREADS" -v p="$PATHS" 'BEGIN { printf "   wasm:   %.3f s wall on 1 thread (target <= 3 s: %s), %.0f paths/s; node CPU %.3f s per run (incl. start-up and JIT), %.2fx native CPU\n", w, (w <= 3.0 ? "met" : "MISSED"), p / w, c, c / n }'
  if [ "$(sed -n 's/.*native result //p' <<<"$native_out")" = "$(sed -n 's/.*wasm result //p' <<<"$wasm_out")" ]; then
    echo "   native and wasm results: identical ($(sed -n 's/.*native result //p' <<<"$native_out"))"
  else
    echo "!! native and wasm results differ"; exit 1
  fi
fi
if [ -n "$peer_out" ]; then
  p_wall=$(sed -n 's/^numpy model .* wall_s=\([0-9.]*\).*/\1/p' <<<"$peer_out")
  awk -v n="$n_wall" -v p="$p_wall" 'BEGIN { printf "   numpy peer (float64, no rounding): %.3f s; finlab native is %.1fx faster\n", p, p / n }'
  echo "   distributions (different random numbers): finlab $(sed -n 's/.*native result .*\(p5=.*\) twr.*/\1/p' <<<"$native_out") | numpy $(sed -n 's/^numpy model .*\(p5=.*\) (numpy.*/\1/p' <<<"$peer_out")"
  echo "   same NAV paths: $(sed -n 's/^numpy same \(.*\)/\1/p' <<<"$peer_out") — the 活期宝 income truncated to the fen each day and fees/shares rounded as the prospectus says"
fi
