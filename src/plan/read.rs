//! Reading a plan's inputs from JSON: the zone's records as the API lists them, the desired
//! records as a batch would post them, and the policy. Every record is typed by the validator
//! (`validate_record_json`), the same reader `batch()` uses, and nothing else.

use super::canonical::{owner_name, Canonical, Value};
use super::{plan_entries, ChangePlan, Entry, IgnoreRule, Policy, Scope, Typed};
use std::borrow::Cow;
use crate::batch::validate_record_json;
use crate::issue::{Issue, Plan, Severity, ValidateOptions};
use crate::json::{Arena, Json};
use crate::record::{CommonFields, Record, RecordType};

/// One typed record as an [`Entry`].
pub(crate) fn entry<'j>(index: usize, id: Option<&'j str>, record: Cow<'j, Record>, zone: &str) -> Entry<'j> {
    Entry { index, id, canonical: Canonical::of(&record, zone), typed: Typed::Record(record), listed: None }
}

/// [`super::plan`] of JSON text: `current` as `listRecords` gives it (an array of API records),
/// `desired` an array of records shaped like posts, `policy` an object (see [`read_policy`]).
pub fn plan_json(current: &str, desired: &str, policy: &str) -> ChangePlan {
    plan_utf8(current.as_bytes(), desired.as_bytes(), policy)
}

/// [`plan_json`] of UTF-8 bytes, as the WebAssembly boundary hands large texts over; bytes that
/// are not UTF-8 are the input's `json` issue.
pub fn plan_utf8(current: &[u8], desired: &[u8], policy: &str) -> ChangePlan {
    // The thread's kept arena, as the validator's: a zone's records fill megabytes of it, and
    // fresh pages on every call cost more than parsing into them.
    crate::json::with_arena(|arena| plan_in(current, desired, policy, arena))
}

fn plan_in(current: &[u8], desired: &[u8], policy: &str, arena: &Arena) -> ChangePlan {
    let mut issues = Vec::new();
    let policy = read_policy(policy, arena, &mut issues);
    let current_json = array(current, "current", arena, &mut issues);
    let desired_json = array(desired, "desired", arena, &mut issues);
    let zone = policy.zone.clone().or_else(|| current_json.iter().find_map(|r| r.get("zone_name").and_then(Json::as_str)).map(str::to_string)).unwrap_or_default();
    if zone.is_empty() && !desired_json.is_empty() {
        // Without the zone's name, `@` and one-label names (`www`) certainly cannot be resolved:
        // guessing would plan deletes and posts of records that are the same. Refused; longer
        // names may be fully qualified already, so they only get a warning.
        let mut refused = false;
        for (i, record) in desired_json.iter().enumerate() {
            let name = record.get("name").and_then(Json::as_str).unwrap_or_default();
            if name == "@" || !name.trim_end_matches('.').contains('.') {
                refused = true;
                issues.push(issue(
                    &format!("/desired/{i}/name"),
                    "plan.zone.unknown",
                    Severity::Error,
                    format!("{:?} is relative to the zone, whose name is not known: give the zone's name as `zone` in the policy", crate::issue::shorten(name)),
                ));
            }
        }
        if !refused {
            issues.push(issue(
                "/policy/zone",
                "plan.zone.unknown",
                Severity::Warning,
                "the zone's name is not known (no `zone` in the policy, no `zone_name` on the listed records): names are compared as written, so give fully qualified names or `zone`".into(),
            ));
        }
    }
    let lenient = ValidateOptions::default();
    let mut current = Vec::with_capacity(current_json.len());
    for (index, json) in current_json.iter().enumerate() {
        if let Some(e) = current_entry(index, json, arena, &zone, &lenient, &mut issues) {
            current.push(e);
        }
    }
    let mut desired = Vec::with_capacity(desired_json.len());
    for (index, json) in desired_json.iter().enumerate() {
        let (found, record) = validate_record_json(json, &policy.validate);
        issues.extend(found.into_iter().map(|mut i| {
            i.pointer.insert_str(0, &format!("/desired/{index}"));
            i
        }));
        if let Some(record) = record {
            desired.push(entry(index, None, Cow::Owned(record), &zone));
        }
    }
    let mut plan = plan_entries(current, desired, &policy, &zone, issues);
    if let Some(params) = plan.params.as_mut() {
        params.zone_id = policy.zone_id.clone().unwrap_or_default();
    }
    plan
}

fn array<'a>(bytes: &'a [u8], what: &'static str, arena: &'a Arena, issues: &mut Vec<Issue>) -> &'a [Json<'a>] {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let code = if what == "current" { "plan.current.json" } else { "plan.desired.json" };
            issues.push(issue(&format!("/{what}"), code, Severity::Error, format!("`{what}` is not valid JSON: it is not UTF-8 text ({e})")));
            return &[];
        }
    };
    match Json::parse(text, arena) {
        Ok(Json::Array(items)) => items,
        Ok(other) => {
            let code = if what == "current" { "plan.current.type" } else { "plan.desired.type" };
            issues.push(issue(&format!("/{what}"), code, Severity::Error, format!("`{what}` must be an array of records, got {}", other.kind())));
            &[]
        }
        Err(e) => {
            let code = if what == "current" { "plan.current.json" } else { "plan.desired.json" };
            issues.push(issue(&format!("/{what}"), code, Severity::Error, format!("`{what}` is not valid JSON: {e}")));
            &[]
        }
    }
}

/// A listed record. Types the package does not handle (SOA, and whatever the API adds) are
/// outside every plan: never compared, never deleted. A record the validator cannot type is
/// compared by its `content` text, with a warning.
fn current_entry<'j>(index: usize, json: &'j Json<'j>, arena: &'j Arena, zone: &str, lenient: &ValidateOptions, issues: &mut Vec<Issue>) -> Option<Entry<'j>> {
    let type_name = json.get("type").and_then(Json::as_str)?;
    // The API lists types in upper case: the copy in upper case is made only for another spelling.
    let kind = RecordType::from_name(type_name).or_else(|| RecordType::from_name(&type_name.to_ascii_uppercase()))?;
    let Some(id) = json.get("id").and_then(Json::as_str).filter(|id| !id.is_empty()) else {
        issues.push(issue(&format!("/current/{index}"), "plan.current.id", Severity::Error, "a listed record has no `id`, so it could not be updated or deleted; pass records as listRecords gives them".into()));
        return None;
    };
    let listed = |record: Record| Entry { index, id: Some(id), canonical: Canonical::of(&record, zone), typed: Typed::Record(Cow::Owned(record)), listed: Some(json) };
    // What the validator reports about a listed record is not shown (the zone holds it already),
    // so it reads only the fields a record is typed from: the response's own (`id`, `meta`,
    // `created_on`...) would each cost a warning that is thrown away.
    let (_, record) = validate_record_json(&request_fields(json, kind, arena), lenient);
    if let Some(record) = record {
        return Some(listed(record));
    }
    let name = json.get("name").and_then(Json::as_str).unwrap_or("@");
    let content = json.get("content").and_then(Json::as_str).unwrap_or_default();
    let common = CommonFields {
        name: Some(name.into()),
        ttl: json.get("ttl").and_then(number).and_then(|t| u32::try_from(t).ok()),
        proxied: match json.get("proxied") {
            Some(Json::Bool(b)) => Some(*b),
            _ => None,
        },
        comment: json.get("comment").map(|c| c.as_str().map(Into::into)),
        tags: match json.get("tags") {
            Some(Json::Array(tags)) => Some(tags.iter().filter_map(Json::as_str).map(Into::into).collect()),
            _ => None,
        },
        ..CommonFields::default()
    };
    // The presentation form the API lists beside `data` is read as a zone file would be (a key
    // split over white space, say); the typed record then compares like any other.
    if let Ok(data) = crate::record::RecordData::from_content(kind, content) {
        return Some(listed(Record { common, data }));
    }
    issues.push(issue(
        &format!("/current/{index}"),
        "plan.current.unreadable",
        Severity::Warning,
        format!("the listed {kind} record {} ({}) does not pass validation; it is compared by its text, so it stays only if a desired record is written the same way", crate::issue::shorten(name), crate::issue::shorten(content)),
    ));
    Some(Entry {
        index,
        id: Some(id),
        canonical: Canonical { owner: owner_name(name, zone), kind, value: Value::Opaque(content.to_string()) },
        typed: Typed::Opaque(common),
        listed: Some(json),
    })
}

/// A listed record with only the members a request of its kind has: the common fields and the
/// kind's value fields. The validator types a record from these alone, so the record it builds
/// is the same; the others would only be reported as response fields.
fn request_fields<'j>(json: &'j Json<'j>, kind: RecordType, arena: &'j Arena) -> Json<'j> {
    let Some(members) = json.as_object() else { return *json };
    let value_fields = kind.value_fields();
    // A `match` on the key (a length test, then a few bytes): every member of every listed record
    // is asked this. The test below checks it against `COMMON_FIELDS`.
    let common = |key: &str| matches!(key, "type" | "name" | "ttl" | "proxied" | "comment" | "tags" | "settings" | "private_routing");
    let kept = members.iter().filter(|(key, _)| common(key) || value_fields.contains(key)).copied();
    Json::Object(bumpalo::collections::Vec::from_iter_in(kept, arena).into_bump_slice())
}

fn number(json: &Json) -> Option<i64> {
    match json {
        Json::Number(n) => n.as_integer(),
        _ => None,
    }
}

/// The policy: `{ zone, zoneId, scope: "desired" | "zone", ignore: [pattern | {name, type}],
/// maxDeleteShare, maxUpdateShare, force, plan, strict, disable }`. A value that cannot be read is
/// an error: a misread safety setting must not pass silently.
pub(crate) fn read_policy(text: &str, arena: &Arena, issues: &mut Vec<Issue>) -> Policy {
    let mut policy = Policy::default();
    let json = match Json::parse(text, arena) {
        Ok(Json::Null) => return policy,
        Ok(json @ Json::Object(_)) => json,
        Ok(other) => {
            issues.push(issue("/policy", "plan.policy.invalid", Severity::Error, format!("the policy must be an object, got {}", other.kind())));
            return policy;
        }
        Err(e) => {
            issues.push(issue("/policy", "plan.policy.invalid", Severity::Error, format!("the policy is not valid JSON: {e}")));
            return policy;
        }
    };
    let mut bad = |field: &str, message: String| issues.push(issue(&format!("/policy/{field}"), "plan.policy.invalid", Severity::Error, message));
    let text_field = |field: &str, bad: &mut dyn FnMut(&str, String)| match json.get(field) {
        None | Some(Json::Null) => None,
        Some(Json::String(s)) => Some(s.to_string()),
        Some(other) => {
            bad(field, format!("`{field}` must be a string, got {}", other.kind()));
            None
        }
    };
    policy.zone = text_field("zone", &mut bad).filter(|z| !z.is_empty());
    policy.zone_id = text_field("zoneId", &mut bad).filter(|z| !z.is_empty());
    match text_field("scope", &mut bad).as_deref() {
        None | Some("desired") => {}
        Some("zone") => policy.scope = Scope::Zone,
        Some(other) => bad("scope", format!("`scope` is \"desired\" (the default) or \"zone\", not {:?}", crate::issue::shorten(other))),
    }
    for (field, slot) in [("maxDeleteShare", &mut policy.max_delete_share), ("maxUpdateShare", &mut policy.max_update_share)] {
        match json.get(field) {
            None | Some(Json::Null) => {}
            Some(Json::Number(n)) if (0.0..=1.0).contains(&n.as_f64()) => *slot = n.as_f64(),
            Some(other) => bad(field, format!("`{field}` is a share from 0 to 1 (0.3 is 30%), got {}", other.kind())),
        }
    }
    match json.get("force") {
        None | Some(Json::Null) => {}
        Some(Json::Bool(b)) => policy.force = *b,
        Some(other) => bad("force", format!("`force` must be a boolean, got {}", other.kind())),
    }
    match json.get("ignore") {
        None | Some(Json::Null) => {}
        Some(Json::Array(rules)) => {
            for (i, rule) in rules.iter().enumerate() {
                match read_ignore(rule) {
                    Ok(rule) => policy.ignore.push(rule),
                    Err(message) => bad(&format!("ignore/{i}"), message),
                }
            }
        }
        Some(other) => bad("ignore", format!("`ignore` must be an array of name patterns or {{name, type}} objects, got {}", other.kind())),
    }
    if let Some(name) = text_field("plan", &mut bad) {
        match Plan::from_name(&name) {
            Some(p) => policy.validate.plan = Some(p),
            None => bad("plan", format!("unknown plan {:?}: use free, pro, business or enterprise", crate::issue::shorten(&name))),
        }
    }
    policy.validate.strict = matches!(json.get("strict"), Some(Json::Bool(true)));
    if let Some(Json::Array(codes)) = json.get("disable") {
        policy.validate.disable = codes.iter().filter_map(|c| c.as_str().map(str::to_string)).collect();
    }
    policy
}

fn read_ignore(rule: &Json) -> Result<IgnoreRule, String> {
    match rule {
        Json::String(name) if !name.is_empty() => Ok(IgnoreRule { name: Some(name.to_string()), kind: None }),
        Json::Object(_) => {
            let name = rule.get("name").and_then(Json::as_str).map(str::to_string);
            let kind = match rule.get("type") {
                None | Some(Json::Null) => None,
                Some(t) => Some(t.as_str().and_then(|t| RecordType::from_name(&t.to_ascii_uppercase())).ok_or("`type` is one of the 21 record types")?),
            };
            if name.is_none() && kind.is_none() {
                return Err("an ignore rule needs a `name` pattern, a `type`, or both".into());
            }
            Ok(IgnoreRule { name, kind })
        }
        _ => Err("an ignore rule is a name pattern (\"_acme-challenge.*\") or {name, type}".into()),
    }
}

pub(crate) fn issue(pointer: &str, code: &'static str, severity: Severity, message: String) -> Issue {
    Issue { code: code.into(), pointer: pointer.to_string(), severity, message }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::common::COMMON_FIELDS;

    #[test]
    fn request_fields_keeps_the_common_and_value_fields_of_the_kind() {
        let arena = Arena::new();
        let mut keys: Vec<&str> = COMMON_FIELDS.to_vec();
        keys.extend(["content", "data", "priority", "id", "proxiable", "meta", "created_on", "zone_name", "Name"]);
        let text = format!("{{{}}}", keys.iter().map(|k| format!("{k:?}:0")).collect::<Vec<_>>().join(","));
        let json = Json::parse(&text, &arena).unwrap();
        for kind in RecordType::ALL {
            let kept = request_fields(&json, kind, &arena);
            let kept: Vec<&str> = kept.as_object().unwrap().iter().map(|(k, _)| *k).collect();
            let mut expected: Vec<&str> = COMMON_FIELDS.to_vec();
            expected.extend(["content", "data", "priority"].into_iter().filter(|f| kind.value_fields().contains(f)));
            assert_eq!(kept, expected, "{kind}");
        }
    }
}
