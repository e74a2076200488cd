#!/usr/bin/env bash
# Builds the npm package in pkg/: .wasm (profile `wasm`: LTO, opt-level s) -> wasm-bindgen (web target, one .wasm shared
# by every entry) -> wasm-opt -Oz (npm binaryen; Debian's binaryen 108 breaks the externref table)
# -> the CommonJS bundles for require(). Incremental: unchanged Rust skips the slow steps.
#
# Two .wasm files: dist/web (the main entry: batch, validation, presentation forms) and dist/zone
# (the `cf-dns-batch/zone` subpath: the same plus plan, sync's listing and zone files; cargo
# feature `zone`). The zone build has a target directory of its own, so the two feature sets do
# not rebuild each other on every run.
set -euo pipefail
cd "$(dirname "$0")/.."

# build_wasm OUT_DIR FEATURES TARGET_DIR
build_wasm() {
  local out=$1 features=$2 target_dir=$3
  local raw=$target_dir/wasm32-unknown-unknown/wasm/cf_dns_batch.wasm
  cargo build --profile wasm --target wasm32-unknown-unknown --no-default-features --features "$features" --lib --target-dir "$target_dir"
  local stamp=$out.raw.sha256
  local sum
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
  echo "pkg: $out: $(wc -c < "$out/cf_dns_batch_bg.wasm") bytes .wasm, $(gzip -9c "$out/cf_dns_batch_bg.wasm" | wc -c) gzipped"
}

mkdir -p pkg/dist
build_wasm pkg/dist/web ts target
build_wasm pkg/dist/zone ts,zone target/zone-build

node_modules/.bin/esbuild pkg/src/node-cjs.mjs --bundle --platform=node --format=cjs --log-level=error \
  --outfile=pkg/dist/node.cjs
node_modules/.bin/esbuild pkg/src/zone/node-cjs.mjs --bundle --platform=node --format=cjs --log-level=error \
  --outfile=pkg/dist/zone.cjs
# Both licences the package declares, and the changelog, ship in the tarball.
cp LICENSE-MIT LICENSE-APACHE CHANGELOG.md pkg/
# Declarations for require(): the package is "type": "module", so index.d.ts and zone.d.ts describe
# ES modules; CommonJS callers get the same text as .d.cts files (imports pointed at their .d.cts
# twins), generated here so the two never drift.
sed -e "s#'\./dist/web/cf_dns_batch\.js'#'./web/cf_dns_batch.cjs'#" pkg/index.d.ts > pkg/dist/index.d.cts
sed -e "s#'\./index\.js'#'./index.cjs'#g" pkg/zone.d.ts > pkg/dist/zone.d.cts
cp pkg/dist/web/cf_dns_batch.d.ts pkg/dist/web/cf_dns_batch.d.cts
if grep -n "from '[^']*\.js'" pkg/dist/index.d.cts pkg/dist/zone.d.cts; then
  echo "build-pkg.sh: a .d.cts still imports an ES module's declarations (above)" >&2
  exit 1
fi
