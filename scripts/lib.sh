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

# Debian's chromium and the fonts of the 原文 PDF (README, 「原文 PDF 与 Word」): Noto CJK for the
# title and the fallback, AR PL SungtiL GB (宋) for the body, AR PL KaitiM GB (楷) for （一）
# headings, WenQuanYi Micro Hei (黑) for 一、 headings. `--with-poppler` adds pdfinfo/pdftotext
# (the e2e tests read the PDF with them). As root it installs what is missing with apt-get;
# otherwise it prints the command and returns 1.
PDF_FONT_PACKAGES="fonts-noto-cjk fonts-arphic-gbsn00lp fonts-arphic-gkai00mp fonts-wqy-microhei"
ensure_browser() {
  local chromium="${CHROMIUM_PATH:-/usr/bin/chromium}" packages="chromium $PDF_FONT_PACKAGES" missing=0
  [ "${1:-}" = "--with-poppler" ] && packages="$packages poppler-utils"
  [ -x "$chromium" ] || missing=1
  for font in "Noto Serif CJK SC" "AR PL SungtiL GB" "AR PL KaitiM GB" "WenQuanYi Micro Hei"; do
    # Not grep -q: it would stop reading, and under pipefail fc-list's SIGPIPE counts as not found.
    fc-list 2>/dev/null | grep -F "$font" >/dev/null || missing=1
  done
  if [ "${1:-}" = "--with-poppler" ] && ! command -v pdftotext >/dev/null; then missing=1; fi
  [ $missing = 0 ] && return 0
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "==> Installing Chromium, the fonts of the 原文 PDF${1:+ and poppler-utils} (apt-get)…"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $packages >/dev/null && return 0
  fi
  echo "Chromium or the fonts of the 原文 PDF are missing. Install them with:"
  echo "  sudo apt-get install -y $packages"
  echo "or point CHROMIUM_PATH at a Chromium binary."
  return 1
}
