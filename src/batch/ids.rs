//! The operations' ids: each is a URL path segment, so it is checked as one, and one record
//! touched by two operations is found.

use super::{FastMap, ID_MAX};
use crate::issue::{Path, Report};
use crate::json::Json;

pub(super) fn read_op_id<'j>(item: &'j Json, at: &Path, r: &mut Report, op: &str) -> Option<&'j str> {
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
pub(super) enum Op {
    Delete,
    Patch,
    Put,
}

/// Where each id was seen, to catch one record touched twice. Borrows the ids from the batch and
/// keeps positions, not pointers: pointers are only written out when there is something to say.
#[derive(Default)]
pub(super) struct IdIndex<'j> {
    /// Ids compare case-insensitively (they are hex); lower-cased only when they need it.
    pub(super) seen: FastMap<std::borrow::Cow<'j, str>, (Op, usize)>,
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
    pub(super) fn note(&mut self, r: &mut Report, at: &Path, id: &'j str, op: Op, index: usize) {
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
