#!/usr/bin/env bash
# Simulation sandbox benchmark (issue 6 budgets), native next to wasm:
#   - 1,000,000 users x 36 months of the credit lifecycle: <= 2 s on 2 cores
#     (>= 18M user-months/s), <= 200 bytes per user;
#   - wasm under node within 2x of native single-thread speed;
#   - 100,000 users x 24 months as the browser's Policy lab runs it (one
#     thread, scorecard training included): <= 3 s.
# Wall time depends on what else runs on the machine, so CPU time is printed
# too; "2-core estimate" = CPU seconds of the 2-thread run / 2.
# Env: FINLAB_NATIVE_BUILD, FINLAB_WASM_BUILD (default build/native, build/wasm),
#      SIM_BENCH_USERS (default 1000000), SIM_BENCH_MONTHS (default 36).
set -uo pipefail
ROOT="${FINLAB_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
NATIVE="${FINLAB_NATIVE_BUILD:-$ROOT/build/native}"
WASM="${FINLAB_WASM_BUILD:-$ROOT/build/wasm}"
USERS="${SIM_BENCH_USERS:-1000000}"
MONTHS="${SIM_BENCH_MONTHS:-36}"
NB="$NATIVE/bench/sim/finlab_bench_sim"
WB="$WASM/sim/finlab_bench_sim_wasm.js"
[ -x "$NB" ] || { echo "sim bench: $NB not built (./dev build)"; exit 1; }

get() { awk -v k="$1" '$1 == k { print $2 }' <<<"$2"; }
fmt() { awk -v x="$1" 'BEGIN { printf "%.1f", x / 1e6 }'; }
pass() { if awk -v a="$1" -v b="$2" 'BEGIN { exit !(a <= b) }'; then echo "ok"; else echo "OVER"; fi; }

echo "machine: $(nproc) cores, load average$(uptime | sed 's/.*load average//')"
echo "workload: baseline-2015 policy, baseline scenario, seed 2015, ${USERS} users x ${MONTHS} months"
echo

n=$("$NB" --users "$USERS" --months "$MONTHS" --threads 2) || { echo "native bench failed"; exit 1; }
um=$(awk -v u="$USERS" -v m="$MONTHS" 'BEGIN { print u * m }')
n1_wall=$(get lifecycle_s_1t "$n"); n1_cpu=$(get lifecycle_cpu_s_1t "$n")
n2_wall=$(get lifecycle_s_2t "$n"); n2_cpu=$(get lifecycle_cpu_s_2t "$n")
n2_est=$(awk -v c="$n2_cpu" 'BEGIN { printf "%.3f", c / 2 }')
bpu=$(get bytes_per_user_arrays "$n"); rss=$(get bytes_per_user_rss "$n")
echo "== native credit lifecycle (${um} user-months)"
printf "  1 thread : %6.3f s wall, %6.3f s CPU  -> %5s M user-months/s (wall), %5s M/s per CPU-second\n" \
  "$n1_wall" "$n1_cpu" "$(fmt "$(get user_months_per_s_1t "$n")")" "$(fmt "$(get user_months_per_cpu_s_1t "$n")")"
printf "  2 threads: %6.3f s wall, %6.3f s CPU  -> 2-core estimate %.3f s = %s M user-months/s   [budget 2 s: %s]\n" \
  "$n2_wall" "$n2_cpu" "$n2_est" "$(fmt "$(awk -v u="$um" -v t="$n2_est" 'BEGIN { print u / t }')")" "$(pass "$n2_est" 2)"
echo "  same totals with 1 and 2 threads: $(get same_totals_1t_vs_2t "$n")"
echo "  memory: ${bpu} bytes/user in the run's arrays, ${rss:-?} bytes/user measured (RSS growth)   [budget 200: $(pass "${rss:-$bpu}" 200)]"
echo "  population build (generate + score ${USERS} users): $(get build_users_s_1t "$n") s wall 1 thread, $(get build_users_cpu_s_1t "$n") s CPU; $(get build_users_s_2t "$n") s wall 2 threads"
echo "  scorecard training on $(get history_users "$n") history users: $(get train_s "$n") s wall"
echo "  totals: approval $(get total_approval_rate "$n")%, booked $(get total_booked_amount "$n"), loss $(get total_loss_rate "$n")%, net profit $(get total_net_profit "$n")"

if [ -f "$WB" ]; then
  export NODE_PATH="${NODE_PATH:-/usr/share/nodejs}"
  w=$(node --no-experimental-fetch "$WB" --users "$USERS" --months "$MONTHS" --single-only) || { echo "wasm bench failed"; exit 1; }
  w_wall=$(get lifecycle_s_1t "$w"); w_cpu=$(get lifecycle_cpu_s_1t "$w")
  echo
  echo "== wasm (node $(node --version)), same workload, 1 thread"
  printf "  lifecycle: %6.3f s wall, %6.3f s CPU -> %5s M user-months/s (wall), %5s M/s per CPU-second\n" \
    "$w_wall" "$w_cpu" "$(fmt "$(get user_months_per_s_1t "$w")")" "$(fmt "$(get user_months_per_cpu_s_1t "$w")")"
  ratio_cpu=$(awk -v a="$w_cpu" -v b="$n1_cpu" 'BEGIN { printf "%.2f", a / b }')
  ratio_wall=$(awk -v a="$w_wall" -v b="$n1_wall" 'BEGIN { printf "%.2f", a / b }')
  echo "  wasm / native single-thread: ${ratio_cpu}x by CPU time, ${ratio_wall}x by wall time   [budget 2x: $(pass "$ratio_cpu" 2)]"
  same="yes"
  for k in total_approval_rate total_booked_amount total_loss_rate total_net_profit; do
    [ "$(get $k "$w")" = "$(get $k "$n")" ] || same="NO"
  done
  echo "  same totals as native: $same"
  f=$(node --no-experimental-fetch "$WB" --users 100000 --months 24 --full) || { echo "wasm full run failed"; exit 1; }
  nf=$("$NB" --users 100000 --months 24 --full)
  echo
  echo "== Policy lab run: 100,000 users x 24 months, one thread, from training to analyses"
  printf "  wasm  : %6.3f s wall, %6.3f s CPU (training %.3f s CPU)   [budget 3 s: %s]\n" \
    "$(get full_run_s "$f")" "$(get full_run_cpu_s "$f")" "$(get train_cpu_s "$f")" "$(pass "$(get full_run_cpu_s "$f")" 3)"
  printf "  native: %6.3f s wall, %6.3f s CPU (training %.3f s CPU)\n" \
    "$(get full_run_s "$nf")" "$(get full_run_cpu_s "$nf")" "$(get train_cpu_s "$nf")"
else
  echo
  echo "== wasm: $WB not built (emcmake build of target finlab_bench_sim_wasm)"
fi
