//! Records written as a zone file, the way Cloudflare's export writes them: one record a line,
//! `name. TTL IN TYPE value`, names fully qualified with a trailing dot (Cloudflare's import wants
//! host names in values fully qualified), the record's attributes in the trailing comment.
//! Records keep their order, so the file reads back record for record.

use super::attributes::{self, Attributes};
use super::lexer::reads_back_on_one_line;
use crate::issue::{Issue, Path, Report, Severity, ValidateOptions};
use crate::json::{with_arena, Json};
use crate::record::common::check_record;
use crate::record::fields::Mode;
use crate::record::{txt, Record, RecordData};
use compact_str::CompactString;
use std::borrow::Cow;
use std::fmt::Write as _;

/// The records as zone-file text that `parse_zone` (with the same origin) reads back to the same
/// records, or every reason some record cannot be written faithfully (each with a JSON pointer into
/// `records`: `/3/comment`). Nothing is written in part: a zone file missing a record would delete
/// it when used as the desired state.
///
/// With an `origin`, record names are written fully qualified (`@` and names that do not end with
/// the origin are taken relative to it, as Cloudflare takes them) and a `$ORIGIN` line comes first.
/// Without one, names are written as they are. A record with no `ttl` is written with `1`
/// (automatic), which is what Cloudflare does with it.
pub fn format_zone(records: &[Record], origin: Option<&str>) -> Result<String, Vec<Issue>> {
    let origin = origin.map(str::trim).map(|o| o.strip_suffix('.').unwrap_or(o)).filter(|o| !o.is_empty());
    // About 80 bytes a record: one allocation for the usual zone.
    let mut out = String::with_capacity(records.len() * 80 + 64);
    let mut issues = Vec::new();
    if let Some(origin) = origin {
        let _ = writeln!(out, "$ORIGIN {origin}.");
    }
    for (i, record) in records.iter().enumerate() {
        write_record(&mut out, i, record, origin, &mut issues);
    }
    if issues.is_empty() {
        Ok(out)
    } else {
        Err(issues)
    }
}

/// [`format_zone`] over JSON text: an array of records as Cloudflare's API takes or gives them
/// (response fields such as `id` and `meta` are ignored). Each record is read by the same reader as
/// a batch post; one whose value cannot be read is refused with that reader's errors (pointers
/// `/3/data/port`), and so is anything that is not an array of records (`zone.format.record`).
pub fn format_zone_json(records: &str, origin: Option<&str>) -> Result<String, Vec<Issue>> {
    let not_records = |pointer: String, message: String| Issue { code: Cow::Borrowed("zone.format.record"), pointer, severity: Severity::Error, message };
    with_arena(|arena| {
        let json = Json::parse(records, arena).map_err(|e| vec![not_records(String::new(), format!("the records are not JSON: {e}"))])?;
        let Json::Array(items) = json else {
            return Err(vec![not_records(String::new(), format!("the records must be an array, got {}", json.kind()))]);
        };
        let lenient = ValidateOptions::default();
        let mut typed = Vec::with_capacity(items.len());
        let mut issues = Vec::new();
        let root = Path::Root;
        for (i, item) in items.iter().enumerate() {
            let at = root.index(i);
            let mut r = Report::new(&lenient);
            let checked = check_record(item, &at, &mut r, Mode::Full, &[]);
            match checked.filter(|c| c.value_clean).and_then(|_| crate::record::typed::record(item)) {
                Some(record) => typed.push(record),
                None => {
                    let before = issues.len();
                    issues.extend(r.issues.into_iter().filter(|issue| issue.severity == Severity::Error));
                    if issues.len() == before {
                        issues.push(not_records(at.to_pointer(), "this entry could not be read as a record".into()));
                    }
                }
            }
        }
        if !issues.is_empty() {
            return Err(issues);
        }
        format_zone(&typed, origin)
    })
}

fn error(issues: &mut Vec<Issue>, index: usize, field: &str, code: &'static str, message: String) {
    issues.push(Issue { code: Cow::Borrowed(code), pointer: format!("/{index}/{field}"), severity: Severity::Error, message });
}

fn write_record(out: &mut String, i: usize, record: &Record, origin: Option<&str>, issues: &mut Vec<Issue>) {
    let before = issues.len();
    let kind = record.record_type();
    let common = &record.common;
    let name = common.name.as_deref().unwrap_or_default();
    if name.is_empty() || name.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, ';' | '(' | ')' | '"')) {
        error(issues, i, "name", "zone.format.name", format!("the record name {:?} cannot be written in a zone file (empty, or with spaces, control characters, `;`, `(`, `)` or `\"`)", crate::issue::shorten(name)));
    }
    if let Some(settings) = &common.settings {
        for (on, key) in [(settings.ipv4_only, "ipv4_only"), (settings.ipv6_only, "ipv6_only")] {
            if on == Some(true) {
                error(issues, i, "settings", "zone.format.setting", format!("zone files have no form for `settings.{key}`; remove it, or keep the records as JSON"));
            }
        }
    }
    if common.private_routing == Some(true) {
        error(issues, i, "private_routing", "zone.format.setting", "zone files have no form for `private_routing`; remove it, or keep the records as JSON".into());
    }
    let comment = common.comment.clone().flatten();
    if comment.as_deref().is_some_and(|c| c.contains(['\n', '\r'])) {
        error(issues, i, "comment", "zone.format.comment", "the comment has a line break, which a zone file comment cannot hold (Cloudflare refuses it too)".into());
    }
    let tags = common.tags.clone().unwrap_or_default();
    for (t, tag) in tags.iter().enumerate() {
        let tag_name = tag.split_once(':').map_or(tag.as_str(), |(n, _)| n);
        if !attributes::is_tag_name(tag_name) {
            error(issues, i, &format!("tags/{t}"), "zone.format.tag", format!("the tag name {:?} cannot be written in a zone file (letters, digits, `-` and `_` only)", crate::issue::shorten(tag_name)));
        }
    }
    let value = presentation(&record.data);
    if !reads_back_on_one_line(&value) {
        let field = if kind.uses_data() { "data" } else { "content" };
        error(issues, i, field, "zone.format.value", format!("the {kind} value {:?} would not read back from a zone file (a line break, an open quote, or `;`, `(`, `)` outside quotes)", crate::issue::shorten(&value)));
    }
    if issues.len() > before {
        return;
    }

    write_owner(out, name, origin);
    let _ = write!(out, "\t{}\tIN\t{}\t{}", common.ttl.unwrap_or(1), kind.as_str(), value);
    let attributes = Attributes {
        comment,
        tags,
        // Cloudflare's export marks every proxiable record; another kind carries it only when set,
        // so that nothing sent is lost (validation says it is refused).
        proxied: common.proxied.filter(|&p| p || kind.proxiable()),
        flatten_cname: common.settings.as_ref().and_then(|s| s.flatten_cname),
    };
    attributes::write(out, &attributes);
    out.push('\n');
}

fn write_owner(out: &mut String, name: &str, origin: Option<&str>) {
    let Some(origin) = origin else {
        out.push_str(name);
        return;
    };
    if name == "@" {
        let _ = write!(out, "{origin}.");
    } else if name.ends_with('.') {
        out.push_str(name);
    } else if name.eq_ignore_ascii_case(origin) || ends_with_label(name, origin) {
        let _ = write!(out, "{name}.");
    } else {
        let _ = write!(out, "{name}.{origin}.");
    }
}

/// `name` ends with `.origin`, compared as DNS compares names (ASCII case-insensitively).
fn ends_with_label(name: &str, origin: &str) -> bool {
    name.len() > origin.len()
        && name.is_char_boundary(name.len() - origin.len())
        && name.get(name.len() - origin.len()..).is_some_and(|tail| tail.eq_ignore_ascii_case(origin))
        && name.as_bytes().get(name.len() - origin.len() - 1) == Some(&b'.')
}

/// The value after the type, by the kind's own `to_content`, with host names fully qualified
/// (a trailing dot) and TXT content quoted (Cloudflare stores unquoted content quoted; written bare,
/// a `;` in it would start a comment).
fn presentation(data: &RecordData) -> String {
    let mut data = Cow::Borrowed(data);
    let needs = match data.as_ref() {
        RecordData::CNAME { content } | RecordData::NS { content } | RecordData::PTR { content } | RecordData::MX { content, .. } => needs_dot(content),
        RecordData::SRV { data } => needs_dot(&data.target),
        RecordData::HTTPS { data } | RecordData::SVCB { data } => needs_dot(&data.target),
        RecordData::NAPTR { data } => needs_dot(&data.replacement),
        RecordData::TXT { content } => !content.trim_start().starts_with('"'),
        _ => false,
    };
    if needs {
        match data.to_mut() {
            RecordData::CNAME { content } | RecordData::NS { content } | RecordData::PTR { content } | RecordData::MX { content, .. } => qualify(content),
            RecordData::SRV { data } => qualify(&mut data.target),
            RecordData::HTTPS { data } | RecordData::SVCB { data } => qualify(&mut data.target),
            RecordData::NAPTR { data } => qualify(&mut data.replacement),
            RecordData::TXT { content } => *content = txt::quote(content).into(),
            _ => {}
        }
    }
    data.to_content()
}

fn needs_dot(name: &str) -> bool {
    !(name.is_empty() || name.ends_with('.') || name == "@")
}

fn qualify(name: &mut CompactString) {
    name.push('.');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owners() {
        let owner = |name: &str, origin: Option<&str>| {
            let mut out = String::new();
            write_owner(&mut out, name, origin);
            out
        };
        assert_eq!(owner("@", Some("example.com")), "example.com.");
        assert_eq!(owner("www.EXAMPLE.com", Some("example.com")), "www.EXAMPLE.com.");
        assert_eq!(owner("www", Some("example.com")), "www.example.com.");
        assert_eq!(owner("wwwexample.com", Some("example.com")), "wwwexample.com.example.com.");
        assert_eq!(owner("x.", Some("example.com")), "x.");
        assert_eq!(owner("www", None), "www");
    }
}
