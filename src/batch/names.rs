//! Rules among the records a batch writes whole (puts and posts), by owner name: a CNAME beside
//! other data, NS at a delegation, DS before its NS, the TXT content at one name.

use super::{FastMap, TXT_NAME_MAX_CHARS};
use crate::issue::Report;
use crate::json::Json;
use crate::record::RecordType;

/// A record the batch writes whole (a put or a post): it is at its name once the batch has run.
pub(super) struct Placed<'j> {
    /// `puts` or `posts`.
    array: &'static str,
    /// Index in that array.
    index: usize,
    name: std::borrow::Cow<'j, str>,
    kind: RecordType,
    /// A TXT record's content as Cloudflare stores it, in characters; 0 for other kinds.
    txt_chars: usize,
}

impl<'j> Placed<'j> {
    pub(super) fn of(item: &'j Json, array: &'static str, index: usize, kind: Option<RecordType>) -> Option<Placed<'j>> {
        let kind = kind?;
        let name = fold_name(item.get("name").and_then(Json::as_str)?);
        let txt_chars = match (kind, item.get("content").and_then(Json::as_str)) {
            (RecordType::TXT, Some(content)) => stored_txt_chars(content),
            _ => 0,
        };
        Some(Placed { array, index, name, kind, txt_chars })
    }

    fn pointer(&self) -> String {
        format!("/{}/{}", self.array, self.index)
    }
}

/// The characters of TXT `content` once stored: quoted content as sent, unquoted content as
/// Cloudflare quotes it (in strings of at most 255 bytes; reference §3, TXT).
fn stored_txt_chars(content: &str) -> usize {
    if content.trim_start().starts_with('"') {
        crate::record::presentation::char_count(content)
    } else {
        crate::record::presentation::char_count(&crate::record::txt::quote(content))
    }
}

/// The form two owner names are compared in: ASCII (Punycode), lower case, no trailing dot, so
/// `Bücher.example.com.` and `xn--bcher-kva.example.com` are one name. Borrowed when the name is
/// already in that form (the usual case).
fn fold_name(name: &str) -> std::borrow::Cow<'_, str> {
    let name = name.trim_end_matches('.');
    if name.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        return std::borrow::Cow::Borrowed(name);
    }
    std::borrow::Cow::Owned(crate::name::to_ascii(name).map_or_else(|| crate::name::to_lowercase(name), |a| a.to_ascii_lowercase()))
}

/// Name-level rules among the records this batch puts and posts (they are all at their names once
/// it has run; records already in the zone are not known here).
pub(super) fn check_names(r: &mut Report, posts: &[Placed]) {
    use crate::issue::Severity::{Error, Warning};
    // Only names posted more than once form a group (most names are posted once, and a group
    // each would be an allocation each). Groups come in order of first appearance, so the issues
    // come back in the same order every run.
    let mut first_at: FastMap<&str, usize> = FastMap::default();
    first_at.reserve(posts.len());
    let mut group_of: FastMap<&str, usize> = FastMap::default();
    let mut groups: Vec<Vec<&Placed>> = Vec::new();
    for (position, p) in posts.iter().enumerate() {
        let name = p.name.as_ref();
        let Some(&first) = first_at.get(name) else {
            first_at.insert(name, position);
            continue;
        };
        match group_of.get(name) {
            Some(&g) => {
                if let Some(group) = groups.get_mut(g) {
                    group.push(p);
                }
            }
            None => {
                group_of.insert(name, groups.len());
                groups.push(posts.get(first).into_iter().chain(std::iter::once(p)).collect());
            }
        }
    }
    // Keys are distinct (each group starts with its own operation), so an unstable sort is exact.
    groups.sort_unstable_by_key(|g| g.first().map(|p| (p.array == "posts", p.index)));
    let apex = common_suffix(posts);
    for group in &groups {
        if let Some(first) = group.iter().find(|p| p.kind == RecordType::CNAME) {
            for p in group.iter().filter(|p| (p.array, p.index) != (first.array, first.index)) {
                match p.kind {
                    RecordType::A | RecordType::AAAA | RecordType::CNAME => r.at_pointer(
                        &p.pointer(),
                        "batch.cname.conflict",
                        Error,
                        format!("{} at {:?} conflicts with the CNAME at {} (API error 81053/81054)", p.kind, p.name, first.pointer()),
                    ),
                    // Cloudflare documents only the A/AAAA/CNAME clash; RFC 1034 forbids any other
                    // data beside a CNAME. UNCONFIRMED whether the API refuses it, so RFC advice.
                    _ => {
                        let severity = r.rfc_severity();
                        r.at_pointer(
                            &p.pointer(),
                            "batch.cname.coexist",
                            severity,
                            format!("{} at {:?} sits beside the CNAME at {}; a CNAME name can hold no other data (RFC 1034)", p.kind, p.name, first.pointer()),
                        )
                    }
                }
            }
        }
        // The group is in the order the records are written (puts, then posts).
        let Some((first_ns, ns)) = group.iter().enumerate().find(|(_, p)| p.kind == RecordType::NS) else { continue };
        for (i, p) in group.iter().enumerate() {
            match p.kind {
                RecordType::DS if i < first_ns => r.at_pointer(
                    &p.pointer(),
                    "batch.ds.order",
                    Warning,
                    format!("the DS at {:?} is posted before its NS ({}); post the NS first", p.name, ns.pointer()),
                ),
                RecordType::NS | RecordType::DS => {}
                // At the apex, NS records sit beside the zone's other records.
                _ if p.name == "@" => {}
                _ if may_be_apex(&p.name, &apex) => r.at_pointer(
                    &p.pointer(),
                    "batch.ns.coexist",
                    Warning,
                    format!(
                        "{} at {:?} sits beside the NS at {}: allowed only if {:?} is the zone's apex (write the apex as `@`); below it, NS shares its name with no other type (API error 81056)",
                        p.kind, p.name, ns.pointer(), p.name
                    ),
                ),
                _ => r.at_pointer(
                    &p.pointer(),
                    "batch.ns.conflict",
                    Error,
                    format!("{} at {:?} sits at the delegation made by the NS at {}; NS shares its name with no other type but DS (API error 81056)", p.kind, p.name, ns.pointer()),
                ),
            }
        }
    }
}

/// Whether `name` may be the zone's apex, which this check cannot know (it sees only the zone's
/// id). Every name of a zone is at or below its apex, so a fully qualified name is taken as
/// possibly the apex when every dotted name of the batch is at or below it (`apex`, the longest
/// such suffix). A name of one label is relative (`sub` is `sub.<zone>`), never the apex.
fn may_be_apex(name: &str, apex: &Option<&str>) -> bool {
    name.contains('.') && *apex == Some(name)
}

/// The longest name that every dotted name in `placed` is at or below (label-wise), if any.
fn common_suffix<'p>(placed: &'p [Placed]) -> Option<&'p str> {
    let mut suffix: Option<&str> = None;
    for p in placed.iter().filter(|p| p.name.contains('.')) {
        let name = p.name.as_ref();
        let mut s = match suffix {
            None => name,
            Some(s) => s,
        };
        while !is_at_or_below(name, s) {
            s = s.split_once('.')?.1;
        }
        suffix = Some(s);
    }
    suffix
}

fn is_at_or_below(name: &str, above: &str) -> bool {
    name == above || (name.len() > above.len() && name.ends_with(above) && name.as_bytes().get(name.len() - above.len() - 1) == Some(&b'.'))
}

/// Cloudflare caps the TXT content at one name at 8,192 characters in all (API error 83011). Only
/// the records this batch puts or posts are known here (not those already in the zone), so this
/// finds a batch that alone goes over. Reported once per name, at the record that goes over.
pub(super) fn check_txt_length(r: &mut Report, placed: &[Placed]) {
    let mut totals: FastMap<&str, usize> = FastMap::default();
    for p in placed.iter().filter(|p| p.kind == RecordType::TXT) {
        let total = totals.entry(p.name.as_ref()).or_insert(0);
        let before = *total;
        *total += p.txt_chars;
        if before <= TXT_NAME_MAX_CHARS && *total > TXT_NAME_MAX_CHARS {
            r.at_pointer(
                &format!("{}/content", p.pointer()),
                "batch.txt.combined-length",
                crate::issue::Severity::Error,
                format!(
                    "the TXT records at {:?} hold {} characters of content with this one; Cloudflare allows {TXT_NAME_MAX_CHARS} in all at one name (API error 83011)",
                    p.name, *total
                ),
            );
        }
    }
}

