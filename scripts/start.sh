#!/usr/bin/env bash
# npm start: install what is missing, build if stale, migrate + seed, serve on PORT (default 3000).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
ensure_dependencies
ensure_build
exec node_modules/.bin/tsx scripts/serve.ts
