//! A zone's records as the API lists them, read once: each typed by the validator, with its
//! canonical form, its id and where its JSON stands in the listing's text. Planning against a
//! listing reads only the desired records, so a zone read once (`readZone` in the package) is
//! planned against as often as needed without reading its records again; `plan(current, ...)`
//! reads its `current` into a listing first, the same way.

use super::canonical::{owner_name, Canonical, Value};
use super::read::{array, issue};
use super::{Entry, ShownAs, Typed};
use crate::batch::validate_record_json;
use crate::issue::{Issue, Path, Severity, ValidateOptions};
use crate::record::fields::{Fields, Mode};
use crate::json::{Arena, Json};
use crate::record::{CommonFields, Record, RecordData, RecordType};
use super::matching::Sorted;
use std::cell::OnceCell;
use std::ops::Range;

/// The records of a zone, read from the JSON text of their array (as `listRecords` gives them).
pub struct Listing {
    /// The listing's text, when kept ([`Listing::read`]): a record a plan shows is read back from
    /// its span.
    text: String,
    records: Vec<Listed>,
    /// What reading the listing found (`/current/...`), given with every plan.
    issues: Vec<Issue>,
    /// The `zone_name` the records carry, for `@` and relative names when a policy has no `zone`.
    zone_name: Option<String>,
    /// The records in the order the planner matches them, groups numbered, against `zone_name`.
    sorted: Option<Sorted>,
    /// The canonical forms and order against the first zone a plan named other than `zone_name`
    /// (typically a listing without `zone_name`, planned with the policy's `zone`): worked out
    /// once, not every plan.
    other_zone: OnceCell<(String, Vec<Canonical>, Sorted)>,
}

struct Listed {
    /// Its position in the listing (`/current/3`).
    index: usize,
    span: Range<usize>,
    id: String,
    held: Held,
    /// Against `zone_name` (or no zone): recomputed only when a plan names another zone.
    canonical: Canonical,
}

/// A listed record's typed value, or, for a record the validator could not type, its settings
/// and its text (compared as written).
enum Held {
    Record(Record),
    Opaque { common: CommonFields, kind: RecordType, content: String },
}

impl Held {
    fn canonical(&self, zone: &str) -> Canonical {
        match self {
            Held::Record(record) => Canonical::of(record, zone),
            Held::Opaque { common, kind, content } => Canonical {
                owner: owner_name(common.name.as_deref().unwrap_or("@"), zone),
                kind: *kind,
                value: Value::Opaque(content.clone()),
            },
        }
    }
}

impl Listing {
    /// Reads the UTF-8 text of an array of listed records. Text that is not such an array is an
    /// error issue and no records; types the package does not handle (SOA, and whatever the API
    /// adds) are left out of every plan. The text is kept: a change shows a listed record as it
    /// was listed.
    pub fn read(bytes: &[u8]) -> Listing {
        Listing::read_keeping(bytes, true)
    }

    /// [`Listing::read`] for the JavaScript host, which holds the listed records itself (a change
    /// shows one by its position): the text is not kept, about half of a kept listing's memory.
    #[cfg_attr(not(all(target_arch = "wasm32", feature = "zone")), allow(dead_code))]
    pub(crate) fn read_for_host(bytes: &[u8]) -> Listing {
        Listing::read_keeping(bytes, false)
    }

    fn read_keeping(bytes: &[u8], keep_text: bool) -> Listing {
        let mut issues = Vec::new();
        let (records, zone_name) = crate::json::with_arena(|arena| {
            let (items, spans) = array(bytes, "current", arena, &mut issues);
            let zone_name = items.iter().find_map(|r| r.get("zone_name").and_then(Json::as_str)).map(str::to_string);
            let zone = zone_name.clone().unwrap_or_default();
            let lenient = ValidateOptions::default();
            let records = items.iter().zip(spans).enumerate().filter_map(|(index, (json, span))| listed(index, span, json, arena, &zone, &lenient, &mut issues)).collect();
            (records, zone_name)
        });
        // Spans index the text as given; it is kept only when it was UTF-8 (there are no spans otherwise).
        let text = match (keep_text, std::str::from_utf8(bytes)) {
            (true, Ok(text)) => text.to_owned(),
            _ => String::new(),
        };
        let mut listing = Listing { text, records, issues, zone_name, sorted: None, other_zone: OnceCell::new() };
        listing.sorted = Some(Sorted::of(&listing.view(None, false)));
        listing
    }

    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    pub fn zone_name(&self) -> Option<&str> {
        self.zone_name.as_deref()
    }

    pub(crate) fn issues(&self) -> &[Issue] {
        &self.issues
    }

    /// The records as the planner's entries, with owner names against `zone`, and their order
    /// for matching; `positions`: a change shows a listed record by its position
    /// ([`ShownAs::Position`]) rather than its text. `forms` holds the canonical forms against a
    /// zone other than the two the listing keeps, when one is asked for.
    pub(crate) fn entries<'l>(&'l self, zone: &str, positions: bool, forms: &'l mut Vec<Canonical>) -> (Vec<Entry<'l>>, Option<&'l Sorted>) {
        if zone == self.zone_name.as_deref().unwrap_or_default() {
            return (self.view(None, positions), self.sorted.as_ref());
        }
        if self.other_zone.get().is_none() {
            let canonical: Vec<Canonical> = self.records.iter().map(|l| l.held.canonical(zone)).collect();
            let sorted = Sorted::of(&self.view(Some(&canonical), positions));
            // Set once; a later plan naming yet another zone works its forms out each time.
            let _ = self.other_zone.set((zone.to_string(), canonical, sorted));
        }
        match self.other_zone.get() {
            Some((other, canonical, sorted)) if other == zone => (self.view(Some(canonical), positions), Some(sorted)),
            _ => {
                *forms = self.records.iter().map(|l| l.held.canonical(zone)).collect();
                let forms: &'l [Canonical] = forms;
                (self.view(Some(forms), positions), None)
            }
        }
    }

    /// The records as entries, with `canonical` forms given or their own.
    fn view<'l>(&'l self, canonical: Option<&'l [Canonical]>, positions: bool) -> Vec<Entry<'l>> {
        let entry = |l: &'l Listed, canonical: &'l Canonical| Entry {
            index: l.index,
            id: Some(l.id.as_str()),
            canonical,
            typed: match &l.held {
                Held::Record(record) => Typed::Record(record),
                Held::Opaque { common, .. } => Typed::Opaque(common),
            },
            shown_as: match positions {
                true => ShownAs::Position,
                false => self.text.get(l.span.clone()).map_or(ShownAs::Typed, ShownAs::Listed),
            },
        };
        match canonical {
            Some(forms) => self.records.iter().zip(forms).map(|(l, c)| entry(l, c)).collect(),
            None => self.records.iter().map(|l| entry(l, &l.canonical)).collect(),
        }
    }
}

/// One listed record. A record the validator cannot type is compared by its `content` text, with
/// a warning.
fn listed(index: usize, span: Range<usize>, json: &Json, arena: &Arena, zone: &str, lenient: &ValidateOptions, issues: &mut Vec<Issue>) -> Option<Listed> {
    let type_name = json.get("type").and_then(Json::as_str)?;
    // The API lists types in upper case: the copy in upper case is made only for another spelling.
    let kind = RecordType::from_name(type_name).or_else(|| RecordType::from_name(&type_name.to_ascii_uppercase()))?;
    let Some(id) = json.get("id").and_then(Json::as_str).filter(|id| !id.is_empty()) else {
        issues.push(issue(&format!("/current/{index}"), "plan.current.id", Severity::Error, "a listed record has no `id`, so it could not be updated or deleted; pass records as listRecords gives them".into()));
        return None;
    };
    let held = |held: Held| Some(Listed { index, span: span.clone(), id: id.to_string(), canonical: held.canonical(zone), held });
    // What the validator reports about a listed record is not shown (the zone holds it already),
    // so it reads only the fields a record is typed from: the response's own (`id`, `meta`,
    // `created_on`...) would each cost a warning that is thrown away.
    let (_, record) = validate_record_json(&request_fields(json, kind, arena), lenient);
    if let Some(record) = record {
        return held(Held::Record(record));
    }
    let name = json.get("name").and_then(Json::as_str).unwrap_or("@");
    let content = json.get("content").and_then(Json::as_str).unwrap_or_default();
    // The common fields through the one conversion; if even they cannot be read, the name alone
    // (every other setting then compares as the API's default).
    let common = json
        .as_object()
        .and_then(|members| crate::record::typed::common(&Fields::new(members, &Path::Root, "record", Mode::Full)))
        .unwrap_or_else(|| CommonFields { name: Some(name.into()), ..CommonFields::default() });
    // The presentation form the API lists beside `data` is read as a zone file would be (a key
    // split over white space, say); the typed record then compares like any other.
    if let Ok(data) = RecordData::from_content(kind, content) {
        return held(Held::Record(Record { common, data }));
    }
    issues.push(issue(
        &format!("/current/{index}"),
        "plan.current.unreadable",
        Severity::Warning,
        format!("the listed {kind} record {} ({}) does not pass validation; it is compared by its text, so it stays only if a desired record is written the same way", crate::issue::shorten(name), crate::issue::shorten(content)),
    ));
    held(Held::Opaque { common, kind, content: content.to_string() })
}

/// A listed record with only the members a request of its kind has: the common fields and the
/// kind's value fields. The validator types a record from these alone, so the record it builds
/// is the same; the others would only be reported as response fields.
fn request_fields<'j>(json: &Json<'j>, kind: RecordType, arena: &'j Arena) -> Json<'j> {
    let Some(members) = json.as_object() else { return *json };
    let value_fields = kind.value_fields();
    // A `match` on the key (a length test, then a few bytes): every member of every listed record
    // is asked this. The test below checks it against `COMMON_FIELDS`.
    let common = |key: &str| matches!(key, "type" | "name" | "ttl" | "proxied" | "comment" | "tags" | "settings" | "private_routing");
    let kept = members.iter().filter(|(key, _)| common(key) || value_fields.contains(key)).copied();
    Json::Object(bumpalo::collections::Vec::from_iter_in(kept, arena).into_bump_slice())
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

    #[test]
    fn a_listed_record_is_shown_from_its_own_span() {
        let text = r#" [ {"id":"a","type":"A","name":"x.example.com","content":"192.0.2.1"} ,{"id":"b","type":"TXT","name":"y","content":"\"v\"","zone_name":"example.com"}]"#;
        let listing = Listing::read(text.as_bytes());
        assert_eq!(listing.len(), 2);
        assert_eq!(listing.zone_name(), Some("example.com"));
        let mut forms = Vec::new();
        let (entries, _) = listing.entries("example.com", false, &mut forms);
        assert_eq!(entries[0].shown().json(), r#"{"id":"a","type":"A","name":"x.example.com","content":"192.0.2.1"}"#);
        assert_eq!(entries[1].canonical.owner, "y.example.com");
        let mut forms = Vec::new();
        assert_eq!(listing.entries("example.com", true, &mut forms).0[1].shown().json(), "1");
        // The host's listing keeps no text: its records are shown by position.
        let hosts = Listing::read_for_host(text.as_bytes());
        let mut forms = Vec::new();
        assert_eq!(hosts.entries("example.com", true, &mut forms).0[0].shown().json(), "0");
        assert!(hosts.text.is_empty() && hosts.len() == 2);
        // Another zone: the owner names are qualified against it, the first one kept, later ones
        // worked out each time.
        for _ in 0..2 {
            let (mut org, mut net) = (Vec::new(), Vec::new());
            let (org_entries, org_order) = listing.entries("example.org", false, &mut org);
            assert_eq!(org_entries[1].canonical.owner, "y.example.org");
            assert!(org_order.is_some());
            let (net_entries, net_order) = listing.entries("example.net", false, &mut net);
            assert_eq!(net_entries[1].canonical.owner, "y.example.net");
            assert!(net_order.is_none());
        }
    }
}
