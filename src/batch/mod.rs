//! A whole batch: `{ zone_id, deletes, patches, puts, posts }`, shaped exactly like the official
//! SDK's `client.dns.records.batch(params)`, and the checks that span operations.

mod ids;
mod names;
mod params;

use compact_str::CompactString;
use crate::issue::{Issue, Path, Plan, Report, ValidateOptions};
use crate::json::Json;
use crate::record::common::check_record;
use crate::record::fields::{nearest, Fields, Mode};
use crate::record::{CommonFields, Record, RecordType};
use ids::{read_op_id, IdIndex, Op};
use names::{check_names, check_txt_length, Placed};
use serde::Serialize;

pub use ids::check_id;

/// The maps of one batch's ids and names. Keys are short strings from the batch itself, so FxHash
/// serves: SipHash's flooding resistance protects nothing here, and it and `RandomState` cost time
/// and WebAssembly size.
type FastMap<K, V> = rustc_hash::FxHashMap<K, V>;

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
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct DeleteParam {
    #[cfg_attr(feature = "ts", tsify(type = "string"))]
    pub id: CompactString,
}

/// A put: the whole record replaces the one with this `id`; fields left out take their defaults.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PutParam {
    pub id: CompactString,
    #[serde(flatten)]
    pub record: Record,
}

/// A patch: `id` and only the fields that change.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PatchParam {
    pub id: CompactString,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub record_type: Option<RecordType>,
    #[serde(flatten)]
    pub common: CommonFields,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content: Option<CompactString>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub priority: Option<u16>,
    /// Kept as given: a patch may carry part of a kind's `data` (checked field by field).
    #[serde(skip_serializing_if = "Option::is_none")]
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

/// A validated batch, ready to become a request body.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct BatchParams {
    #[serde(skip)]
    pub zone_id: String,
    #[serde(skip)]
    pub include_shadow_metadata: Option<bool>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub deletes: Vec<DeleteParam>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub patches: Vec<PatchParam>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub puts: Vec<PutParam>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub posts: Vec<Record>,
}

impl BatchParams {
    /// The JSON body on the wire: the four arrays, without `zone_id` (a path parameter).
    pub fn body(&self) -> String {
        // Serialising strings, numbers and booleans into a String cannot fail.
        serde_json::to_string(self).unwrap_or_default()
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

/// Validates batch params already parsed: every issue (the same as [`check`]), and, when none is
/// an error, the typed batch ([`params`]).
pub fn validate(json: &Json, options: &ValidateOptions) -> Validated {
    let walk = walk(json, options);
    let mut issues = walk.checked.issues;
    if !walk.checked.sendable {
        return Validated { issues, params: None };
    }
    let mut r = Report::new(options);
    let head = (walk.checked.zone_id, walk.checked.include_shadow_metadata);
    let params = params::typed(json, head).map_err(|(array, index)| unreadable(&mut r, &format!("/{array}/{index}"), walk.silenced)).ok();
    issues.append(&mut r.issues);
    Validated { issues, params: params.filter(|_| r.error_count() == 0) }
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
    walk(json, options).checked
}

/// [`check`] of batch params given as JSON text.
pub fn check_json(text: &str, options: &ValidateOptions) -> Checked {
    crate::json::with_arena(|arena| match Json::parse(text, arena) {
        Ok(json) => check(&json, options),
        Err(e) => Checked { issues: not_json(&e, options), sendable: false, zone_id: String::new(), include_shadow_metadata: None },
    })
}

/// What the walk found: the check, and the whole records (array, index) whose value broke a rule,
/// counting rules `disable` silences (only [`validate`] needs these; nearly always none).
struct Walk {
    checked: Checked,
    /// Errors were raised that `disable` silenced: the reason an operation may have no typed form.
    silenced: bool,
}

/// The walk behind [`validate`] and [`check`]: every rule, once, reporting every issue. It copies
/// nothing out of the batch but the zone id.
fn walk(json: &Json, options: &ValidateOptions) -> Walk {
    let mut r = Report::new(options);
    let root = Path::Root;
    let mut checked = Checked { issues: Vec::new(), sendable: false, zone_id: String::new(), include_shadow_metadata: None };
    let Some(members) = json.as_object() else {
        r.error(&root, "batch.type", format!("batch params must be an object, got {}", json.kind()));
        checked.issues = r.issues;
        return Walk { checked, silenced: false };
    };
    let top = Fields::new(members, &root, "batch", Mode::Full);

    if let Some(zone_id) = top.string(&mut r, "zone_id", "the zone's identifier (32 hex characters)") {
        check_id(&mut r, &root.key("zone_id"), "batch.zone_id", zone_id);
        checked.zone_id = zone_id.to_string();
    }
    checked.include_shadow_metadata = top.opt_bool(&mut r, "include_shadow_metadata");
    for (key, _) in members {
        if !TOP_LEVEL.contains(key) {
            let hint = nearest(key, &TOP_LEVEL).map(|k| format!("; did you mean `{k}`?")).unwrap_or_default();
            r.warn(&root.key(key), "batch.unknown-field", format!("`{}` is not part of a batch; the API ignores it{hint}", crate::issue::shorten(key)));
        }
    }

    // (At most a full batch's worth of room: a hostile array of a million `{}` must not reserve a
    // million entries before the size check refuses it.)
    let written = |key: &str| match top.get(key) {
        Some(Json::Array(items)) => items.len().min(BATCH_LIMIT_PAID),
        _ => 0,
    };
    let mut ids = IdIndex::default();
    ids.seen.reserve(written("deletes") + written("patches") + written("puts"));
    for_each_item(&top, &mut r, "deletes", |item, i, at, r| {
        let id = read_op_id(item, at, r, "deletes")?;
        ids.note(r, at, id, Op::Delete, i);
        Some(())
    });
    let mut typed_patches: Vec<usize> = Vec::new();
    for_each_item(&top, &mut r, "patches", |item, i, at, r| {
        let id = read_op_id(item, at, r, "patches");
        let record = check_record(item, at, r, Mode::Partial, &["id"])?;
        let id = id?;
        ids.note(r, at, id, Op::Patch, i);
        if record.kind.is_some() {
            typed_patches.push(i);
        }
        check_patch(item, at, r, record.kind);
        Some(())
    });
    // The records the batch writes whole (puts, then posts: the order they run in), by name.
    let mut placed: Vec<Placed> = Vec::with_capacity(written("puts") + written("posts"));
    for_each_item(&top, &mut r, "puts", |item, i, at, r| {
        let id = read_op_id(item, at, r, "puts");
        let record = check_record(item, at, r, Mode::Full, &["id"])?;
        let id = id?;
        ids.note(r, at, id, Op::Put, i);
        if let Some(p) = Placed::of(item, "puts", i, record.kind) {
            placed.push(p);
        }
        Some(())
    });
    for_each_item(&top, &mut r, "posts", |item, i, at, r| {
        let record = check_record(item, at, r, Mode::Full, &[])?;
        if let Some(p) = Placed::of(item, "posts", i, record.kind) {
            placed.push(p);
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

    check_size(&mut r, checked.include_shadow_metadata, members);
    check_names(&mut r, &placed);
    check_txt_length(&mut r, &placed);

    checked.sendable = !r.has_errors();
    let silenced = r.silenced_error_count() > 0;
    checked.issues = r.issues;
    Walk { checked, silenced }
}

/// Validates one record on its own (as a post), for forms that check as the user types: every
/// issue, and the typed record when none is an error.
pub fn validate_record_json(json: &Json, options: &ValidateOptions) -> (Vec<Issue>, Option<Record>) {
    validate_record_at(json, &Path::Root, options)
}

/// [`validate_record_json`] of a record that stands at `at` in a larger input (a plan's
/// `/desired/3`): the issues' pointers start there.
pub(crate) fn validate_record_at(json: &Json, at: &Path, options: &ValidateOptions) -> (Vec<Issue>, Option<Record>) {
    let mut r = Report::new(options);
    let record = validate_record_into(json, at, &mut r);
    (r.issues, record)
}

/// [`validate_record_at`] into a report that other records share (a plan's desired records):
/// the typed record when this record added no error to `r`.
pub(crate) fn validate_record_into(json: &Json, at: &Path, r: &mut Report) -> Option<Record> {
    let (errors, silenced) = (r.error_count(), r.silenced_error_count());
    let Some(members) = json.as_object() else {
        check_record(json, at, r, Mode::Full, &[]);
        return None;
    };
    // One index of the record's members serves the check and the typing.
    let rec = crate::record::fields::Fields::new(members, at, "record", Mode::Full);
    crate::record::common::check_record_fields(&rec, r, Mode::Full, &[]);
    if r.error_count() > errors {
        return None;
    }
    let record = crate::record::typed::record_of(&rec);
    if record.is_none() {
        unreadable(r, &at.to_pointer(), r.silenced_error_count() > silenced);
    }
    record.filter(|_| r.error_count() == errors)
}

/// An operation that passed the check but has no faithful typed form is refused with an error of
/// its own rather than silently left out of the typed batch or changed: a field of the wrong type
/// that a rule `disable` silences let through (`silenced`), or (a defect) one the conversion could
/// not read. A value that broke a silenced rule but has its type is kept as sent.
fn unreadable(r: &mut Report, pointer: &str, silenced: bool) {
    let why = if silenced {
        "a field of this operation is not of its type and only a rule `disable` silences let it through, so no typed record can be built from it; the Rust API refuses it rather than leave the field out (the JS API sends the text as given)"
    } else {
        "this record's value could not be read (this is a defect in cf-dns-batch; please report it)"
    };
    r.at_pointer(pointer, "record.unreadable", crate::issue::Severity::Error, why.to_string());
}

/// The rules of a patch as a whole (its fields were checked by `check_record`).
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

/// The field names of a data kind's `data` (from the registry of kinds).
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


fn check_size(r: &mut Report, include_shadow_metadata: Option<bool>, members: &[(&str, Json)]) {
    // Count what was sent, including operations that had issues, so the limit is judged on the
    // batch as written. UNCONFIRMED whether deletes count toward the limit; counting them is the
    // safe reading (it never lets an over-limit batch through).
    let written: usize = ["deletes", "patches", "puts", "posts"]
        .iter()
        .filter_map(|k| members.iter().rev().find(|(key, _)| key == k))
        .map(|(_, v)| if let Json::Array(a) = v { a.len() } else { 0 })
        .sum::<usize>();
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
    if include_shadow_metadata == Some(true) && written > SHADOW_METADATA_LIMIT {
        r.warn(&Path::Root.key("include_shadow_metadata"), "batch.shadow-metadata", format!("shadow metadata is only computed for batches of at most {SHADOW_METADATA_LIMIT} records"));
    }
}

