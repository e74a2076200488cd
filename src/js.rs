//! The WebAssembly boundary: the only module that knows about JavaScript.
//!
//! Every export takes and returns plain strings and numbers. Measured on the 3,500-record workload,
//! handing the batch across once as JSON text (which `JSON.stringify` makes very fast in the host,
//! and which the request body must become anyway) beats converting it object by object; see
//! BENCHMARKS.md. The thin JS layer in `pkg/src/` turns the answers into `Error` subclasses and does
//! the IO (fetch, timers, abort), while every decision stays here.

use crate::api;
use crate::batch::{self, validate_record_json};
use crate::issue::{Issue, Severity, ValidateOptions};
use crate::json::{Arena, Json};
use crate::options::{auth_from, parse_options};
use crate::record::{RecordData, RecordType};
use crate::retry::{self, Outcome, RetryPolicy};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// Installs the host's URL parser as the IDNA mapper (UTS #46): `new URL("http://bücher.example")`
/// yields `xn--bcher-kva.example`. It saves shipping the Unicode tables in the .wasm.
#[wasm_bindgen(start)]
pub fn start() {
    let _ = crate::name::IDNA_MAPPER.set(host_domain_to_ascii);
}

/// Maps one Unicode label (`crate::name` splits the name and refuses URL syntax first, so the parser
/// sees nothing but the label). The fixed last label `a` keeps the parser from reading a label that
/// maps to digits (`１２３`) as an IPv4 number, which it does only to the last label.
fn host_domain_to_ascii(label: &str) -> Option<String> {
    let url = web_sys::Url::new(&format!("http://{label}.a/")).ok()?;
    let mapped = url.hostname().strip_suffix(".a")?.to_string();
    (!mapped.is_empty()).then_some(mapped)
}

/// The answers crossing to JS. Plain structs rather than `serde_json::json!`: `json!` builds a
/// `serde_json::Value` (a BTreeMap per object), which costs both time and .wasm size.
#[derive(Serialize)]
struct Failed<'a> {
    ok: bool,
    error: ErrorInfo<'a>,
}

#[derive(Serialize)]
struct ErrorInfo<'a> {
    kind: &'static str,
    code: &'a str,
    message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    issues: Option<&'a [Issue]>,
}

#[derive(Serialize)]
struct Prepared<'a> {
    ok: bool,
    url: String,
    method: &'static str,
    headers: Headers,
    warnings: &'a [Issue],
}

/// Header pairs, written as a JSON object.
struct Headers(Vec<(String, String)>);

impl Serialize for Headers {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

#[derive(Serialize)]
struct Answer<T: Serialize> {
    ok: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    content: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    record: Option<T>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<String>,
}

fn refused(message: String) -> String {
    to_json(&Answer::<()> { ok: false, content: None, record: None, message: Some(message) })
}

/// An answer as JSON text, for every export of the boundary (`js_plan`, `js_zone` too).
pub(crate) fn to_json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".into())
}

/// Large texts (a batch, a body, an answer) cross as UTF-8 bytes rather than as strings: the JS
/// layer writes them with `TextEncoder.encodeInto`, which copies the 490,000 characters of a
/// 3,500-record batch in ~0.03 ms, where wasm-bindgen's string passing loops over the characters
/// one by one (~1.2 ms; BENCHMARKS.md). The text is checked to be UTF-8 here, since the raw
/// exports (`cf-dns-batch/wasm`) may be handed any bytes.
fn utf8<'a>(bytes: &'a [u8], what: &str) -> Result<&'a str, Issue> {
    std::str::from_utf8(bytes).map_err(|e| Issue {
        code: "batch.json".into(),
        pointer: String::new(),
        severity: Severity::Error,
        message: format!("the {what} is not valid JSON: it is not UTF-8 text ({e})"),
    })
}

/// `validateBatch`: every issue of a batch, as a JSON array.
#[wasm_bindgen(js_name = validateBatchJson)]
pub fn validate_batch_json(params: &[u8], options: &str) -> String {
    let params = match utf8(params, "batch") {
        Ok(text) => text,
        Err(issue) => return to_json(&[issue]),
    };
    if let Some(issue) = api::body_size_issue(params.len()) {
        return to_json(&[issue]);
    }
    let arena = Arena::new();
    let (_, options, mut issues) = parse_options(options, &arena);
    // Checked without building the typed batch: only the issues cross back.
    issues.extend(batch::check_json(params, &options).issues);
    to_json(&issues)
}

/// `validateRecord`: every issue of one record (checked as a post), as a JSON array.
#[wasm_bindgen(js_name = validateRecordJson)]
pub fn validate_record_json_export(record: &[u8], options: &str) -> String {
    let record = match utf8(record, "record") {
        Ok(text) => text,
        Err(issue) => return to_json(&[Issue { code: "record.json".into(), ..issue }]),
    };
    if let Some(issue) = api::body_size_issue(record.len()) {
        return to_json(&[issue]);
    }
    let arena = Arena::new();
    let (_, options, mut issues) = parse_options(options, &arena);
    match Json::parse(record, &arena) {
        Ok(json) => issues.extend(validate_record_json(&json, &options).0),
        Err(e) => issues.push(Issue {
            code: "record.json".into(),
            pointer: String::new(),
            severity: Severity::Error,
            message: format!("the record is not valid JSON: {e}"),
        }),
    }
    to_json(&issues)
}

/// `buildBatchRequest` and the first step of `batch`: validate, then build the request head.
///
/// The body is the JSON text the host made of `params` without `zone_id` and
/// `include_shadow_metadata` (those two arrive separately, as JSON). It is validated here and, when
/// nothing blocks it, sent exactly as it is: the same bytes the official SDK sends, and no second
/// serialisation. Answers `{ok:true, url, method, headers, warnings}` or `{ok:false, error:{...}}`.
#[wasm_bindgen(js_name = prepareBatch)]
pub fn prepare_batch(body: &[u8], zone_id: &str, include_shadow_metadata: &str, options: &str) -> String {
    // Text that could never be sent is refused before it is parsed (time and memory in proportion to it).
    let body = match utf8(body, "batch") {
        Ok(text) => text,
        Err(issue) => {
            let message = validation_message(&[&issue]);
            return to_json(&Failed { ok: false, error: ErrorInfo { kind: "validation", code: "validation_failed", message, issues: Some(&[issue]) } });
        }
    };
    if let Some(issue) = api::body_size_issue(body.len()) {
        let message = validation_message(&[&issue]);
        return to_json(&Failed { ok: false, error: ErrorInfo { kind: "validation", code: "validation_failed", message, issues: Some(&[issue]) } });
    }
    let arena = Arena::new();
    let (options_json, validate_options, mut issues) = parse_options(options, &arena);
    let zone = match Json::parse(zone_id, &arena) {
        Ok(zone) => Some(zone),
        // JSON.stringify writes a lone surrogate as an escape no parser turns into text: say so,
        // rather than "zone_id is required".
        Err(e) => {
            issues.push(Issue { code: "batch.zone_id.text".into(), pointer: "/zone_id".into(), severity: Severity::Error, message: format!("zone_id is not valid Unicode text: {e}") });
            None
        }
    };
    let shadow = Json::parse(include_shadow_metadata, &arena).ok().filter(|s| !matches!(s, Json::Null));
    let checked = match Json::parse(body, &arena) {
        Ok(Json::Object(body_members)) => {
            // Put the two path/query parameters back where the validator expects them, so pointers
            // and rules are exactly those of `validateBatch(params)`.
            let mut members = Vec::with_capacity(body_members.len() + 2);
            if let Some(zone) = zone.filter(|z| !matches!(z, Json::Null)) {
                members.push(("zone_id", zone));
            }
            if let Some(shadow) = shadow {
                members.push(("include_shadow_metadata", shadow));
            }
            members.extend_from_slice(body_members);
            // The body is sent as it is, so the typed batch is not built: only the checks run.
            batch::check(&Json::Object(&members), &validate_options)
        }
        Ok(other) => batch::check(&other, &validate_options),
        Err(e) => batch::Checked { issues: batch::not_json(&e, &validate_options), sendable: false, zone_id: String::new(), include_shadow_metadata: None },
    };
    issues.extend(checked.issues);
    if !checked.sendable {
        let errors: Vec<&Issue> = issues.iter().filter(|i| i.severity == Severity::Error).collect();
        let message = validation_message(&errors);
        return to_json(&Failed { ok: false, error: ErrorInfo { kind: "validation", code: "validation_failed", message, issues: Some(&issues) } });
    }
    let base_url = options_json.get("baseURL").and_then(Json::as_str).unwrap_or(api::DEFAULT_BASE_URL);
    let head = auth_from(&options_json)
        .and_then(|auth| api::request_head(&checked.zone_id, checked.include_shadow_metadata, &auth, base_url));
    match head {
        Ok((url, headers)) => to_json(&Prepared { ok: true, url, method: "POST", headers: Headers(headers), warnings: &issues }),
        Err(e) => to_json(&Failed { ok: false, error: ErrorInfo { kind: "config", code: e.code, message: e.message, issues: None } }),
    }
}

fn validation_message(errors: &[&Issue]) -> String {
    let shown: Vec<String> = errors.iter().take(3).map(|i| i.to_string()).collect();
    let more = if errors.len() > 3 { format!("; and {} more", errors.len() - 3) } else { String::new() };
    let noun = if errors.len() == 1 { "issue blocks" } else { "issues block" };
    format!("{} {noun} sending; nothing was sent: {}{more}", errors.len(), shown.join("; "))
}

/// Checks an answer's envelope against what the request expects (`batch` or `list`). Returns ""
/// when it is a success (the host then parses it with its own `JSON.parse`), or the API error as
/// JSON. Every answer comes here: the shape of a success is defined once, in `api::check_envelope`.
#[wasm_bindgen(js_name = checkResponse)]
pub fn check_response(status: u16, ray_id: Option<String>, body: &[u8], expect: &str) -> String {
    let expect = if expect == "list" { api::Expect::List } else { api::Expect::Batch };
    // The JS layer hands over the answer's bytes as they arrived (or the UTF-8 of its text). Bytes
    // that are not UTF-8 are read with replacement characters, as the host's TextDecoder reads
    // them for JSON.parse, so both sides see the same text.
    let body = String::from_utf8_lossy(body);
    match api::check_envelope_shape(status, ray_id.as_deref(), &body, expect) {
        Ok(()) => String::new(),
        Err(e) => to_json(&e),
    }
}

/// Milliseconds to wait before retrying, or -1 to stop. `outcome` is one of `status`, `not_sent`,
/// `lost`, `timeout`.
#[wasm_bindgen(js_name = retryDelay)]
#[allow(clippy::too_many_arguments)]
pub fn retry_delay(
    max_retries: u32,
    retry_unsafe: bool,
    retries_done: u32,
    outcome: &str,
    status: u16,
    retry_after: Option<String>,
    retry_after_ms: Option<String>,
    now_ms: f64,
    jitter: f64,
) -> f64 {
    let policy = RetryPolicy { max_retries, retry_unsafe, ..RetryPolicy::default() };
    let outcome = match outcome {
        "status" => Outcome::Status { status, retry_after: retry_after.as_deref(), retry_after_ms: retry_after_ms.as_deref() },
        "not_sent" => Outcome::NotSent,
        "timeout" => Outcome::Timeout,
        _ => Outcome::ConnectionLost,
    };
    match retry::decide(&policy, retries_done, outcome, now_ms, jitter) {
        retry::Decision::RetryAfter { ms } => ms,
        retry::Decision::Stop => -1.0,
    }
}

/// The wait (ms) an answer asked for with `Retry-After` / `retry-after-ms`, or -1 when it asked for
/// none: reported on a 429 that stopped retrying, so the caller knows how long to wait.
#[wasm_bindgen(js_name = serverWaitMs)]
pub fn server_wait_ms(retry_after: Option<String>, retry_after_ms: Option<String>, now_ms: f64) -> f64 {
    retry::server_wait_ms(retry_after.as_deref(), retry_after_ms.as_deref(), now_ms).unwrap_or(-1.0)
}

/// The largest JSON text (bytes) a batch or record may be; longer text is refused before parsing.
#[wasm_bindgen(js_name = bodyLimitBytes)]
pub fn body_limit_bytes() -> f64 {
    api::MAX_BODY_BYTES as f64
}

/// The issue for a text of at least `len` bytes, as `validateBatch` reports it, without the text
/// crossing into WebAssembly (copying it in would grow the module's memory for nothing).
#[wasm_bindgen(js_name = oversizeIssueJson)]
pub fn oversize_issue_json(len: f64) -> String {
    let len = if len.is_finite() && len > 0.0 { len as usize } else { usize::MAX };
    to_json(&api::body_size_issue(len).into_iter().collect::<Vec<_>>())
}

/// The size of the module's memory in bytes. WebAssembly memory never shrinks, so the JS layer
/// re-instantiates the module between calls when one call grew it far beyond normal.
#[wasm_bindgen(js_name = memoryBytes)]
pub fn memory_bytes() -> f64 {
    (core::arch::wasm32::memory_size(0) * 65_536) as f64
}

/// The presentation (zone-file) form of a record's value. `{ok, content}` or `{ok:false, message}`.
/// The record is read by the validator (not by a serde `Deserialize`), which keeps the .wasm small.
#[wasm_bindgen(js_name = toContentJson)]
pub fn to_content_json(record: &str) -> String {
    let lenient = ValidateOptions::default();
    let arena = Arena::new();
    let record = Json::parse(record, &arena).ok().and_then(|json| validate_record_json(&json, &lenient).1);
    match record {
        Some(record) => to_json(&Answer::<()> { ok: true, content: Some(record.data.to_content()), record: None, message: None }),
        None => refused("the record has errors; validateRecord() lists them".into()),
    }
}

/// A record's value read from presentation form: `{ok, record}` with `type` and `content`/`data`
/// (and `priority` for MX/URI), or `{ok:false, message}`.
#[wasm_bindgen(js_name = fromContentJson)]
pub fn from_content_json(record_type: &str, text: &str) -> String {
    let Some(kind) = RecordType::from_name(&record_type.to_ascii_uppercase()) else {
        return refused(format!("unknown record type {:?}", crate::issue::shorten(record_type)));
    };
    match RecordData::from_content(kind, text) {
        Ok(record) => to_json(&Answer { ok: true, content: None, record: Some(record), message: None }),
        Err(e) => refused(e.to_string()),
    }
}
