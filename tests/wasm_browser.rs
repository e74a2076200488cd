//! The WebAssembly boundary in headless Chromium (`wasm-bindgen-test-runner` + ChromeDriver):
//! `scripts/test-wasm.sh`. The same bodies as `wasm_node.rs`, so Chromium's URL parser does the
//! IDNA mapping here.
#![cfg(target_arch = "wasm32")]

#[macro_use]
mod wasm_common;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

boundary_tests!();
