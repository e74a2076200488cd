//! # cf-dns-batch
//!
//! Typed, validated access to Cloudflare's Batch DNS Records endpoint
//! (`POST /zones/{zone_id}/dns_records/batch`) for all 21 record kinds.
//!
//! Everything here except the `js` module is pure Rust with no IO: parse a batch, validate it
//! (every issue at once, each with a JSON pointer and a stable code), build the request, read the
//! answer, decide about retries. The `js` module (WebAssembly only) sends the request through the
//! host's own `fetch`.
//!
//! ```
//! use cf_dns_batch::{validate_batch_json, ValidateOptions};
//! let v = validate_batch_json(r#"{"zone_id":"023e105f4ecef8ad9ca31a8372d0c353",
//!   "posts":[{"type":"A","name":"www","content":"192.0.2.300","ttl":1}]}"#, &ValidateOptions::default());
//! assert_eq!(v.issues[0].pointer, "/posts/0/content");
//! assert_eq!(v.issues[0].code, "a.content.ipv4");
//! assert!(v.params.is_none());
//! ```
//!
//! When only the issues matter (the text itself is what gets sent), [`batch::check_json`] runs the
//! same rules without building the typed batch.

pub mod api;
pub mod batch;
// The code registry: native builds, and the .wasm only in test builds that check codes.
#[cfg(any(not(target_arch = "wasm32"), feature = "check-codes"))]
pub mod codes;
mod float;
pub mod issue;
pub mod json;
pub mod name;
// Read by the WebAssembly exports (and tested natively).
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
mod options;
pub mod plan;
pub mod record;
pub mod retry;
pub mod zone;

#[cfg(target_arch = "wasm32")]
pub mod js;
#[cfg(target_arch = "wasm32")]
pub mod js_kinds;
#[cfg(all(target_arch = "wasm32", feature = "zone"))]
pub mod js_zone;
#[cfg(all(target_arch = "wasm32", feature = "zone"))]
pub mod js_plan;

pub use api::{build_request, parse_response, ApiError, ApiMessage, Auth, BatchResult, HttpRequest, RecordResponse};
pub use batch::{validate as validate_batch, validate_json as validate_batch_json, BatchParams, Validated};
pub use issue::{Issue, Plan, Severity, ValidateOptions};
pub use record::{Record, RecordData, RecordType};

/// The text type of the typed batch and records: text of up to 24 bytes (most names, addresses,
/// tags and comments) is kept inline, longer text on the heap. A 3,500-record batch holds about
/// 12,000 strings; as `String`s, allocating and freeing them was a quarter of validating it.
/// It dereferences to `&str`, and `"text".into()` or `String::into()` make one.
pub use compact_str::CompactString;
