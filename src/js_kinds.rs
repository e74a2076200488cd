//! The registry of record kinds, for the JavaScript side: the emulator takes its per-kind facts
//! (which kinds send `data`, which can be proxied, which take a top-level `priority`, whose value is
//! a host name) from here instead of keeping lists of its own.

use wasm_bindgen::prelude::*;

/// The registry's facts as JSON (see `record::kinds::facts_json`).
#[wasm_bindgen(js_name = recordKinds)]
pub fn record_kinds() -> String {
    crate::record::kinds::facts_json()
}
