//! TLSA (RFC 6698, RFC 7671) and SMIMEA (RFC 8162): the same
//! `data { usage, selector, matching_type, certificate }`; codes carry the kind's own prefix
//! (`tlsa.data.usage.unassigned`, `smimea.data.usage.unassigned`).
//!
//! Cloudflare takes each number as 0–255; the RFC registries (RFC 7218 names) are open, so an
//! unassigned value is a warning, never an error.

use compact_str::CompactString;
use super::presentation::{check_hex, clean_presentation, number};
use super::fields::Fields;
use super::typed::{integer, string};
use super::RecordType;
use crate::issue::{Path, Report};
use serde::Serialize;
use std::borrow::Cow;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct DaneData {
    /// Certificate usage: 0 PKIX-TA, 1 PKIX-EE, 2 DANE-TA, 3 DANE-EE; 255 PrivCert.
    pub usage: u8,
    /// Which part is matched: 0 the full certificate, 1 its SubjectPublicKeyInfo; 255 PrivSel.
    pub selector: u8,
    /// How it is matched: 0 exact (the data itself), 1 SHA-256 (64 hex digits), 2 SHA-512
    /// (128 hex digits); 255 PrivMatch.
    pub matching_type: u8,
    /// The certificate association data in hexadecimal.
    #[cfg_attr(feature = "ts", tsify(type = "string"))]
    pub certificate: CompactString,
}

const FIELDS: [&str; 4] = ["usage", "selector", "matching_type", "certificate"];

pub(crate) fn check(kind: RecordType, rec: &Fields, r: &mut Report) {
    let prefix = kind.data_code();
    rec.object(r, "data", prefix, "`{usage, selector, matching_type, certificate}`", |d, r| {
        d.unknown_fields(r, &FIELDS, &format!("{kind} data"));
        let usage = d.u8(r, "usage", "3 (DANE-EE) for a server's own certificate");
        let selector = d.u8(r, "selector", "0 for the full certificate, 1 for its public key");
        let matching_type = d.u8(r, "matching_type", "1 for SHA-256, 2 for SHA-512, 0 for the data itself");
        let certificate = d.string(r, "certificate", "the certificate association data in hexadecimal");
        let code = |field: &str, rule: &str| Cow::Owned(format!("{prefix}.{field}.{rule}"));
        if let Some(u) = usage {
            if !matches!(u, 0..=3 | 255) {
                r.rfc(
                    &d.at.key("usage"),
                    code("usage", "unassigned"),
                    format!("`usage` {u} is not assigned; 0 PKIX-TA, 1 PKIX-EE, 2 DANE-TA, 3 DANE-EE (RFC 6698 §2.1.1)"),
                );
            }
        }
        if let Some(s) = selector {
            if !matches!(s, 0 | 1 | 255) {
                r.rfc(
                    &d.at.key("selector"),
                    code("selector", "unassigned"),
                    format!("`selector` {s} is not assigned; 0 full certificate, 1 SubjectPublicKeyInfo (RFC 6698 §2.1.2)"),
                );
            }
        }
        if let Some(m) = matching_type {
            let at = d.at.key("matching_type");
            if !matches!(m, 0..=2 | 255) {
                r.rfc(
                    &at,
                    code("matching_type", "unassigned"),
                    format!("`matching_type` {m} is not assigned; 0 exact, 1 SHA-256, 2 SHA-512 (RFC 6698 §2.1.3)"),
                );
            } else if m == 0 && kind == RecordType::TLSA {
                // SMIMEA is left out on purpose: a mail sender needs the whole certificate to
                // encrypt to it, so "0 exact" is the useful form there (RFC 8162).
                r.rfc(
                    &at,
                    "tlsa.data.matching_type.full",
                    "`matching_type` 0 publishes the whole certificate or key; a digest (1, SHA-256) is smaller and is what RFC 7671 recommends",
                );
            }
        }
        if let Some(text) = certificate {
            let at = d.at.key("certificate");
            let expected = match matching_type {
                Some(1) => Some((64, "matching type 1 (SHA-256)".to_string())),
                Some(2) => Some((128, "matching type 2 (SHA-512)".to_string())),
                _ => None,
            };
            let field_prefix = match kind {
                RecordType::SMIMEA => "smimea.data.certificate",
                _ => "tlsa.data.certificate",
            };
            // The DER form is looked at only in what is hex.
            if check_hex(r, &at, field_prefix, "certificate", text, expected) && matching_type == Some(0) && matches!(selector, Some(0 | 1)) {
                check_der(r, &at, field_prefix, text);
            }
        }
        Some(())
    });
    check_owner(kind, rec, r);
}

/// With matching type 0 the data is the DER certificate (selector 0) or SubjectPublicKeyInfo
/// (selector 1) itself, and both are DER SEQUENCEs: the first byte is 0x30.
fn check_der(r: &mut Report, at: &Path, field_prefix: &str, hex: &str) -> bool {
    if hex.get(..2) == Some("30") {
        return true;
    }
    r.error(
        at,
        Cow::Owned(format!("{field_prefix}.der")),
        "with matching type 0 `certificate` is the DER certificate or public key in hex, which starts with `30`; \
         PEM text must be converted to DER first",
    );
    false
}

/// TLSA owners are `_port._proto.host` (RFC 6698 §3); SMIMEA owners are
/// `<hash>._smimecert.<domain>`, the hash being the first 28 octets of SHA-256 of the mailbox's
/// local part in hex, 56 digits (RFC 8162 §3).
fn check_owner(kind: RecordType, rec: &Fields, r: &mut Report) {
    let Some(name) = rec.get("name").and_then(|n| n.as_str()) else { return };
    let at = rec.at.key("name");
    let shown = || crate::issue::shorten(name);
    let labels: Vec<&str> = name.split('.').collect();
    if kind == RecordType::TLSA {
        let port = labels.first().copied().unwrap_or_default();
        let proto = labels.get(1).copied().unwrap_or_default();
        let port_ok = port == "*"
            || port.strip_prefix('_').is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) && p.parse::<u16>().is_ok());
        let proto_ok = proto.len() > 1 && proto.starts_with('_');
        if !(port_ok && proto_ok) {
            r.rfc(
                &at,
                "tlsa.name.port-proto",
                format!("TLSA names start with `_port._proto.` (e.g. `_443._tcp.www.example.com`), got {shown:?}", shown = shown()),
            );
        }
        return;
    }
    let Some(i) = labels.iter().position(|l| l.eq_ignore_ascii_case("_smimecert")) else {
        r.rfc(&at, "smimea.name.smimecert", format!("SMIMEA names are `<hash>._smimecert.<domain>` (RFC 8162 §3), got {shown:?}", shown = shown()));
        return;
    };
    let hash = i.checked_sub(1).and_then(|j| labels.get(j)).copied().unwrap_or_default();
    let hash_ok = hash == "*" || (hash.len() == 56 && hash.bytes().all(|b| b.is_ascii_hexdigit()));
    if !hash_ok {
        r.rfc(
            &at,
            "smimea.name.hash",
            format!(
                "the label before `_smimecert` must be the SHA-256 of the mailbox's local part cut to 28 octets, 56 hex digits (RFC 8162 §3), got {:?}",
                crate::issue::shorten(hash)
            ),
        );
    }
}

/// `3 1 1 0c72ac70...` (usage selector matching-type data).
pub fn to_content(d: &DaneData) -> String {
    format!("{} {} {} {}", d.usage, d.selector, d.matching_type, d.certificate)
}

/// Reads `usage selector matching_type data`; the data may be split over several
/// whitespace-separated parts, as zone files allow (RFC 6698 §2.2).
pub fn from_content(text: &str) -> Result<DaneData, String> {
    let cleaned = clean_presentation(text);
    let mut parts = cleaned.split_whitespace();
    let (Some(usage), Some(selector), Some(matching_type)) = (parts.next(), parts.next(), parts.next()) else {
        return Err("expected `<usage> <selector> <matching type> <data>`".into());
    };
    let certificate: String = parts.collect();
    if certificate.is_empty() {
        return Err("the certificate data is missing after `<usage> <selector> <matching type>`".into());
    }
    let num = number::<u8>;
    Ok(DaneData {
        usage: num("usage", usage)?,
        selector: num("selector", selector)?,
        matching_type: num("matching type", matching_type)?,
        certificate: certificate.into(),
    })
}

/// The typed value of checked TLSA or SMIMEA `data` (see [`super::typed`]).
pub(crate) fn typed(d: &Fields) -> Option<DaneData> {
    Some(DaneData {
        usage: integer(d, "usage")?,
        selector: integer(d, "selector")?,
        matching_type: integer(d, "matching_type")?,
        certificate: string(d, "certificate")?.into(),
    })
}
