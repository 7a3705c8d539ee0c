#!/usr/bin/env bash
# Loan benchmark (issue 4): exact schedules/s and IRR solves/s on one core,
# side by side with QuantLib (CashFlows::yield, yield with Brent, raw Brent on
# the polynomial) and formulajs (IRR, PMT) on the same inputs, with the
# largest difference of each against a 50-digit reference.
#   bench/loan.sh                     uses $FINLAB_NATIVE_BUILD or build/native
#   FINLAB_NATIVE_BUILD=build/x bench/loan.sh
set -euo pipefail
ROOT="${FINLAB_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
BUILD="${FINLAB_NATIVE_BUILD:-$ROOT/build/native}"
case "$BUILD" in /*) ;; *) BUILD="$ROOT/$BUILD" ;; esac
SCHEDULES="${LOAN_BENCH_SCHEDULES:-1000000}"
IRRS="${LOAN_BENCH_IRR:-200000}"
PEER_IRRS="${LOAN_BENCH_PEER_IRR:-20000}"

if [ ! -f "$BUILD/CMakeCache.txt" ]; then
  cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
targets=(finlab_bench_loan)
grep -q "FINLAB_QUANTLIB_LIB:FILEPATH=/" "$BUILD/CMakeCache.txt" && targets+=(finlab_bench_loan_quantlib)
cmake --build "$BUILD" --target "${targets[@]}" -j"${FINLAB_JOBS:-2}" >/dev/null

DIR="$(mktemp -d "${TMPDIR:-/tmp}/finlab-loan-bench.XXXXXX")"
trap 'rm -rf "$DIR"' EXIT
echo "loan benchmark (one core, thread CPU time; inputs and results in $DIR)"
"$BUILD/bench/loan/finlab_bench_loan" "$DIR" --schedules "$SCHEDULES" --irr "$IRRS"
echo "peers on the same inputs:"
if [ -x "$BUILD/bench/loan/finlab_bench_loan_quantlib" ]; then
  "$BUILD/bench/loan/finlab_bench_loan_quantlib" "$DIR" "$PEER_IRRS"
else
  echo "  QuantLib peer not built (libquantlib0-dev missing)"
fi
if [ -d "$ROOT/node_modules/@formulajs/formulajs" ] && command -v node >/dev/null; then
  node "$ROOT/bench/loan/formulajs_peer.js" "$DIR" "$PEER_IRRS"
else
  echo "  formulajs peer skipped (run npm ci)"
fi
"$BUILD/bench/loan/finlab_bench_loan" --compare "$DIR"
