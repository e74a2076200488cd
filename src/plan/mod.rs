//! Zone sync: compare the records a zone has with the records it should have, and plan the
//! fewest batch operations that make it so.
//!
//! [`plan`] is pure and deterministic. Records are compared by their canonical form
//! ([`canonical::Canonical::of`]: the only comparison), matched per owner name and type as sets
//! ([`matching`]), kept within a scope, and checked against safety limits ([`safety`]) before the
//! result becomes batch params. [`format::format_plan`] prints a plan for people.

pub mod canonical;
pub mod format;
mod listing;
mod matching;
mod read;
mod safety;
pub mod split;

pub use format::{format_plan, format_plan_json};
pub use listing::Listing;
pub use read::{plan_json, plan_listing, plan_utf8};
#[cfg(all(target_arch = "wasm32", feature = "zone"))]
pub(crate) use read::plan_listing_for_host;

use crate::batch::BatchParams;
use crate::issue::{Issue, ValidateOptions};
use crate::record::{CommonFields, Record, RecordType};
use canonical::Canonical;
use serde::{Deserialize, Serialize};

/// Which records a plan may change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scope {
    /// Only the (name, type) pairs the desired records mention, and every type at a name where a
    /// desired or existing CNAME stands (a CNAME owns its whole name).
    #[default]
    Desired,
    /// Every record of the zone: what is not desired is deleted.
    Zone,
}

/// Records a plan never touches: a name pattern (`*` matches any run of characters, dots
/// included; relative to the zone like record names), a type, or both.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct IgnoreRule {
    pub name: Option<String>,
    pub kind: Option<RecordType>,
}

/// How to plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Policy {
    /// The zone's name, for `@` and relative names. When absent, the `zone_name` the listed
    /// records carry is used.
    pub zone: Option<String>,
    /// Copied into the params, so they go straight into a batch.
    pub zone_id: Option<String>,
    pub scope: Scope,
    pub ignore: Vec<IgnoreRule>,
    /// The largest share of the managed records a plan may delete (replacements included).
    pub max_delete_share: f64,
    /// The largest share of the managed records a plan may update.
    pub max_update_share: f64,
    /// Apply the plan even over the safety limits.
    pub force: bool,
    /// How desired records are validated; its `plan` also sets the batch limit.
    pub validate: ValidateOptions,
}

impl Default for Policy {
    fn default() -> Policy {
        Policy {
            zone: None,
            zone_id: None,
            scope: Scope::Desired,
            ignore: Vec::new(),
            max_delete_share: safety::DEFAULT_MAX_SHARE,
            max_update_share: safety::DEFAULT_MAX_SHARE,
            force: false,
            validate: ValidateOptions::default(),
        }
    }
}

/// A record as the zone has it: its id and its typed value.
#[derive(Debug, Clone, PartialEq)]
pub struct ZoneRecord {
    pub id: String,
    pub record: Record,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    Create,
    Update,
    /// The type at a name changes: the old record is deleted and the new one posted, in one batch
    /// (changing a record's type in place reached end of life on 2026-06-30).
    Replace,
    Delete,
}

impl Action {
    fn rank(self) -> u8 {
        match self {
            Action::Delete => 0,
            Action::Replace => 1,
            Action::Update => 2,
            Action::Create => 3,
        }
    }
}

/// One change: the record before (as listed) and after (as desired), and which fields differ.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub action: Action,
    /// The owner name, fully qualified.
    pub name: String,
    #[serde(rename = "type")]
    pub record_type: RecordType,
    /// The id of the record updated, deleted or replaced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<Shown>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<Shown>,
    /// The fields that differ: `type`, `content`, `data`, `priority`, `ttl`, `proxied`, `comment`,
    /// `tags`, `settings`, `private_routing`.
    #[serde(default)]
    pub fields: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub create: usize,
    pub update: usize,
    pub replace: usize,
    pub delete: usize,
    pub unchanged: usize,
    /// Records of the zone within the plan's scope.
    pub managed: usize,
    /// Operations the params hold (a replacement is two).
    pub operations: usize,
}

/// What [`plan`] gives: the batch params (absent when an error blocks the plan), the changes, a
/// summary, and every issue found on the way.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChangePlan {
    pub params: Option<BatchParams>,
    pub changes: Vec<Change>,
    pub summary: Summary,
    pub issues: Vec<Issue>,
}

impl ChangePlan {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// The plan as JSON: `params` with `zone_id` when known, so they go straight into `batch()`.
    pub fn to_json(&self) -> String {
        #[derive(Serialize)]
        struct Params<'p> {
            #[serde(skip_serializing_if = "Option::is_none")]
            zone_id: Option<&'p str>,
            #[serde(flatten)]
            params: &'p BatchParams,
        }
        #[derive(Serialize)]
        struct Out<'p> {
            params: Option<Params<'p>>,
            changes: &'p [Change],
            summary: &'p Summary,
            issues: &'p [Issue],
        }
        let out = Out {
            params: self.params.as_ref().map(|params| Params { zone_id: Some(params.zone_id.as_str()).filter(|z| !z.is_empty()), params }),
            changes: &self.changes,
            summary: &self.summary,
            issues: &self.issues,
        };
        crate::json::to_string(&out)
    }
}

/// One record on either side, as the planner sees it. It borrows what it was read from (a
/// [`Listing`], the parsed desired records, or the caller's typed records): a plan shows only the
/// records it changes, so nothing is copied or written out for the records that stay.
#[derive(Debug)]
pub(crate) struct Entry<'j> {
    /// Where it was in its input (`/current/3`, `/desired/3`).
    pub index: usize,
    pub id: Option<&'j str>,
    pub canonical: &'j Canonical,
    pub typed: Typed<'j>,
    /// How a change shows it.
    pub shown_as: ShownAs<'j>,
}

/// How a change shows a record.
#[derive(Debug, Clone, Copy)]
pub(crate) enum ShownAs<'j> {
    /// As the API would list the typed record.
    Typed,
    /// As it was listed: the listing's text of it.
    Listed(&'j str),
    /// By its position in `current`: the JavaScript host, which holds the listed records, puts the
    /// record itself there (a plan of a 3,500-record zone would otherwise copy every record it
    /// changes through JSON twice).
    Position,
}

/// A record's typed value, or only its settings for a listed record the validator could not
/// type (compared by its text). Entries borrow both, and their canonical form: a plan handles
/// thousands of them, and moving records of a few hundred bytes each was a tenth of its time.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Typed<'j> {
    Record(&'j Record),
    Opaque(&'j CommonFields),
}

impl Entry<'_> {
    pub fn common(&self) -> &CommonFields {
        match &self.typed {
            Typed::Record(record) => &record.common,
            Typed::Opaque(common) => common,
        }
    }

    pub fn record(&self) -> Option<&Record> {
        match &self.typed {
            Typed::Record(record) => Some(record),
            Typed::Opaque(_) => None,
        }
    }

    /// The record as shown in `before`/`after`: as listed when it was listed (its text, or for
    /// the JavaScript host its position in `current`, a number the host replaces with the record),
    /// otherwise as the API would list the typed record. Built only for the records a change shows.
    pub fn shown(&self) -> Shown {
        match (self.shown_as, self.record()) {
            (ShownAs::Listed(text), _) => Shown::listed(text),
            (ShownAs::Position, _) => Shown::raw(&self.index),
            (ShownAs::Typed, Some(record)) => Shown::of_record(record, self.id),
            (ShownAs::Typed, None) => Shown(serde_json::value::RawValue::NULL.to_owned()),
        }
    }
}

/// A record as a change shows it, as JSON text: a listed record's own text, as it was listed (for
/// the JavaScript host, its position in `current`); a typed record as serde writes it (for the
/// JavaScript host, a created record while the params stand: its position in `params.posts`).
/// Text rather than a `Value`: a plan only passes records through
/// to its JSON, and a `Value` (a `BTreeMap` per object, with its own serialisation) cost the
/// WebAssembly build about a fifth of the planner's size. [`Shown::to_value`] gives the `Value`.
#[derive(Clone)]
pub struct Shown(Box<serde_json::value::RawValue>);

impl Shown {
    pub(crate) fn of(json: &crate::json::Json) -> Shown {
        // Serialising a parsed tree into a String cannot fail.
        let raw = serde_json::value::to_raw_value(&crate::json::Sorted(json));
        Shown(raw.unwrap_or_else(|_| serde_json::value::RawValue::NULL.to_owned()))
    }

    /// What serde writes of `value` (which cannot fail for a record or a number).
    fn raw<T: Serialize + ?Sized>(value: &T) -> Shown {
        Shown(serde_json::value::to_raw_value(value).unwrap_or_else(|_| serde_json::value::RawValue::NULL.to_owned()))
    }

    /// A listed record's JSON text (one item of a listing that parsed), as it stands.
    pub(crate) fn listed(text: &str) -> Shown {
        // Read with the crate's parser and written back as it stands (members in their order):
        // serde_json's own reader of raw values would be linked into the .wasm for this alone.
        crate::json::with_arena(|arena| match crate::json::Json::parse(text, arena) {
            Ok(json) => Shown::raw(&json),
            Err(_) => Shown(serde_json::value::RawValue::NULL.to_owned()),
        })
    }

    /// A typed record as the API would list it, with its `id` when it has one.
    pub(crate) fn of_record(record: &Record, id: Option<&str>) -> Shown {
        let Some(id) = id else { return Shown::raw(record) };
        let text = serde_json::to_string(record).unwrap_or_default();
        crate::json::with_arena(|arena| {
            let json = crate::json::Json::parse(&text, arena).unwrap_or(crate::json::Json::Null);
            match json {
                crate::json::Json::Object(members) => {
                    // Last, so it wins over any `id` before it, as an insert into a map would.
                    let mut with_id = members.to_vec();
                    with_id.push(("id", crate::json::Json::String(id)));
                    Shown::of(&crate::json::Json::Object(&with_id))
                }
                _ => Shown::of(&json),
            }
        })
    }

    /// The JSON text.
    pub fn json(&self) -> &str {
        self.0.get()
    }

    pub fn to_value(&self) -> serde_json::Value {
        serde_json::from_str(self.0.get()).unwrap_or_default()
    }
}

impl PartialEq for Shown {
    /// The same JSON, however its keys are ordered or spaced.
    fn eq(&self, other: &Shown) -> bool {
        self.json() == other.json() || self.to_value() == other.to_value()
    }
}

impl std::fmt::Debug for Shown {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.json())
    }
}

impl Serialize for Shown {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Shown {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(deserializer)?;
        serde_json::value::to_raw_value(&value).map(Shown).map_err(serde::de::Error::custom)
    }
}

/// The positions `0..n` in the order `cmp` gives them, ties kept in position order. Every ordering
/// the planner needs goes through this one sort of indices: each `sort_by` on its own element
/// type and comparison is its own copy of the sort in the .wasm (about 4 KB each, measured).
pub(crate) fn sorted_positions(n: usize, cmp: &dyn Fn(usize, usize) -> std::cmp::Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    order
}

/// `items` in the order of `positions` (a permutation of their indices, from [`sorted_positions`]).
pub(crate) fn reordered<T>(items: Vec<T>, positions: &[usize]) -> Vec<T> {
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    positions.iter().filter_map(|&i| slots.get_mut(i).and_then(Option::take)).collect()
}

/// Plans the change from the zone's `current` records to `desired` under `policy`.
pub fn plan(current: &[ZoneRecord], desired: &[Record], policy: &Policy) -> ChangePlan {
    let zone = policy.zone.clone().unwrap_or_default();
    let current_forms: Vec<Canonical> = current.iter().map(|z| Canonical::of(&z.record, &zone)).collect();
    let current: Vec<Entry> = current.iter().zip(&current_forms).enumerate().map(|(index, (z, form))| read::entry(index, Some(z.id.as_str()), &z.record, form)).collect();
    let sorted = matching::Sorted::of(&current);
    let forms = matching::DesiredForms::of(&current, &sorted, desired.iter(), &zone);
    let desired = forms.entries(desired.iter().enumerate());
    let given = Given { sorted: &sorted, groups: forms.groups(), posts_by_position: false };
    plan_entries(current, desired, given, policy, &zone, Vec::new())
}

/// What the reader of a plan's records hands the planner besides them.
#[derive(Clone, Copy)]
pub(crate) struct Given<'s> {
    /// [`matching::Sorted::of`] the listed records (a [`Listing`] keeps it).
    pub sorted: &'s matching::Sorted,
    /// Each desired record's listed group ([`matching::DesiredForms::groups`]).
    pub groups: &'s [Option<usize>],
    /// A created record's `after` is given as its position in `params.posts`, where the
    /// JavaScript host takes it from (the same record, not written out twice). Only when the
    /// params stand: a plan an error blocks shows it as the API would list it, like the Rust API.
    pub posts_by_position: bool,
}

pub(crate) fn plan_entries(current: Vec<Entry>, desired: Vec<Entry>, given: Given, policy: &Policy, zone: &str, mut issues: Vec<Issue>) -> ChangePlan {
    let mut matched = matching::match_zone(&current, &desired, given, policy, zone, &mut issues);
    let limits = safety::check(&matched, policy, &mut issues);
    issues.retain(|i| !policy.validate.is_disabled(&i.code));
    let blocked = issues.iter().any(|i| i.severity == crate::issue::Severity::Error);
    // A created record is shown as it is posted.
    for (k, (&change, post)) in matched.posted_by.iter().zip(&matched.params.posts).enumerate() {
        if let Some(change) = matched.changes.get_mut(change) {
            change.after = Some(if given.posts_by_position && !blocked { Shown::raw(&k) } else { Shown::of_record(post, None) });
        }
    }
    let params = (!blocked).then_some(matched.params);
    let mut summary = matched.summary;
    summary.operations = limits.operations;
    ChangePlan { params, changes: matched.changes, summary, issues }
}
