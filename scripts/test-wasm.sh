#!/usr/bin/env bash
# The WebAssembly boundary (the #[wasm_bindgen] exports in src/js.rs) under wasm-bindgen-test, in
# Node and in headless Chromium: tests/wasm_node.rs and tests/wasm_browser.rs share their bodies
# (tests/wasm_common/). Built without the `idna` feature, as the package is, so Unicode names go
# through each host's own URL parser.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
export WASM_BINDGEN_TEST_TIMEOUT=${WASM_BINDGEN_TEST_TIMEOUT:-120}
cargo_test=(cargo test --target wasm32-unknown-unknown --no-default-features)

failed=()

echo "== wasm-bindgen-test: Node"
timeout 900 "${cargo_test[@]}" --test wasm_node || failed+=(node)

echo "== wasm-bindgen-test: headless Chromium"
scripts/setup-chromium.sh
# The runner adds --headless, --no-sandbox and --disable-dev-shm-usage itself; the file adds the
# flags that keep Chromium from calling home on a closed network.
CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_WEBDRIVER_JSON="$PWD/tests/webdriver.json" \
  timeout 900 "${cargo_test[@]}" --test wasm_browser || failed+=(chromium)

if [ ${#failed[@]} -gt 0 ]; then
  echo "test-wasm: failed in ${failed[*]}" >&2
  exit 1
fi
