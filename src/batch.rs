//! A whole batch: `{ zone_id, deletes, patches, puts, posts }`, shaped exactly like the official
//! SDK's `client.dns.records.batch(params)`, and the checks that span operations.

use compact_str::CompactString;
use crate::issue::{Issue, Path, Plan, Report, ValidateOptions};
use crate::json::Json;
use crate::record::common::{read_record, ReadRecord};
use crate::record::fields::{nearest, Fields, Mode};
use crate::record::{CommonFields, Record, RecordType};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// The maps of one batch's ids and names. Keys are short strings from the batch itself, so a
/// multiplicative hash (FxHash's) serves: SipHash's flooding resistance protects nothing here, and
/// it and `RandomState` cost time and WebAssembly size.
type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

#[derive(Default)]
struct FxHasher(u64);

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        for b in chunks.remainder() {
            self.add(u64::from(*b));
        }
    }

    fn write_u8(&mut self, b: u8) {
        self.add(u64::from(b));
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

pub const BATCH_LIMIT_FREE: usize = 200;
pub const BATCH_LIMIT_PAID: usize = 3_500;
/// Shadow metadata is computed only for batches of at most this many records.
pub const SHADOW_METADATA_LIMIT: usize = 1_000;
/// The TXT content at one name adds up to at most this many characters (reference §3, TXT).
/// UNCONFIRMED how Cloudflare counts: here, characters of each record's content as stored (quoted),
/// the form its error speaks of ("combined content length").
pub const TXT_NAME_MAX_CHARS: usize = 8_192;
/// Identifiers (zone and record ids) are at most 32 characters (OpenAPI `maxLength: 32`).
pub const ID_MAX: usize = 32;

/// A delete: only `id` is used (other fields may be sent for readability; they are not).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct DeleteParam {
    #[cfg_attr(feature = "ts", tsify(type = "string"))]
    pub id: CompactString,
}

/// A put: the whole record replaces the one with this `id`; fields left out take their defaults.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PutParam {
    pub id: CompactString,
    #[serde(flatten)]
    pub record: Record,
}

/// A patch: `id` and only the fields that change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PatchParam {
    pub id: CompactString,
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub record_type: Option<RecordType>,
    #[serde(flatten)]
    pub common: CommonFields,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<CompactString>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<u16>,
    /// Kept as given: a patch may carry part of a kind's `data` (checked field by field).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<PatchData>,
}

/// A patch's `data` as JSON text, written the way `serde_json::Value` writes it (object keys
/// sorted, the last of duplicate keys kept, as `JSON.parse` keeps it). Text rather than a `Value`:
/// building a `Value` (a `BTreeMap` per object) is the only use of `Value` on the WebAssembly
/// paths, and costs size there. [`PatchData::to_value`] gives the `Value`.
#[derive(Clone)]
pub struct PatchData(Box<serde_json::value::RawValue>);

impl PatchData {
    pub(crate) fn from_json(data: &Json) -> PatchData {
        // Serialising a tree of strings and numbers into a String cannot fail.
        let raw = serde_json::value::to_raw_value(&crate::json::Sorted(data));
        PatchData(raw.unwrap_or_else(|_| serde_json::value::RawValue::NULL.to_owned()))
    }

    /// The JSON text sent.
    pub fn json(&self) -> &str {
        self.0.get()
    }

    pub fn to_value(&self) -> serde_json::Value {
        serde_json::from_str(self.0.get()).unwrap_or_default()
    }
}

impl PartialEq for PatchData {
    fn eq(&self, other: &PatchData) -> bool {
        self.to_value() == other.to_value()
    }
}

impl std::fmt::Debug for PatchData {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.to_value().fmt(f)
    }
}

impl Serialize for PatchData {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for PatchData {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(deserializer)?;
        serde_json::value::to_raw_value(&value).map(PatchData).map_err(serde::de::Error::custom)
    }
}

/// A validated batch, ready to become a request body.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct BatchParams {
    #[serde(skip)]
    pub zone_id: String,
    #[serde(skip)]
    pub include_shadow_metadata: Option<bool>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub deletes: Vec<DeleteParam>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub patches: Vec<PatchParam>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub puts: Vec<PutParam>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub posts: Vec<Record>,
}

impl BatchParams {
    /// The JSON body on the wire: the four arrays, without `zone_id` (a path parameter).
    pub fn body(&self) -> String {
        crate::body::write(self)
    }

    pub fn operation_count(&self) -> usize {
        self.deletes.len() + self.patches.len() + self.puts.len() + self.posts.len()
    }
}

/// The outcome of validating a batch: every issue, and the typed batch when nothing blocks it.
#[derive(Debug)]
pub struct Validated {
    pub issues: Vec<Issue>,
    pub params: Option<BatchParams>,
}

const TOP_LEVEL: [&str; 6] = ["zone_id", "include_shadow_metadata", "deletes", "patches", "puts", "posts"];

/// Parses and validates batch params given as JSON text.
pub fn validate_json(text: &str, options: &ValidateOptions) -> Validated {
    crate::json::with_arena(|arena| match Json::parse(text, arena) {
        Ok(json) => validate(&json, options),
        Err(e) => Validated { issues: not_json(&e, options), params: None },
    })
}

/// The one issue of batch params that are not JSON at all.
pub(crate) fn not_json(e: &crate::json::ParseError, options: &ValidateOptions) -> Vec<Issue> {
    let mut r = Report::new(options);
    r.error(&Path::Root, "batch.json", format!("the batch is not valid JSON: {e}"));
    r.issues
}

/// Validates batch params already parsed. Walks the batch once and reports every issue.
pub fn validate(json: &Json, options: &ValidateOptions) -> Validated {
    let (issues, params, errors) = walk(json, options, true);
    Validated { issues, params: params.filter(|_| !errors) }
}

/// What checking a batch gives when its typed form is not wanted: every issue (the same as
/// [`validate`]), and the two values the request head needs.
#[derive(Debug)]
pub struct Checked {
    pub issues: Vec<Issue>,
    /// No error among the issues: the batch may be sent.
    pub sendable: bool,
    pub zone_id: String,
    pub include_shadow_metadata: Option<bool>,
}

/// Checks batch params without building the typed batch: every rule of [`validate`], no copy of
/// any name or value. For callers that send the text they already have (the JS layer).
pub fn check(json: &Json, options: &ValidateOptions) -> Checked {
    let (issues, params, errors) = walk(json, options, false);
    let params = params.unwrap_or_default();
    Checked { issues, sendable: !errors, zone_id: params.zone_id, include_shadow_metadata: params.include_shadow_metadata }
}

/// [`check`] of batch params given as JSON text.
pub fn check_json(text: &str, options: &ValidateOptions) -> Checked {
    crate::json::with_arena(|arena| match Json::parse(text, arena) {
        Ok(json) => check(&json, options),
        Err(e) => Checked { issues: not_json(&e, options), sendable: false, zone_id: String::new(), include_shadow_metadata: None },
    })
}

/// The walk behind [`validate`] and [`check`]: the issues, the batch (typed only when `build`;
/// `None` when the params are not an object), and whether any issue is an error.
fn walk(json: &Json, options: &ValidateOptions, build: bool) -> (Vec<Issue>, Option<BatchParams>, bool) {
    let mut r = Report::new(options);
    let root = Path::Root;
    let Some(members) = json.as_object() else {
        r.error(&root, "batch.type", format!("batch params must be an object, got {}", json.kind()));
        return (r.issues, None, true);
    };
    let top = Fields::new(members, &root, "batch", Mode::Full);
    let mut params = BatchParams::default();

    if let Some(zone_id) = top.string(&mut r, "zone_id", "the zone's identifier (32 hex characters)") {
        check_id(&mut r, &root.key("zone_id"), "batch.zone_id", zone_id);
        params.zone_id = zone_id.to_string();
    }
    params.include_shadow_metadata = top.opt_bool(&mut r, "include_shadow_metadata");
    for (key, _) in members {
        if !TOP_LEVEL.contains(key) {
            let hint = nearest(key, &TOP_LEVEL).map(|k| format!("; did you mean `{k}`?")).unwrap_or_default();
            r.warn(&root.key(key), "batch.unknown-field", format!("`{}` is not part of a batch; the API ignores it{hint}", crate::issue::shorten(key)));
        }
    }

    // Room for every operation up front: records are moved into these once, never regrown. (At
    // most a full batch's worth: a hostile array of a million `{}` must not reserve a million
    // records before the size check refuses it.)
    // The id map and the posted names are needed whether or not the typed batch is built.
    let written = |key: &str| match top.get(key) {
        Some(Json::Array(items)) => items.len().min(BATCH_LIMIT_PAID),
        _ => 0,
    };
    if build {
        params.deletes.reserve(written("deletes"));
        params.patches.reserve(written("patches"));
        params.puts.reserve(written("puts"));
        params.posts.reserve(written("posts"));
    }
    let mut ids = IdIndex::default();
    ids.seen.reserve(written("deletes") + written("patches") + written("puts"));
    for_each_item(&top, &mut r, "deletes", |item, i, at, r| {
        let id = read_op_id(item, at, r, "deletes")?;
        ids.note(r, at, id, Op::Delete, i);
        if build {
            params.deletes.push(DeleteParam { id: id.into() });
        }
        Some(())
    });
    let mut typed_patches: Vec<usize> = Vec::new();
    for_each_item(&top, &mut r, "patches", |item, i, at, r| {
        let id = read_op_id(item, at, r, "patches");
        let read = read_record(item, at, r, Mode::Partial, build, &["id"])?;
        let id = id?;
        ids.note(r, at, id, Op::Patch, i);
        if read.kind.is_some() {
            typed_patches.push(i);
        }
        check_patch(item, at, r, read.kind);
        if build {
            params.patches.push(patch_param(item, id.into(), read));
        }
        Some(())
    });
    // The records the batch writes whole (puts, then posts: the order they run in), by name.
    let mut placed: Vec<Placed> = Vec::with_capacity(written("puts") + written("posts"));
    for_each_item(&top, &mut r, "puts", |item, i, at, r| {
        let id = read_op_id(item, at, r, "puts");
        let errors_before = r.error_count();
        let read = read_record(item, at, r, Mode::Full, build, &["id"])?;
        let id = id?;
        ids.note(r, at, id, Op::Put, i);
        if let Some(p) = Placed::of(item, "puts", i, read.kind) {
            placed.push(p);
        }
        if build {
            let record = whole_record(read, at, r, errors_before)?;
            params.puts.push(PutParam { id: id.into(), record });
        }
        Some(())
    });
    for_each_item(&top, &mut r, "posts", |item, i, at, r| {
        let errors_before = r.error_count();
        let read = read_record(item, at, r, Mode::Full, build, &[])?;
        if let Some(p) = Placed::of(item, "posts", i, read.kind) {
            placed.push(p);
        }
        if build {
            let record = whole_record(read, at, r, errors_before)?;
            params.posts.push(record);
        }
        Some(())
    });
    if let Some(&first) = typed_patches.first() {
        // The API deprecated changing a record's type through an update (end of life 2026-06-30).
        // Whether a patch changes the type cannot be known offline, and SDK-shaped patches always
        // carry `type`, so this is one piece of advice for the batch, not one per patch.
        let n = typed_patches.len();
        r.at_pointer(
            &format!("/patches/{first}/type"),
            "batch.patch.type",
            crate::issue::Severity::Warning,
            format!("{n} patch{} carr{} `type`: if one changes a record's type, that is deprecated; delete the record and post a new one in the same batch instead", if n == 1 { "" } else { "es" }, if n == 1 { "ies" } else { "y" }),
        );
    }

    check_size(&mut r, &params, members);
    check_names(&mut r, &placed);
    check_txt_length(&mut r, &placed);

    let errors = r.has_errors();
    (r.issues, Some(params), errors)
}

/// Validates one record on its own (as a post), for forms that check as the user types.
pub fn validate_record_json(json: &Json, options: &ValidateOptions) -> (Vec<Issue>, Option<Record>) {
    let mut r = Report::new(options);
    let read = read_record(json, &Path::Root, &mut r, Mode::Full, true, &[]);
    let record = read.and_then(|read| whole_record(read, &Path::Root, &mut r, 0)).filter(|_| !r.has_errors());
    (r.issues, record)
}

/// The typed record, when its value was read. A record whose value could not be read must have
/// been reported; if a reader ever returned nothing without saying why, the record is refused here
/// with an error of its own rather than silently left out of the batch.
fn whole_record(read: ReadRecord, at: &Path, r: &mut Report, errors_before: usize) -> Option<Record> {
    match read.data {
        Some(data) => Some(Record { common: read.common, data }),
        None => {
            if r.error_count() == errors_before {
                // Never drop a record from the typed batch without saying why.
                let why = if r.silenced_error_count() > 0 {
                    "this record's value breaks a rule that `disable` silences, so no typed record can be built from it; the Rust API refuses it rather than leave it out (the JS API sends the text as given)"
                } else {
                    "this record's value could not be read (this is a defect in cf-dns-batch; please report it)"
                };
                r.error(at, "record.unreadable", why);
            }
            None
        }
    }
}

/// The rules of a patch as a whole (its fields were read by `read_record`).
fn check_patch(item: &Json, at: &Path, r: &mut Report, kind: Option<RecordType>) {
    let changes = item.as_object().map_or(0, |m| m.iter().filter(|(k, _)| *k != "id").count());
    if changes == 0 {
        r.warn(at, "batch.patch.empty", "this patch changes nothing: it has only an `id`");
    }
    if let Some(kind) = kind {
        if kind.uses_data() {
            if let Some(Json::Object(data)) = item.get("data") {
                let missing: Vec<&str> = data_fields(kind).iter().copied().filter(|f| !data.iter().any(|(k, _)| k == f)).collect();
                if !missing.is_empty() {
                    // UNCONFIRMED whether the API merges a partial `data` or replaces it whole.
                    r.warn(
                        &at.key("data"),
                        "batch.patch.partial-data",
                        format!("this patch sends part of {kind} `data` (missing {}); the API may replace `data` as a whole, so send every field", missing.join(", ")),
                    );
                }
            }
        }
    }
}

/// The typed patch: `id` and the fields it changes.
fn patch_param(item: &Json, id: CompactString, read: ReadRecord) -> PatchParam {
    let content = match read.kind {
        Some(kind) if kind.uses_data() => None,
        _ => item.get("content").and_then(Json::as_str).map(CompactString::from),
    };
    let priority = match read.kind {
        Some(kind) if !kind.has_top_level_priority() => None,
        _ => item.get("priority").and_then(|p| match p {
            Json::Number(n) => n.as_integer().and_then(|i| u16::try_from(i).ok()),
            _ => None,
        }),
    };
    let data = match read.kind {
        Some(kind) if !kind.uses_data() => None,
        _ => item.get("data").filter(|d| !matches!(d, Json::Null)).map(PatchData::from_json),
    };
    PatchParam { id, record_type: read.kind, common: read.common, content, priority, data }
}

/// The field names of a data kind's `data`, read from its typed form (from the registry of kinds).
fn data_fields(kind: RecordType) -> &'static [&'static str] {
    kind.data_fields()
}

/// Runs `each(item, index, pointer, report)` over the items of the array `key` (absent or `null`
/// means none).
fn for_each_item<'j, 'a>(
    top: &Fields<'j, 'a>,
    r: &mut Report,
    key: &'static str,
    mut each: impl FnMut(&'j Json<'a>, usize, &Path, &mut Report) -> Option<()>,
) {
    let items = match top.get(key) {
        None | Some(Json::Null) => return,
        Some(Json::Array(items)) => items,
        Some(other) => {
            r.error(&top.at.key(key), format!("batch.{key}.type"), format!("`{key}` must be an array of operations, got {}", other.kind()));
            return;
        }
    };
    let at = top.at.key(key);
    for (i, item) in items.iter().enumerate() {
        let _ = each(item, i, &at.index(i), r);
    }
}

fn read_op_id<'j>(item: &'j Json, at: &Path, r: &mut Report, op: &str) -> Option<&'j str> {
    let Some(members) = item.as_object() else {
        r.error(at, "batch.operation.type", format!("each of `{op}` must be an object, got {}", item.kind()));
        return None;
    };
    // Read directly (not through `Fields`) so the id stays borrowed from the batch.
    let id = match members.iter().rev().find(|(k, _)| *k == "id").map(|(_, v)| v) {
        Some(Json::String(id)) => *id,
        Some(other) => {
            r.error(&at.key("id"), "batch.id.type", format!("`id` must be a string, got {}", other.kind()));
            return None;
        }
        None => {
            r.error(at, "batch.id.required", "`id` is required: the record's identifier");
            return None;
        }
    };
    check_id(r, &at.key("id"), "batch.id", id);
    Some(id)
}

/// Identifiers become URL path segments (`/zones/{zone_id}/...`), so anything that could change
/// the path is refused outright; the 32-hex form every real id has is advice (strict: an error).
pub fn check_id(r: &mut Report, at: &Path, prefix: &'static str, id: &str) {
    // The common case first, in one pass: 32 hex characters has nothing to report.
    if id.len() == 32 && id.bytes().all(|b| HEX_DIGIT[usize::from(b)]) {
        return;
    }
    let code = |rule: &str| std::borrow::Cow::Owned(format!("{prefix}.{rule}"));
    let shown = crate::issue::shorten(id);
    if id.is_empty() {
        r.error(at, code("empty"), "the identifier is empty");
        return;
    }
    if id.chars().count() > ID_MAX {
        r.error(at, code("length"), format!("identifiers are at most {ID_MAX} characters; {shown:?} has {}", id.chars().count()));
    }
    if id == "." || id == ".." || id.chars().any(|c| c.is_control() || matches!(c, '/' | '\\' | '?' | '#' | '%' | ' ')) {
        r.error(at, code("unsafe"), format!("{shown:?} would change the request's URL path; identifiers are 32 hex characters"));
        return;
    }
    r.rfc(at, code("format"), format!("{shown:?} does not look like a Cloudflare identifier (32 hex characters)"));
}

/// `u8::is_ascii_hexdigit` as a table: one load per byte instead of three range tests, for the 32
/// bytes of every id of a batch.
static HEX_DIGIT: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).is_ascii_hexdigit();
        b += 1;
    }
    table
};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Op {
    Delete,
    Patch,
    Put,
}

/// Where each id was seen, to catch one record touched twice. Borrows the ids from the batch and
/// keeps positions, not pointers: pointers are only written out when there is something to say.
#[derive(Default)]
struct IdIndex<'j> {
    /// Ids compare case-insensitively (they are hex); lower-cased only when they need it.
    seen: FastMap<std::borrow::Cow<'j, str>, (Op, usize)>,
}

impl Op {
    fn array(self) -> &'static str {
        match self {
            Op::Delete => "deletes",
            Op::Patch => "patches",
            Op::Put => "puts",
        }
    }
}

impl<'j> IdIndex<'j> {
    fn note(&mut self, r: &mut Report, at: &Path, id: &'j str, op: Op, index: usize) {
        let key = if id.bytes().any(|b| b.is_ascii_uppercase()) {
            std::borrow::Cow::Owned(id.to_ascii_lowercase())
        } else {
            std::borrow::Cow::Borrowed(id)
        };
        let (first_op, first_index) = match self.seen.entry(key) {
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert((op, index));
                return;
            }
            std::collections::hash_map::Entry::Occupied(seen) => *seen.get(),
        };
        let first_at = format!("/{}/{first_index}", first_op.array());
        if first_op == Op::Delete {
            // Deletes run first, and in array order, so the record is gone before this operation
            // runs: a second delete of it fails like a patch or put of it (81044).
            let why = if op == Op::Delete { "deletes run in array order" } else { "deletes run before patches and puts" };
            r.error(at, "batch.id.deleted", format!("record {id} is deleted earlier in this batch ({first_at}); {why}, so this would fail (81044)"));
        } else {
            // UNCONFIRMED how the API treats one id in two operations; flag it, do not refuse.
            r.warn(at, "batch.id.duplicate", format!("record {id} is also changed at {first_at}"));
        }
    }
}

fn check_size(r: &mut Report, params: &BatchParams, members: &[(&str, Json)]) {
    let count = params.operation_count();
    // Count what was sent, including operations that had issues, so the limit is judged on the
    // batch as written. UNCONFIRMED whether deletes count toward the limit; counting them is the
    // safe reading (it never lets an over-limit batch through).
    let written: usize = ["deletes", "patches", "puts", "posts"]
        .iter()
        .filter_map(|k| members.iter().rev().find(|(key, _)| key == k))
        .map(|(_, v)| if let Json::Array(a) = v { a.len() } else { 0 })
        .sum::<usize>()
        .max(count);
    let limit = match r.options.plan {
        Some(Plan::Free) => BATCH_LIMIT_FREE,
        _ => BATCH_LIMIT_PAID,
    };
    if written > limit {
        let plan = r.options.plan.map_or("any", Plan::name);
        r.error(&Path::Root, "batch.size", format!("{written} operations; a batch on the {plan} plan holds at most {limit}"));
    } else if written > BATCH_LIMIT_FREE && r.options.plan.is_none() {
        r.warn(&Path::Root, "batch.size.plan", format!("{written} operations: Free zones take at most {BATCH_LIMIT_FREE} per batch (paid plans {BATCH_LIMIT_PAID})"));
    }
    if written == 0 {
        // UNCONFIRMED what the API answers to an empty batch.
        r.warn(&Path::Root, "batch.empty", "the batch has no operations");
    }
    if params.include_shadow_metadata == Some(true) && written > SHADOW_METADATA_LIMIT {
        r.warn(&Path::Root.key("include_shadow_metadata"), "batch.shadow-metadata", format!("shadow metadata is only computed for batches of at most {SHADOW_METADATA_LIMIT} records"));
    }
}

/// A record the batch writes whole (a put or a post): it is at its name once the batch has run.
struct Placed<'j> {
    /// `puts` or `posts`.
    array: &'static str,
    /// Index in that array.
    index: usize,
    name: std::borrow::Cow<'j, str>,
    kind: RecordType,
    /// A TXT record's content as Cloudflare stores it, in characters; 0 for other kinds.
    txt_chars: usize,
}

impl<'j> Placed<'j> {
    fn of(item: &'j Json, array: &'static str, index: usize, kind: Option<RecordType>) -> Option<Placed<'j>> {
        let kind = kind?;
        let name = fold_name(item.get("name").and_then(Json::as_str)?);
        let txt_chars = match (kind, item.get("content").and_then(Json::as_str)) {
            (RecordType::TXT, Some(content)) => stored_txt_chars(content),
            _ => 0,
        };
        Some(Placed { array, index, name, kind, txt_chars })
    }

    fn pointer(&self) -> String {
        format!("/{}/{}", self.array, self.index)
    }
}

/// The characters of TXT `content` once stored: quoted content as sent, unquoted content as
/// Cloudflare quotes it (in strings of at most 255 bytes; reference §3, TXT).
fn stored_txt_chars(content: &str) -> usize {
    if content.trim_start().starts_with('"') {
        crate::record::common::char_count(content)
    } else {
        crate::record::common::char_count(&crate::record::txt::quote(content))
    }
}

/// The form two owner names are compared in: ASCII (Punycode), lower case, no trailing dot, so
/// `Bücher.example.com.` and `xn--bcher-kva.example.com` are one name. Borrowed when the name is
/// already in that form (the usual case).
fn fold_name(name: &str) -> std::borrow::Cow<'_, str> {
    let name = name.trim_end_matches('.');
    if name.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        return std::borrow::Cow::Borrowed(name);
    }
    std::borrow::Cow::Owned(crate::name::to_ascii(name).map_or_else(|| crate::name::to_lowercase(name), |a| a.to_ascii_lowercase()))
}

/// Name-level rules among the records this batch puts and posts (they are all at their names once
/// it has run; records already in the zone are not known here).
fn check_names(r: &mut Report, posts: &[Placed]) {
    use crate::issue::Severity::{Error, Warning};
    // Only names posted more than once form a group (most names are posted once, and a group
    // each would be an allocation each). Groups come in order of first appearance, so the issues
    // come back in the same order every run.
    let mut first_at: FastMap<&str, usize> = FastMap::default();
    first_at.reserve(posts.len());
    let mut group_of: FastMap<&str, usize> = FastMap::default();
    let mut groups: Vec<Vec<&Placed>> = Vec::new();
    for (position, p) in posts.iter().enumerate() {
        let name = p.name.as_ref();
        let Some(&first) = first_at.get(name) else {
            first_at.insert(name, position);
            continue;
        };
        match group_of.get(name) {
            Some(&g) => {
                if let Some(group) = groups.get_mut(g) {
                    group.push(p);
                }
            }
            None => {
                group_of.insert(name, groups.len());
                groups.push(posts.get(first).into_iter().chain(std::iter::once(p)).collect());
            }
        }
    }
    groups.sort_by_key(|g| g.first().map(|p| (p.array == "posts", p.index)));
    let apex = common_suffix(posts);
    for group in &groups {
        if let Some(first) = group.iter().find(|p| p.kind == RecordType::CNAME) {
            for p in group.iter().filter(|p| p.index != first.index) {
                match p.kind {
                    RecordType::A | RecordType::AAAA | RecordType::CNAME => r.at_pointer(
                        &p.pointer(),
                        "batch.cname.conflict",
                        Error,
                        format!("{} at {:?} conflicts with the CNAME at {} (API error 81053/81054)", p.kind, p.name, first.pointer()),
                    ),
                    // Cloudflare documents only the A/AAAA/CNAME clash; RFC 1034 forbids any other
                    // data beside a CNAME. UNCONFIRMED whether the API refuses it, so RFC advice.
                    _ => {
                        let severity = r.rfc_severity();
                        r.at_pointer(
                            &p.pointer(),
                            "batch.cname.coexist",
                            severity,
                            format!("{} at {:?} sits beside the CNAME at {}; a CNAME name can hold no other data (RFC 1034)", p.kind, p.name, first.pointer()),
                        )
                    }
                }
            }
        }
        // The group is in the order the records are written (puts, then posts).
        let Some((first_ns, ns)) = group.iter().enumerate().find(|(_, p)| p.kind == RecordType::NS) else { continue };
        for (i, p) in group.iter().enumerate() {
            match p.kind {
                RecordType::DS if i < first_ns => r.at_pointer(
                    &p.pointer(),
                    "batch.ds.order",
                    Warning,
                    format!("the DS at {:?} is posted before its NS ({}); post the NS first", p.name, ns.pointer()),
                ),
                RecordType::NS | RecordType::DS => {}
                // At the apex, NS records sit beside the zone's other records.
                _ if p.name == "@" => {}
                _ if may_be_apex(&p.name, &apex) => r.at_pointer(
                    &p.pointer(),
                    "batch.ns.coexist",
                    Warning,
                    format!(
                        "{} at {:?} sits beside the NS at {}: allowed only if {:?} is the zone's apex (write the apex as `@`); below it, NS shares its name with no other type (API error 81056)",
                        p.kind, p.name, ns.pointer(), p.name
                    ),
                ),
                _ => r.at_pointer(
                    &p.pointer(),
                    "batch.ns.conflict",
                    Error,
                    format!("{} at {:?} sits at the delegation made by the NS at {}; NS shares its name with no other type but DS (API error 81056)", p.kind, p.name, ns.pointer()),
                ),
            }
        }
    }
}

/// Whether `name` may be the zone's apex, which this check cannot know (it sees only the zone's
/// id). Every name of a zone is at or below its apex, so a fully qualified name is taken as
/// possibly the apex when every dotted name of the batch is at or below it (`apex`, the longest
/// such suffix). A name of one label is relative (`sub` is `sub.<zone>`), never the apex.
fn may_be_apex(name: &str, apex: &Option<&str>) -> bool {
    name.contains('.') && *apex == Some(name)
}

/// The longest name that every dotted name in `placed` is at or below (label-wise), if any.
fn common_suffix<'p>(placed: &'p [Placed]) -> Option<&'p str> {
    let mut suffix: Option<&str> = None;
    for p in placed.iter().filter(|p| p.name.contains('.')) {
        let name = p.name.as_ref();
        let mut s = match suffix {
            None => name,
            Some(s) => s,
        };
        while !is_at_or_below(name, s) {
            s = s.split_once('.')?.1;
        }
        suffix = Some(s);
    }
    suffix
}

fn is_at_or_below(name: &str, above: &str) -> bool {
    name == above || (name.len() > above.len() && name.ends_with(above) && name.as_bytes().get(name.len() - above.len() - 1) == Some(&b'.'))
}

/// Cloudflare caps the TXT content at one name at 8,192 characters in all (API error 83011). Only
/// the records this batch puts or posts are known here (not those already in the zone), so this
/// finds a batch that alone goes over. Reported once per name, at the record that goes over.
fn check_txt_length(r: &mut Report, placed: &[Placed]) {
    let mut totals: FastMap<&str, usize> = FastMap::default();
    for p in placed.iter().filter(|p| p.kind == RecordType::TXT) {
        let total = totals.entry(p.name.as_ref()).or_insert(0);
        let before = *total;
        *total += p.txt_chars;
        if before <= TXT_NAME_MAX_CHARS && *total > TXT_NAME_MAX_CHARS {
            r.at_pointer(
                &format!("{}/content", p.pointer()),
                "batch.txt.combined-length",
                crate::issue::Severity::Error,
                format!(
                    "the TXT records at {:?} hold {} characters of content with this one; Cloudflare allows {TXT_NAME_MAX_CHARS} in all at one name (API error 83011)",
                    p.name, *total
                ),
            );
        }
    }
}
