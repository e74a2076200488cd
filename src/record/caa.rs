//! CAA (RFC 8659): `data { flags, tag, value }`, which certificate authorities may issue for a name.
//!
//! The value is sent unquoted; Cloudflare quotes it in the `content` it returns
//! (`0 issue "letsencrypt.org"`). The value grammars (RFC 8659 §4.2–4.4) are checked by hand: they
//! are three small rules, and the DNS crates that know them are far too large for the WebAssembly build.

use compact_str::CompactString;
use super::fields::{nearest, Fields};
use super::presentation::{escape_into, first_control, number, split_quoted, unescape, MAX_WIRE};
use super::typed::{integer, string};
use crate::issue::{shorten, Path, Report};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct CaaData {
    /// 0–255; `0`, or `128` (issuer critical: a CA that does not understand `tag` must not issue).
    pub flags: u8,
    /// The property: `issue`, `issuewild`, `iodef`, `issuemail`, ... (ASCII letters and digits).
    #[cfg_attr(feature = "ts", tsify(type = "string"))]
    pub tag: CompactString,
    /// The property value, unquoted: e.g. `letsencrypt.org`, `;` (no CA may issue), or
    /// `mailto:security@example.com` for `iodef`.
    #[cfg_attr(feature = "ts", tsify(type = "string"))]
    pub value: CompactString,
}

/// The issuer-critical flag (RFC 8659 §4.1).
pub const CRITICAL: u8 = 128;

/// Property tags in the IANA "Certification Authority Restriction Properties" registry.
pub const KNOWN_TAGS: [&str; 7] = ["issue", "issuewild", "iodef", "issuemail", "issuevmc", "contactemail", "contactphone"];

/// Tags whose value is `[issuer-domain] *(";" key "=" value)` (RFC 8659 §4.2; RFC 9495 for
/// `issuemail`; `issuevmc` uses the same syntax).
const ISSUER_TAGS: [&str; 4] = ["issue", "issuewild", "issuemail", "issuevmc"];

/// RFC 6844 §5.1 recommended tags of at most 15 characters.
const MAX_TAG: usize = 15;

pub(crate) fn check(rec: &Fields, r: &mut Report) {
    rec.object(r, "data", "caa.data", "`{flags, tag, value}`", |d, r| {
        d.unknown_fields(r, &["flags", "tag", "value"], "CAA data");
        let flags = d.u8(r, "flags", "0, or 128 for issuer critical");
        let tag = d.string(r, "tag", "the property, e.g. \"issue\", \"issuewild\" or \"iodef\"");
        let value = d.string(r, "value", "the property value, e.g. \"letsencrypt.org\"");

        if let Some(f) = flags {
            if f & !CRITICAL != 0 {
                let hint = if f == 1 { "; the issuer-critical flag is 128, not 1" } else { "" };
                r.rfc(
                    &d.at.key("flags"),
                    "caa.data.flags.reserved",
                    format!("`flags` {f} sets reserved bits: only 0 and 128 (issuer critical) are defined{hint}"),
                );
            }
        }
        let tag_check = tag.map(|t| check_tag(r, &d.at.key("tag"), t));
        if let (Some(t), Some(TagCheck::Unknown), Some(f)) = (tag, tag_check, flags) {
            if f & CRITICAL != 0 {
                r.rfc(
                    &d.at.key("flags"),
                    "caa.data.flags.critical",
                    format!("the issuer-critical flag on the unknown tag {t:?} makes every CA that does not know the tag refuse to issue"),
                );
            }
        }
        let tag_ok = tag_check.map(|c| c != TagCheck::Invalid);
        // The value's grammar depends on the tag, so it is checked only against a usable tag.
        let tag_lower = tag.filter(|_| tag_ok == Some(true)).map(str::to_ascii_lowercase);
        if let Some(v) = value {
            check_value(r, &d.at.key("value"), tag_lower.as_deref(), v);
        }
        if let (Some(t), Some(v)) = (tag, value) {
            let wire = 2 + t.len() + v.len();
            if wire > MAX_WIRE {
                r.error(
                    &d.at.key("value"),
                    "caa.data.value.length",
                    format!("the CAA record is {wire} bytes in wire format; Cloudflare allows at most {MAX_WIRE} (API error 9015)"),
                );
            }
        }
        Some(())
    });
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TagCheck {
    /// Registered (in any case).
    Known,
    /// Well-formed but not registered.
    Unknown,
    /// Cannot be sent.
    Invalid,
}

/// Checks the tag's syntax and whether it is registered.
fn check_tag(r: &mut Report, at: &Path, tag: &str) -> TagCheck {
    if tag.is_empty() {
        r.error(at, "caa.data.tag.empty", "`tag` is empty; use e.g. \"issue\", \"issuewild\" or \"iodef\"");
        return TagCheck::Invalid;
    }
    if let Some(bad) = tag.chars().find(|c| !c.is_ascii_alphanumeric()) {
        r.error(at, "caa.data.tag.charset", format!("`tag` {:?} contains {bad:?}; a tag is ASCII letters and digits only", shorten(tag)));
        return TagCheck::Invalid;
    }
    if tag.len() > 255 {
        r.error(at, "caa.data.tag.length", format!("`tag` is {} characters; its length must fit in one octet (at most 255)", tag.len()));
        return TagCheck::Invalid;
    }
    if tag.len() > MAX_TAG {
        r.rfc(at, "caa.data.tag.length", format!("`tag` {tag:?} is {} characters; tags should be at most {MAX_TAG} (RFC 6844 §5.1)", tag.len()));
    }
    if let Some(&lower) = KNOWN_TAGS.iter().find(|known| known.eq_ignore_ascii_case(tag)) {
        if lower != tag {
            // Registered tags are lower case; UNCONFIRMED whether Cloudflare (or every CA) folds
            // other spellings, so advise without refusing.
            r.warn(at, "caa.data.tag.case", format!("CAA tags are registered in lower case: write {lower:?}, not {tag:?}"));
        }
    } else {
        // UNCONFIRMED which tags Cloudflare accepts beyond issue/issuewild/iodef: new registry
        // entries must survive, so an unknown tag is RFC advice, never an error.
        let hint = nearest(tag, &KNOWN_TAGS).map(|k| format!("; did you mean {k:?}?")).unwrap_or_default();
        r.rfc(
            at,
            "caa.data.tag.unknown",
            format!("{tag:?} is not a registered CAA property (issue, issuewild, iodef, issuemail, issuevmc, contactemail, contactphone){hint}"),
        );
        return TagCheck::Unknown;
    }
    TagCheck::Known
}

/// Checks the value against the tag's grammar; `false` when it cannot be sent.
fn check_value(r: &mut Report, at: &Path, tag: Option<&str>, value: &str) -> bool {
    if let Some(c) = first_control(value, &[]) {
        r.error(at, "caa.data.value.control", format!("`value` contains the control character {c:?}"));
        return false;
    }
    let inner = match value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
        Some(inner) => {
            r.warn(
                at,
                "caa.data.value.quoted",
                format!("`value` is sent unquoted: the quotes become part of the value; send {:?}", shorten(inner)),
            );
            inner
        }
        None => value,
    };
    if has_bare_quote(inner) {
        r.error(at, "caa.data.value.quote", format!("`value` {:?} contains a `\"`; a CAA value cannot contain one", shorten(value)));
        return false;
    }
    let iodef = tag == Some("iodef");
    if inner.is_empty() && !iodef {
        // UNCONFIRMED whether the API accepts an empty value; the RFC allows it for issue tags.
        r.warn(at, "caa.data.value.empty", "`value` is empty; to forbid issuance with `issue`/`issuewild`, write \";\"");
        return true;
    }
    let Some(tag) = tag else { return true };
    if ISSUER_TAGS.contains(&tag) {
        if let Some(problem) = issuer_problem(inner) {
            r.rfc(
                at,
                "caa.data.value.issuer",
                format!("`{tag}` value {:?} is not `[ca-domain] [; key=value]...` (RFC 8659 §4.2): {problem}", shorten(inner)),
            );
        }
    } else if iodef && !is_iodef_url(inner) {
        // RFC 8659 §4.4: the value is a URL, so an empty one is as wrong as any other non-URL.
        // UNCONFIRMED whether Cloudflare refuses either, and a CA that cannot use the URL still
        // honours the record's other properties, so this is an RFC rule: a warning, and an error
        // only with `strict`.
        let shown = if inner.trim().is_empty() { "is empty; it".to_string() } else { format!("{:?}", shorten(inner)) };
        r.rfc(
            at,
            "caa.data.value.iodef",
            format!("`iodef` value {shown} must be a `mailto:`, `http:` or `https:` URL where CAs report violations (RFC 8659 §4.4)"),
        );
    } else if tag == "contactemail" && !is_email(inner) {
        r.rfc(at, "caa.data.value.contactemail", format!("`contactemail` value {:?} is not an e-mail address", shorten(inner)));
    }
    true
}

/// A `"` that is not escaped with `\`.
fn has_bare_quote(text: &str) -> bool {
    let mut escaped = false;
    for c in text.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => return true,
            _ => {}
        }
    }
    false
}

fn is_wsp(c: char) -> bool {
    c == ' ' || c == '\t'
}

/// `(ALPHA / DIGIT) *( *("-") (ALPHA / DIGIT))`: an LDH label (RFC 8659 `label` and `tag`).
fn is_ldh(label: &str) -> bool {
    let bytes = label.as_bytes();
    !bytes.is_empty()
        && bytes.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'-')
        && bytes.first().is_some_and(u8::is_ascii_alphanumeric)
        && bytes.last().is_some_and(u8::is_ascii_alphanumeric)
}

/// What is wrong with an `issue`-style value, if anything (RFC 8659 §4.2 `issue-value`).
fn issuer_problem(value: &str) -> Option<String> {
    let (domain, params) = match value.split_once(';') {
        Some((d, p)) => (d, Some(p)),
        None => (value, None),
    };
    let domain = domain.trim_matches(is_wsp);
    if !domain.is_empty() {
        if domain.contains([' ', ',', '\t']) {
            return Some("it names more than one CA; use one CAA record per CA".into());
        }
        if domain.contains("://") {
            return Some("the CA is named by its domain, not a URL".into());
        }
        if domain.ends_with('.') {
            return Some("the CA domain has a trailing `.`".into());
        }
        if let Some(bad) = domain.split('.').find(|l| !is_ldh(l) || l.len() > 63) {
            return Some(format!("{:?} is not a valid domain label (letters, digits, inner hyphens)", shorten(bad)));
        }
    }
    let params = params.map(|p| p.trim_matches(is_wsp)).unwrap_or("");
    if params.is_empty() {
        return None;
    }
    for param in params.split(';') {
        let param = param.trim_matches(is_wsp);
        let Some((key, val)) = param.split_once('=') else {
            return Some(format!("the parameter {:?} is not `key=value`", shorten(param)));
        };
        let key = key.trim_matches(is_wsp);
        if !is_ldh(key) {
            return Some(format!("the parameter name {:?} must be letters, digits and inner hyphens", shorten(key)));
        }
        let val = val.trim_matches(is_wsp);
        if let Some(bad) = val.chars().find(|c| !c.is_ascii_graphic()) {
            return Some(format!("the value of `{key}` contains {bad:?}; parameter values are visible ASCII without spaces"));
        }
    }
    None
}

/// `mailto:` with an address, or `http:`/`https:` with a host (RFC 8659 §4.4).
fn is_iodef_url(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    if let Some(rest) = lower.strip_prefix("mailto:") {
        return is_email(rest);
    }
    let rest = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://"));
    rest.is_some_and(|r| !r.is_empty() && !r.starts_with('/') && !r.contains(char::is_whitespace))
}

fn is_email(value: &str) -> bool {
    match value.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty() && !domain.is_empty() && !domain.contains('@') && !value.contains(char::is_whitespace)
        }
        None => false,
    }
}

/// `0 issue "letsencrypt.org"`: flags, tag, and the value quoted with `"` and `\` escaped.
pub fn to_content(d: &CaaData) -> String {
    let mut out = format!("{} {} \"", d.flags, d.tag);
    escape_into(&mut out, &d.value);
    out.push('"');
    out
}

/// Reads `<flags> <tag> <value>`; the value may be quoted (`"letsencrypt.org"`, with RFC 1035
/// escapes) or not (the rest of the text).
pub fn from_content(text: &str) -> Result<CaaData, String> {
    let usage = "expected `<flags> <tag> <value>`, e.g. `0 issue \"letsencrypt.org\"`";
    let text = text.trim();
    let (flags, rest) = text.split_once(char::is_whitespace).ok_or(usage)?;
    let (tag, value) = rest.trim_start().split_once(char::is_whitespace).ok_or(usage)?;
    let flags = number::<u8>("flags", flags)?;
    let value = value.trim();
    let bytes = if value.starts_with('"') {
        let (inner, after) = split_quoted(value)?;
        if !after.trim().is_empty() {
            return Err(format!("unexpected text after the quoted value: {:?}", shorten(after.trim())));
        }
        unescape(inner)?
    } else {
        unescape(value)?
    };
    let value = String::from_utf8(bytes.into_owned()).map_err(|_| "the value is not UTF-8 text".to_string())?;
    Ok(CaaData { flags, tag: tag.into(), value: value.into() })
}

/// The typed value of checked CAA `data` (see [`super::typed`]).
pub(crate) fn typed(d: &Fields) -> Option<CaaData> {
    Some(CaaData { flags: integer(d, "flags")?, tag: string(d, "tag")?.into(), value: string(d, "value")?.into() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issuer_grammar() {
        for ok in ["letsencrypt.org", ";", "ca.example; account=123", "ca.example;validationmethods=dns-01", "ca.example ; a=b; c=d"] {
            assert_eq!(issuer_problem(ok), None, "{ok}");
        }
        for bad in ["https://ca.example", "ca.example.", "a.com, b.com", "ca.example; account", "ca.example; a b=c", "-ca.example", "ca.example; a=b c"] {
            assert!(issuer_problem(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn content_round_trip_examples() {
        let d = CaaData { flags: 0, tag: "issue".into(), value: "letsencrypt.org".into() };
        assert_eq!(to_content(&d), "0 issue \"letsencrypt.org\"");
        assert_eq!(from_content("0 issue \"letsencrypt.org\"").unwrap(), d);
        assert_eq!(from_content("0 issue letsencrypt.org").unwrap(), d);
        let d = CaaData { flags: 128, tag: "iodef".into(), value: "a\"b\\c".into() };
        assert_eq!(from_content(&to_content(&d)).unwrap(), d);
        assert!(from_content("0 issue").is_err());
        assert!(from_content("256 issue \"x\"").is_err());
        assert!(from_content("0 issue \"x").is_err());
        assert!(from_content("0 issue \"x\" y").is_err());
    }
}
