//! Cutting a plan too big for one batch into parts, each sent as one batch (`sync` with
//! `allowSplit`). The parts are no longer atomic together, so the cut is made where no moment
//! between two parts can hold a conflict the API refuses or a zone nobody asked for:
//!
//! - **A name's whole change goes in one part.** The coexistence rules (a CNAME beside other
//!   types, NS alone at a name, DS only beside NS) are about one name, so every name is either as
//!   it was or as planned between parts; both states are valid. Inside a part the batch runs
//!   deletes before posts, so a type change at a name (delete + post) stays safe too.
//! - **Names that free records go first**, so a zone near its record quota is not pushed over it
//!   half-way.
//! - **At a name, NS posts before the other posts**: a DS needs the NS of its delegation.
//!
//! A name whose change alone is bigger than one batch cannot be kept whole: the split is refused
//! rather than cut through it (the caller narrows the plan instead).
//!
//! Parts are given as positions in the plan's `params` arrays, not as copies of the operations: the
//! caller already holds them, and reading the plan with the crate's own JSON reader (no serde
//! `Deserialize` for changes) keeps the zone .wasm small.

use crate::batch::{BATCH_LIMIT_FREE, BATCH_LIMIT_PAID};
use crate::issue::Plan;
use crate::json::{Arena, Json};
use serde::Serialize;
use std::collections::HashMap;

/// One part, sent as one atomic batch: positions in the plan's `params.deletes`, `params.patches`,
/// `params.puts` and `params.posts`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Part {
    pub deletes: Vec<usize>,
    pub patches: Vec<usize>,
    pub puts: Vec<usize>,
    pub posts: Vec<usize>,
}

impl Part {
    pub fn operations(&self) -> usize {
        self.deletes.len() + self.patches.len() + self.puts.len() + self.posts.len()
    }

    fn append(&mut self, other: Part) {
        self.deletes.extend(other.deletes);
        self.patches.extend(other.patches);
        self.puts.extend(other.puts);
        self.posts.extend(other.posts);
    }
}

/// Why a plan could not be split: a stable code and a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitError {
    pub code: &'static str,
    pub message: String,
}

/// The most operations one batch takes on `plan`: the limit the plan's own size check uses (200 on
/// Free, 3,500 otherwise).
pub fn batch_limit(plan: Option<Plan>) -> usize {
    if plan == Some(Plan::Free) {
        BATCH_LIMIT_FREE
    } else {
        BATCH_LIMIT_PAID
    }
}

fn refused(code: &'static str, message: String) -> SplitError {
    SplitError { code, message }
}

fn array<'j, 'a>(json: Option<&'j Json<'a>>) -> &'j [Json<'a>] {
    match json {
        Some(Json::Array(items)) => items,
        _ => &[],
    }
}

/// The same JSON value, whatever the order of object members (a plan writes `after` and the post
/// with different writers).
fn same(a: &Json, b: &Json) -> bool {
    match (a, b) {
        (Json::Object(x), Json::Object(y)) => x.len() == y.len() && x.iter().all(|(key, value)| b.get(key).is_some_and(|other| same(value, other))),
        (Json::Array(x), Json::Array(y)) => x.len() == y.len() && x.iter().zip(y.iter()).all(|(p, q)| same(p, q)),
        _ => a == b,
    }
}

/// Splits what `plan()` returned (as JSON) into parts of at most `limit` operations, in the order
/// they are to be sent. A plan that fits in one batch gives one part; an empty plan, none.
pub fn split_plan_json(plan: &str, limit: usize) -> Result<Vec<Part>, SplitError> {
    let arena = Arena::new();
    let plan = Json::parse(plan, &arena).map_err(|e| refused("plan.split.input", format!("the text is not a plan: {e}")))?;
    let params = match plan.get("params") {
        Some(params @ Json::Object(_)) => params,
        _ => return Err(refused("plan.split.input", "the plan has no params: an error blocks it (see its issues)".into())),
    };
    let limit = limit.max(1);
    let changes = array(plan.get("changes"));

    // Which name each operation belongs to, from the plan's changes: deletes, patches and puts by
    // record id, posts by the record they post (a change's `after` is that record as posted).
    // Names are groups, numbered in the order the plan lists them.
    let mut group_of_name: HashMap<&str, usize> = HashMap::new();
    let mut group_of_id: HashMap<&str, usize> = HashMap::new();
    let mut groups: Vec<(&str, Part)> = Vec::new();
    let mut by_post: Vec<(&Json, usize, bool)> = Vec::new();
    for change in changes {
        let Some(name) = change.get("name").and_then(Json::as_str) else { continue };
        let group = *group_of_name.entry(name).or_insert_with(|| {
            groups.push((name, Part::default()));
            groups.len() - 1
        });
        if let Some(id) = change.get("id").and_then(Json::as_str) {
            group_of_id.insert(id, group);
        }
        if matches!(change.get("action").and_then(Json::as_str), Some("create" | "replace")) {
            if let Some(after) = change.get("after") {
                by_post.push((after, group, false));
            }
        }
    }
    let unaccounted = |what: &str, i: usize| refused("plan.split.input", format!("/params/{what}/{i} is not one of the plan's changes: only a plan as plan() returned it can be split"));
    for what in ["deletes", "patches", "puts"] {
        for (i, op) in array(params.get(what)).iter().enumerate() {
            let group = op.get("id").and_then(Json::as_str).and_then(|id| group_of_id.get(id)).copied();
            let part = group.and_then(|g| groups.get_mut(g)).map(|(_, part)| part).ok_or_else(|| unaccounted(what, i))?;
            match what {
                "deletes" => part.deletes.push(i),
                "patches" => part.patches.push(i),
                _ => part.puts.push(i),
            }
        }
    }
    let posts = array(params.get("posts"));
    // The plan posts in the order of its changes, so the next unused change is tried first (one
    // comparison per post); any other order still works, with a search.
    let mut next = 0;
    // How many NS posts lead each group's posts.
    let mut ns_first = vec![0usize; groups.len()];
    for (i, op) in posts.iter().enumerate() {
        let at = match by_post.get(next) {
            Some((after, _, false)) if same(after, op) => Some(next),
            _ => by_post.iter().position(|(after, _, used)| !*used && same(after, op)),
        };
        let found = at.and_then(|at| {
            next = at + 1;
            by_post.get_mut(at)
        });
        let Some(found) = found else { return Err(unaccounted("posts", i)) };
        found.2 = true;
        if let (Some((_, part)), Some(ns)) = (groups.get_mut(found.1), ns_first.get_mut(found.1)) {
            // The NS of a delegation before the DS beside it (a DS needs its NS).
            if op.get("type").and_then(Json::as_str) == Some("NS") {
                part.posts.insert(*ns, i);
                *ns += 1;
            } else {
                part.posts.push(i);
            }
        }
    }

    // Names that free records (more deletes than posts) first, then the rest; the plan's order
    // within each (two passes rather than a sort: the order stays the plan's, and the code small).
    let frees = |part: &Part| part.deletes.len() > part.posts.len();
    let (first, rest): (Vec<_>, Vec<_>) = groups.into_iter().filter(|(_, part)| part.operations() > 0).partition(|(_, part)| frees(part));

    let mut parts: Vec<Part> = Vec::new();
    let mut current = Part::default();
    for (name, part) in first.into_iter().chain(rest) {
        let size = part.operations();
        if size > limit {
            return Err(refused(
                "plan.split.name",
                format!("the change at {name} needs {size} operations, more than one batch holds ({limit}); a name's change is never cut in two, so narrow the plan (ignore rules, or fewer records at that name)"),
            ));
        }
        if current.operations() + size > limit {
            parts.push(std::mem::take(&mut current));
        }
        current.append(part);
    }
    if current.operations() > 0 {
        parts.push(current);
    }
    Ok(parts)
}
