#!/usr/bin/env bash
# Runs every benchmark script bench/<area>.sh (fund, loan, credit, sim,
# portfolio, securities, web) after ./dev build. Each prints its own throughput next to the
# peer it is compared with. `./dev bench fund loan` runs only those areas.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export FINLAB_ROOT="$ROOT" FINLAB_BIN="$ROOT/build/bin/finlab"
export FINLAB_NATIVE_BUILD="$ROOT/build/native" FINLAB_WASM_BUILD="$ROOT/build/wasm"
areas=("$@")
[ ${#areas[@]} -eq 0 ] && areas=(fund loan credit sim portfolio securities web)
rc=0
for a in "${areas[@]}"; do
  s="$ROOT/bench/$a.sh"
  if [ ! -x "$s" ]; then echo "== $a: no benchmark script ($s)"; continue; fi
  echo
  echo "================================================================ $a"
  "$s" || { echo "!! bench $a failed"; rc=1; }
done
exit $rc
