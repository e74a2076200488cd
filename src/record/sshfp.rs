//! SSHFP (RFC 4255, with RFC 6594, 7479, 8709): `data { algorithm, type, fingerprint }`.
//!
//! The fingerprint is the hex digest of the host key blob, as `ssh-keygen -r <host>` prints it;
//! not the `SHA256:<base64>` form `ssh-keygen -l` shows.

use compact_str::CompactString;
use super::presentation::{check_hex, clean_presentation, number};
use super::fields::Fields;
use super::typed::{integer, string};
use super::RecordType;
use crate::issue::{Path, Report};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct SshfpData {
    /// Host key algorithm: 1 RSA, 2 DSA, 3 ECDSA, 4 Ed25519, 6 Ed448.
    pub algorithm: u8,
    /// Fingerprint type: 2 SHA-256 (64 hex digits, preferred), 1 SHA-1 (40 hex digits).
    #[serde(rename = "type")]
    pub fingerprint_type: u8,
    /// The fingerprint in hexadecimal, as `ssh-keygen -r` prints it.
    #[cfg_attr(feature = "ts", tsify(type = "string"))]
    pub fingerprint: CompactString,
}

const FIELDS: [&str; 3] = ["algorithm", "type", "fingerprint"];

pub(crate) fn check(rec: &Fields, r: &mut Report) {
    let prefix = RecordType::SSHFP.data_code();
    rec.object(r, "data", prefix, "`{algorithm, type, fingerprint}`", |d, r| {
        d.unknown_fields(r, &FIELDS, "SSHFP data");
        let algorithm = d.u8(r, "algorithm", "1 RSA, 2 DSA, 3 ECDSA, 4 Ed25519 or 6 Ed448");
        let fingerprint_type = d.u8(r, "type", "the fingerprint type, 2 for SHA-256");
        let fingerprint = d.string(r, "fingerprint", "the fingerprint in hexadecimal");
        if let Some(a) = algorithm {
            check_algorithm(r, &d.at.key("algorithm"), a);
        }
        if let Some(t) = fingerprint_type {
            check_type(r, &d.at.key("type"), t);
        }
        if let Some(text) = fingerprint {
            let at = d.at.key("fingerprint");
            if text.starts_with("SHA256:") || text.starts_with("MD5:") {
                r.error(
                    &at,
                    "sshfp.data.fingerprint.hex",
                    "`fingerprint` is in `ssh-keygen -l` form; SSHFP takes the hex digest that `ssh-keygen -r <host>` prints",
                );
            } else {
                let expected = fingerprint_type.and_then(|t| match t {
                    1 => Some((40, "type 1 (SHA-1)".to_string())),
                    2 => Some((64, "type 2 (SHA-256)".to_string())),
                    _ => None,
                });
                check_hex(r, &at, "sshfp.data.fingerprint", "fingerprint", text, expected);
            }
        }
        Some(())
    });
}

/// IANA "SSHFP RR Types for public key algorithms" (open registry: 5 is unassigned).
fn check_algorithm(r: &mut Report, at: &Path, a: u8) {
    match a {
        1 | 3 | 4 | 6 => {}
        2 => r.rfc(at, "sshfp.data.algorithm.deprecated", "algorithm 2 (DSA): OpenSSH no longer supports DSA host keys; publish the host's Ed25519 (4) or ECDSA (3) key"),
        0 => r.rfc(at, "sshfp.data.algorithm.reserved", "algorithm 0 is reserved; 1 RSA, 2 DSA, 3 ECDSA, 4 Ed25519, 6 Ed448"),
        _ => r.rfc(
            at,
            "sshfp.data.algorithm.unassigned",
            format!("algorithm {a} is not assigned in the IANA SSHFP registry (as known to this validator); 1 RSA, 2 DSA, 3 ECDSA, 4 Ed25519, 6 Ed448"),
        ),
    }
}

/// IANA "SSHFP RR Types for fingerprint types".
fn check_type(r: &mut Report, at: &Path, t: u8) {
    match t {
        2 => {}
        1 => r.rfc(at, "sshfp.data.type.sha1", "type 1 (SHA-1) is a weak fingerprint; publish type 2 (SHA-256) (RFC 6594)"),
        0 => r.rfc(at, "sshfp.data.type.reserved", "fingerprint type 0 is reserved; use 2 (SHA-256)"),
        _ => r.rfc(
            at,
            "sshfp.data.type.unassigned",
            format!("fingerprint type {t} is not assigned in the IANA SSHFP registry (as known to this validator); use 2 (SHA-256)"),
        ),
    }
}

/// `4 2 123456789abcdef...` (algorithm, fingerprint type, fingerprint).
pub fn to_content(d: &SshfpData) -> String {
    format!("{} {} {}", d.algorithm, d.fingerprint_type, d.fingerprint)
}

/// Reads `algorithm type fingerprint`; the fingerprint may be split over several
/// whitespace-separated parts, as zone files allow.
pub fn from_content(text: &str) -> Result<SshfpData, String> {
    let cleaned = clean_presentation(text);
    let mut parts = cleaned.split_whitespace();
    let (Some(algorithm), Some(fingerprint_type)) = (parts.next(), parts.next()) else {
        return Err("expected `<algorithm> <type> <fingerprint>`".into());
    };
    let fingerprint: String = parts.collect();
    if fingerprint.is_empty() {
        return Err("the fingerprint is missing after `<algorithm> <type>`".into());
    }
    let num = number::<u8>;
    Ok(SshfpData { algorithm: num("algorithm", algorithm)?, fingerprint_type: num("type", fingerprint_type)?, fingerprint: fingerprint.into() })
}

/// The typed value of checked SSHFP `data` (see [`super::typed`]).
pub(crate) fn typed(d: &Fields) -> Option<SshfpData> {
    Some(SshfpData {
        algorithm: integer(d, "algorithm")?,
        fingerprint_type: integer(d, "type")?,
        fingerprint: string(d, "fingerprint")?.into(),
    })
}
