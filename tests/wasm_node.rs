//! The WebAssembly boundary under Node (`wasm-bindgen-test-runner`): `scripts/test-wasm.sh`.
#![cfg(target_arch = "wasm32")]

#[macro_use]
mod wasm_common;

boundary_tests!();
