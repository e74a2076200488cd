//! The HTTP request for a batch and the response envelope. Pure: no IO happens here.

use crate::batch::BatchParams;
use crate::json::Json;
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

/// The envelope as sent; every part optional so that a surprising answer is described, not fatal.
/// `result` stays raw text: the caller decides how to build it (typed here, or the host's
/// `JSON.parse` in the JS layer).
#[derive(Deserialize)]
struct Envelope<'a> {
    success: Option<bool>,
    #[serde(default)]
    errors: Option<Vec<RawMessage>>,
    #[serde(default)]
    messages: Option<Vec<RawMessage>>,
    #[serde(default, borrow)]
    result: Option<&'a serde_json::value::RawValue>,
}

#[derive(Deserialize)]
struct RawMessage {
    #[serde(default)]
    code: Option<Field>,
    #[serde(default)]
    message: Option<Field>,
    #[serde(default)]
    documentation_url: Option<Field>,
    #[serde(default)]
    source: Option<Field>,
    #[serde(default)]
    error_chain: Option<Vec<RawMessage>>,
}

/// Any JSON value in a message field, read exactly as `serde_json::Value` reads one (the same
/// values accepted and refused, integers kept exact, the same quirk for serde_json's raw-value
/// key) and written as a `Value` writes itself. `Value` itself (a `BTreeMap` per object) would be
/// the only `Value` on the WebAssembly paths; this is a fraction of its size.
enum Field {
    Null,
    Bool(bool),
    Unsigned(u64),
    Signed(i64),
    Float(f64),
    Str(String),
    Array(Vec<Field>),
    /// Members in the order given, duplicates included (the last one counts, as in a `Value`).
    Object(Vec<(String, Field)>),
}

impl Field {
    /// `Value::get(key)` of an object.
    fn get(&self, key: &str) -> Option<&Field> {
        match self {
            Field::Object(members) => members.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// `Value::as_i64`.
    fn as_i64(&self) -> Option<i64> {
        match self {
            Field::Unsigned(u) => i64::try_from(*u).ok(),
            Field::Signed(i) => Some(*i),
            _ => None,
        }
    }
}

impl Serialize for Field {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq};
        match self {
            Field::Null => serializer.serialize_unit(),
            Field::Bool(b) => serializer.serialize_bool(*b),
            Field::Unsigned(u) => serializer.serialize_u64(*u),
            Field::Signed(i) => serializer.serialize_i64(*i),
            Field::Float(f) => serializer.serialize_f64(*f),
            Field::Str(s) => serializer.serialize_str(s),
            Field::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Field::Object(members) => {
                // Sorted by key, and of duplicates the last: a `Value`'s `BTreeMap` order.
                let mut sorted: Vec<&(String, Field)> = members.iter().collect();
                sorted.sort_by(|a, b| a.0.cmp(&b.0));
                let mut map = serializer.serialize_map(None)?;
                for (i, (k, v)) in sorted.iter().enumerate() {
                    if sorted.get(i + 1).is_none_or(|next| next.0 != *k) {
                        map.serialize_entry(k, v)?;
                    }
                }
                map.end()
            }
        }
    }
}

impl<'de> Deserialize<'de> for Field {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(FieldVisitor)
    }
}

struct FieldVisitor;

impl<'de> serde::de::Visitor<'de> for FieldVisitor {
    type Value = Field;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any valid JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Field, E> {
        Ok(Field::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Field, E> {
        Ok(if v < 0 { Field::Signed(v) } else { Field::Unsigned(v as u64) })
    }
    fn visit_u64<E>(self, v: u64) -> Result<Field, E> {
        Ok(Field::Unsigned(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Field, E> {
        Ok(if v.is_finite() { Field::Float(v) } else { Field::Null })
    }
    fn visit_str<E>(self, v: &str) -> Result<Field, E> {
        Ok(Field::Str(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Field, E> {
        Ok(Field::Str(v))
    }
    fn visit_unit<E>(self) -> Result<Field, E> {
        Ok(Field::Null)
    }
    fn visit_none<E>(self) -> Result<Field, E> {
        Ok(Field::Null)
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Field, D::Error> {
        Field::deserialize(d)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Field, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Field::Array(items))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Field, A::Error> {
        let Some(first) = map.next_key::<String>()? else {
            return Ok(Field::Object(Vec::new()));
        };
        if first == RAW_VALUE_TOKEN {
            // serde_json's raw-value key: a `Value` is the JSON inside the string.
            let Field::Str(text) = map.next_value::<Field>()? else {
                return Err(serde::de::Error::custom("raw value"));
            };
            return serde_json::from_str(&text).map_err(serde::de::Error::custom);
        }
        let mut members = vec![(first, map.next_value()?)];
        while let Some(entry) = map.next_entry()? {
            members.push(entry);
        }
        Ok(Field::Object(members))
    }
}

/// The key by which serde_json marks a raw value (`serde_json::raw::TOKEN`, not public).
const RAW_VALUE_TOKEN: &str = "$serde_json::private::RawValue";

impl RawMessage {
    /// Flattens the pre-2024-10 `{code:1004, error_chain:[...]}` wrapper into its root causes.
    fn flatten_into(self, out: &mut Vec<ApiMessage>) {
        let chain = self.error_chain.unwrap_or_default();
        if !chain.is_empty() {
            for inner in chain {
                inner.flatten_into(out);
            }
            return;
        }
        let text = |v: Option<Field>| match v {
            Some(Field::Str(s)) => Some(s),
            Some(Field::Null) | None => None,
            Some(other) => Some(serde_json::to_string(&other).unwrap_or_default()),
        };
        let code = match &self.code {
            Some(Field::Str(s)) => s.parse().unwrap_or(0),
            Some(n) => n.as_i64().unwrap_or(0),
            None => 0,
        };
        let pointer = match self.source.as_ref().and_then(|s| s.get("pointer")) {
            Some(Field::Str(p)) => Some(p.clone()),
            _ => None,
        };
        out.push(ApiMessage { code, message: text(self.message).unwrap_or_default(), documentation_url: text(self.documentation_url), pointer });
    }
}

fn flatten(list: Option<Vec<RawMessage>>) -> Vec<ApiMessage> {
    let mut out = Vec::new();
    for m in list.unwrap_or_default() {
        m.flatten_into(&mut out);
    }
    out
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

/// Checks the envelope of an answer and returns its raw `result` on success (`None` when absent or
/// null). Everything that is not a successful envelope becomes an `ApiError` with the status, the
/// envelope's `errors`/`messages` when there are any, and the `cf-ray` id.
///
/// This is the one definition of a successful answer, for the Rust API and for the JS layer (which
/// asks [`check_envelope_shape`] before it lets the host's `JSON.parse` build the result objects):
/// a 2xx status, `success: true`, and a `result` of the shape `expect` names. A `result` that is
/// absent or `null` is accepted as "nothing to show" (the API said success, so the batch was applied;
/// an error here would invite sending it again). Any other shape is `api.bad_result`.
pub fn check_envelope<'b>(status: u16, ray_id: Option<&str>, body: &'b str, expect: Expect) -> Result<Option<&'b serde_json::value::RawValue>, ApiError> {
    let fail = |code: &'static str, message: String, errors: Vec<ApiMessage>, messages: Vec<ApiMessage>| ApiError {
        code,
        status,
        message,
        errors,
        messages,
        ray_id: ray_id.map(str::to_string),
    };
    if (200..300).contains(&status) && clean_success(body, expect) {
        let result = serde_json::from_str::<ResultOnly<'b>>(body).ok().and_then(|r| r.result);
        return Ok(result.filter(|r| r.get() != "null"));
    }
    let envelope: Envelope<'b> = match serde_json::from_str(body) {
        Ok(envelope) => envelope,
        Err(_) => {
            let what = if body.trim().is_empty() { "an empty body".to_string() } else { format!("a body that is not a JSON envelope: {}", excerpt(body)) };
            let code = if (200..300).contains(&status) { "api.not_json" } else { status_code_name(status) };
            return Err(fail(code, format!("HTTP {status} with {what}"), vec![], vec![]));
        }
    };
    let errors = flatten(envelope.errors);
    let messages = flatten(envelope.messages);
    let ok_status = (200..300).contains(&status);
    if ok_status && envelope.success == Some(true) {
        let result = envelope.result.filter(|r| r.get() != "null");
        if let Some(raw) = result {
            if let Err(e) = check_result(raw.get(), expect) {
                let said = match expect {
                    Expect::Batch => "the API reported success, so the batch was applied, but its result does not have the shape of batch results (an object of deletes, patches, puts and posts, each a list of records); do not send the batch again",
                    Expect::List => "the result is not a list of records",
                };
                return Err(fail("api.bad_result", format!("HTTP {status}: {said}: {e}"), errors, messages));
            }
        }
        return Ok(result);
    }
    let summary = match errors.first() {
        Some(e) => {
            let at = e.pointer.as_deref().map(|p| format!(" at {p}")).unwrap_or_default();
            let more = if errors.len() > 1 { format!(" (and {} more)", errors.len() - 1) } else { String::new() };
            format!("{} (code {}){at}{more}", e.message, e.code)
        }
        None if envelope.success.is_none() => format!("the answer is not a Cloudflare envelope: {}", excerpt(body)),
        None => "no error details were given".to_string(),
    };
    let code = if !ok_status {
        status_code_name(status)
    } else if envelope.success.is_none() {
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

/// Whether `body` is a success envelope whose `result` has the shape `expect` names, decided on the
/// crate's own parse tree in one pass: exactly one `success: true`, at most one `result` (serde
/// refuses duplicate fields, so this does too), absent, `null` or of the right shape. Other fields
/// (`errors`, `messages`) do not matter to a success: the API said the batch was applied.
fn clean_success(body: &str, expect: Expect) -> bool {
    crate::json::with_arena(|arena| {
        let Ok(Json::Object(members)) = Json::parse(body, arena) else { return false };
        let mut success = members.iter().filter(|(k, _)| *k == "success");
        let mut result = members.iter().filter(|(k, _)| *k == "result");
        let (Some((_, Json::Bool(true))), None) = (success.next(), success.next()) else { return false };
        match (result.next(), result.next()) {
            (None | Some((_, Json::Null)), None) => true,
            (Some((_, tree)), None) => expect.check(tree).is_ok(),
            _ => false,
        }
    })
}

/// Only the `result` of an envelope, as raw text (every other field is skipped).
#[derive(Deserialize)]
struct ResultOnly<'a> {
    #[serde(default, borrow)]
    result: Option<&'a serde_json::value::RawValue>,
}

/// Checks a raw `result` (serde's view of the envelope) with [`Expect::check`].
fn check_result(raw: &str, expect: Expect) -> Result<(), String> {
    crate::json::with_arena(|arena| match Json::parse(raw, arena) {
        Ok(tree) => expect.check(&tree),
        Err(e) => Err(e.to_string()),
    })
}

/// Checks an answer without building its result (the JS layer lets the host's `JSON.parse` build
/// the result objects, which is faster than building them from Rust).
///
/// The common case, a 2xx `success: true` answer, is decided on the crate's own parse tree in one
/// pass (in WebAssembly about three times faster than serde's, which matters for a 3,500-record
/// answer of about 1 MB); anything else goes through [`check_envelope`], which classifies it.
pub fn check_envelope_shape(status: u16, ray_id: Option<&str>, body: &str, expect: Expect) -> Result<(), ApiError> {
    if (200..300).contains(&status) && clean_success(body, expect) {
        return Ok(());
    }
    check_envelope(status, ray_id, body, expect).map(|_| ())
}

/// Parses a whole answer into a typed result (the Rust API).
pub fn parse_response(status: u16, ray_id: Option<&str>, body: &str) -> Result<BatchResult, ApiError> {
    let Some(raw) = check_envelope(status, ray_id, body, Expect::Batch)? else {
        return Ok(BatchResult::default());
    };
    serde_json::from_str(raw.get()).map_err(|e| ApiError {
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
            assert_eq!(check_envelope(200, None, body, Expect::Batch).is_ok(), ok, "{body}");
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
    fn excerpts_are_short() {
        let long = "x".repeat(100_000);
        assert!(excerpt(&long).chars().count() <= 201);
    }
}
