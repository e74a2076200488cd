//! CERT (RFC 4398): `data { type, key_tag, algorithm, certificate }`, a certificate or CRL (or, for
//! the "indirect" types, a URL pointing at one) stored in DNS.

use compact_str::CompactString;
use super::fields::Fields;
use super::presentation::{decode_padded_base64, number, MAX_WIRE};
use super::typed::{integer, string};
use crate::issue::{shorten, Path, Report};
use crate::json::Json;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct CertData {
    /// 0–65535; the certificate type: 1 PKIX (X.509), 2 SPKI, 3 PGP, 4 IPKIX, 5 ISPKI, 6 IPGP,
    /// 7 ACPKIX, 8 IACPKIX (4–8: a URL to the certificate), 253 URI, 254 OID.
    #[serde(rename = "type")]
    pub cert_type: u16,
    /// 0–65535; the DNSSEC key tag of the certified key, or 0 when `algorithm` is 0.
    pub key_tag: u16,
    /// 0–255; the DNSSEC algorithm number of the certified key, or 0 when it has none.
    pub algorithm: u8,
    /// The certificate or CRL, base64 (no white space).
    #[cfg_attr(feature = "ts", tsify(type = "string"))]
    pub certificate: CompactString,
}

/// RFC 4398 §2.1 certificate types and their mnemonics.
pub const TYPES: [(u16, &str); 10] = [
    (1, "PKIX"),
    (2, "SPKI"),
    (3, "PGP"),
    (4, "IPKIX"),
    (5, "ISPKI"),
    (6, "IPGP"),
    (7, "ACPKIX"),
    (8, "IACPKIX"),
    (253, "URI"),
    (254, "OID"),
];

/// Assigned DNSSEC algorithm numbers (IANA "DNS Security Algorithm Numbers") and their mnemonics,
/// which RFC 4398 §2.2 also allows in presentation form. (0, "no DNSSEC algorithm", is valid too.)
const ALGORITHMS: [(u8, &str); 18] = [
    (1, "RSAMD5"),
    (2, "DH"),
    (3, "DSA"),
    (5, "RSASHA1"),
    (6, "DSA-NSEC3-SHA1"),
    (7, "RSASHA1-NSEC3-SHA1"),
    (8, "RSASHA256"),
    (10, "RSASHA512"),
    (12, "ECC-GOST"),
    (13, "ECDSAP256SHA256"),
    (14, "ECDSAP384SHA384"),
    (15, "ED25519"),
    (16, "ED448"),
    (17, "SM2SM3"),
    (23, "ECC-GOST12"),
    (252, "INDIRECT"),
    (253, "PRIVATEDNS"),
    (254, "PRIVATEOID"),
];


fn type_number(mnemonic: &str) -> Option<u16> {
    TYPES.iter().find(|(_, m)| m.eq_ignore_ascii_case(mnemonic)).map(|(n, _)| *n)
}

fn algorithm_number(mnemonic: &str) -> Option<u8> {
    ALGORITHMS.iter().find(|(_, m)| m.eq_ignore_ascii_case(mnemonic)).map(|(n, _)| *n)
}

pub(crate) fn check(rec: &Fields, r: &mut Report) {
    rec.object(r, "data", "cert.data", "`{type, key_tag, algorithm, certificate}`", |d, r| {
        d.unknown_fields(r, &["type", "key_tag", "algorithm", "certificate"], "CERT data");
        let cert_type = match d.get("type") {
            Some(Json::String(s)) if type_number(s).is_some() => {
                let n = type_number(s).unwrap_or_default();
                r.error(&d.at.key("type"), "cert.data.type.type", format!("`type` must be a number: write {n} for {s:?}"));
                None
            }
            _ => d.u16(r, "type", "the certificate type, e.g. 1 (PKIX) or 3 (PGP)"),
        };
        let key_tag = d.u16(r, "key_tag", "the key tag 0–65535 (0 when `algorithm` is 0)");
        let algorithm = d.u8(r, "algorithm", "the DNSSEC algorithm 0–255 (0 when the certificate has no such key)");
        let certificate = d.string(r, "certificate", "the certificate, base64");

        if let Some(t) = cert_type {
            check_type(r, &d.at.key("type"), t);
        }
        if let Some(a) = algorithm {
            if a != 0 && !ALGORITHMS.iter().any(|(n, _)| *n == a) {
                r.rfc(
                    &d.at.key("algorithm"),
                    "cert.data.algorithm.unassigned",
                    format!("algorithm {a} is not an assigned DNSSEC algorithm number; use 0 when the key has none"),
                );
            }
            if a == 0 && key_tag.is_some_and(|k| k != 0) {
                r.rfc(
                    &d.at.key("key_tag"),
                    "cert.data.key_tag.nonzero",
                    "with algorithm 0 the key tag is meaningless and should be 0 (RFC 4398 §2.1)",
                );
            }
        }
        if let Some(c) = certificate {
            check_certificate(r, &d.at.key("certificate"), c, cert_type);
        }
        Some(())
    });
}

/// The certificate-type registry is open: only the reserved values and unassigned ones get RFC advice.
fn check_type(r: &mut Report, at: &Path, t: u16) {
    if t == 0 || t == 65535 {
        r.rfc(at, "cert.data.type.reserved", format!("certificate type {t} is reserved (RFC 4398 §2.1)"));
    } else if (65280..=65534).contains(&t) || TYPES.iter().any(|(n, _)| *n == t) {
        // assigned, or experimental (65280–65534)
    } else {
        r.rfc(
            at,
            "cert.data.type.unassigned",
            format!("certificate type {t} is not assigned (known: 1 PKIX, 2 SPKI, 3 PGP, 4 IPKIX, 5 ISPKI, 6 IPGP, 7 ACPKIX, 8 IACPKIX, 253 URI, 254 OID)"),
        );
    }
}

/// Checks the base64 certificate; `false` when it cannot be published.
fn check_certificate(r: &mut Report, at: &Path, cert: &str, cert_type: Option<u16>) -> bool {
    if cert.is_empty() {
        r.error(at, "cert.data.certificate.empty", "`certificate` is empty; send the certificate in base64");
        return false;
    }
    let compact: String = cert.chars().filter(|c| !c.is_whitespace()).collect();
    if compact.len() != cert.len() {
        // UNCONFIRMED whether the API strips white space (the zone-file form allows it between
        // base64 chunks); advise removing it rather than refuse a valid certificate.
        r.warn(at, "cert.data.certificate.whitespace", "`certificate` contains spaces or line breaks; send the base64 on one line");
    }
    let bytes = match decode_padded_base64(&compact) {
        Ok(bytes) => bytes,
        Err(why) => {
            let indirect = matches!(cert_type, Some(4..=8 | 253));
            let hint = if indirect && cert.contains("://") { "; the URL itself must be base64-encoded" } else { "" };
            r.error(at, "cert.data.certificate.base64", format!("`certificate` {:?} is not valid base64: {why}{hint}", shorten(cert)));
            return false;
        }
    };
    let wire = 5 + bytes.len();
    if wire > MAX_WIRE {
        r.error(
            at,
            "cert.data.certificate.length",
            format!("the CERT record is {wire} bytes in wire format; Cloudflare allows at most {MAX_WIRE} (API error 9015)"),
        );
        return false;
    }
    true
}

/// `1 12345 8 MIIB...` (type, key tag, algorithm, base64), with numbers throughout.
pub fn to_content(d: &CertData) -> String {
    format!("{} {} {} {}", d.cert_type, d.key_tag, d.algorithm, d.certificate)
}

/// Reads `<type> <key_tag> <algorithm> <base64...>`. `type` and `algorithm` may be numbers or
/// mnemonics (`PKIX`, `PGP`, `RSASHA256`; RFC 4398 §2.2); base64 split by white space is joined.
pub fn from_content(text: &str) -> Result<CertData, String> {
    let mut parts = text.split_whitespace();
    let (Some(t), Some(tag), Some(alg)) = (parts.next(), parts.next(), parts.next()) else {
        return Err("expected `<type> <key tag> <algorithm> <certificate>`".into());
    };
    let certificate: String = parts.collect();
    if certificate.is_empty() {
        return Err("the base64 certificate is missing".into());
    }
    let cert_type = t
        .parse::<u16>()
        .ok()
        .or_else(|| type_number(t))
        .ok_or_else(|| format!("type {:?} is not a number 0–65535 or a mnemonic such as PKIX or PGP", shorten(t)))?;
    let key_tag = number::<u16>("key tag", tag)?;
    let algorithm = alg
        .parse::<u8>()
        .ok()
        .or_else(|| algorithm_number(alg))
        .ok_or_else(|| format!("algorithm {:?} is not a number 0–255 or a mnemonic such as RSASHA256", shorten(alg)))?;
    Ok(CertData { cert_type, key_tag, algorithm, certificate: certificate.into() })
}

/// The typed value of checked CERT `data` (see [`super::typed`]).
pub(crate) fn typed(d: &Fields) -> Option<CertData> {
    Some(CertData {
        cert_type: integer(d, "type")?,
        key_tag: integer(d, "key_tag")?,
        algorithm: integer(d, "algorithm")?,
        certificate: string(d, "certificate")?.into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mnemonics_and_split_base64() {
        let d = from_content("PGP 0 0 AAAA BBBB").unwrap();
        assert_eq!(d, CertData { cert_type: 3, key_tag: 0, algorithm: 0, certificate: "AAAABBBB".into() });
        assert_eq!(from_content("pkix 1 RSASHA256 AA==").unwrap().algorithm, 8);
        assert_eq!(from_content("URI 0 PRIVATEOID AA==").unwrap().cert_type, 253);
        assert!(from_content("1 2 3").is_err());
        assert!(from_content("X509 1 1 AA==").is_err());
        assert!(from_content("1 70000 1 AA==").is_err());
        assert!(from_content("1 1 256 AA==").is_err());
    }
}
