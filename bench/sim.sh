#!/usr/bin/env bash
# Simulation sandbox benchmark (issue 6 budgets), native next to wasm:
#   - 1,000,000 users x 36 months of the credit lifecycle: <= 2 s on 2 cores
#     (>= 18M user-months/s), <= 200 bytes per user;
#   - wasm under node within 2x of native single-thread speed;
#   - 100,000 users x 24 months as the browser's Policy lab runs it (one
#     thread, scorecard training included): <= 3 s.
# Wall time depends on what else runs on the machine, so CPU time is printed
# too; "2-core estimate" = CPU seconds of the 2-thread run / 2.
#   - one run across MPI ranks (issue 15): 1 process x 2 threads next to 2
#     ranks x 1 thread on 10M users x 36 months (`finlab sim run`, whole run
#     from training to the database), peak memory per rank, and a projection
#     for 100M users on 16 ranks from the measured per-rank rate.
#   - memory of streamed runs (issue 15): peak RSS of `finlab sim run` for
#     1M, 4M and 10M users x 36 months in one process (default block of
#     4,194,304 users, and blocks of 1,048,576 at the largest size), bytes per
#     user, and what that means for one 24 GB machine.
# Env: FINLAB_NATIVE_BUILD, FINLAB_WASM_BUILD (default build/native, build/wasm),
#      SIM_BENCH_USERS (default 1000000), SIM_BENCH_MONTHS (default 36),
#      SIM_BENCH_MPI_USERS (default 10000000; 0 skips the MPI section),
#      SIM_BENCH_MEMORY_USERS (default "1000000 4000000 10000000"; 0 skips the memory section).
# `bench/sim.sh --mpi-only` / `--memory-only` run only that section.
set -uo pipefail
ROOT="${FINLAB_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
NATIVE="${FINLAB_NATIVE_BUILD:-$ROOT/build/native}"
WASM="${FINLAB_WASM_BUILD:-$ROOT/build/wasm}"
USERS="${SIM_BENCH_USERS:-1000000}"
MONTHS="${SIM_BENCH_MONTHS:-36}"
NB="$NATIVE/bench/sim/finlab_bench_sim"
WB="$WASM/sim/finlab_bench_sim_wasm.js"
MPI_USERS="${SIM_BENCH_MPI_USERS:-10000000}"
MEM_USERS="${SIM_BENCH_MEMORY_USERS:-1000000 4000000 10000000}"
MPI_ONLY=0
MEM_ONLY=0
[ "${1:-}" = "--mpi-only" ] && MPI_ONLY=1
[ "${1:-}" = "--memory-only" ] && MEM_ONLY=1
[ -x "$NB" ] || [ "$MPI_ONLY" = 1 ] || [ "$MEM_ONLY" = 1 ] || { echo "sim bench: $NB not built (./dev build)"; exit 1; }

get() { awk -v k="$1" '$1 == k { print $2 }' <<<"$2"; }
fmt() { awk -v x="$1" 'BEGIN { printf "%.1f", x / 1e6 }'; }
pass() { if awk -v a="$1" -v b="$2" 'BEGIN { exit !(a <= b) }'; then echo "ok"; else echo "OVER"; fi; }

echo "machine: $(nproc) cores, load average$(uptime | sed 's/.*load average//')"

mpi_section() {
  local cli="${FINLAB_CLI:-$ROOT/build/bin/finlab}" dir m=36
  echo
  echo "== one run across MPI ranks: ${MPI_USERS} users x ${m} months, whole \`finlab sim run\` (training, population, months, analyses, database)"
  command -v mpirun >/dev/null || { echo "  mpirun not installed (libopenmpi-dev openmpi-bin): skipped"; return; }
  [ -x "$cli" ] || { echo "  $cli not built: skipped"; return; }
  [ -x /usr/bin/time ] || { echo "  /usr/bin/time not installed (Debian package time): skipped"; return; }
  export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
  dir=$(mktemp -d)
  local args=(sim run --users "$MPI_USERS" --months "$m" --seed 2015 --no-progress --json)
  local t0 t1 wt wr
  # Peak memory from GNU time (-v "Maximum resident set size", KiB) per process.
  t0=$(date +%s.%N)
  /usr/bin/time -v -o "$dir/threads.time" "$cli" "${args[@]}" --threads 2 --db "$dir/threads.sqlite" >"$dir/threads.json" || { echo "  1 x 2 run failed"; return; }
  t1=$(date +%s.%N); wt=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
  t0=$(date +%s.%N)
  mpirun -np 2 --oversubscribe sh -c 'exec /usr/bin/time -v -o "$0/rank.$OMPI_COMM_WORLD_RANK.time" "$@"' "$dir" \
    "$cli" "${args[@]}" --threads 1 --db "$dir/ranks.sqlite" >"$dir/ranks.json" || { echo "  2 x 1 run failed"; return; }
  t1=$(date +%s.%N); wr=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
  rss() { awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$1"; }
  cpu() { awk -F': ' '/User time/ { u = $2 } /System time/ { s = $2 } END { printf "%.1f", u + s }' "$1"; }
  local r0 r1 rt
  rt=$(rss "$dir/threads.time"); r0=$(rss "$dir/rank.0.time"); r1=$(rss "$dir/rank.1.time")
  printf "  %-22s %9s %9s %14s %18s\n" "layout" "wall s" "CPU s" "peak MB/proc" "M user-months/s"
  printf "  %-22s %9s %9s %14s %18s\n" "1 process x 2 threads" "$wt" "$(cpu "$dir/threads.time")" "$rt" \
    "$(awk -v u="$MPI_USERS" -v m="$m" -v t="$wt" 'BEGIN { printf "%.1f", u * m / t / 1e6 }')"
  printf "  %-22s %9s %9s %14s %18s\n" "2 ranks x 1 thread" "$wr" "$(cpu "$dir/rank.0.time")+$(cpu "$dir/rank.1.time")" "$r0 / $r1" \
    "$(awk -v u="$MPI_USERS" -v m="$m" -v t="$wr" 'BEGIN { printf "%.1f", u * m / t / 1e6 }')"
  echo "  efficiency of 2 ranks vs 2 threads (wall 1x2 / wall 2x1): $(awk -v a="$wt" -v b="$wr" 'BEGIN { printf "%.0f%%", 100 * a / b }')"
  local same=no
  python3 - "$dir/threads.json" "$dir/ranks.json" <<'PY' && same=yes
import json, sys
a, b = (json.load(open(p))["totals"] for p in sys.argv[1:3])
sys.exit(0 if json.dumps(a) == json.dumps(b) else 1)
PY
  echo "  same --json totals byte for byte: $same"
  echo "  memory per rank: $(awk -v r="$r0" -v u="$MPI_USERS" 'BEGIN { printf "%.0f", r * 1048576 / (u / 2) }') bytes per held user (peak RSS of rank 0 / its $((MPI_USERS / 2)) users, fixed costs included)"
  # Projection (not a measurement): 100M users on 16 ranks, one core each, at
  # the per-rank rate measured above; per-month communication is one 256 KiB
  # allreduce (negligible next to a month of 6.25M users).
  # The CPU-time figure is what a rank with a core of its own would take; on
  # a shared machine it is the better basis (wall time then includes waiting).
  awk -v u="$MPI_USERS" -v t="$wr" -v c="$(cpu "$dir/rank.0.time")" -v rss="$r0" 'BEGIN {
    per_rank = u / 2; target = 100e6 / 16;
    mem = rss / per_rank * target / 1024;
    printf "  PROJECTION, not measured: 100M users x 36 months on 16 ranks (6.25M users each, 1 core each), ~%.1f GB per rank:\n", mem
    printf "    from the measured wall time: ~%.0f s (%.0fk users/s per rank)\n", target / (per_rank / t), per_rank / t / 1000
    printf "    from rank 0'"'"'s CPU time:    ~%.0f s (%.0fk users/s per rank)\n", target / (per_rank / c), per_rank / c / 1000
  }'
  rm -rf "$dir"
}

memory_section() {
  local cli="${FINLAB_CLI:-$ROOT/build/bin/finlab}" dir m=36 n b last="" rows=""
  echo
  echo "== memory of one process streaming its users in blocks: \`finlab sim run\` x ${m} months, 2 threads (peak RSS from GNU time)"
  [ -x "$cli" ] || { echo "  $cli not built: skipped"; return; }
  [ -x /usr/bin/time ] || { echo "  /usr/bin/time not installed (Debian package time): skipped"; return; }
  dir=$(mktemp -d)
  printf "  %-12s %-12s %12s %14s %10s %10s\n" "users" "block" "peak MB" "bytes/user" "CPU s" "wall s"
  one() {  # users block -> prints a row, appends "users block kB" to rows
    /usr/bin/time -v -o "$dir/t" "$cli" sim run --users "$1" --months "$m" --seed 2015 --threads 2 --block-users "$2" --no-progress --json \
      --db "$dir/mem.sqlite" >/dev/null || { echo "  run of $1 users failed"; return 1; }
    local kb cpu wall
    kb=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$dir/t")
    cpu=$(awk -F': ' '/User time/ { u = $2 } /System time/ { s = $2 } END { printf "%.1f", u + s }' "$dir/t")
    wall=$(awk -F': ' '/Elapsed/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.1f", s }' "$dir/t")
    printf "  %-12s %-12s %12.0f %14.1f %10s %10s\n" "$1" "$2" "$(awk -v k="$kb" 'BEGIN { print k / 1024 }')" \
      "$(awk -v k="$kb" -v u="$1" 'BEGIN { print k * 1024 / u }')" "$cpu" "$wall"
    rows="$rows$1 $2 $kb
"
  }
  for n in $MEM_USERS; do one "$n" 4194304 || return; last=$n; done
  one "$last" 1048576 || return
  # Fit of the one-block runs (users <= block): peak = fixed + bytes per held user x users.
  awk -v rows="$rows" 'BEGIN {
    k = split(rows, line, "\n"); n = 0;
    for (i = 1; i <= k; i++) { if (split(line[i], f, " ") == 3 && f[1] + 0 <= f[2] + 0) { n++; x[n] = f[1]; y[n] = f[3] * 1024 } }
    if (n < 2) { print "  (need two one-block sizes for the fit)"; exit }
    per = (y[n] - y[1]) / (x[n] - x[1]); fixed = y[1] - per * x[1];
    printf "  held users cost %.1f bytes each, plus %.0f MB fixed (scorecard, engine, accumulators)\n", per, fixed / 1048576
    printf "  streamed: peak = fixed + block x %.1f bytes, whatever the population (bytes per user -> 0 as users grow)\n", per
    printf "  one 24 GB machine: memory no longer limits the population (default block ~%.0f MB; 1M-user blocks ~%.0f MB);\n", (fixed + per * 4194304) / 1048576, (fixed + per * 1048576) / 1048576
    printf "    the limit is the 200,000,000-user cap of a run and time; unstreamed it would hold ~%.0fM users\n", (24e9 - fixed) / per / 1e6
  }'
  echo "  a streamed run costs a second pass over its users (two passes with an uncapped partner: see docs/sim.md \"Memory: users stream through in blocks\")"
  rm -rf "$dir"
}

if [ "$MPI_ONLY" = 1 ]; then
  mpi_section
  exit 0
fi
if [ "$MEM_ONLY" = 1 ]; then
  memory_section
  exit 0
fi
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

[ "$MEM_USERS" != 0 ] && memory_section
[ "$MPI_USERS" != 0 ] && mpi_section
