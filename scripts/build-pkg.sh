#!/usr/bin/env bash
# Builds the npm package in pkg/: .wasm (profile `wasm`: LTO, opt-level z) -> wasm-bindgen (web target, one .wasm shared
# by every entry) -> wasm-opt -Oz (npm binaryen; Debian's binaryen 108 breaks the externref table)
# -> the CommonJS bundle for require(). Incremental: unchanged Rust skips the slow steps.
set -euo pipefail
cd "$(dirname "$0")/.."
raw=target/wasm32-unknown-unknown/wasm/cf_dns_batch.wasm
out=pkg/dist/web
cargo build --profile wasm --target wasm32-unknown-unknown --no-default-features --features ts --lib
stamp=pkg/dist/.raw.sha256
sum=$(sha256sum "$raw" | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$sum" ] || [ ! -f "$out/cf_dns_batch_bg.wasm" ]; then
  rm -rf "$out"
  wasm-bindgen --target web --experimental-reset-state-function --out-dir "$out" "$raw"
  node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-reference-types --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-mutable-globals --enable-multivalue \
    "$out/cf_dns_batch_bg.wasm" -o "$out/cf_dns_batch_bg.wasm"
  rm -f "$out/.gitignore" "$out/package.json"
  echo "$sum" > "$stamp"
fi
node_modules/.bin/esbuild pkg/src/node-cjs.mjs --bundle --platform=node --format=cjs --log-level=error \
  --outfile=pkg/dist/node.cjs
cp README.md pkg/README.md
# Both licences the package declares, and the changelog, ship in the tarball.
cp LICENSE-MIT LICENSE-APACHE CHANGELOG.md pkg/
echo "pkg: $(wc -c < "$out/cf_dns_batch_bg.wasm") bytes .wasm, $(gzip -9c "$out/cf_dns_batch_bg.wasm" | wc -c) gzipped"
