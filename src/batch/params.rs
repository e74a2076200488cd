//! The typed batch ([`BatchParams`]) of batch params that passed the check: each operation
//! through the record layer's one conversion ([`crate::record::typed`]). Nothing is reported here;
//! only [`super::validate`] calls it, and only for a batch with no error.

use super::{BatchParams, DeleteParam, PatchData, PatchParam, PutParam, BATCH_LIMIT_PAID};
use crate::issue::Path;
use crate::json::Json;
use crate::record::fields::{Fields, Mode};
use crate::record::typed;
use compact_str::CompactString;

/// The typed batch, with the zone id and `include_shadow_metadata` the check read (`head`). An
/// operation the conversion cannot read faithfully (a field of the wrong type, an `id` that is not
/// a string: only a rule `disable` silenced lets one through) is named by its array and index.
pub(super) fn typed(json: &Json, head: (String, Option<bool>)) -> Result<BatchParams, (&'static str, usize)> {
    let (zone_id, include_shadow_metadata) = head;
    let mut params = BatchParams { zone_id, include_shadow_metadata, ..BatchParams::default() };
    let items = |key: &str| match json.get(key) {
        Some(Json::Array(items)) => *items,
        _ => &[],
    };
    // Room for every operation up front: records are moved in once, never regrown. (The check
    // refused more than a full batch.)
    params.deletes.reserve(items("deletes").len().min(BATCH_LIMIT_PAID));
    params.patches.reserve(items("patches").len().min(BATCH_LIMIT_PAID));
    params.puts.reserve(items("puts").len().min(BATCH_LIMIT_PAID));
    params.posts.reserve(items("posts").len().min(BATCH_LIMIT_PAID));
    for (i, item) in items("deletes").iter().enumerate() {
        params.deletes.push(DeleteParam { id: id(item).ok_or(("deletes", i))? });
    }
    for (i, item) in items("patches").iter().enumerate() {
        params.patches.push(patch(item).ok_or(("patches", i))?);
    }
    for (i, item) in items("puts").iter().enumerate() {
        let record = typed::record(item).ok_or(("puts", i))?;
        params.puts.push(PutParam { id: id(item).ok_or(("puts", i))?, record });
    }
    for (i, item) in items("posts").iter().enumerate() {
        params.posts.push(typed::record(item).ok_or(("posts", i))?);
    }
    Ok(params)
}

/// An operation's `id`; `None` when it is not a string (never an id the user did not write).
fn id(item: &Json) -> Option<CompactString> {
    item.get("id").and_then(Json::as_str).map(Into::into)
}

/// The typed patch: `id` and the fields it changes. `content`, top-level `priority` and `data`
/// are kept where the kind sends them (or when the patch names no kind); `data` as given, since a
/// patch may carry part of it.
fn patch(item: &Json) -> Option<PatchParam> {
    let members = item.as_object()?;
    let root = Path::Root;
    let rec = Fields::new(members, &root, "record", Mode::Partial);
    let kind = typed::kind(&rec);
    // Present but not of its type (a silenced rule let it through): no faithful typed patch.
    let present = |key: &str| !matches!(rec.get(key), None | Some(Json::Null));
    let content = match kind {
        Some(kind) if kind.uses_data() => None,
        _ if present("content") => Some(CompactString::from(typed::string(&rec, "content")?)),
        _ => None,
    };
    let priority = match kind {
        Some(kind) if !kind.has_top_level_priority() => None,
        _ if present("priority") => Some(typed::integer(&rec, "priority")?),
        _ => None,
    };
    let data = match kind {
        Some(kind) if !kind.uses_data() => None,
        _ => rec.get("data").filter(|d| !matches!(d, Json::Null)).map(PatchData::from_json),
    };
    Some(PatchParam { id: id(item)?, record_type: kind, common: typed::common(&rec)?, content, priority, data })
}
