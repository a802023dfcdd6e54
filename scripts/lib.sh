# Shared helpers for scripts/start.sh and scripts/test.sh (sourced, not run).
export NEXT_TELEMETRY_DISABLED=1

# Installs dependencies when node_modules is missing or older than the lock file.
ensure_dependencies() {
  local stamp=node_modules/.install-stamp
  if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ] || [ package.json -nt "$stamp" ]; then
    echo "==> Installing dependencies (npm ci)…"
    npm ci --no-audit --no-fund
    touch "$stamp"
  fi
}

# Builds when there is no production build or any source is newer than it.
ensure_build() {
  local build_id=.next/BUILD_ID
  if [ ! -f "$build_id" ] || [ -n "$(find app components lib db public proxy.ts next.config.ts package-lock.json postcss.config.mjs \
      -newer "$build_id" -type f -print -quit 2>/dev/null)" ]; then
    echo "==> Building (next build)…"
    npx next build
  fi
}
