#!/usr/bin/env bash
# Page budgets of the browser client (issue 7), measured in headless Debian
# Chromium against the built site: transfer size (gzip), first frame after
# navigation, CPU per frame while idle, plus the in-browser Portfolio
# projection (issue 8: 10,000 paths x 10 years <= 3 s). Not a test: prints a
# report and exits 0 unless the site or the browser is missing.
#   bench/web.sh [--site build/web] [--runs 5]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
exec node "$ROOT/bench/web/page_budgets.js" "$@"
