//! The fields every record shares (`name`, `ttl`, `proxied`, `comment`, `tags`, `settings`,
//! `private_routing`) and reading one whole record: its type, its common fields, its value.

use compact_str::CompactString;
use super::fields::{bit, nearest, Fields, Mode};
use super::presentation::{char_count, has_line_break};
use super::{check_value, RecordType};
use crate::issue::{Path, Plan, Report};
use crate::json::Json;
use crate::name::{self, NameUse};
use serde::Serialize;

/// Fields every record kind shares. All optional here: which are required depends on the
/// operation (a post needs `name`; a patch needs none of them).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct CommonFields {
    /// The record's name: fully qualified (`www.example.com`), relative to the zone (`www`), or `@`
    /// for the apex. Unicode names are stored in Punycode.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(optional, type = "string"))]
    pub name: Option<CompactString>,
    /// Time to live in seconds: 1 means automatic; otherwise 60–86400 (30–86400 on Enterprise).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub ttl: Option<u32>,
    /// Whether traffic goes through Cloudflare's proxy (A, AAAA and CNAME only).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub proxied: Option<bool>,
    /// A note for people: at most 100 characters on Free, 500 on paid plans; no line breaks.
    /// `null` clears it.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(optional, type = "string | null"))]
    pub comment: Option<Option<CompactString>>,
    /// `name:value` tags (paid plans): at most 20, names of letters, digits, `_` and `-` up to 32
    /// characters, values up to 100 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(optional, type = "string[]"))]
    pub tags: Option<Vec<CompactString>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub settings: Option<Settings>,
    /// Private network routing to the origin (A and AAAA only, proxied, Enterprise beta).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub private_routing: Option<bool>,
}

/// Per-record settings.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct Settings {
    /// Answer only with A records (proxied records only).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub ipv4_only: Option<bool>,
    /// Answer only with AAAA records (proxied records only).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub ipv6_only: Option<bool>,
    /// Flatten this CNAME (CNAME only, paid plans, not with `proxied`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub flatten_cname: Option<bool>,
}

/// The [`bit`]s of [`COMMON_FIELDS`].
fn common_bits() -> u64 {
    COMMON_FIELDS.iter().fold(0, |bits, key| bits | bit(key))
}

pub const COMMON_FIELDS: [&str; 8] = ["type", "name", "ttl", "proxied", "comment", "tags", "settings", "private_routing"];

/// Fields that appear only in responses. Sending them back (a record copied from a listing) is
/// harmless but does nothing, so they get a warning of their own rather than "did you mean".
const RESPONSE_ONLY: [&str; 10] = [
    "proxiable",
    "created_on",
    "modified_on",
    "comment_modified_on",
    "tags_modified_on",
    "meta",
    "zone_id",
    "zone_name",
    "locked",
    "id",
];

/// Whether `key` is one of [`COMMON_FIELDS`], as a `match` (a length test and a few bytes): every
/// member of every record is asked this.
fn is_common_field(key: &str) -> bool {
    matches!(key, "type" | "name" | "ttl" | "proxied" | "comment" | "tags" | "settings" | "private_routing")
}

pub const TTL_AUTO: i64 = 1;
pub const TTL_MAX: i64 = 86_400;
pub const COMMENT_MAX_FREE: usize = 100;
pub const COMMENT_MAX_PAID: usize = 500;
pub const TAGS_MAX: usize = 20;
pub const TAG_NAME_MAX: usize = 32;
pub const TAG_VALUE_MAX: usize = 100;
/// How many earlier tags a tag is compared with to find duplicates.
const DUPLICATE_WINDOW: usize = 64;

/// What checking one record found beyond its issues.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RecordCheck {
    /// The record's kind, when it names one.
    pub kind: Option<RecordType>,
    /// Whether the kind's value broke no rule, counting rules `disable` silences (the zone writer
    /// writes only such records).
    pub value_clean: bool,
}

/// Checks one record object: every issue goes to `r`; nothing is copied out. `extra_known` lists
/// fields the operation adds (`id`). `None` when the record is not an object.
pub(crate) fn check_record(value: &Json, at: &Path, r: &mut Report, mode: Mode, extra_known: &[&str]) -> Option<RecordCheck> {
    let Some(members) = value.as_object() else {
        r.error(at, "record.type-of-record", format!("a record must be an object, got {}", value.kind()));
        return None;
    };
    check_record_fields(&Fields::new(members, at, "record", mode), r, mode, extra_known)
}

/// [`check_record`] of a record object's members, indexed already (`Fields` under the `record`
/// prefix), so a caller that types the record next reads the same index.
pub(crate) fn check_record_fields(rec: &Fields, r: &mut Report, mode: Mode, extra_known: &[&str]) -> Option<RecordCheck> {
    let kind = read_type(rec, r);
    let shared = check_common(rec, r, kind);

    // The kind's own fields carry the kind's code prefix (`srv.data.port.range`).
    let owner = rec.get("name").and_then(Json::as_str);
    let mut value_clean = false;
    if let Some(kind) = kind {
        let broken_before = r.error_count() + r.silenced_error_count();
        check_value(kind, &rec.with_prefix(kind.code()), r, owner);
        value_clean = r.error_count() + r.silenced_error_count() == broken_before;
        check_fields_for_kind(rec, r, kind, shared);
    } else if mode == Mode::Partial && matches!(rec.get("type"), None | Some(Json::Null)) {
        // A patch that names no kind still sends its `content` and `priority`: whatever the kind,
        // they are text and a 16-bit number, or the API refuses the batch.
        rec.opt_string(r, "content");
        rec.opt_integer(r, "priority", 0, 65_535);
    }
    check_unknown(rec, r, kind, extra_known);
    Some(RecordCheck { kind, value_clean })
}

fn read_type(rec: &Fields, r: &mut Report) -> Option<RecordType> {
    let text = rec.string(r, "type", "the record type, e.g. \"A\" or \"TXT\"")?;
    if let Some(kind) = RecordType::from_name(text) {
        return Some(kind);
    }
    let at = rec.at.key("type");
    let upper = text.to_ascii_uppercase();
    if let Some(kind) = RecordType::from_name(&upper) {
        // Record types are case-insensitive in DNS; the API's own enum is upper-case, and the
        // request is built from the typed record, so the upper-case form is what gets sent.
        r.warn(&at, "record.type.case", format!("record types are written in upper case: use {:?}, not {text:?}", kind.as_str()));
        return Some(kind);
    }
    // `nearest` folds the typed key to lower case, so it is matched against lower-case names.
    let names: Vec<&str> = RecordType::ALL.iter().map(|t| t.code()).collect();
    let hint = match upper.as_str() {
        "SPF" => "; SPF records are published as TXT".to_string(),
        "ALIAS" | "ANAME" => "; at the apex, use a CNAME (Cloudflare flattens it)".to_string(),
        _ => nearest(text, &names).map(|n| format!("; did you mean {}?", n.to_ascii_uppercase())).unwrap_or_default(),
    };
    r.error(
        &at,
        "record.type.unknown",
        format!("{:?} is not one of the 21 record types the API accepts{hint}", crate::issue::shorten(text)),
    );
    None
}

/// The common fields the kind's rules look at ([`check_fields_for_kind`]).
#[derive(Clone, Copy)]
struct Shared {
    proxied: Option<bool>,
    private_routing: Option<bool>,
}

/// Checks the common fields.
fn check_common(rec: &Fields, r: &mut Report, kind: Option<RecordType>) -> Shared {
    let plan = r.options.plan;
    let name = rec.string(r, "name", "the record name, e.g. \"www.example.com\" or \"@\"");
    if let Some(n) = name {
        let at = rec.at.key("name");
        name::check(r, &at, "record.name", n, NameUse::Owner);
    }

    let proxied = rec.opt_bool(r, "proxied");
    check_ttl(rec, r, plan, proxied);

    if !matches!(rec.get("comment"), None | Some(Json::Null)) {
        if let Some(c) = rec.opt_string(r, "comment") {
            check_comment(r, &rec.at.key("comment"), c, plan);
        }
    }

    check_tags(rec, r, plan);
    check_settings(rec, r, kind, proxied);
    let private_routing = rec.opt_bool(r, "private_routing");

    Shared { proxied, private_routing }
}

fn check_ttl(rec: &Fields, r: &mut Report, plan: Option<Plan>, proxied: Option<bool>) {
    let Some(ttl) = rec.opt_integer(r, "ttl", i64::MIN, i64::MAX) else { return };
    let at = rec.at.key("ttl");
    let floor = if plan == Some(Plan::Enterprise) || plan.is_none() { 30 } else { 60 };
    if ttl != TTL_AUTO && !(floor..=TTL_MAX).contains(&ttl) {
        r.error(
            &at,
            "record.ttl.range",
            format!("TTL {ttl} is out of range: use 1 (automatic) or {floor}–{TTL_MAX} seconds"),
        );
        return;
    }
    if plan.is_none() && (30..60).contains(&ttl) {
        r.warn(&at, "record.ttl.plan", format!("TTL {ttl} is below 60 seconds, which only Enterprise zones accept"));
    }
    // UNCONFIRMED whether the API rejects or rewrites a non-automatic TTL on a proxied record; the
    // docs say proxied records always use automatic TTL. A warning cannot lose data either way.
    if proxied == Some(true) && ttl != TTL_AUTO {
        r.warn(&at, "record.ttl.proxied", format!("proxied records always use automatic TTL; {ttl} has no effect (use 1)"));
    }
}

fn check_comment(r: &mut Report, at: &Path, comment: &str, plan: Option<Plan>) {
    if has_line_break(comment) {
        r.error(at, "record.comment.newline", "a comment cannot contain line breaks");
    }
    let len = char_count(comment);
    if len > COMMENT_MAX_PAID {
        r.error(at, "record.comment.length", format!("the comment is {len} characters; the limit is {COMMENT_MAX_PAID}"));
    } else if len > COMMENT_MAX_FREE {
        match plan {
            Some(Plan::Free) => r.error(
                at,
                "record.comment.length",
                format!("the comment is {len} characters; Free zones allow {COMMENT_MAX_FREE}"),
            ),
            None => r.warn(
                at,
                "record.comment.plan",
                format!("the comment is {len} characters: Free zones allow {COMMENT_MAX_FREE}, paid plans {COMMENT_MAX_PAID}"),
            ),
            Some(_) => {}
        }
    }
}

fn check_tags(rec: &Fields, r: &mut Report, plan: Option<Plan>) {
    let value = match rec.get("tags") {
        None | Some(Json::Null) => return,
        Some(v) => v,
    };
    let at = rec.at.key("tags");
    let Json::Array(items) = value else {
        r.error(&at, "record.tags.type", format!("`tags` must be an array of \"name:value\" strings, got {}", value.kind()));
        return;
    };
    if !items.is_empty() {
        match plan {
            Some(Plan::Free) => r.error(&at, "record.tags.plan", "Free zones cannot have tags (quota 0, API error 9300)"),
            None => r.warn(&at, "record.tags.plan", "tags need a paid plan; a Free zone rejects them (API error 9300)"),
            Some(_) => {}
        }
    }
    if items.len() > TAGS_MAX {
        r.error(&at, "record.tags.count", format!("{} tags; a record has at most {TAGS_MAX}", items.len()));
    }
    for (i, item) in items.iter().enumerate() {
        let at = at.index(i);
        let Some(tag) = item.as_str() else {
            r.error(&at, "record.tags.type", format!("a tag must be a \"name:value\" string, got {}", item.kind()));
            continue;
        };
        let (tag_name, tag_value) = match tag.split_once(':') {
            Some(parts) => parts,
            None => {
                // UNCONFIRMED whether the JSON API accepts a tag without a colon; "name:" is the
                // documented form, so advise it without refusing.
                r.warn(&at, "record.tags.format", format!("tag {:?} has no `:`; write \"{}:\" for a tag without a value", crate::issue::shorten(tag), crate::issue::shorten(tag)));
                (tag, "")
            }
        };
        if tag_name.is_empty()
            || char_count(tag_name) > TAG_NAME_MAX
            || !tag_name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        {
            r.error(
                &at,
                "record.tags.name",
                format!("tag name {:?} must be 1–{TAG_NAME_MAX} letters, digits, `_` or `-`", crate::issue::shorten(tag_name)),
            );
        }
        if char_count(tag_value) > TAG_VALUE_MAX {
            r.error(&at, "record.tags.value", format!("the value of tag {tag_name:?} is longer than {TAG_VALUE_MAX} characters"));
        }
        if has_line_break(tag_value) {
            r.error(&at, "record.tags.value", format!("the value of tag {tag_name:?} contains a line break"));
        }
        if tag_name.get(..3).is_some_and(|p| p.eq_ignore_ascii_case("cf-")) {
            // UNCONFIRMED whether the API refuses them; `cf-` tags are reserved in zone-file import.
            r.warn(&at, "record.tags.reserved", format!("tag names starting with `cf-` are reserved by Cloudflare ({tag_name:?})"));
        }
        // Compared with the tags before it, without folding copies. Only the first few dozen are
        // compared: more than TAGS_MAX is refused above, and a hostile list of a million tags must
        // not make this quadratic.
        let earlier = items.get(..i).unwrap_or_default().iter().take(DUPLICATE_WINDOW).filter_map(Json::as_str);
        if earlier.map(|t| t.split(':').next().unwrap_or(t)).any(|n| n.eq_ignore_ascii_case(tag_name)) {
            r.warn(&at, "record.tags.duplicate", format!("tag name {tag_name:?} appears twice (tag names are case-insensitive)"));
        }
    }
}

fn check_settings(rec: &Fields, r: &mut Report, kind: Option<RecordType>, proxied: Option<bool>) {
    if matches!(rec.get("settings"), None | Some(Json::Null)) {
        return;
    }
    rec.object(r, "settings", "record.settings", "", |s, r| {
        let settings = Settings {
            ipv4_only: s.opt_bool(r, "ipv4_only"),
            ipv6_only: s.opt_bool(r, "ipv6_only"),
            flatten_cname: s.opt_bool(r, "flatten_cname"),
        };
        s.unknown_fields(r, &["ipv4_only", "ipv6_only", "flatten_cname"], "settings");
        if settings.ipv4_only == Some(true) && settings.ipv6_only == Some(true) {
            r.error(s.at, "record.settings.ip-only-conflict", "`ipv4_only` and `ipv6_only` cannot both be true");
        }
        if (settings.ipv4_only == Some(true) || settings.ipv6_only == Some(true)) && proxied != Some(true) {
            r.warn(s.at, "record.settings.ip-only-unproxied", "`ipv4_only` and `ipv6_only` only affect proxied records");
        }
        if settings.flatten_cname.is_some() {
            let at = s.at.key("flatten_cname");
            if kind.is_some_and(|k| k != RecordType::CNAME) {
                r.error(&at, "record.settings.flatten-cname", "`flatten_cname` applies to CNAME records only");
            } else if settings.flatten_cname == Some(true) && proxied == Some(true) {
                r.error(&at, "record.settings.flatten-proxied", "proxied CNAMEs are always flattened; `flatten_cname` cannot be set with `proxied`");
            }
        }
        Some(())
    });
}

/// Rules that tie common fields to the record's kind.
fn check_fields_for_kind(rec: &Fields, r: &mut Report, kind: RecordType, common: Shared) {
    if common.proxied == Some(true) && !kind.proxiable() {
        r.error(
            &rec.at.key("proxied"),
            "record.proxied.not-proxiable",
            format!("{kind} records cannot be proxied; only A, AAAA and CNAME can (API error 9004)"),
        );
    }
    if let Some(pr) = common.private_routing {
        let at = rec.at.key("private_routing");
        if !matches!(kind, RecordType::A | RecordType::AAAA) {
            r.error(&at, "record.private_routing.kind", format!("`private_routing` applies to A and AAAA records only, not {kind}"));
        } else if pr && common.proxied != Some(true) {
            r.error(&at, "record.private_routing.unproxied", "`private_routing` needs `proxied: true`");
        }
    }
    if kind.uses_data() && rec.has("content") {
        r.warn(
            &rec.at.key("content"),
            "record.content.data-kind",
            format!("{kind} records are sent as `data`; `content` is only in responses and the API ignores it"),
        );
    }
    if !kind.has_top_level_priority() && rec.has("priority") {
        let where_ = if kind.uses_data() { "; set `data.priority` instead" } else { "" };
        r.warn(
            &rec.at.key("priority"),
            "record.priority.ignored",
            format!("top-level `priority` is only for MX and URI records; the API ignores it for {kind}{where_}"),
        );
    }
}

fn check_unknown(rec: &Fields, r: &mut Report, kind: Option<RecordType>, extra_known: &[&str]) {
    let value_fields: &[&str] = match kind {
        Some(k) => k.value_fields(),
        None => &["content", "data", "priority"],
    };
    // The common case at once: every key is one the loop below passes over without a word (the
    // common fields, the operation's own, `content` and `priority` on any kind (reported
    // elsewhere when wrong), and `data` where the kind sends `data` or the kind is unknown).
    let mut quiet = common_bits() | bit("content") | bit("priority");
    if kind.is_none_or(RecordType::uses_data) {
        quiet |= bit("data");
    }
    for key in extra_known {
        quiet |= bit(key);
    }
    if rec.has_only(quiet) {
        return;
    }
    for (key, _) in rec.members {
        let key: &str = key;
        if is_common_field(key) || value_fields.contains(&key) || extra_known.contains(&key) {
            continue;
        }
        // `content` and top-level `priority` on the wrong kind were reported above.
        if matches!(key, "content" | "priority" | "data") {
            if key == "data" {
                if let Some(k) = kind {
                    r.warn(&rec.at.key("data"), "record.data.content-kind", format!("{k} records are sent as `content`; the API ignores `data`"));
                }
            }
            continue;
        }
        let at = rec.at.key(key);
        if RESPONSE_ONLY.contains(&key) {
            r.warn(&at, "record.response-field", format!("`{key}` is a response field here; the API ignores it"));
            continue;
        }
        let mut known: Vec<&str> = COMMON_FIELDS.to_vec();
        known.extend_from_slice(value_fields);
        known.extend_from_slice(extra_known);
        let hint = nearest(key, &known).map(|k| format!("; did you mean `{k}`?")).unwrap_or_default();
        r.warn(
            &at,
            "record.unknown-field",
            format!("`{}` is not a field of this record; the API ignores it{hint}", crate::issue::shorten(key)),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_common_field_test_agrees_with_the_list() {
        for field in COMMON_FIELDS {
            assert!(is_common_field(field), "{field}");
        }
        for other in ["content", "data", "priority", "id", "Type", "ttl:", ""] {
            assert!(!is_common_field(other), "{other}");
        }
    }
}
