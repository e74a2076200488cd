//! DNSKEY (RFC 4034 §2) and DS (RFC 4034 §5): `data { flags, protocol, algorithm, public_key }` and
//! `data { key_tag, algorithm, digest_type, digest }`.
//!
//! Also home to the helpers the other hex-carrying kinds share (`dane.rs`, `sshfp.rs`): the hex
//! check and the clean-up of pasted zone-file text.
//!
//! Registries (DNSSEC algorithm numbers, DS digest types) are open: an unassigned number is a
//! warning that names it, never an error, so values assigned after this was written still pass.

use compact_str::CompactString;
use super::fields::Fields;
use super::typed::{integer, string};
use super::RecordType;
use crate::issue::{Path, Report};
use super::presentation::{check_hex, clean_presentation, decode_base64, number};
use serde::Serialize;
use std::borrow::Cow;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct DnskeyData {
    /// 16-bit flags: 256 = Zone Key (a zone-signing key), 257 = Zone Key + Secure Entry Point
    /// (a key-signing key); 128 = REVOKE (RFC 5011). Other bits are reserved and must be zero.
    pub flags: u16,
    /// Always 3 (RFC 4034 §2.1.2); any other value makes the key unusable for DNSSEC.
    pub protocol: u8,
    /// DNSSEC algorithm number (IANA registry), e.g. 8 RSASHA256, 13 ECDSAP256SHA256, 15 ED25519.
    pub algorithm: u8,
    /// The public key in base64 (RFC 4648), as one string with no spaces or line breaks.
    #[cfg_attr(feature = "ts", tsify(type = "string"))]
    pub public_key: CompactString,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct DsData {
    /// 0–65535; the key tag of the child zone's DNSKEY this DS points at (RFC 4034 Appendix B).
    pub key_tag: u16,
    /// DNSSEC algorithm number of that DNSKEY, e.g. 13 ECDSAP256SHA256.
    pub algorithm: u8,
    /// Digest algorithm: 2 SHA-256 (64 hex digits, recommended), 4 SHA-384 (96 hex digits);
    /// 1 SHA-1 (40 hex digits) and 3 GOST (64 hex digits) are deprecated.
    pub digest_type: u8,
    /// The digest in hexadecimal, as long as `digest_type` requires.
    #[cfg_attr(feature = "ts", tsify(type = "string"))]
    pub digest: CompactString,
}

const DNSKEY_FIELDS: [&str; 4] = ["flags", "protocol", "algorithm", "public_key"];
const DS_FIELDS: [&str; 4] = ["key_tag", "algorithm", "digest_type", "digest"];

/// DNSKEY flag bits with a meaning: Zone Key (RFC 4034 §2.1.1), REVOKE (RFC 5011 §3) and Secure
/// Entry Point (RFC 3757). Every other bit is reserved and must be zero.
const FLAG_ZONE: u16 = 256;
const FLAG_REVOKE: u16 = 128;
const FLAG_SEP: u16 = 1;

pub(crate) fn check(kind: RecordType, rec: &Fields, r: &mut Report) {
    if kind == RecordType::DS {
        check_ds(rec, r)
    } else {
        check_dnskey(rec, r)
    }
}

fn check_dnskey(rec: &Fields, r: &mut Report) {
    const PREFIX: &str = "dnskey.data";
    rec.object(r, "data", PREFIX, "`{flags, protocol, algorithm, public_key}`", |d, r| {
        d.unknown_fields(r, &DNSKEY_FIELDS, "DNSKEY data");
        // The CF range of `flags` is UNCONFIRMED (TF's merged schema shows CAA's 0–255); the RFC
        // field is 16 bits and the usual values are 256 and 257, so all 16 bits are accepted.
        let flags = d.u16(r, "flags", "256 for a zone-signing key, 257 for a key-signing key");
        let protocol = d.u8(r, "protocol", "always 3");
        let algorithm = d.u8(r, "algorithm", "the DNSSEC algorithm number, e.g. 13");
        let public_key = d.string(r, "public_key", "the public key in base64");
        if let Some(f) = flags {
            check_flags(r, &d.at.key("flags"), f);
        }
        if let Some(p) = protocol {
            if p != 3 {
                r.error(
                    &d.at.key("protocol"),
                    "dnskey.data.protocol.value",
                    format!("`protocol` must be 3 (RFC 4034 §2.1.2), got {p}; resolvers ignore any other DNSKEY"),
                );
            }
        }
        if let Some(a) = algorithm {
            check_algorithm(r, &d.at.key("algorithm"), PREFIX, a);
        }
        if let Some(k) = public_key {
            check_public_key(r, &d.at.key("public_key"), k, algorithm);
        }
        Some(())
    });
    if rec.mode != super::fields::Mode::Full {
        return;
    }
    // Whether Cloudflare accepts DNSKEY on an ordinary zone is UNCONFIRMED (DNSControl declares it
    // cannot). Rejecting could block a legal record (multi-signer DNSSEC adds the other signer's
    // DNSKEYs by hand), so this is only advice.
    r.warn(
        &rec.at.key("type"),
        "dnskey.managed",
        "Cloudflare publishes its own DNSKEY records when DNSSEC is on; add a DNSKEY by hand only for multi-signer DNSSEC (RFC 8901)",
    );
}

fn check_flags(r: &mut Report, at: &Path, flags: u16) {
    let reserved = flags & !(FLAG_ZONE | FLAG_REVOKE | FLAG_SEP);
    if reserved != 0 {
        r.rfc(
            at,
            "dnskey.data.flags.reserved",
            format!(
                "`flags` {flags} sets reserved bits ({reserved}); only 256 (Zone Key), 128 (REVOKE) and 1 (SEP) are defined, \
                 so the usual values are 256 and 257 (RFC 4034 §2.1.1)"
            ),
        );
    }
    if flags & FLAG_ZONE == 0 {
        r.rfc(
            at,
            "dnskey.data.flags.zone",
            format!(
                "`flags` {flags} does not set the Zone Key bit (256), so the key cannot sign the zone (RFC 4034 §2.1.1); use 256 or 257"
            ),
        );
    }
}

/// What is known about a DNSSEC algorithm number (IANA "DNS Security Algorithm Numbers").
#[derive(Clone, Copy, PartialEq, Eq)]
enum AlgStatus {
    /// Fine to sign with.
    Current,
    /// RFC 8624 (and later updates) say not to sign with it any more.
    Deprecated,
    /// Assigned, but few validators implement it: to them the zone looks unsigned.
    Uncommon,
    /// Assigned, but not a zone-signing algorithm.
    NotSigning,
    /// Private algorithms (253, 254): fine between parties that agree on them.
    Private,
    Reserved,
}

/// Algorithm number, mnemonic (RFC 4034 Appendix A.1 and later RFCs), status.
const ALGORITHMS: &[(u8, &str, AlgStatus)] = &[
    (0, "DELETE", AlgStatus::Reserved),
    (1, "RSAMD5", AlgStatus::Deprecated),
    (2, "DH", AlgStatus::NotSigning),
    (3, "DSA", AlgStatus::Deprecated),
    (4, "", AlgStatus::Reserved),
    (5, "RSASHA1", AlgStatus::Deprecated),
    (6, "DSA-NSEC3-SHA1", AlgStatus::Deprecated),
    (7, "RSASHA1-NSEC3-SHA1", AlgStatus::Deprecated),
    (8, "RSASHA256", AlgStatus::Current),
    (9, "", AlgStatus::Reserved),
    (10, "RSASHA512", AlgStatus::Current),
    (11, "", AlgStatus::Reserved),
    (12, "ECC-GOST", AlgStatus::Deprecated),
    (13, "ECDSAP256SHA256", AlgStatus::Current),
    (14, "ECDSAP384SHA384", AlgStatus::Current),
    (15, "ED25519", AlgStatus::Current),
    (16, "ED448", AlgStatus::Current),
    (17, "SM2SM3", AlgStatus::Uncommon),
    (23, "ECC-GOST12", AlgStatus::Uncommon),
    (252, "INDIRECT", AlgStatus::Reserved),
    (253, "PRIVATEDNS", AlgStatus::Private),
    (254, "PRIVATEOID", AlgStatus::Private),
    (255, "", AlgStatus::Reserved),
];

fn algorithm_info(n: u8) -> Option<(&'static str, AlgStatus)> {
    ALGORITHMS.iter().find(|(num, _, _)| *num == n).map(|(_, name, status)| (*name, *status))
}

/// `13 (ECDSAP256SHA256)`, or just `4` for numbers without a mnemonic.
fn algorithm_label(n: u8) -> String {
    match algorithm_info(n) {
        Some((name, _)) if !name.is_empty() => format!("{n} ({name})"),
        _ => n.to_string(),
    }
}

/// An algorithm number or its mnemonic (case-insensitive), as RFC 4034 §2.2 and §5.3 allow in
/// presentation form.
fn parse_algorithm(text: &str) -> Option<u8> {
    text.parse::<u8>()
        .ok()
        .or_else(|| ALGORITHMS.iter().find(|(_, name, _)| !name.is_empty() && name.eq_ignore_ascii_case(text)).map(|(n, _, _)| *n))
}

/// Checks a DNSSEC algorithm number against the registry (`prefix` is `dnskey.data` or `ds.data`).
fn check_algorithm(r: &mut Report, at: &Path, prefix: &str, n: u8) {
    let code = |rule: &str| Cow::Owned(format!("{prefix}.algorithm.{rule}"));
    let label = algorithm_label(n);
    match algorithm_info(n).map(|(_, s)| s) {
        Some(AlgStatus::Current | AlgStatus::Private) => {}
        Some(AlgStatus::Deprecated) => r.rfc(
            at,
            code("deprecated"),
            format!(
                "algorithm {label} is deprecated for DNSSEC signing (RFC 8624); use 13 (ECDSAP256SHA256), 15 (ED25519) or 8 (RSASHA256)"
            ),
        ),
        Some(AlgStatus::Uncommon) => r.warn(
            at,
            code("uncommon"),
            format!("algorithm {label} is supported by few validating resolvers; to the others the zone looks unsigned"),
        ),
        Some(AlgStatus::NotSigning) => {
            r.rfc(at, code("not-signing"), format!("algorithm {label} is not a zone-signing algorithm; DNSSEC cannot use it"))
        }
        Some(AlgStatus::Reserved) => {
            r.rfc(at, code("reserved"), format!("algorithm {label} is reserved and not a usable DNSSEC algorithm"))
        }
        None => r.rfc(
            at,
            code("unassigned"),
            format!("algorithm {n} is not assigned in the IANA DNSSEC algorithm registry (as known to this validator)"),
        ),
    }
}

fn check_public_key(r: &mut Report, at: &Path, key: &str, algorithm: Option<u8>) -> bool {
    if key.is_empty() {
        r.error(at, "dnskey.data.public_key.empty", "`public_key` is empty; it must hold the key in base64");
        return false;
    }
    if key.chars().any(char::is_whitespace) {
        r.error(
            at,
            "dnskey.data.public_key.base64",
            "`public_key` contains spaces or line breaks; send the base64 key as one string without them",
        );
        return false;
    }
    // Missing padding or stray trailing bits are read (RFC advice); anything else is refused.
    let bytes = match decode_base64(key.as_bytes()) {
        Ok(decoded) => {
            if !decoded.canonical() {
                r.rfc(
                    at,
                    "dnskey.data.public_key.padding",
                    "`public_key` is not canonical base64 (missing `=` padding or stray trailing bits); some servers refuse it",
                );
            }
            decoded.bytes
        }
        Err(_) => {
            let hint = if key.contains(['-', '_']) { " (`-` and `_` belong to the URL-safe alphabet; DNS uses `+` and `/`)" } else { "" };
            r.error(at, "dnskey.data.public_key.base64", format!("`public_key` is not valid base64{hint}"));
            return false;
        }
    };
    let Some(alg) = algorithm else { return true };
    check_key_shape(r, at, alg, &bytes)
}

/// The key formats with a fixed size or a fixed structure; a key of another shape cannot verify
/// any signature.
fn check_key_shape(r: &mut Report, at: &Path, alg: u8, bytes: &[u8]) -> bool {
    let fixed = match alg {
        13 => Some(64), // RFC 6605 §4: P-256 point, x and y of 32 bytes each
        14 => Some(96), // RFC 6605 §4: P-384 point, 48 + 48 bytes
        15 => Some(32), // RFC 8080 §3: Ed25519
        16 => Some(57), // RFC 8080 §3: Ed448
        _ => None,
    };
    if let Some(len) = fixed {
        if bytes.len() != len {
            r.error(
                at,
                "dnskey.data.public_key.length",
                format!("an algorithm {} public key is {len} bytes, got {}", algorithm_label(alg), bytes.len()),
            );
            return false;
        }
    }
    if matches!(alg, 1 | 5 | 7 | 8 | 10) && !rsa_key_ok(bytes) {
        r.error(
            at,
            "dnskey.data.public_key.format",
            format!(
                "`public_key` is not an RSA key in RFC 3110 form (exponent length, exponent, modulus) as algorithm {} needs",
                algorithm_label(alg)
            ),
        );
        return false;
    }
    true
}

/// RFC 3110 §2: one length octet (or 0 and a two-octet length), the exponent, then a non-empty
/// modulus.
fn rsa_key_ok(bytes: &[u8]) -> bool {
    let (exp_len, header) = match bytes.first() {
        None => return false,
        Some(0) => match (bytes.get(1), bytes.get(2)) {
            (Some(hi), Some(lo)) => (usize::from(u16::from_be_bytes([*hi, *lo])), 3),
            _ => return false,
        },
        Some(n) => (usize::from(*n), 1),
    };
    exp_len > 0 && bytes.len() > header + exp_len
}

fn check_ds(rec: &Fields, r: &mut Report) {
    const PREFIX: &str = "ds.data";
    rec.object(r, "data", PREFIX, "`{key_tag, algorithm, digest_type, digest}`", |d, r| {
        d.unknown_fields(r, &DS_FIELDS, "DS data");
        d.u16(r, "key_tag", "the key tag of the child's DNSKEY, 0–65535");
        let algorithm = d.u8(r, "algorithm", "the DNSSEC algorithm number, e.g. 13");
        let digest_type = d.u8(r, "digest_type", "2 for SHA-256 or 4 for SHA-384");
        let digest = d.string(r, "digest", "the digest in hexadecimal");
        if let Some(a) = algorithm {
            check_algorithm(r, &d.at.key("algorithm"), PREFIX, a);
        }
        if let Some(t) = digest_type {
            check_digest_type(r, &d.at.key("digest_type"), t);
        }
        if let Some(text) = digest {
            let expected = digest_type.and_then(|t| digest_length(t).map(|(len, name)| (len, format!("digest type {t} ({name})"))));
            check_hex(r, &d.at.key("digest"), "ds.data.digest", "digest", text, expected);
        }
        Some(())
    });
    check_ds_owner(rec, r);
}

/// Hex digits each known digest type needs, and its name.
fn digest_length(digest_type: u8) -> Option<(usize, &'static str)> {
    match digest_type {
        1 => Some((40, "SHA-1")),
        2 => Some((64, "SHA-256")),
        3 => Some((64, "GOST R 34.11-94")),
        4 => Some((96, "SHA-384")),
        5 => Some((64, "GOST R 34.11-2012")), // RFC 9558
        6 => Some((64, "SM3")),               // RFC 9563
        _ => None,
    }
}

fn check_digest_type(r: &mut Report, at: &Path, t: u8) {
    match t {
        2 | 4 => {}
        1 => r.rfc(
            at,
            "ds.data.digest_type.deprecated",
            "digest type 1 (SHA-1) must no longer be used for new DS records (RFC 8624 §3.3); use 2 (SHA-256)",
        ),
        3 => r.rfc(at, "ds.data.digest_type.deprecated", "digest type 3 (GOST R 34.11-94) is deprecated (RFC 8624 §3.3); use 2 (SHA-256)"),
        5 | 6 => {
            let name = digest_length(t).map(|(_, n)| n).unwrap_or_default();
            r.warn(
                at,
                "ds.data.digest_type.uncommon",
                format!("digest type {t} ({name}) is supported by few validating resolvers; to the others the delegation looks unsigned; add a DS with type 2 (SHA-256)"),
            )
        }
        0 => r.rfc(at, "ds.data.digest_type.reserved", "digest type 0 is reserved; use 2 (SHA-256)"),
        _ => r.rfc(
            at,
            "ds.data.digest_type.unassigned",
            format!("digest type {t} is not assigned in the IANA DS digest registry (as known to this validator)"),
        ),
    }
}

/// A DS record is the parent's half of a delegation: it lives at the child's name (next to its NS
/// records), never at the zone's own apex, whose DS the parent zone publishes.
fn check_ds_owner(rec: &Fields, r: &mut Report) {
    let Some(name) = rec.get("name").and_then(|n| n.as_str()) else { return };
    if name == "@" {
        r.rfc(
            &rec.at.key("name"),
            "ds.name.apex",
            "a DS record at the zone apex has no effect: the apex DS is published by the parent zone (at your registrar); here DS records belong at delegated subdomains",
        );
    }
}

/// `257 3 13 mdsswUyr...==` (flags protocol algorithm key).
pub fn dnskey_to_content(d: &DnskeyData) -> String {
    format!("{} {} {} {}", d.flags, d.protocol, d.algorithm, d.public_key)
}

/// `12345 13 2 ABCDEF...` (key tag, algorithm, digest type, digest; the digest's case kept).
pub fn ds_to_content(d: &DsData) -> String {
    format!("{} {} {} {}", d.key_tag, d.algorithm, d.digest_type, d.digest)
}

/// Reads `flags protocol algorithm key`; the key may be split over several whitespace-separated
/// parts (zone files and `dig +multi` do that), and the algorithm may be a mnemonic (`ECDSAP256SHA256`).
pub fn dnskey_from_content(text: &str) -> Result<DnskeyData, String> {
    let cleaned = clean_presentation(text);
    let mut parts = cleaned.split_whitespace();
    let (Some(flags), Some(protocol), Some(algorithm)) = (parts.next(), parts.next(), parts.next()) else {
        return Err("expected `<flags> <protocol> <algorithm> <public key>`".into());
    };
    let public_key: String = parts.collect();
    if public_key.is_empty() {
        return Err("the public key is missing after `<flags> <protocol> <algorithm>`".into());
    }
    Ok(DnskeyData {
        flags: number("flags", flags)?,
        protocol: number("protocol", protocol)?,
        algorithm: parse_algorithm(algorithm)
            .ok_or_else(|| format!("algorithm {:?} is not a number 0–255 or a DNSSEC algorithm mnemonic", crate::issue::shorten(algorithm)))?,
        public_key: public_key.into(),
    })
}

/// Reads `key_tag algorithm digest_type digest`; the digest may be split over several parts.
pub fn ds_from_content(text: &str) -> Result<DsData, String> {
    let cleaned = clean_presentation(text);
    let mut parts = cleaned.split_whitespace();
    let (Some(key_tag), Some(algorithm), Some(digest_type)) = (parts.next(), parts.next(), parts.next()) else {
        return Err("expected `<key tag> <algorithm> <digest type> <digest>`".into());
    };
    let digest: String = parts.collect();
    if digest.is_empty() {
        return Err("the digest is missing after `<key tag> <algorithm> <digest type>`".into());
    }
    Ok(DsData {
        key_tag: number("key tag", key_tag)?,
        algorithm: parse_algorithm(algorithm)
            .ok_or_else(|| format!("algorithm {:?} is not a number 0–255 or a DNSSEC algorithm mnemonic", crate::issue::shorten(algorithm)))?,
        digest_type: number("digest type", digest_type)?,
        digest: digest.into(),
    })
}

/// The typed value of checked DNSKEY `data` (see [`super::typed`]).
pub(crate) fn dnskey_typed(d: &Fields) -> Option<DnskeyData> {
    Some(DnskeyData {
        flags: integer(d, "flags")?,
        protocol: integer(d, "protocol")?,
        algorithm: integer(d, "algorithm")?,
        public_key: string(d, "public_key")?.into(),
    })
}

/// The typed value of checked DS `data` (see [`super::typed`]).
pub(crate) fn ds_typed(d: &Fields) -> Option<DsData> {
    Some(DsData {
        key_tag: integer(d, "key_tag")?,
        algorithm: integer(d, "algorithm")?,
        digest_type: integer(d, "digest_type")?,
        digest: string(d, "digest")?.into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rsa_keys_need_exponent_and_modulus() {
        assert!(rsa_key_ok(&[3, 1, 0, 1, 0xc0, 0xff]));
        assert!(rsa_key_ok(&[0, 0, 1, 3, 0xc0]));
        assert!(!rsa_key_ok(&[]));
        assert!(!rsa_key_ok(&[3, 1, 0, 1]));
        assert!(!rsa_key_ok(&[0, 0]));
        assert!(!rsa_key_ok(&[0, 0, 0, 7]));
    }

    #[test]
    fn algorithms_parse_by_number_or_mnemonic() {
        assert_eq!(parse_algorithm("13"), Some(13));
        assert_eq!(parse_algorithm("ecdsap256sha256"), Some(13));
        assert_eq!(parse_algorithm("RSASHA1-NSEC3-SHA1"), Some(7));
        assert_eq!(parse_algorithm(""), None);
        assert_eq!(parse_algorithm("256"), None);
        assert_eq!(algorithm_label(4), "4");
        assert_eq!(algorithm_label(15), "15 (ED25519)");
    }

}
