#!/usr/bin/env bash
# Installs the pinned @portone/server-sdk (npm ci from package-lock.json) and runs bench.mjs with the arguments given,
# e.g. benchmarks/js/run.sh --calls 200000 --callers 1,64 --scenario all
set -euo pipefail
cd "$(dirname "$0")"
if [ -f package-lock.json ]; then npm ci --no-audit --no-fund >/dev/null; else npm install --no-audit --no-fund >/dev/null; fi
exec node --expose-gc bench.mjs "$@"
