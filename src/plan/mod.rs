//! Zone sync: compare the records a zone has with the records it should have, and plan the
//! fewest batch operations that make it so.
//!
//! [`plan`] is pure and deterministic. Records are compared by their canonical form
//! ([`canonical::Canonical::of`], the only comparison), matched per owner name and type as sets
//! ([`matching`]), kept within a scope, and checked against safety limits ([`safety`]) before the
//! result becomes batch params. [`format::format_plan`] prints a plan for people.

pub mod canonical;
pub mod format;
mod matching;
mod read;
mod safety;
pub mod split;

pub use format::{format_plan, format_plan_json};
pub use read::plan_json;

use crate::batch::BatchParams;
use crate::issue::{Issue, ValidateOptions};
use crate::record::{CommonFields, Record, RecordType};
use canonical::Canonical;
use compact_str::CompactString;
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
    pub before: Option<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<serde_json::Value>,
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
        serde_json::to_string(&out).unwrap_or_else(|_| "null".into())
    }
}

/// One record on either side, as the planner sees it.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    /// Where it was in its input (`/current/3`, `/desired/3`).
    pub index: usize,
    pub id: Option<CompactString>,
    pub canonical: Canonical,
    pub common: CommonFields,
    /// `None` for a listed record the validator could not type (compared by its text).
    pub record: Option<Record>,
    /// The record as shown in `before`/`after`.
    pub shown: serde_json::Value,
}

/// Plans the change from the zone's `current` records to `desired` under `policy`.
pub fn plan(current: &[ZoneRecord], desired: &[Record], policy: &Policy) -> ChangePlan {
    let zone = policy.zone.clone().unwrap_or_default();
    let current: Vec<Entry> = current.iter().enumerate().map(|(index, z)| read::entry(index, Some(z.id.as_str()), &z.record, &zone)).collect();
    let desired: Vec<Entry> = desired.iter().enumerate().map(|(index, r)| read::entry(index, None, r, &zone)).collect();
    plan_entries(current, desired, policy, &zone, Vec::new())
}

pub(crate) fn plan_entries(current: Vec<Entry>, desired: Vec<Entry>, policy: &Policy, zone: &str, mut issues: Vec<Issue>) -> ChangePlan {
    let matched = matching::match_zone(&current, &desired, policy, zone, &mut issues);
    let limits = safety::check(&matched, policy, &mut issues);
    issues.retain(|i| !policy.validate.is_disabled(&i.code));
    let blocked = issues.iter().any(|i| i.severity == crate::issue::Severity::Error);
    let params = (!blocked).then_some(matched.params);
    let mut summary = matched.summary;
    summary.operations = limits.operations;
    ChangePlan { params, changes: matched.changes, summary, issues }
}
