//! The HTTP request for a batch and the response envelope. Pure: no IO happens here.

use crate::batch::BatchParams;
use crate::json::{Json, Num};
use serde::{Deserialize, Serialize};
use std::fmt;

pub const DEFAULT_BASE_URL: &str = "https://api.cloudflare.com/client/v4";
/// Bodies larger than this are refused before sending. A full batch of 3,500 records at the
/// per-record limits (4,096 wire bytes of content, a 500-character comment, 20 tags) stays under
/// about 20 MiB of JSON; anything bigger is a mistake, not a batch.
pub const MAX_BODY_BYTES: usize = 24 * 1024 * 1024;

/// How to authenticate. A token is preferred; the global key is legacy.
#[derive(Clone, PartialEq, Eq)]
pub enum Auth {
    Token(String),
    EmailKey { email: String, key: String },
}

// Credentials never appear in debug output.
impl fmt::Debug for Auth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Auth::Token(_) => f.write_str("Auth::Token(<redacted>)"),
            Auth::EmailKey { .. } => f.write_str("Auth::EmailKey(<redacted>)"),
        }
    }
}

/// A client-side configuration problem: nothing was sent. The message never contains a credential.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConfigError {
    pub code: &'static str,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ConfigError {}

fn config_error(code: &'static str, message: impl Into<String>) -> ConfigError {
    ConfigError { code, message: message.into() }
}

/// The request `batch()` sends: everything a `fetch` call needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HttpRequest {
    pub url: String,
    pub method: &'static str,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Auth {
    /// Checks that each credential can go into a header: visible ASCII only, so CR/LF (header
    /// injection), spaces and other bytes are refused before anything is sent.
    pub fn check(&self) -> Result<(), ConfigError> {
        let visible = |s: &str| !s.is_empty() && s.bytes().all(|b| (0x21..=0x7e).contains(&b));
        match self {
            Auth::Token(token) if !visible(token) => Err(config_error(
                "options.api_token.invalid",
                "apiToken is empty or contains characters that cannot appear in an HTTP header (spaces, line breaks, non-ASCII)",
            )),
            Auth::EmailKey { email, .. } if !visible(email) => Err(config_error(
                "options.api_email.invalid",
                "apiEmail is empty or contains characters that cannot appear in an HTTP header",
            )),
            Auth::EmailKey { key, .. } if !visible(key) => Err(config_error(
                "options.api_key.invalid",
                "apiKey is empty or contains characters that cannot appear in an HTTP header",
            )),
            _ => Ok(()),
        }
    }

    fn headers(&self) -> Vec<(String, String)> {
        match self {
            Auth::Token(token) => vec![("authorization".into(), format!("Bearer {token}"))],
            Auth::EmailKey { email, key } => vec![("x-auth-email".into(), email.clone()), ("x-auth-key".into(), key.clone())],
        }
    }
}

/// Checks a base URL (`https://api.cloudflare.com/client/v4`) and returns it without a trailing `/`.
pub fn normalize_base_url(base: &str) -> Result<&str, ConfigError> {
    let trimmed = base.trim_end_matches('/');
    let rest = trimmed.strip_prefix("https://").or_else(|| trimmed.strip_prefix("http://"));
    // User-info (`https://user:secret@host`) is a credential in the URL: fetch refuses it, some
    // fetches would send it, and any error that quoted the URL would show it. Refused here without
    // quoting the value.
    let authority = rest.map(|r| r.split('/').next().unwrap_or_default());
    if authority.is_some_and(|a| a.contains('@')) {
        return Err(config_error(
            "options.base_url.credentials",
            "baseURL must not hold a user name or password (user-info before '@'); give credentials as apiToken, or apiEmail and apiKey",
        ));
    }
    match rest {
        Some(rest) if !rest.is_empty() && !rest.starts_with('/') && !trimmed.chars().any(|c| c.is_control() || c.is_whitespace() || c == '?' || c == '#') => {
            Ok(trimmed)
        }
        _ => Err(config_error("options.base_url.invalid", format!("baseURL must be an http:// or https:// URL without query or fragment, got {:?}", crate::issue::shorten(base)))),
    }
}

/// Percent-encodes a path segment (RFC 3986 unreserved characters pass). Ids are validated before
/// this, so encoding is a second line of defence, not the first.
pub fn encode_segment(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for b in segment.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The URL and headers of a batch request (everything but the body).
pub fn request_head(zone_id: &str, include_shadow_metadata: Option<bool>, auth: &Auth, base_url: &str) -> Result<(String, Vec<(String, String)>), ConfigError> {
    auth.check()?;
    let base = normalize_base_url(base_url)?;
    if zone_id.is_empty() || zone_id == "." || zone_id == ".." {
        return Err(config_error("batch.zone_id.unsafe", "zone_id is empty or a dot segment"));
    }
    let mut url = format!("{base}/zones/{}/dns_records/batch", encode_segment(zone_id));
    if let Some(shadow) = include_shadow_metadata {
        url.push_str(if shadow { "?include_shadow_metadata=true" } else { "?include_shadow_metadata=false" });
    }
    let mut headers = auth.headers();
    headers.push(("content-type".into(), "application/json".into()));
    headers.push(("accept".into(), "application/json".into()));
    Ok((url, headers))
}

/// Refuses bodies over [`MAX_BODY_BYTES`].
pub fn check_body_size(len: usize) -> Result<(), ConfigError> {
    if len > MAX_BODY_BYTES {
        return Err(config_error("batch.body.size", body_size_message(len)));
    }
    Ok(())
}

fn body_size_message(len: usize) -> String {
    format!("the request body would be at least {len} bytes; the limit is {MAX_BODY_BYTES} (24 MiB): split the batch")
}

/// The issue for JSON text over [`MAX_BODY_BYTES`], found before the text is parsed: a text that big
/// could never be sent, and parsing it first would cost time and memory in proportion to it.
/// `len` is the text's size as far as it is known (at least that many bytes).
pub fn body_size_issue(len: usize) -> Option<crate::issue::Issue> {
    (len > MAX_BODY_BYTES).then(|| crate::issue::Issue {
        code: "batch.body.size".into(),
        pointer: String::new(),
        severity: crate::issue::Severity::Error,
        message: format!("{}; nothing was parsed", body_size_message(len)),
    })
}

/// Builds the batch request for validated params.
pub fn build_request(params: &BatchParams, auth: &Auth, base_url: &str) -> Result<HttpRequest, ConfigError> {
    let (url, headers) = request_head(&params.zone_id, params.include_shadow_metadata, auth, base_url)?;
    let body = params.body();
    check_body_size(body.len())?;
    Ok(HttpRequest { url, method: "POST", headers, body })
}

/// One entry of the envelope's `errors[]` or `messages[]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct ApiMessage {
    #[serde(default)]
    pub code: i64,
    #[serde(default)]
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub documentation_url: Option<String>,
    /// The failing field, when the API names one (`/posts/3/content`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub pointer: Option<String>,
}

/// A record as the API returns it. Unknown fields are ignored: the API adds fields over time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordResponse {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub name: String,
    #[serde(rename = "type", default)]
    pub record_type: String,
    #[serde(default)]
    pub content: Option<String>,
    #[serde(default)]
    pub data: Option<serde_json::Value>,
    #[serde(default)]
    pub priority: Option<f64>,
    #[serde(default)]
    pub proxiable: Option<bool>,
    #[serde(default)]
    pub proxied: Option<bool>,
    #[serde(default)]
    pub ttl: Option<f64>,
    #[serde(default)]
    pub comment: Option<String>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub tags: Vec<String>,
    #[serde(default)]
    pub settings: Option<serde_json::Value>,
    #[serde(default)]
    pub meta: Option<serde_json::Value>,
    #[serde(default)]
    pub private_routing: Option<bool>,
    #[serde(default)]
    pub created_on: Option<String>,
    #[serde(default)]
    pub modified_on: Option<String>,
    #[serde(default)]
    pub comment_modified_on: Option<String>,
    #[serde(default)]
    pub tags_modified_on: Option<String>,
}

fn null_as_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// `result` of a successful batch: the records as they are after each operation.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct BatchResult {
    #[serde(default, deserialize_with = "null_as_default")]
    pub deletes: Vec<RecordResponse>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub patches: Vec<RecordResponse>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub puts: Vec<RecordResponse>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub posts: Vec<RecordResponse>,
}

/// The API answered, but not with success. `errors` have the legacy `error_chain` unwrapped.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ApiError {
    /// A stable code for the kind of failure (`api.rate_limited`, `api.not_json`, ...).
    pub code: &'static str,
    pub status: u16,
    pub message: String,
    pub errors: Vec<ApiMessage>,
    pub messages: Vec<ApiMessage>,
    pub ray_id: Option<String>,
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ApiError {}

/// The stable code for an HTTP status.
pub fn status_code_name(status: u16) -> &'static str {
    match status {
        400 => "api.bad_request",
        401 => "api.unauthorized",
        403 => "api.forbidden",
        404 => "api.not_found",
        409 => "api.conflict",
        413 => "api.too_large",
        422 => "api.unprocessable",
        429 => "api.rate_limited",
        500..=599 => "api.server_error",
        200..=299 => "api.unsuccessful",
        _ => "api.error",
    }
}

/// A body that cannot be read as an envelope: not JSON, not an object, a field the envelope reads
/// given twice or of the wrong type. It is then described by an excerpt, not by its fields.
struct NotEnvelope;

/// The envelope as sent; every part optional so that a surprising answer is described, not fatal.
/// `result` stays a tree: the caller decides what to build from it (typed records in the Rust
/// API; nothing in the JS layer, where the host's `JSON.parse` builds the objects).
struct Envelope<'j, 'a> {
    success: Option<bool>,
    errors: Vec<ApiMessage>,
    messages: Vec<ApiMessage>,
    result: Option<&'j Json<'a>>,
}

/// The member `key` of an object, `None` when absent or `null`. A key given twice is refused: what
/// the envelope says must not depend on which of two answers a reader believes.
fn member<'j, 'a>(members: &'j [(&'a str, Json<'a>)], key: &str) -> Result<Option<&'j Json<'a>>, NotEnvelope> {
    let mut found = members.iter().filter(|(k, _)| *k == key).map(|(_, value)| value);
    match (found.next(), found.next()) {
        (value, None) => Ok(value.filter(|value| !matches!(value, Json::Null))),
        _ => Err(NotEnvelope),
    }
}

impl<'j, 'a> Envelope<'j, 'a> {
    fn read(tree: &'j Json<'a>) -> Result<Self, NotEnvelope> {
        let Json::Object(members) = tree else { return Err(NotEnvelope) };
        let success = match member(members, "success")? {
            None => None,
            Some(Json::Bool(b)) => Some(*b),
            Some(_) => return Err(NotEnvelope),
        };
        Ok(Envelope {
            success,
            errors: read_messages(member(members, "errors")?)?,
            messages: read_messages(member(members, "messages")?)?,
            result: member(members, "result")?,
        })
    }
}

/// `errors[]` or `messages[]`, with the legacy `error_chain` wrappers flattened.
fn read_messages(list: Option<&Json>) -> Result<Vec<ApiMessage>, NotEnvelope> {
    let mut out = Vec::new();
    match list {
        None => {}
        Some(Json::Array(items)) => {
            for item in items.iter() {
                flatten_into(item, &mut out)?;
            }
        }
        Some(_) => return Err(NotEnvelope),
    }
    Ok(out)
}

/// Flattens the pre-2024-10 `{code:1004, error_chain:[...]}` wrapper into its root causes. Any
/// JSON value is taken for `code`, `message` and `documentation_url`: a number code given as a
/// string is read as the number, other values as text, so an odd answer still says what it says.
fn flatten_into(item: &Json, out: &mut Vec<ApiMessage>) -> Result<(), NotEnvelope> {
    let Json::Object(members) = item else { return Err(NotEnvelope) };
    let (code, message) = (member(members, "code")?, member(members, "message")?);
    let (documentation_url, source) = (member(members, "documentation_url")?, member(members, "source")?);
    match member(members, "error_chain")? {
        Some(Json::Array(chain)) if !chain.is_empty() => {
            for inner in chain.iter() {
                flatten_into(inner, out)?;
            }
            return Ok(());
        }
        None | Some(Json::Array(_)) => {}
        Some(_) => return Err(NotEnvelope),
    }
    let code = match code {
        Some(Json::String(s)) => s.parse().unwrap_or(0),
        Some(Json::Number(Num::Int(i))) => *i,
        _ => 0,
    };
    let pointer = source.and_then(|s| s.get("pointer")).and_then(Json::as_str).map(str::to_string);
    out.push(ApiMessage { code, message: as_text(message).unwrap_or_default(), documentation_url: as_text(documentation_url), pointer });
    Ok(())
}

/// A message field as text: a string as it is, any other value as JSON text (object keys sorted,
/// of duplicate keys the last, as `serde_json::Value` writes a value).
fn as_text(value: Option<&Json>) -> Option<String> {
    match value? {
        Json::String(s) => Some(s.to_string()),
        other => Some(serde_json::to_string(&crate::json::Sorted(other)).unwrap_or_default()),
    }
}

/// A short, printable excerpt of a body for error messages (never the whole of a large answer).
pub fn excerpt(body: &str) -> String {
    let flat: String = body.chars().take(200).map(|c| if c.is_control() { ' ' } else { c }).collect();
    let flat = flat.split_whitespace().collect::<Vec<_>>().join(" ");
    if body.chars().nth(200).is_some() {
        format!("{flat}…")
    } else {
        flat
    }
}

/// Checks the envelope of an answer and, on success, gives `read` its `result` (`None` when absent
/// or null) and returns what `read` made of it. Everything that is not a successful envelope becomes
/// an `ApiError` with the status, the envelope's `errors`/`messages` when there are any, and the
/// `cf-ray` id.
///
/// This is the one definition of a successful answer, for the Rust API and for the JS layer (which
/// asks [`check_envelope_shape`] before it lets the host's `JSON.parse` build the result objects):
/// a 2xx status, `success: true`, and a `result` of the shape `expect` names. A `result` that is
/// absent or `null` is accepted as "nothing to show" (the API said success, so the batch was applied;
/// an error here would invite sending it again). Any other shape is `api.bad_result`.
///
/// The body is parsed once, into the crate's own tree ([`Json`], the validator's parser), whatever
/// the answer: no serde deserialiser is involved, which keeps serde_json's reader out of the
/// WebAssembly build.
pub fn check_envelope<T>(status: u16, ray_id: Option<&str>, body: &str, expect: Expect, read: impl FnOnce(Option<&Json<'_>>) -> T) -> Result<T, ApiError> {
    crate::json::with_arena(|arena| {
        let tree = Json::parse(body, arena).ok();
        classify(status, ray_id, body, tree.as_ref(), expect).map(read)
    })
}

/// [`check_envelope`] on a parsed body (`None` when it is not JSON).
fn classify<'j, 'a>(status: u16, ray_id: Option<&str>, body: &str, tree: Option<&'j Json<'a>>, expect: Expect) -> Result<Option<&'j Json<'a>>, ApiError> {
    let fail = |code: &'static str, message: String, errors: Vec<ApiMessage>, messages: Vec<ApiMessage>| ApiError {
        code,
        status,
        message,
        errors,
        messages,
        ray_id: ray_id.map(str::to_string),
    };
    let ok_status = (200..300).contains(&status);
    if let Some(result) = tree.filter(|_| ok_status).and_then(|tree| clean_success(tree, expect)) {
        return Ok(result);
    }
    let Some(envelope) = tree.and_then(|tree| Envelope::read(tree).ok()) else {
        let what = if body.trim().is_empty() { "an empty body".to_string() } else { format!("a body that is not a JSON envelope: {}", excerpt(body)) };
        let code = if ok_status { "api.not_json" } else { status_code_name(status) };
        return Err(fail(code, format!("HTTP {status} with {what}"), vec![], vec![]));
    };
    let Envelope { success, errors, messages, result } = envelope;
    if ok_status && success == Some(true) {
        // Not a clean success, so the result is there and of the wrong shape.
        let e = result.map(|tree| expect.check(tree)).and_then(Result::err).unwrap_or_default();
        let said = match expect {
            Expect::Batch => "the API reported success, so the batch was applied, but its result does not have the shape of batch results (an object of deletes, patches, puts and posts, each a list of records); do not send the batch again",
            Expect::List => "the result is not a list of records",
        };
        return Err(fail("api.bad_result", format!("HTTP {status}: {said}: {e}"), errors, messages));
    }
    let summary = match errors.first() {
        Some(e) => {
            let at = e.pointer.as_deref().map(|p| format!(" at {p}")).unwrap_or_default();
            let more = if errors.len() > 1 { format!(" (and {} more)", errors.len() - 1) } else { String::new() };
            format!("{} (code {}){at}{more}", e.message, e.code)
        }
        None if success.is_none() => format!("the answer is not a Cloudflare envelope: {}", excerpt(body)),
        None => "no error details were given".to_string(),
    };
    let code = if !ok_status {
        status_code_name(status)
    } else if success.is_none() {
        "api.not_envelope"
    } else {
        "api.unsuccessful"
    };
    Err(fail(code, format!("HTTP {status}: {summary}"), errors, messages))
}

/// What a successful answer's `result` must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// A batch: an object whose `deletes`, `patches`, `puts` and `posts` (each optional) are lists
    /// of record objects.
    Batch,
    /// A listing (`GET /dns_records`): a list of record objects.
    List,
}

impl Expect {
    /// The one definition of a successful `result`, on the crate's own parse tree.
    fn check(self, result: &Json) -> Result<(), String> {
        let records = |list: &Json, what: &str| match list {
            Json::Array(items) => match items.iter().position(|item| !matches!(item, Json::Object(_))) {
                Some(i) => Err(format!("{what}[{i}] is {}, not a record object", items[i].kind())),
                None => Ok(()),
            },
            other => Err(format!("{what} is {}, not a list of records", other.kind())),
        };
        match self {
            Expect::List => records(result, "result"),
            Expect::Batch => {
                let Json::Object(members) = result else {
                    return Err(format!("result is {}, not an object of deletes, patches, puts and posts", result.kind()));
                };
                for (key, value) in members.iter() {
                    if matches!(*key, "deletes" | "patches" | "puts" | "posts") && !matches!(value, Json::Null) {
                        records(value, key)?;
                    }
                }
                Ok(())
            }
        }
    }
}

/// The `result` (`None` when absent or `null`) when `tree` is a success envelope whose `result` has
/// the shape `expect` names: exactly one `success: true`, at most one `result`. Other fields
/// (`errors`, `messages`) do not matter to a success, whatever their shape: the API said the
/// batch was applied.
fn clean_success<'j, 'a>(tree: &'j Json<'a>, expect: Expect) -> Option<Option<&'j Json<'a>>> {
    let Json::Object(members) = tree else { return None };
    let (Ok(Some(Json::Bool(true))), Ok(result)) = (member(members, "success"), member(members, "result")) else { return None };
    match result {
        Some(tree) if expect.check(tree).is_err() => None,
        result => Some(result),
    }
}

/// Checks an answer without building its result (the JS layer lets the host's `JSON.parse` build
/// the result objects, which is faster than building them from Rust).
pub fn check_envelope_shape(status: u16, ray_id: Option<&str>, body: &str, expect: Expect) -> Result<(), ApiError> {
    check_envelope(status, ray_id, body, expect, |_| ())
}

/// Parses a whole answer into a typed result (the Rust API).
pub fn parse_response(status: u16, ray_id: Option<&str>, body: &str) -> Result<BatchResult, ApiError> {
    // The records are read by their derived `Deserialize` (public types a caller may read
    // themselves), from the result written back as text in the order given, so duplicate fields
    // are refused as before. Native only: the JS layer never builds them.
    let typed = check_envelope(status, ray_id, body, Expect::Batch, |result| match result {
        None => Ok(BatchResult::default()),
        Some(tree) => serde_json::to_string(tree).and_then(|text| serde_json::from_str(&text)),
    })?;
    typed.map_err(|e| ApiError {
        code: "api.bad_result",
        status,
        message: format!("HTTP {status}: the result does not have the shape of batch results: {e}"),
        errors: vec![],
        messages: vec![],
        ray_id: ray_id.map(str::to_string),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params() -> BatchParams {
        BatchParams { zone_id: "023e105f4ecef8ad9ca31a8372d0c353".into(), ..Default::default() }
    }

    #[test]
    fn builds_the_request_for_a_token() {
        let req = build_request(&params(), &Auth::Token("tok-123".into()), "https://api.cloudflare.com/client/v4/").unwrap();
        assert_eq!(req.url, "https://api.cloudflare.com/client/v4/zones/023e105f4ecef8ad9ca31a8372d0c353/dns_records/batch");
        assert_eq!(req.method, "POST");
        assert!(req.headers.contains(&("authorization".into(), "Bearer tok-123".into())));
        assert!(req.headers.contains(&("content-type".into(), "application/json".into())));
        assert_eq!(req.body, "{}");
    }

    #[test]
    fn builds_the_request_for_email_and_key_with_shadow_metadata() {
        let mut p = params();
        p.include_shadow_metadata = Some(true);
        let auth = Auth::EmailKey { email: "a@example.com".into(), key: "k".into() };
        let req = build_request(&p, &auth, "http://127.0.0.1:8787/client/v4").unwrap();
        assert!(req.url.ends_with("/dns_records/batch?include_shadow_metadata=true"));
        assert!(req.headers.contains(&("x-auth-email".into(), "a@example.com".into())));
        assert!(req.headers.contains(&("x-auth-key".into(), "k".into())));
    }

    #[test]
    fn refuses_header_injection_without_echoing_the_secret() {
        let err = build_request(&params(), &Auth::Token("secret\r\nx-evil: 1".into()), DEFAULT_BASE_URL).unwrap_err();
        assert_eq!(err.code, "options.api_token.invalid");
        assert!(!err.message.contains("secret"));
        let err = build_request(&params(), &Auth::EmailKey { email: "a@b".into(), key: "k\n".into() }, DEFAULT_BASE_URL).unwrap_err();
        assert_eq!(err.code, "options.api_key.invalid");
    }

    #[test]
    fn refuses_bad_base_urls() {
        for bad in ["ftp://x", "api.cloudflare.com", "https://", "https://x/?q", "javascript:alert(1)"] {
            assert!(build_request(&params(), &Auth::Token("t".into()), bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn encodes_path_segments() {
        assert_eq!(encode_segment("a/b%2F..?"), "a%2Fb%252F..%3F");
    }

    #[test]
    fn parses_success_with_unknown_fields() {
        let body = r#"{"success":true,"errors":[],"messages":[],"result":{"posts":[{"id":"1","name":"a.example.com","type":"A","content":"192.0.2.1","ttl":1,"brand_new":{"x":1},"tags":null,"comment":null}]}}"#;
        let result = parse_response(200, None, body).unwrap();
        assert_eq!(result.posts.len(), 1);
        assert_eq!(result.posts[0].content.as_deref(), Some("192.0.2.1"));
        assert!(result.deletes.is_empty());
    }

    #[test]
    fn success_false_on_200_is_an_error() {
        let body = r#"{"success":false,"errors":[{"code":81058,"message":"An identical record already exists.","source":{"pointer":"/posts/0"}}],"messages":[],"result":null}"#;
        let err = parse_response(200, Some("8f1c2a3b4c5d6e7f-SJC"), body).unwrap_err();
        assert_eq!(err.code, "api.unsuccessful");
        assert_eq!(err.errors[0].code, 81058);
        assert_eq!(err.errors[0].pointer.as_deref(), Some("/posts/0"));
        assert_eq!(err.ray_id.as_deref(), Some("8f1c2a3b4c5d6e7f-SJC"));
        assert!(err.message.contains("identical record"));
    }

    #[test]
    fn unwraps_the_legacy_error_chain() {
        let body = r#"{"success":false,"errors":[{"code":1004,"message":"DNS Validation Error","error_chain":[{"code":9300,"message":"DNS record has 1 tags, exceeding the quota of 0."}]}],"messages":[],"result":null}"#;
        let err = parse_response(400, None, body).unwrap_err();
        assert_eq!(err.code, "api.bad_request");
        assert_eq!(err.errors.len(), 1);
        assert_eq!(err.errors[0].code, 9300);
    }

    #[test]
    fn non_json_and_non_envelope_answers_are_described() {
        let err = parse_response(502, None, "<html><body>Bad gateway</body></html>").unwrap_err();
        assert_eq!(err.code, "api.server_error");
        assert!(err.message.contains("Bad gateway"));
        let err = parse_response(200, None, "{\"result\":").unwrap_err();
        assert_eq!(err.code, "api.not_json");
        let err = parse_response(200, None, "[1,2]").unwrap_err();
        assert_eq!(err.code, "api.not_json");
        let err = parse_response(200, None, "{\"hello\":1}").unwrap_err();
        assert_eq!(err.code, "api.not_envelope");
        let err = parse_response(200, None, r#"{"success":true,"result":[1]}"#).unwrap_err();
        assert_eq!(err.code, "api.bad_result");
        let err = parse_response(200, None, r#"{"success":true,"result":{"posts":[1]}}"#).unwrap_err();
        assert_eq!(err.code, "api.bad_result");
    }

    #[test]
    fn a_success_result_of_the_wrong_shape_is_bad_result() {
        // A derived struct Deserialize reads arrays by position: these passed as four empty lists.
        for body in [r#"{"success":true,"result":[]}"#, r#"{"success":true,"result":[[],[],[],[]]}"#, r#"{"success":true,"result":"posts"}"#] {
            let err = parse_response(200, None, body).unwrap_err();
            assert_eq!(err.code, "api.bad_result", "{body}");
            assert!(err.message.contains("was applied"), "{}", err.message);
        }
        // Absent or null: the API said success and shows nothing.
        for body in [r#"{"success":true}"#, r#"{"success":true,"result":null}"#, r#"{"success":true,"result":{"posts":null}}"#] {
            assert_eq!(parse_response(200, None, body).unwrap(), BatchResult::default(), "{body}");
        }
        // A listing's result is a list of objects, and nothing else.
        assert!(check_envelope_shape(200, None, r#"{"success":true,"result":[{"id":"x"}]}"#, Expect::List).is_ok());
        for body in [r#"{"success":true,"result":{}}"#, r#"{"success":true,"result":[[]]}"#, r#"{"success":true,"result":[1]}"#] {
            assert_eq!(check_envelope_shape(200, None, body, Expect::List).unwrap_err().code, "api.bad_result", "{body}");
        }
    }

    #[test]
    fn the_fast_and_the_full_reading_of_a_success_agree() {
        let cases = [
            (r#"{"success":true,"messages":5,"result":{"posts":[{"id":"x"}]}}"#, true),
            (r#"{"success":true,"success":true,"result":{}}"#, false),
            (r#"{"success":true,"result":{},"result":{}}"#, false),
            (r#"{"success":"true","result":{}}"#, false),
            (r#"{"success":true,"result":{"posts":[{"id":"x"}],"brand_new":[1]}}"#, true),
        ];
        for (body, ok) in cases {
            assert_eq!(check_envelope_shape(200, None, body, Expect::Batch).is_ok(), ok, "{body}");
            assert_eq!(check_envelope(200, None, body, Expect::Batch, |_| ()).is_ok(), ok, "{body}");
        }
        assert_eq!(parse_response(200, None, cases[0].0).unwrap().posts.len(), 1);
    }

    #[test]
    fn base_urls_with_user_info_are_refused_without_showing_it() {
        for base in ["https://user:hunter2secret@api.example.com/client/v4", "http://hunter2secret@127.0.0.1:8080"] {
            let err = normalize_base_url(base).unwrap_err();
            assert_eq!(err.code, "options.base_url.credentials");
            assert!(!err.message.contains("hunter2secret") && !err.to_string().contains("hunter2secret"));
        }
        assert!(normalize_base_url("https://api.example.com/client/v4/@x").is_ok(), "an @ in the path is not user-info");
    }

    #[test]
    fn oversized_text_is_an_issue_before_parsing() {
        assert!(body_size_issue(MAX_BODY_BYTES).is_none());
        let issue = body_size_issue(MAX_BODY_BYTES + 1).unwrap();
        assert_eq!((&*issue.code, issue.severity), ("batch.body.size", crate::issue::Severity::Error));
    }

    #[test]
    fn message_fields_of_every_json_type_are_read_as_before() {
        let body = r#"{"success":false,"errors":[
            {"code":"81058","message":123,"documentation_url":null,"source":{"pointer":"/posts/1","pointer":"/posts/2"}},
            {"code":7.0,"message":{"b":[1,2.5,true],"a":"x\n","b":null},"documentation_url":["u"],"source":"nope"},
            {"code":-4,"message":"plain","documentation_url":"https://developers.cloudflare.com/x","brand_new":{"k":1}},
            {"code":18446744073709551615,"message":-0.0},
            {}
        ],"messages":[{"code":1,"message":"note","error_chain":[]}],"result":null}"#;
        let err = check_envelope_shape(400, None, body, Expect::Batch).unwrap_err();
        let read: Vec<_> = err.errors.iter().map(|m| (m.code, m.message.as_str(), m.documentation_url.as_deref(), m.pointer.as_deref())).collect();
        assert_eq!(
            read,
            [
                (81058, "123", None, Some("/posts/2")),
                (0, r#"{"a":"x\n","b":null}"#, Some(r#"["u"]"#), None),
                (-4, "plain", Some("https://developers.cloudflare.com/x"), None),
                (0, "-0.0", None, None),
                (0, "", None, None),
            ]
        );
        assert_eq!(err.messages.len(), 1);
        assert_eq!((err.messages[0].code, err.messages[0].message.as_str()), (1, "note"));
        assert_eq!(err.code, "api.bad_request");
        assert_eq!(err.message, "HTTP 400: 123 (code 81058) at /posts/2 (and 4 more)");
    }

    #[test]
    fn nested_error_chains_are_flattened_in_order() {
        let body = r#"{"success":false,"errors":[{"code":1004,"error_chain":[{"code":1,"message":"a"},{"code":2,"error_chain":[{"code":3,"message":"c"}]}]},{"code":4,"message":"d"}]}"#;
        let err = check_envelope_shape(200, None, body, Expect::Batch).unwrap_err();
        assert_eq!(err.errors.iter().map(|m| m.code).collect::<Vec<_>>(), [1, 3, 4]);
        assert_eq!(err.code, "api.unsuccessful");
    }

    #[test]
    fn envelopes_with_fields_of_the_wrong_type_or_repeated_are_not_envelopes() {
        for body in [
            r#"{"success":"false","errors":[]}"#,
            r#"{"success":false,"errors":5}"#,
            r#"{"success":false,"errors":["oops"]}"#,
            r#"{"success":false,"messages":{"code":1}}"#,
            r#"{"success":false,"errors":[{"code":1,"error_chain":{}}]}"#,
            r#"{"success":false,"errors":[{"code":1,"code":2}]}"#,
            r#"{"success":false,"success":false}"#,
            r#"{"success":false,"errors":[],"errors":[]}"#,
            r#"{"success":true,"success":true,"result":{}}"#,
            r#"{"success":true,"result":{},"result":{}}"#,
            // A list is not an envelope (serde read one by position: this was a success).
            "[true,null,null,null]",
            "true",
            "",
        ] {
            let err = check_envelope_shape(200, Some("ray-1"), body, Expect::Batch).unwrap_err();
            assert_eq!(err.code, "api.not_json", "{body}");
            assert!(err.message.starts_with("HTTP 200 with a"), "{}", err.message);
            assert_eq!(err.ray_id.as_deref(), Some("ray-1"));
            let err = check_envelope_shape(503, None, body, Expect::List).unwrap_err();
            assert_eq!(err.code, "api.server_error", "{body}");
        }
        // Fields the envelope does not read may be anything, repeated or not.
        let err = check_envelope_shape(200, None, r#"{"success":false,"result_info":1,"result_info":[],"result":[1]}"#, Expect::Batch).unwrap_err();
        assert_eq!((err.code, err.message.as_str()), ("api.unsuccessful", "HTTP 200: no error details were given"));
        // A success keeps its meaning whatever its errors and messages look like.
        assert!(check_envelope_shape(200, None, r#"{"success":true,"errors":5,"errors":"x","messages":[1]}"#, Expect::Batch).is_ok());
    }

    #[test]
    fn a_success_on_a_non_2xx_status_is_classified_by_status() {
        let err = check_envelope_shape(500, None, r#"{"success":true,"result":{}}"#, Expect::Batch).unwrap_err();
        assert_eq!((err.code, err.message.as_str()), ("api.server_error", "HTTP 500: no error details were given"));
        let err = check_envelope_shape(404, None, r#"{"hello":1}"#, Expect::List).unwrap_err();
        assert_eq!(err.code, "api.not_found");
        assert!(err.message.starts_with("HTTP 404: the answer is not a Cloudflare envelope: {\"hello\":1}"), "{}", err.message);
    }

    #[test]
    fn a_bad_result_says_which_record_is_wrong() {
        let err = check_envelope_shape(200, None, r#"{"success":true,"errors":[{"code":9,"message":"w"}],"result":{"puts":[{},3]}}"#, Expect::Batch).unwrap_err();
        assert_eq!(err.code, "api.bad_result");
        assert!(err.message.ends_with("do not send the batch again: puts[1] is a number, not a record object"), "{}", err.message);
        assert_eq!(err.errors.len(), 1);
        let err = check_envelope_shape(201, None, r#"{"success":true,"result":{"id":"x"}}"#, Expect::List).unwrap_err();
        assert_eq!(err.message, "HTTP 201: the result is not a list of records: result is an object, not a list of records");
    }

    #[test]
    fn typed_results_keep_every_field() {
        let body = r#"{"success":true,"result":{"puts":[{"id":"i","name":"n","type":"MX","content":"mx.example.com","priority":10,"ttl":1.5,"proxied":false,"tags":["a:b"],"data":{"z":1,"a":[2]},"meta":{}}],"deletes":null}}"#;
        let result = parse_response(200, None, body).unwrap();
        let put = &result.puts[0];
        assert_eq!((put.id.as_str(), put.record_type.as_str(), put.priority, put.ttl, put.proxied), ("i", "MX", Some(10.0), Some(1.5), Some(false)));
        assert_eq!(put.tags, ["a:b"]);
        assert_eq!(put.data.as_ref().map(|d| d.to_string()).as_deref(), Some(r#"{"a":[2],"z":1}"#));
        // A record field of the wrong type is a result that does not have the shape of batch results.
        let err = parse_response(200, Some("r"), r#"{"success":true,"result":{"posts":[{"id":5}]}}"#).unwrap_err();
        assert_eq!((err.code, err.ray_id.as_deref()), ("api.bad_result", Some("r")));
        assert!(err.message.starts_with("HTTP 200: the result does not have the shape of batch results: "), "{}", err.message);
    }

    #[test]
    fn excerpts_are_short() {
        let long = "x".repeat(100_000);
        assert!(excerpt(&long).chars().count() <= 201);
    }
}
