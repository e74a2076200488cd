//! CNAME, NS, PTR and MX: a host name in `content` (and MX's top-level `priority`).

use super::fields::Fields;
use super::presentation::number;
use super::RecordType;
use crate::issue::Report;
use crate::name::{self, NameUse};

pub(crate) fn check(kind: RecordType, rec: &Fields, r: &mut Report, owner: Option<&str>) {
    let priority = if kind == RecordType::MX {
        rec.u16(r, "priority", "the MX preference, 0–65535 (lower is preferred)")
    } else {
        None
    };
    let Some(content) = rec.string(r, "content", "the target host name") else { return };
    let at = rec.at.key("content");
    let prefix = match kind {
        RecordType::CNAME => "cname.content",
        RecordType::NS => "ns.content",
        RecordType::PTR => "ptr.content",
        _ => "mx.content",
    };
    let shown = || crate::issue::shorten(content);

    // RFC 7505 null MX: "." with preference 0 says the domain accepts no mail.
    // UNCONFIRMED whether Cloudflare accepts it; it is valid DNS, so it passes with no issue.
    if kind == RecordType::MX && content == "." {
        if priority.is_some_and(|p| p != 0) {
            r.rfc(&at, "mx.content.null-mx", "a null MX (`.`) must have priority 0 (RFC 7505)");
        }
    } else {
        if name::looks_like_ip(content) {
            r.rfc(&at, format!("{prefix}.ip"), format!("{shown:?} is an IP address; {kind} records point at a host name", shown = shown()));
        }
        if name::check(r, &at, prefix, content, NameUse::Target).is_none() {
            return;
        }
    }
    if kind == RecordType::CNAME {
        if let Some(owner) = owner {
            // Cloudflare: "must not match the record's name" (relative names compare as given).
            if owner.trim_end_matches('.').eq_ignore_ascii_case(content.trim_end_matches('.')) {
                r.error(&at, "cname.content.self", format!("a CNAME cannot point at its own name ({shown:?})", shown = shown()));
            }
        }
    }
}

/// `10 mail.example.com` → (10, "mail.example.com").
pub fn mx_from_content(text: &str) -> Result<(u16, String), String> {
    let mut parts = text.split_whitespace();
    let (Some(pref), Some(host), None) = (parts.next(), parts.next(), parts.next()) else {
        return Err("expected `<preference> <exchange>`".into());
    };
    let pref = number::<u16>("preference", pref)?;
    Ok((pref, host.to_string()))
}
