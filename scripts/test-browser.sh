#!/usr/bin/env bash
# examples/browser (the DNS record editor) in Debian's headless Chromium, driven by playwright-core
# (tests/browser/). The repository root is served by scripts/serve-static.mjs on 127.0.0.1 so the page
# imports the package's browser entry by relative path. Needs the built package (make pkg) and
# /usr/bin/chromium (scripts/setup-chromium.sh).
#   UPDATE_SCREENSHOT=1 scripts/test-browser.sh   also rewrites docs/editor.png
set -euo pipefail
cd "$(dirname "$0")/.."

for f in pkg/dist/web/cf_dns_batch.js pkg/dist/web/cf_dns_batch_bg.wasm /usr/bin/chromium; do
  [ -e "$f" ] || { echo "test-browser: $f is missing (make pkg; scripts/setup-chromium.sh)" >&2; exit 1; }
done

work=$(mktemp -d)
srv=""
cleanup() {
  if [ -n "$srv" ]; then kill "$srv" 2>/dev/null || true; wait "$srv" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

node scripts/serve-static.mjs --port 0 >"$work/static.log" 2>&1 &
srv=$!
timeout 20 bash -c 'until grep -q "^listening " "$0"; do sleep 0.1; done' "$work/static.log"
STATIC_URL=$(sed -n 's/^listening //p' "$work/static.log")
export STATIC_URL
timeout 10 curl -fsS -o /dev/null "${STATIC_URL}examples/browser/" || { echo "test-browser: the static server does not answer" >&2; exit 1; }

shot="$work/editor.png"
[ "${UPDATE_SCREENSHOT:-}" = 1 ] && shot="$PWD/docs/editor.png" && mkdir -p docs
EDITOR_SCREENSHOT="$shot" timeout 300 node --test --test-reporter=spec tests/browser/*.test.mjs
