#!/usr/bin/env bash
# Runs every benchmark of bench/ against the native (and wasm) builds.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
echo "no benchmarks yet"
