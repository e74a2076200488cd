//! The WebAssembly boundary of zone sync: `plan` (of texts, or against a kept listing),
//! `formatPlan`, and the head of the `GET /dns_records` request `listRecords` sends. Plain strings
//! in and out (a plan's inputs as UTF-8 bytes), like the rest of the boundary (see `js.rs`): the
//! host's `JSON.stringify` makes the text, one string crosses, and one string comes back for
//! `JSON.parse`.

use crate::api;
use crate::json::{Arena, Json};
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::js::to_json;

/// `plan(current, desired, policy)`: the plan as JSON (`{params, changes, summary, issues}`). A
/// listed record a change shows is its listed text, or with `positions` its position in `current`
/// (for a host that holds the records itself and puts each there); a created record is its
/// position in `params.posts` while the params stand (the host puts the post there).
#[wasm_bindgen(js_name = planJson)]
pub fn plan_json(current: &[u8], desired: &[u8], policy: &str, positions: bool) -> String {
    // The two inputs cross as UTF-8 bytes (see `js::utf8`): a zone's listing is megabytes.
    // Without `positions` the listing keeps its text, for the changes to show.
    let listing = if positions { crate::plan::Listing::read_for_host(current) } else { crate::plan::Listing::read(current) };
    crate::plan::plan_listing_for_host(&listing, desired, policy, positions).to_json()
}

/// Listings the package's `readZone` keeps in the module, so that a zone read once is planned
/// against without reading its records again. At most `HELD_MAX` listings and, beyond the newest,
/// `HELD_RECORDS_MAX` records between them (a kept record takes about 0.8 KB of module memory,
/// measured on the benchmark's records, so kept listings stay near 20 MiB, well below the 64 MiB at
/// which the host re-instantiates the module and loses them all); holding one more lets the oldest
/// go. A snapshot whose listing was let go, or
/// lost with the module's memory, holds it again from its records: slower, never different.
const HELD_MAX: usize = 4;
const HELD_RECORDS_MAX: usize = 25_000;

thread_local! {
    static HELD: std::cell::RefCell<Vec<(u32, crate::plan::Listing)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Reads a zone's listing (UTF-8 JSON text of its records, as `listRecords` gives them) and keeps
/// it as `id`, in place of what `id` held. The host chooses ids, unique in its process, so an id
/// never finds another snapshot's listing, even after the module was re-instantiated under it.
#[wasm_bindgen(js_name = holdListing)]
pub fn hold_listing(id: u32, current: &[u8]) {
    let listing = crate::plan::Listing::read_for_host(current);
    HELD.with(|held| {
        if let Ok(mut held) = held.try_borrow_mut() {
            held.retain(|(kept, _)| *kept != id);
            let records = |held: &Vec<(u32, crate::plan::Listing)>| held.iter().map(|(_, l)| l.len()).sum::<usize>();
            while !held.is_empty() && (held.len() >= HELD_MAX || records(&held) + listing.len() > HELD_RECORDS_MAX) {
                held.remove(0);
            }
            held.push((id, listing));
        }
    });
}

/// Lets the listing `id` go (its snapshot is gone, or was planned once).
#[wasm_bindgen(js_name = releaseListing)]
pub fn release_listing(id: u32) {
    HELD.with(|held| {
        if let Ok(mut held) = held.try_borrow_mut() {
            held.retain(|(kept, _)| *kept != id);
        }
    });
}

/// `plan(current, desired, policy)` against the kept listing `id`, a listed record a change shows
/// given as its position: the plan as JSON, or nothing when the listing is not kept (any more).
#[wasm_bindgen(js_name = planHeld)]
pub fn plan_held(id: u32, desired: &[u8], policy: &str) -> Option<String> {
    HELD.with(|held| {
        let held = held.try_borrow().ok()?;
        let (_, listing) = held.iter().find(|(kept, _)| *kept == id)?;
        Some(crate::plan::plan_listing_for_host(listing, desired, policy, true).to_json())
    })
}

#[derive(Serialize)]
struct Formatted {
    ok: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<String>,
}

/// `formatPlan(plan)`: `{ok, text}`, or `{ok:false, message}` when the text is not a plan.
#[wasm_bindgen(js_name = formatPlanJson)]
pub fn format_plan_json(plan: &str) -> String {
    match crate::plan::format_plan_json(plan) {
        Ok(text) => to_json(&Formatted { ok: true, text: Some(text), message: None }),
        Err(message) => to_json(&Formatted { ok: false, text: None, message: Some(message) }),
    }
}

#[derive(Serialize)]
struct ListHead {
    ok: bool,
    url: String,
    method: &'static str,
    headers: Vec<(String, String)>,
}

#[derive(Serialize)]
struct Refused<'a> {
    ok: bool,
    code: &'a str,
    message: String,
}

/// The largest page `listRecords` asks for. The OpenAPI document gives `per_page` a maximum of
/// 5,000,000 for this endpoint, but the API is known to cap pages well below that; paging until
/// `total_pages` works whatever size the API grants, so the request stays modest.
const PER_PAGE_MAX: u32 = 5_000;

/// The head of one `GET /zones/{zone_id}/dns_records` page: `{ok, url, method, headers}` or
/// `{ok:false, code, message}`. `query` is `{page, per_page, type, name}` as JSON.
#[wasm_bindgen(js_name = prepareList)]
pub fn prepare_list(zone_id: &str, query: &str, options: &str) -> String {
    let arena = Arena::new();
    let options = Json::parse(options, &arena).unwrap_or(Json::Null);
    let query = Json::parse(query, &arena).unwrap_or(Json::Null);
    let refused = |e: api::ConfigError| to_json(&Refused { ok: false, code: e.code, message: e.message });
    let lenient = crate::issue::ValidateOptions::default();
    let mut checks = crate::issue::Report::new(&lenient);
    crate::batch::check_id(&mut checks, &crate::issue::Path::Root, "batch.zone_id", zone_id);
    if let Some(bad) = checks.issues.iter().find(|i| i.severity == crate::issue::Severity::Error) {
        return to_json(&Refused { ok: false, code: &bad.code, message: format!("zoneId: {}", bad.message) });
    }
    let base_url = options.get("baseURL").and_then(Json::as_str).unwrap_or(api::DEFAULT_BASE_URL);
    // The batch head carries what a GET needs (checked credentials, a checked base URL, the zone
    // id as one encoded path segment); the list URL is the batch URL without `/batch`.
    let head = crate::options::auth_from(&options).and_then(|auth| api::request_head(zone_id, None, &auth, base_url));
    let (url, headers) = match head {
        Ok(head) => head,
        Err(e) => return refused(e),
    };
    let Some(list_url) = url.strip_suffix("/batch") else {
        return refused(api::ConfigError { code: "options.base_url.invalid", message: "the request URL could not be built".into() });
    };
    let number = |key: &str| match query.get(key) {
        Some(Json::Number(n)) => n.as_integer().and_then(|i| u32::try_from(i).ok()),
        _ => None,
    };
    let page = number("page").unwrap_or(1).max(1);
    let per_page = number("per_page").unwrap_or(100).clamp(5, PER_PAGE_MAX);
    let mut url = format!("{list_url}?page={page}&per_page={per_page}");
    if let Some(kind) = query.get("type").and_then(Json::as_str) {
        let Some(kind) = crate::record::RecordType::from_name(&kind.to_ascii_uppercase()) else {
            return refused(api::ConfigError { code: "list.type.unknown", message: format!("type {:?} is not one of the 21 record types", crate::issue::shorten(kind)) });
        };
        url.push_str("&type=");
        url.push_str(kind.as_str());
    }
    if let Some(name) = query.get("name").and_then(Json::as_str) {
        url.push_str("&name.exact=");
        url.push_str(&api::encode_segment(name));
    }
    // A GET has no body: no content-type.
    let headers = headers.into_iter().filter(|(k, _)| k != "content-type").collect();
    to_json(&ListHead { ok: true, url, method: "GET", headers })
}

#[derive(Serialize)]
struct Split {
    ok: bool,
    limit: usize,
    parts: Vec<crate::plan::split::Part>,
}

/// `sync`'s `allowSplit`: what `plan()` returned, cut into parts of at most one batch each for
/// `plan` (`free`, `pro`, ... or empty), in the order to send them: `{ok, limit, parts}` (each part
/// the positions of its operations in the plan's params arrays), or
/// `{ok:false, code, message}` when the plan cannot be split safely.
#[wasm_bindgen(js_name = splitPlanJson)]
pub fn split_plan_json(plan: &str, plan_name: &str) -> String {
    let limit = crate::plan::split::batch_limit(crate::issue::Plan::from_name(plan_name));
    match crate::plan::split::split_plan_json(plan, limit) {
        Ok(parts) => to_json(&Split { ok: true, limit, parts }),
        Err(e) => to_json(&Refused { ok: false, code: e.code, message: e.message }),
    }
}
