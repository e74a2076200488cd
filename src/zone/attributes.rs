//! Cloudflare's record attributes in a zone file: the comment after a record carries the record's
//! `comment`, its `tags`, whether it is `proxied` and whether a CNAME is flattened.
//!
//! The layout is Cloudflare's, as documented for import and export
//! (<https://developers.cloudflare.com/dns/manage-dns-records/how-to/import-and-export/#dns-record-attributes>):
//!
//! ```text
//! a.example.com. 60 IN A 1.1.1.1 ; cf_tags=tag1,tag2:value2,tag3:"value,with,commas"
//! c.example.com. 60 IN A 1.1.1.1 ; just a comment without tags
//! d.example.com. 60 IN A 1.1.1.1 ; this comment contains cf_tags= as text cf_tags=
//! e.example.com. 60 IN A 1.1.1.1 ; simple example cf_tags=important,ticket:THIS-12345
//! b.example.com. 1 IN CNAME example.com. ; cf_tags=cf-proxied:false,cf-flatten-cname
//! ```
//!
//! - Everything after the last `cf_tags=` (at the start or after a space) is the tag list; what comes
//!   before it, trimmed, is the comment. A comment that itself contains `cf_tags=` is followed by an
//!   empty ` cf_tags=`.
//! - Tags are `name:value`, separated by commas. A value holding `"`, `=`, `,` or `\` is written as a
//!   JSON string (`tag:"a, \"b\""`). `name`, `name:` and `name:""` are a tag with an empty value.
//! - Reserved tags: `cf-proxied:true|false` is the proxy status, `cf-flatten-cname` per-record CNAME
//!   flattening.

use super::lexer::Pos;
use super::ZoneIssue;
use crate::json::{with_arena, Json};
use compact_str::CompactString;
use std::fmt::Write as _;

const MARK: &str = "cf_tags=";
const PROXIED: &str = "cf-proxied";
const FLATTEN: &str = "cf-flatten-cname";

/// What a record's trailing comment says.
#[derive(Debug, Default, PartialEq)]
pub struct Attributes {
    pub comment: Option<CompactString>,
    pub tags: Vec<CompactString>,
    pub proxied: Option<bool>,
    pub flatten_cname: Option<bool>,
}

/// Reads a trailing comment (the text after `;`). Problems in the tag list are issues at `at`
/// (the `;`), and the tags are then left out; the comment is kept.
pub fn parse(text: &str, at: Pos, issues: &mut Vec<ZoneIssue>) -> Attributes {
    let mut out = Attributes::default();
    let (comment, tags) = split(text);
    let comment = comment.trim();
    if !comment.is_empty() {
        out.comment = Some(comment.into());
    }
    let Some(tags) = tags else { return out };
    let items = match tag_list(tags.trim()) {
        Ok(items) => items,
        Err(reason) => {
            issues.push(ZoneIssue::error(at, "zone.tags.invalid", format!("the record's cf_tags cannot be read ({reason}); its tags are left out")));
            return out;
        }
    };
    for (name, value) in items {
        if name.eq_ignore_ascii_case(PROXIED) {
            match value.as_str() {
                "true" => out.proxied = Some(true),
                "false" => out.proxied = Some(false),
                other => issues.push(ZoneIssue::error(
                    at,
                    "zone.tags.proxied",
                    format!("`cf-proxied` is {other:?}; it must be `true` or `false`, so the proxy status is left unset"),
                )),
            }
        } else if name.eq_ignore_ascii_case(FLATTEN) {
            match value.as_str() {
                "" | "true" => out.flatten_cname = Some(true),
                "false" => out.flatten_cname = Some(false),
                other => issues.push(ZoneIssue::error(
                    at,
                    "zone.tags.flatten",
                    format!("`cf-flatten-cname` is {other:?}; write it alone (or `true`/`false`), so flattening is left unset"),
                )),
            }
        } else {
            if name.len() >= 3 && name.get(..3).is_some_and(|p| p.eq_ignore_ascii_case("cf-")) {
                // Kept as a tag (nothing is lost): Cloudflare may give it a meaning, or refuse it.
                issues.push(ZoneIssue::warning(
                    at,
                    "zone.tags.reserved",
                    format!("`{name}` starts with `cf-`, which Cloudflare reserves; it is kept as an ordinary tag"),
                ));
            }
            // A tag with no value becomes `name:`: the form the JSON API is known to take
            // (whether it takes `name` without a colon is not confirmed).
            let mut tag = CompactString::with_capacity(name.len() + 1 + value.len());
            tag.push_str(name);
            tag.push(':');
            tag.push_str(&value);
            out.tags.push(tag);
        }
    }
    out
}

/// Splits at the last `cf_tags=` that starts the text or follows white space.
fn split(text: &str) -> (&str, Option<&str>) {
    let mut end = text.len();
    while let Some(i) = text.get(..end).and_then(|t| t.rfind(MARK)) {
        let starts_word = text.get(..i).is_none_or(|before| before.is_empty() || before.ends_with(char::is_whitespace));
        if starts_word {
            return (text.get(..i).unwrap_or_default(), text.get(i + MARK.len()..));
        }
        end = i;
    }
    (text, None)
}

/// `name[:value],...`; an empty list is fine.
fn tag_list(text: &str) -> Result<Vec<(&str, String)>, String> {
    let mut out = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let name_end = rest.find([':', ',']).unwrap_or(rest.len());
        let name = rest.get(..name_end).unwrap_or_default().trim();
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
            return Err(format!("{name:?} is not a tag name (letters, digits, `-` and `_`)"));
        }
        rest = rest.get(name_end..).unwrap_or_default();
        let mut value = String::new();
        if let Some(after) = rest.strip_prefix(':') {
            let after = after.trim_start();
            if after.starts_with('"') {
                let close = closing_quote(after).ok_or_else(|| format!("the quoted value of `{name}` is not closed"))?;
                let quoted = after.get(..=close).unwrap_or_default();
                // The crate's own JSON reader: serde_json's deserializer would add to the .wasm.
                value = with_arena(|arena| match Json::parse(quoted, arena) {
                    Ok(Json::String(s)) => Ok(s.to_string()),
                    _ => Err(format!("the quoted value of `{name}` is not a JSON string")),
                })?;
                rest = after.get(close + 1..).unwrap_or_default().trim_start();
            } else {
                let end = after.find(',').unwrap_or(after.len());
                let bare = after.get(..end).unwrap_or_default().trim();
                if let Some(c) = bare.chars().find(|c| matches!(c, '"' | '=' | '\\')) {
                    return Err(format!("the value of `{name}` holds {c:?}, so it must be written in double quotes"));
                }
                value.push_str(bare);
                rest = after.get(end..).unwrap_or_default();
            }
        }
        out.push((name, value));
        match rest.strip_prefix(',') {
            Some(next) => rest = next.trim_start(),
            None if rest.trim().is_empty() => rest = "",
            None => return Err(format!("expected `,` after the tag `{name}`, found {:?}", crate::issue::shorten(rest))),
        }
    }
    Ok(out)
}

/// The byte index of the quote that closes the JSON string starting at `text[0]`.
fn closing_quote(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = 1;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\\' => i += 2,
            b'"' => return Some(i),
            _ => i += 1,
        }
    }
    None
}

/// Writes the attributes as a trailing comment (` ; ...`), or nothing when there are none. The
/// caller has checked that the comment has no line break and the tag names are well-formed.
pub fn write(out: &mut String, attributes: &Attributes) {
    let has_tags = !attributes.tags.is_empty() || attributes.proxied.is_some() || attributes.flatten_cname == Some(true);
    let comment = attributes.comment.as_deref().unwrap_or_default();
    if comment.is_empty() && !has_tags {
        return;
    }
    out.push_str(" ;");
    if !comment.is_empty() {
        out.push(' ');
        out.push_str(comment);
    }
    // A comment holding `cf_tags=` needs a last `cf_tags=` of its own, even with no tags.
    if !has_tags && split(comment).1.is_none() {
        return;
    }
    out.push_str(" cf_tags=");
    let mut first = true;
    let mut sep = |out: &mut String| {
        if !std::mem::take(&mut first) {
            out.push(',');
        }
    };
    if let Some(p) = attributes.proxied {
        sep(out);
        let _ = write!(out, "{PROXIED}:{p}");
    }
    if attributes.flatten_cname == Some(true) {
        sep(out);
        out.push_str(FLATTEN);
    }
    for tag in &attributes.tags {
        sep(out);
        let (name, value) = tag.split_once(':').unwrap_or((tag, ""));
        out.push_str(name);
        if value.is_empty() {
            continue;
        }
        out.push(':');
        let plain = value.chars().all(|c| !(c.is_whitespace() || c.is_control() || matches!(c, '"' | '=' | ',' | '\\')));
        if plain {
            out.push_str(value);
        } else {
            // A JSON string, with `=` written `\u003d` so that no `cf_tags=` can appear inside a
            // value (Cloudflare splits at the last one).
            let json = serde_json::to_string(value).unwrap_or_default();
            out.push_str(&json.replace('=', "\\u003d"));
        }
    }
}

/// Whether `name` is a tag name Cloudflare's zone files can carry.
pub fn is_tag_name(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (Attributes, Vec<ZoneIssue>) {
        let mut issues = Vec::new();
        (parse(text, Pos::default(), &mut issues), issues)
    }

    #[test]
    fn cloudflare_documented_examples() {
        let (a, _) = read("   cf_tags=awesome");
        assert_eq!((a.comment, a.tags), (None, vec![CompactString::from("awesome:")]));
        let (a, _) = read(r#"   cf_tags=tag1,tag2:value2,tag3:"value,with,commas",tag4:"value with \"escaped\" quotation marks""#);
        assert_eq!(a.tags, ["tag1:", "tag2:value2", "tag3:value,with,commas", "tag4:value with \"escaped\" quotation marks"]);
        let (a, _) = read(" this comment contains cf_tags= as text cf_tags=");
        assert_eq!(a.comment.as_deref(), Some("this comment contains cf_tags= as text"));
        assert!(a.tags.is_empty());
        let (a, _) = read(" simple example cf_tags=important,ticket:THIS-12345");
        assert_eq!(a.comment.as_deref(), Some("simple example"));
        assert_eq!(a.tags, ["important:", "ticket:THIS-12345"]);
        let (a, issues) = read(" cf_tags=tag-without-value,cf-proxied:true,cf-flatten-cname");
        assert_eq!((a.proxied, a.flatten_cname), (Some(true), Some(true)));
        assert_eq!(a.tags, ["tag-without-value:"]);
        assert!(issues.is_empty());
    }

    #[test]
    fn bad_tags_are_reported_and_the_comment_kept() {
        let (a, issues) = read(" note cf_tags=a b");
        assert_eq!(a.comment.as_deref(), Some("note"));
        assert_eq!(issues[0].code, "zone.tags.invalid");
        let (_, issues) = read(" cf_tags=cf-proxied:yes");
        assert_eq!(issues[0].code, "zone.tags.proxied");
    }

    #[test]
    fn writes_what_it_reads() {
        let attributes = Attributes {
            comment: Some("has cf_tags= inside".into()),
            tags: vec!["k:a=b, c".into(), "e:".into(), "plain:v".into()],
            proxied: Some(false),
            flatten_cname: Some(true),
        };
        let mut out = String::new();
        write(&mut out, &attributes);
        assert_eq!(out, r#" ; has cf_tags= inside cf_tags=cf-proxied:false,cf-flatten-cname,k:"a\u003db, c",e,plain:v"#);
        let (back, issues) = read(out.trim_start().strip_prefix(';').unwrap());
        assert!(issues.is_empty());
        assert_eq!(back, attributes);
    }
}
