#!/usr/bin/env bash
# npm start: install what is missing, build if stale, migrate + seed, serve on PORT (default 3000).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
ensure_dependencies
# The 原文 PDF is printed by Chromium; without it the site still serves, and the files wait.
ensure_browser || echo "==> Continuing without it: the 原文 PDF of published reports is made once Chromium is installed."
ensure_build
exec node_modules/.bin/tsx scripts/serve.ts
