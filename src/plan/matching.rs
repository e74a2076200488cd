//! Matching the zone's records with the desired ones: which are in scope, which stay, which are
//! patched, deleted, posted or replaced. Records of one owner name and type are matched as sets,
//! so equal values stay where they are and the fewest operations result.

use super::{Action, Change, Entry, Policy, Scope, Summary};
use crate::batch::{BatchParams, DeleteParam, PatchData, PatchParam};
use crate::issue::{Issue, Severity};
use crate::json::{Json, Num};
use crate::record::{CommonFields, Record, RecordData, RecordType};
use super::canonical::{is_owner_name, owner_name, Canonical};
use compact_str::CompactString;
use super::{reordered, sorted_positions};

pub(crate) struct Matched {
    pub params: BatchParams,
    /// A created (or replacing) record's change has no `after` yet: it is shown as it is posted,
    /// once the plan knows whether its params stand (see `posted_by`).
    pub changes: Vec<Change>,
    /// For each post in `params.posts`, the change it makes (its position in `changes`).
    pub posted_by: Vec<usize>,
    pub summary: Summary,
}

/// The desired records' listed groups and canonical forms, against the listed records (`current`,
/// in the order `sorted`): each record's group is found once here, for the matching too, and a
/// record the zone lists with the same typed value borrows that listed record's canonical form
/// (most records of a sync are unchanged; [`Canonical::of`] reads nothing but the owner name,
/// the type and the typed value): only the others work theirs out.
pub(crate) struct DesiredForms<'c> {
    groups: Vec<Option<usize>>,
    /// A listed record's form, or `None` for a form of its own in `own` (in order).
    twins: Vec<Option<&'c Canonical>>,
    own: Vec<Canonical>,
}

impl<'c> DesiredForms<'c> {
    pub(crate) fn of<'r>(current: &[Entry<'c>], sorted: &Sorted, records: impl Iterator<Item = &'r Record>, zone: &str) -> DesiredForms<'c> {
        let mut forms = DesiredForms { groups: Vec::new(), twins: Vec::new(), own: Vec::new() };
        for record in records {
            let name = record.common.name.as_deref().unwrap_or("@");
            // A name written as its owner name (as listRecords gives names) is looked up as it is.
            let built = (!is_owner_name(name, zone)).then(|| owner_name(name, zone));
            let owner = built.as_deref().unwrap_or(name);
            let group = sorted.group_of(current, owner, record.record_type());
            let twin = group.and_then(|g| sorted.twin(current, g, &record.data));
            if twin.is_none() {
                forms.own.push(Canonical::named(built.unwrap_or_else(|| CompactString::from(name)), record));
            }
            forms.groups.push(group);
            forms.twins.push(twin);
        }
        forms
    }

    /// Each desired record's listed group, in the order the records were given.
    pub(crate) fn groups(&self) -> &[Option<usize>] {
        &self.groups
    }

    /// The desired records as entries, `records` (with their positions in `desired`) being those
    /// the forms were worked out for, in the same order.
    pub(crate) fn entries<'e>(&'e self, records: impl Iterator<Item = (usize, &'e Record)>) -> Vec<Entry<'e>>
    where
        'c: 'e,
    {
        // Every record without a twin has a form of its own, in order.
        let mut own = self.own.iter();
        records
            .zip(&self.twins)
            .filter_map(|((index, record), twin)| Some(super::read::entry(index, None, record, twin.or_else(|| own.next())?)))
            .collect()
    }
}

/// (owner name, type name): the unit records are matched in.
type GroupKey<'e> = (&'e str, &'static str);

fn group_key<'e>(e: &'e Entry<'_>) -> GroupKey<'e> {
    (e.canonical.owner.as_str(), e.canonical.kind.as_str())
}

/// The positions of listed `entries` by (name, type), then value, then id: the order a listing
/// keeps its records in for matching.
fn by_group(entries: &[Entry]) -> Vec<usize> {
    let keys: Vec<(GroupKey, &super::canonical::Value)> = entries.iter().map(|e| (group_key(e), &e.canonical.value)).collect();
    sorted_positions(entries.len(), &|a, b| match (keys.get(a), keys.get(b), entries.get(a), entries.get(b)) {
        (Some(x), Some(y), Some(ex), Some(ey)) => x.cmp(y).then_with(|| ex.id.cmp(&ey.id)),
        _ => a.cmp(&b),
    })
}

/// The listed records in matching order, with their (name, type) groups numbered: what a
/// [`super::Listing`] works out once and keeps, and a plan of typed records works out each time.
pub(crate) struct Sorted {
    /// [`by_group`] of the listed records.
    order: Vec<usize>,
    /// Each listed record's group number (see [`Ranks`]), by position.
    rank: Vec<u64>,
    /// Where each group starts in `order`, in group order (its first record is the group's
    /// representative).
    first: Vec<usize>,
    /// Group numbers by a hash of (name, type name); a lookup is confirmed by comparing names.
    by_hash: rustc_hash::FxHashMap<u64, usize>,
}

impl Sorted {
    pub(crate) fn of(current: &[Entry]) -> Sorted {
        let order = by_group(current);
        let mut rank = vec![0u64; current.len()];
        let mut first: Vec<usize> = Vec::new();
        let mut by_hash = rustc_hash::FxHashMap::default();
        let mut last: Option<GroupKey> = None;
        for (at, &i) in order.iter().enumerate() {
            let Some(e) = current.get(i) else { continue };
            let key = group_key(e);
            if last != Some(key) {
                last = Some(key);
                by_hash.entry(group_hash(key)).or_insert(first.len());
                first.push(at);
            }
            if let Some(r) = rank.get_mut(i) {
                *r = listed(first.len() - 1);
            }
        }
        Sorted { order, rank, first, by_hash }
    }

    /// The listed records of group `g`, in matching order.
    fn members<'c, 'e>(&self, current: &'c [Entry<'e>], g: usize) -> impl Iterator<Item = &'c Entry<'e>> + use<'_, 'c, 'e> {
        let start = self.first.get(g).copied().unwrap_or(self.order.len());
        let end = self.first.get(g + 1).copied().unwrap_or(self.order.len());
        self.order.get(start..end).unwrap_or_default().iter().filter_map(move |&i| current.get(i))
    }

    /// The number of the listed group of records named `owner` (fully qualified, folded) of
    /// type `kind`, if a listed record has them.
    fn group_of(&self, current: &[Entry], owner: &str, kind: RecordType) -> Option<usize> {
        let key: GroupKey = (owner, kind.as_str());
        // The same group: the same type and the same name.
        let is_group = |g: usize| self.members(current, g).next().is_some_and(|l| l.canonical.kind == kind && l.canonical.owner == owner);
        match self.by_hash.get(&group_hash(key)) {
            Some(&g) if is_group(g) => Some(g),
            // Not listed, or two groups with one hash (never seen; handled all the same).
            Some(_) => {
                let g = self.before(current, key);
                is_group(g).then_some(g)
            }
            None => None,
        }
    }

    /// A listed record of group `g` whose typed value is `data`: its canonical form is the one
    /// a desired record of that group and value has, since [`Canonical::of`] reads nothing else.
    fn twin<'e>(&self, current: &[Entry<'e>], g: usize, data: &RecordData) -> Option<&'e Canonical> {
        self.members(current, g).find(|l| l.record().is_some_and(|r| r.data == *data)).map(|l| l.canonical)
    }

    /// How many listed groups sort before `key`.
    fn before(&self, current: &[Entry], key: GroupKey) -> usize {
        self.first.partition_point(|&at| self.order.get(at).and_then(|&i| current.get(i)).map(group_key) < Some(key))
    }
}

fn group_hash(key: GroupKey) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = rustc_hash::FxHasher::default();
    key.hash(&mut hasher);
    hasher.finish()
}

/// Every record's (name, type) group as a number: equal numbers for one group, and numbers in
/// (name, type name) order across both sides. Every later step compares these instead of names
/// (comparing names was most of the matching's time, more so in WebAssembly, which compares
/// bytes one at a time). A listed group `g` is `g << 32 | u32::MAX`; a group only desired records
/// have, sorting before listed group `p`, is `p << 32 | k`, `k` its place among those groups.
struct Ranks<'s> {
    current: &'s [u64],
    desired: Vec<u64>,
}

/// [`Ranks`]: a desired record of a listed group has its number from `groups` (found by hashing,
/// [`DesiredForms`]); the groups only desired records have are sorted among themselves and
/// slotted in by binary search, so that only they are compared by name.
fn ranks<'s>(current: &[Entry], sorted: &'s Sorted, desired: &[Entry], groups: &[Option<usize>]) -> Ranks<'s> {
    let mut desired_rank = vec![0u64; desired.len()];
    let mut new: Vec<(GroupKey, usize)> = Vec::new();
    for (i, (e, rank)) in desired.iter().zip(desired_rank.iter_mut()).enumerate() {
        match groups.get(i).copied().flatten() {
            Some(g) => *rank = listed(g),
            None => new.push((group_key(e), i)),
        }
    }
    // Sorted by group key with the planner's one sort of positions (each sort instance costs the
    // .wasm kilobytes); only the records of groups no listed record has are compared by name.
    let order = sorted_positions(new.len(), &|a, b| new.get(a).map(|n| n.0).cmp(&new.get(b).map(|n| n.0)));
    let runs: Vec<&(GroupKey, usize)> = order.iter().filter_map(|&k| new.get(k)).collect();
    // `k` stays below u32::MAX: there are fewer new groups than records in a 4 GiB memory.
    for (k, run) in runs.chunk_by(|a, b| a.0 == b.0).enumerate() {
        let Some(&&(key, _)) = run.first() else { continue };
        let before = sorted.before(current, key) as u64;
        for &&(_, i) in run {
            if let Some(rank) = desired_rank.get_mut(i) {
                *rank = before << 32 | k as u64;
            }
        }
    }
    Ranks { current: &sorted.rank, desired: desired_rank }
}

fn listed(group: usize) -> u64 {
    (group as u64) << 32 | u64::from(u32::MAX)
}

/// The positions of the desired records by group, then value, then position: sorted as numbers
/// (group, position) first, then only the runs of one group, which are rare and short, by value.
/// (A sort of integer pairs of its own: with the planner's sort of positions and a comparison
/// closure, a 3,500-record plan took 2% longer in WebAssembly, for 5 KB less gzip.)
fn desired_order(desired: &[Entry], rank: &[u64]) -> Vec<usize> {
    let mut keyed: Vec<(u64, usize)> = rank.iter().copied().zip(0..desired.len()).collect();
    keyed.sort_unstable();
    for run in keyed.chunk_by_mut(|a, b| a.0 == b.0).filter(|run| run.len() > 1) {
        // The planner's one sort of positions (each sort instance costs the .wasm kilobytes).
        let value = |k: usize| run.get(k).and_then(|&(_, i)| desired.get(i)).map(|e| &e.canonical.value);
        let order = sorted_positions(run.len(), &|a, b| value(a).cmp(&value(b)));
        let sorted: Vec<(u64, usize)> = order.iter().filter_map(|&k| run.get(k).copied()).collect();
        for (slot, key) in run.iter_mut().zip(sorted) {
            *slot = key;
        }
    }
    keyed.into_iter().map(|(_, i)| i).collect()
}

/// Which desired records repeat an earlier one (the same canonical form, however written), from
/// `order` (by group, then value, then position: equal forms are next to each other, the first
/// written first).
fn repeats(desired: &[Entry], rank: &[u64], order: &[usize]) -> Vec<bool> {
    let key = |i: usize| Some((rank.get(i)?, &desired.get(i)?.canonical.value));
    let mut repeated = vec![false; desired.len()];
    for run in order.windows(2) {
        if let [first, then] = *run {
            if key(first) == key(then) {
                if let Some(r) = repeated.get_mut(then) {
                    *r = true;
                }
            }
        }
    }
    repeated
}

/// `given` holds what the reader of the records worked out already.
pub(crate) fn match_zone(current: &[Entry], desired: &[Entry], given: super::Given, policy: &Policy, zone: &str, issues: &mut Vec<Issue>) -> Matched {
    let super::Given { sorted, groups, .. } = given;
    let out_of_reach = |e: &Entry| is_apex_ns(e, zone) || is_ignored(e, policy, zone);
    let current_order = &sorted.order;
    let rank = ranks(current, sorted, desired, groups);

    // Desired records: out of reach ones are set aside with a word; a second copy of a record
    // (the API refuses identical records) is dropped. Apex and ignore rules depend only on the
    // name and type, so the first of equal records is never one set aside.
    let desired_order = desired_order(desired, &rank.desired);
    let repeated = repeats(desired, &rank.desired, &desired_order);
    let mut is_wanted = vec![false; desired.len()];
    for ((e, repeated), wanted) in desired.iter().zip(repeated).zip(is_wanted.iter_mut()) {
        let at = || format!("/desired/{}", e.index);
        if is_apex_ns(e, zone) {
            issues.push(warning(at(), "plan.desired.apex-ns", format!("the NS records at the zone apex ({}) are Cloudflare's; this one is left out of the plan", e.canonical.owner)));
        } else if is_ignored(e, policy, zone) {
            issues.push(warning(at(), "plan.desired.ignored", format!("{} {} matches an ignore rule; it is left out of the plan", e.canonical.owner, e.canonical.kind)));
        } else if repeated {
            issues.push(warning(at(), "plan.desired.duplicate", format!("{} {} is desired twice (the same value however written); one is planned", e.canonical.owner, e.canonical.kind)));
        } else {
            *wanted = true;
        }
    }
    let wanted_order: Vec<usize> = desired_order.into_iter().filter(|&i| is_wanted.get(i).copied().unwrap_or(false)).collect();

    // Scope: the (name, type) groups desired mentions, and whole names where a CNAME stands
    // (desired or listed) and desired mentions the name.
    let mut desired_groups: Vec<u64> = wanted_order.iter().filter_map(|&i| rank.desired.get(i).copied()).collect();
    desired_groups.dedup();
    // Only the scope `desired` reads them: the whole zone is managed either way.
    let cname_names: rustc_hash::FxHashSet<&str> = match policy.scope {
        Scope::Desired => wanted_order.iter().filter_map(|&i| desired.get(i)).chain(current).filter(|e| e.canonical.kind == RecordType::CNAME).map(|e| e.canonical.owner.as_str()).collect(),
        Scope::Zone => rustc_hash::FxHashSet::default(),
    };
    let desired_names: rustc_hash::FxHashSet<&str> = match policy.scope {
        Scope::Desired if !cname_names.is_empty() => wanted_order.iter().filter_map(|&i| desired.get(i)).map(|e| e.canonical.owner.as_str()).collect(),
        _ => rustc_hash::FxHashSet::default(),
    };
    let managed = |e: &Entry, group: u64| {
        !out_of_reach(e)
            && match policy.scope {
                Scope::Zone => true,
                Scope::Desired => {
                    desired_groups.binary_search(&group).is_ok() || (cname_names.contains(e.canonical.owner.as_str()) && desired_names.contains(e.canonical.owner.as_str()))
                }
            }
    };

    // Groups in (name, type) order; within one, the listed records by value then id, the desired
    // ones by value then position: the two sorted sides merged, listed records first.
    let mut summary = Summary::default();
    let have: Vec<(u64, &Entry)> =
        current_order.iter().filter_map(|&i| Some((*rank.current.get(i)?, current.get(i)?))).filter(|&(group, e)| managed(e, group)).collect();
    summary.managed = have.len();
    let want: Vec<(u64, &Entry)> = wanted_order.iter().filter_map(|&i| Some((*rank.desired.get(i)?, desired.get(i)?))).collect();
    let mut sides: Vec<(u64, &Entry, bool)> = Vec::with_capacity(have.len() + want.len());
    let (mut h, mut w) = (have.iter().peekable(), want.iter().peekable());
    loop {
        let take_have = match (h.peek(), w.peek()) {
            (Some(x), Some(y)) => x.0 <= y.0,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => break,
        };
        let next = if take_have { h.next().map(|&(g, e)| (g, e, false)) } else { w.next().map(|&(g, e)| (g, e, true)) };
        sides.extend(next);
    }

    let mut changes: Vec<Planned> = Vec::new();
    for group in sides.chunk_by(|a, b| a.0 == b.0) {
        // Most groups are one record on one side or one on each: what `match_group` decides for
        // them, without its lists (a plan of thousands of records made a dozen small lists each).
        match group {
            [(_, have, false), (_, want, true)] => {
                // One group: the same name and type, so only the values are compared.
                if same_value(have, want) && meta_diff(have.common(), want.common()).is_empty() {
                    summary.unchanged += 1;
                } else {
                    update(have, want, &mut changes);
                }
                continue;
            }
            [(_, have, false)] => {
                delete(have, &mut changes);
                continue;
            }
            [(_, want, true)] => {
                create(want, &mut changes);
                continue;
            }
            _ => {}
        }
        let have = group.iter().filter(|(_, _, wanted)| !wanted).map(|(_, e, _)| *e).collect();
        let want = group.iter().filter(|(_, _, wanted)| *wanted).map(|(_, e, _)| *e).collect();
        summary.unchanged += match_group(have, want, &mut changes);
    }
    let changes = pair_replacements(changes);

    let mut params = BatchParams { zone_id: policy.zone_id.clone().unwrap_or_default(), ..BatchParams::default() };
    for (change, _) in &changes {
        match change.action {
            Action::Create => summary.create += 1,
            Action::Update => summary.update += 1,
            Action::Replace => summary.replace += 1,
            Action::Delete => summary.delete += 1,
        }
    }
    let mut out = Vec::with_capacity(changes.len());
    let mut posted_by = Vec::new();
    for (change, ops) in changes {
        for op in ops {
            match op {
                Op::Delete(id) => params.deletes.push(DeleteParam { id: id.into() }),
                Op::Patch(patch) => params.patches.push(*patch),
                Op::Post(record) => {
                    params.posts.push(*record);
                    posted_by.push(out.len());
                }
            }
        }
        out.push(change);
    }
    Matched { params, changes: out, posted_by, summary }
}

/// What the matching decided, before it becomes params (kept beside the change it belongs to).
#[derive(Debug, Clone)]
enum Op {
    Delete(String),
    Patch(Box<PatchParam>),
    Post(Box<crate::record::Record>),
}

/// A change and the operations that make it.
type Planned = (Change, Vec<Op>);

/// Matches one (name, type) group; returns how many records stay as they are.
fn match_group(have: Vec<&Entry>, want: Vec<&Entry>, changes: &mut Vec<Planned>) -> usize {
    let mut have: Vec<Option<&Entry>> = have.into_iter().map(Some).collect();
    let mut left: Vec<&Entry> = Vec::new();
    let mut unchanged = 0;
    let mut patched: Vec<(&Entry, &Entry)> = Vec::new();
    // Equal values first: the same record, unchanged or with its settings patched. A record
    // whose settings already agree is preferred, so two equal values never trade settings.
    let mut pending: Vec<&Entry> = Vec::new();
    for w in want {
        let exact = have.iter_mut().find(|h| h.is_some_and(|h| same_value(h, w) && meta_diff(h.common(), w.common()).is_empty()));
        match exact {
            Some(slot) => {
                *slot = None;
                unchanged += 1;
            }
            None => pending.push(w),
        }
    }
    for w in pending {
        match have.iter_mut().find(|h| h.is_some_and(|h| same_value(h, w))) {
            Some(slot) => {
                if let Some(h) = slot.take() {
                    patched.push((h, w));
                }
            }
            None => left.push(w),
        }
    }
    // Different values left on both sides: one patch each (one operation instead of a delete and
    // a post), in value order.
    let mut rest_have = have.into_iter().flatten();
    let mut posts = Vec::new();
    for w in left {
        match rest_have.next() {
            Some(h) => patched.push((h, w)),
            None => posts.push(w),
        }
    }
    for (h, w) in patched {
        update(h, w, changes);
    }
    for h in rest_have {
        delete(h, changes);
    }
    for w in posts {
        create(w, changes);
    }
    unchanged
}

/// Whether two records of one group have the same value: a desired record the zone has as
/// listed shares that record's canonical form, so most are the same form, not only equal ones.
fn same_value(have: &Entry, want: &Entry) -> bool {
    std::ptr::eq(have.canonical, want.canonical) || have.canonical.value == want.canonical.value
}

fn push(changes: &mut Vec<Planned>, change: Change, ops: Vec<Op>) {
    changes.push((change, ops));
}

fn create(w: &Entry, changes: &mut Vec<Planned>) {
    let Some(record) = w.record().cloned() else { return };
    let change = Change {
        action: Action::Create,
        name: w.canonical.owner.as_str().to_owned(),
        record_type: w.canonical.kind,
        id: None,
        before: None,
        // Shown as it is posted: see `Matched::posted_by`.
        after: None,
        fields: Vec::new(),
    };
    push(changes, change, vec![Op::Post(Box::new(record))]);
}

fn delete(h: &Entry, changes: &mut Vec<Planned>) {
    let id = h.id.unwrap_or_default().to_string();
    let change = Change {
        action: Action::Delete,
        name: h.canonical.owner.as_str().to_owned(),
        record_type: h.canonical.kind,
        id: Some(id.clone()),
        before: Some(h.shown()),
        after: None,
        fields: Vec::new(),
    };
    push(changes, change, vec![Op::Delete(id)]);
}

/// A patch of `h` into `w`: the value when it differs, and the settings `w` sets that differ.
fn update(h: &Entry, w: &Entry, changes: &mut Vec<Planned>) {
    let id = h.id.unwrap_or_default().to_string();
    let fields = meta_diff(h.common(), w.common());
    let (desired, after) = (w.common(), w.shown());
    let mut patch = PatchParam {
        id: id.as_str().into(),
        record_type: None,
        common: CommonFields::default(),
        content: None,
        priority: None,
        data: None,
    };
    for field in &fields {
        match *field {
            "ttl" => patch.common.ttl = desired.ttl,
            "proxied" => patch.common.proxied = desired.proxied,
            "comment" => patch.common.comment = desired.comment.clone(),
            "tags" => patch.common.tags = desired.tags.clone(),
            "settings" => patch.common.settings = desired.settings.clone(),
            "private_routing" => patch.common.private_routing = desired.private_routing,
            _ => {}
        }
    }
    let mut all_fields: Vec<String> = Vec::new();
    if !same_value(h, w) {
        let kind = w.canonical.kind;
        // UNCONFIRMED whether the API reads a patch's `content`/`data` without its `type`; the
        // official SDK's patches carry it, and the same type changes nothing, so it is sent.
        patch.record_type = Some(kind);
        // The value as the desired record is posted: read from its shown JSON (serde's text of
        // the record) rather than by serialising the record's data once more.
        crate::json::with_arena(|arena| {
            let value = match w.record() {
                Some(_) => Json::parse(after.json(), arena).unwrap_or(Json::Null),
                None => Json::Null,
            };
            if kind.uses_data() {
                patch.data = value.get("data").map(PatchData::from_json);
                all_fields.push("data".into());
            } else {
                patch.content = value.get("content").and_then(Json::as_str).map(Into::into);
                all_fields.push("content".into());
            }
            if kind.has_top_level_priority() {
                patch.priority = match value.get("priority") {
                    Some(Json::Number(Num::Int(p))) => u16::try_from(*p).ok(),
                    _ => None,
                };
                all_fields.push("priority".into());
            }
        });
    }
    all_fields.extend(fields.iter().map(|f| f.to_string()));
    let change = Change {
        action: Action::Update,
        name: w.canonical.owner.as_str().to_owned(),
        record_type: w.canonical.kind,
        id: Some(id),
        before: Some(h.shown()),
        after: Some(after),
        fields: all_fields,
    };
    push(changes, change, vec![Op::Patch(Box::new(patch))]);
}

/// The settings `desired` sets that differ from `current`'s. A field the desired record leaves
/// out is not managed: the plan keeps what the zone has (a comment written in the dashboard is
/// not wiped by a desired list that never mentions comments). `ttl` 1 is automatic, and a field
/// the zone leaves out has the API's default.
pub(crate) fn meta_diff(current: &CommonFields, desired: &CommonFields) -> Vec<&'static str> {
    let mut out = Vec::new();
    if desired.ttl.is_some_and(|t| t != current.ttl.unwrap_or(1)) {
        out.push("ttl");
    }
    if desired.proxied.is_some_and(|p| p != current.proxied.unwrap_or(false)) {
        out.push("proxied");
    }
    if let Some(comment) = &desired.comment {
        fn norm(c: Option<&str>) -> Option<&str> {
            c.filter(|c| !c.is_empty())
        }
        if norm(comment.as_deref()) != norm(current.comment.as_ref().and_then(Option::as_deref)) {
            out.push("comment");
        }
    }
    if let Some(tags) = &desired.tags {
        // The same list is the same set: most records are compared with themselves.
        let listed = current.tags.as_deref().unwrap_or_default();
        if tags.as_slice() != listed && tag_set(tags) != tag_set(listed) {
            out.push("tags");
        }
    }
    if let Some(s) = &desired.settings {
        let c = current.settings.clone().unwrap_or_default();
        let differs = |d: Option<bool>, c: Option<bool>| d.is_some_and(|d| d != c.unwrap_or(false));
        if differs(s.ipv4_only, c.ipv4_only) || differs(s.ipv6_only, c.ipv6_only) || differs(s.flatten_cname, c.flatten_cname) {
            out.push("settings");
        }
    }
    if desired.private_routing.is_some_and(|p| p != current.private_routing.unwrap_or(false)) {
        out.push("private_routing");
    }
    out
}


/// Tags as a set (sorted, without repeats): order does not matter, and tag names are
/// case-insensitive.
fn tag_set(tags: &[compact_str::CompactString]) -> Vec<(String, String)> {
    let tags: Vec<(String, String)> = tags
        .iter()
        .map(|t| match t.split_once(':') {
            Some((n, v)) => (n.to_ascii_lowercase(), v.to_string()),
            None => (t.to_ascii_lowercase().to_string(), String::new()),
        })
        .collect();
    let order = sorted_positions(tags.len(), &|a, b| tags.get(a).cmp(&tags.get(b)));
    let mut tags = reordered(tags, &order);
    tags.dedup();
    tags
}

/// A delete and a create at one name with different types become one replacement (the params
/// still hold the delete and the post). Changes come back sorted by name, type and action.
fn pair_replacements(changes: Vec<Planned>) -> Vec<Planned> {
    let mut slots: Vec<Option<Planned>> = changes.into_iter().map(Some).collect();
    // The deletes and creates, by name; within one name, deletes before creates, each in order.
    let by_name: Vec<(Vec<usize>, Vec<usize>)> = {
        let rank = |i: usize| match slots.get(i) {
            Some(Some((c, _))) if matches!(c.action, Action::Delete | Action::Create) => Some((c.name.as_str(), c.action.rank())),
            _ => None,
        };
        let order: Vec<usize> = sorted_positions(slots.len(), &|a, b| rank(a).cmp(&rank(b))).into_iter().filter(|&i| rank(i).is_some()).collect();
        order
            .chunk_by(|&a, &b| rank(a).map(|r| r.0) == rank(b).map(|r| r.0))
            .filter_map(|same_name| {
                let (deletes, creates) = same_name.split_at(same_name.partition_point(|&i| rank(i).is_some_and(|r| r.1 == Action::Delete.rank())));
                // Only a name with both a delete and a create has a replacement to pair.
                (!deletes.is_empty() && !creates.is_empty()).then(|| (deletes.to_vec(), creates.to_vec()))
            })
            .collect()
    };
    let mut merged: Vec<Planned> = Vec::new();
    for (deletes, creates) in by_name {
        for (d, c) in deletes.into_iter().zip(creates) {
            let (Some((del, del_ops)), Some((cre, cre_ops))) = (slots.get_mut(d).and_then(Option::take), slots.get_mut(c).and_then(Option::take)) else {
                continue;
            };
            let change = Change {
                action: Action::Replace,
                name: cre.name,
                record_type: cre.record_type,
                id: del.id,
                before: del.before,
                after: cre.after,
                fields: vec!["type".into()],
            };
            merged.push((change, del_ops.into_iter().chain(cre_ops).collect()));
        }
    }
    let all: Vec<Planned> = slots.into_iter().flatten().chain(merged).collect();
    // Stable: within one name, type and action the matching's value order stays.
    let key = |i: usize| all.get(i).map(|(c, _)| (c.name.as_str(), c.record_type.as_str(), c.action.rank()));
    let order = sorted_positions(all.len(), &|a, b| key(a).cmp(&key(b)));
    reordered(all, &order)
}

fn is_apex_ns(e: &Entry, zone: &str) -> bool {
    e.canonical.kind == RecordType::NS && !zone.is_empty() && e.canonical.owner == super::canonical::owner_name("@", zone)
}

fn is_ignored(e: &Entry, policy: &Policy, zone: &str) -> bool {
    policy.ignore.iter().any(|rule| {
        rule.kind.is_none_or(|k| k == e.canonical.kind)
            && rule.name.as_deref().is_none_or(|pattern| glob(&super::canonical::owner_name(pattern, zone), &e.canonical.owner))
    })
}

/// `*` matches any run of characters, dots included; everything else matches itself. Written
/// here because a glob crate (for one wildcard over host names) would cost more than it saves.
fn glob(pattern: &str, text: &str) -> bool {
    let (p, t) = (pattern.as_bytes(), text.as_bytes());
    let (mut pi, mut ti) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        match p.get(pi) {
            Some(b'*') => {
                star = Some((pi, ti));
                pi += 1;
            }
            Some(&c) if Some(&c) == t.get(ti) => {
                pi += 1;
                ti += 1;
            }
            _ => match star {
                Some((sp, st)) => {
                    pi = sp + 1;
                    ti = st + 1;
                    star = Some((sp, st + 1));
                }
                None => return false,
            },
        }
    }
    p.get(pi..).is_some_and(|rest| rest.iter().all(|&c| c == b'*'))
}

fn warning(pointer: String, code: &'static str, message: String) -> Issue {
    Issue { code: code.into(), pointer, severity: Severity::Warning, message }
}

#[cfg(test)]
mod tests {
    use super::glob;

    #[test]
    fn glob_matches_runs_of_characters() {
        assert!(glob("*.example.com", "a.b.example.com"));
        assert!(glob("_acme-challenge.*", "_acme-challenge.www.example.com"));
        assert!(!glob("*.example.com", "example.com"));
        assert!(glob("www.example.com", "www.example.com"));
        assert!(!glob("www.example.com", "www.example.co"));
    }
}
