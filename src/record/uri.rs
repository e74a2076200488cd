//! URI (RFC 7553): a top-level `priority` and `data { weight, target }`; the owner name carries
//! `_service._proto`.

use compact_str::CompactString;
use super::fields::Fields;
use super::presentation::{number, quoted as quote, tokens};
use super::typed::{integer, string};
use crate::issue::{shorten, Path, Report};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct UriData {
    /// 0–65535; relative weight among targets of equal priority.
    pub weight: u16,
    /// An absolute URI (RFC 3986), e.g. `ftp://ftp.example.com/public`; sent unquoted.
    #[cfg_attr(feature = "ts", tsify(type = "string"))]
    pub target: CompactString,
}

pub(crate) fn check(rec: &Fields, r: &mut Report) {
    rec.u16(r, "priority", "the URI priority, 0–65535 (lower is tried first)");
    rec.object(r, "data", "uri.data", "`{weight, target}`", |d, r| {
        if d.has("priority") {
            r.warn(
                &d.at.key("priority"),
                "uri.data.priority",
                "URI records carry `priority` at the top level of the record, not in `data`; the API ignores `data.priority`",
            );
        }
        d.unknown_fields(r, &["weight", "target", "priority"], "URI data");
        d.u16(r, "weight", "0–65535");
        if let Some(t) = d.string(r, "target", "the target URI, e.g. \"https://www.example.com/\"") {
            check_target(r, &d.at.key("target"), t);
        }
        Some(())
    });
    // RFC 7553 §4.1: owner names are `_service._proto.name`, like SRV's.
    if let Some(owner) = rec.get("name").and_then(crate::json::Json::as_str) {
        crate::name::check_service_owner(r, &rec.at.key("name"), owner, "uri.name.service", "URI", "_ftp._tcp.example.com");
    }
}

/// RFC 7553 §4.4: the target is a URI (RFC 3986 §4.3 absolute URI): a scheme
/// `ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )`, a colon, and the rest. Hand-written: a URL crate
/// would normalise and accept more than RFC 3986 (WHATWG rules), and would add a large dependency.
fn check_target(r: &mut Report, at: &Path, target: &str) -> bool {
    let shown = || shorten(target);
    if target.is_empty() {
        r.error(at, "uri.data.target.empty", "the target URI is empty");
        return false;
    }
    if target.chars().any(|c| c.is_whitespace() || c.is_control()) {
        r.error(at, "uri.data.target.charset", format!("the target {shown:?} contains spaces or control characters", shown = shown()));
        return false;
    }
    if target.len() >= 2 && target.starts_with('"') && target.ends_with('"') {
        r.error(at, "uri.data.target.quoted", format!("send the target without quotes: {shown}", shown = shown()));
        return false;
    }
    let scheme = target.split_once(':').map(|(s, _)| s);
    let scheme_ok = scheme.is_some_and(|s| {
        let mut cs = s.chars();
        cs.next().is_some_and(|c| c.is_ascii_alphabetic()) && cs.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    });
    if !scheme_ok {
        r.error(
            at,
            "uri.data.target.scheme",
            format!("the target {shown:?} is not an absolute URI: it must start with a scheme such as `https:` or `sip:`", shown = shown()),
        );
        return false;
    }
    if let Some(bad) = target.chars().find(|c| !is_uri_char(*c)) {
        r.rfc(
            at,
            "uri.data.target.invalid-char",
            format!("the target {shown:?} contains {bad:?}, which a URI must percent-encode (RFC 3986 §2)", shown = shown()),
        );
    } else if !percent_ok(target) {
        r.rfc(at, "uri.data.target.percent", format!("the target {shown:?} has a `%` not followed by two hex digits (RFC 3986 §2.1)", shown = shown()));
    }
    true
}

/// RFC 3986 §2: unreserved, reserved and `%`.
fn is_uri_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-._~:/?#[]@!$&'()*+,;=%".contains(c)
}

fn percent_ok(target: &str) -> bool {
    let bytes = target.as_bytes();
    bytes.iter().enumerate().filter(|(_, b)| **b == b'%').all(|(i, _)| {
        bytes.get(i + 1..i + 3).is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit))
    })
}


/// `10 1 "ftp://ftp.example.com/public"` (priority weight target).
pub fn to_content(priority: u16, d: &UriData) -> String {
    format!("{priority} {} {}", d.weight, quote(&d.target))
}

pub fn from_content(text: &str) -> Result<(u16, UriData), String> {
    let tokens = tokens(text)?;
    let [priority, weight, target] = tokens.as_slice() else {
        return Err(format!("expected `<priority> <weight> \"<target>\"` (3 fields), got {}", tokens.len()));
    };
    let num = number::<u16>;
    Ok((num("priority", &priority.text)?, UriData { weight: num("weight", &weight.text)?, target: target.text.as_str().into() }))
}

/// The typed value of checked URI `data` (see [`super::typed`]; `priority` is the record's own).
pub(crate) fn typed(d: &Fields) -> Option<UriData> {
    Some(UriData { weight: integer(d, "weight")?, target: string(d, "target")?.into() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_escapes() {
        assert!(percent_ok("https://x/%41%2f"));
        assert!(!percent_ok("https://x/%4"));
        assert!(!percent_ok("https://x/%zz"));
        assert!(percent_ok("https://x/"));
    }
}
