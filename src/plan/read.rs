//! Reading a plan's inputs from JSON: the zone's records as the API lists them (a [`Listing`]),
//! the desired records as a batch would post them, and the policy. Every record is typed by the
//! validator (`validate_record_json`, `validate_record_into` for the desired records), the same
//! reader `batch()` uses, and nothing else.

use super::canonical::Canonical;
use super::matching::{DesiredForms, Sorted};
use super::listing::Listing;
use super::{plan_entries, ChangePlan, Entry, Given, IgnoreRule, Policy, Scope, ShownAs, Typed};
use crate::batch::validate_record_into;
use crate::issue::{Issue, Plan, Report, Severity};
use crate::json::{Arena, Json};
use crate::record::{Record, RecordType};

/// One typed record as an [`Entry`].
pub(crate) fn entry<'j>(index: usize, id: Option<&'j str>, record: &'j Record, canonical: &'j Canonical) -> Entry<'j> {
    Entry { index, id, canonical, typed: Typed::Record(record), shown_as: ShownAs::Typed }
}

/// [`super::plan`] of JSON text: `current` as `listRecords` gives it (an array of API records),
/// `desired` an array of records shaped like posts, `policy` an object (see [`read_policy`]).
pub fn plan_json(current: &str, desired: &str, policy: &str) -> ChangePlan {
    plan_utf8(current.as_bytes(), desired.as_bytes(), policy)
}

/// [`plan_json`] of UTF-8 bytes, as the WebAssembly boundary hands large texts over; bytes that
/// are not UTF-8 are the input's `json` issue. `current` is read into a [`Listing`] first.
pub fn plan_utf8(current: &[u8], desired: &[u8], policy: &str) -> ChangePlan {
    plan_listing(&Listing::read(current), desired, policy)
}

/// The plan from a zone's `listing` to `desired` (UTF-8 JSON text) under `policy` (JSON text).
pub fn plan_listing(listing: &Listing, desired: &[u8], policy: &str) -> ChangePlan {
    // The thread's kept arena, as the validator's: fresh pages on every call cost more than
    // parsing into them.
    crate::json::with_arena(|arena| plan_in(listing, Shows::Records, desired, policy, arena))
}

/// [`plan_listing`] for the JavaScript host, which holds the records a change shows or gets them
/// from the plan itself: a listed record is given as its position in `current`
/// ([`ShownAs::Position`]) when `listed_by_position`, and a created record as its position in
/// `params.posts` (see [`Given::posts_by_position`]); the host puts each record there.
#[cfg(all(target_arch = "wasm32", feature = "zone"))]
pub(crate) fn plan_listing_for_host(listing: &Listing, desired: &[u8], policy: &str, listed_by_position: bool) -> ChangePlan {
    let shows = if listed_by_position { Shows::Positions } else { Shows::PostPositions };
    crate::json::with_arena(|arena| plan_in(listing, shows, desired, policy, arena))
}

/// How a plan's changes show the records they change.
#[derive(Clone, Copy, PartialEq)]
enum Shows {
    /// Each record itself (the Rust API).
    Records,
    /// A created record by its position in `params.posts`; a listed one by its text.
    #[cfg_attr(not(all(target_arch = "wasm32", feature = "zone")), allow(dead_code))]
    PostPositions,
    /// Both by position: a listed record by its position in `current`.
    #[cfg_attr(not(all(target_arch = "wasm32", feature = "zone")), allow(dead_code))]
    Positions,
}

fn plan_in(listing: &Listing, shows: Shows, desired: &[u8], policy: &str, arena: &Arena) -> ChangePlan {
    let mut issues = Vec::new();
    let policy = read_policy(policy, arena, &mut issues);
    issues.extend_from_slice(listing.issues());
    let desired_json = array(desired, "desired", arena, &mut issues).0;
    let zone = policy.zone.clone().or_else(|| listing.zone_name().map(str::to_string)).unwrap_or_default();
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
    let mut other_forms = Vec::new();
    let (current, sorted) = listing.entries(&zone, shows == Shows::Positions, &mut other_forms);
    let worked_out;
    let sorted = match sorted {
        Some(sorted) => sorted,
        None => {
            worked_out = Sorted::of(&current);
            &worked_out
        }
    };
    let mut typed = Vec::with_capacity(desired_json.len());
    let root = crate::issue::Path::Root;
    let desired_at = root.key("desired");
    // One report for every desired record, after the issues found so far.
    let mut report = Report::new(&policy.validate);
    report.issues = issues;
    for (index, json) in desired_json.iter().enumerate() {
        if let Some(record) = validate_record_into(json, &desired_at.index(index), &mut report) {
            typed.push((index, record));
        }
    }
    let issues = report.issues;
    let forms = DesiredForms::of(&current, sorted, typed.iter().map(|(_, record)| record), &zone);
    let desired = forms.entries(typed.iter().map(|(index, record)| (*index, record)));
    let given = Given { sorted, groups: forms.groups(), posts_by_position: shows != Shows::Records };
    let mut plan = plan_entries(current, desired, given, &policy, &zone, issues);
    if let Some(params) = plan.params.as_mut() {
        params.zone_id = policy.zone_id.clone().unwrap_or_default();
    }
    plan
}

/// The items of `what` (`current` or `desired`), an array of records given as UTF-8 bytes, and
/// where each stands in the text; anything else is an error issue and no items.
pub(super) fn array<'a>(bytes: &'a [u8], what: &'static str, arena: &'a Arena, issues: &mut Vec<Issue>) -> (&'a [Json<'a>], Vec<std::ops::Range<usize>>) {
    let (not_json, not_array) = if what == "current" { ("plan.current.json", "plan.current.type") } else { ("plan.desired.json", "plan.desired.type") };
    let mut refuse = |code: &'static str, message: String| {
        issues.push(issue(&format!("/{what}"), code, Severity::Error, message));
        (&[][..], Vec::new())
    };
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => return refuse(not_json, format!("`{what}` is not valid JSON: it is not UTF-8 text ({e})")),
    };
    match Json::parse_with_item_spans(text, arena) {
        Ok((Json::Array(items), spans)) => (items, spans),
        Ok((other, _)) => refuse(not_array, format!("`{what}` must be an array of records, got {}", other.kind())),
        Err(e) => refuse(not_json, format!("`{what}` is not valid JSON: {e}")),
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
