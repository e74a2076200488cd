//! The WebAssembly exports for zone files. As in `js.rs`, JSON text crosses the boundary once each
//! way (the host's `JSON.parse`/`JSON.stringify` are far faster than building objects field by field
//! from Rust); `pkg/src/zone.js` turns refusals into `Error`s.

use crate::issue::Issue;
use crate::json::{with_arena, Json};
use crate::zone::{format_zone_json, parse_zone, ParseOptions};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// `{ origin, defaultTtl }` as the JS layer passes them (already type-checked there).
fn read_options(text: &str) -> ParseOptions {
    with_arena(|arena| {
        let json = Json::parse(text, arena).unwrap_or(Json::Null);
        ParseOptions {
            origin: json.get("origin").and_then(Json::as_str).map(str::to_string),
            default_ttl: match json.get("defaultTtl") {
                Some(Json::Number(n)) => n.as_integer().and_then(|n| u32::try_from(n).ok()),
                _ => None,
            },
        }
    })
}

use crate::js::to_json;

/// `parseZone`: `{records, positions, issues}`.
#[wasm_bindgen(js_name = parseZoneJson)]
pub fn parse_zone_json(text: &str, options: &str) -> String {
    to_json(&parse_zone(text, &read_options(options)))
}

#[derive(Serialize)]
struct Formatted<'a> {
    ok: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<String>,
    #[serde(skip_serializing_if = "<[Issue]>::is_empty")]
    issues: &'a [Issue],
}

/// `formatZone`: `{ok: true, text}` or `{ok: false, issues}` (pointers into the records array).
#[wasm_bindgen(js_name = formatZoneJson)]
pub fn format_zone_json_export(records: &str, options: &str) -> String {
    let options = read_options(options);
    match format_zone_json(records, options.origin.as_deref()) {
        Ok(text) => to_json(&Formatted { ok: true, text: Some(text), issues: &[] }),
        Err(issues) => to_json(&Formatted { ok: false, text: None, issues: &issues }),
    }
}
