//! OPENPGPKEY (RFC 7929): one base64 OpenPGP transferable public key in `content`, published at
//! `<hex(SHA-256(local-part))[..56]>._openpgpkey.<domain>`.

use super::fields::Fields;
use crate::issue::{shorten, Path, Report};
use super::presentation::{clean_presentation, decode_padded_base64};

/// Shorter than this many bytes, a "key" cannot hold a Public-Key packet with real key material.
pub const MIN_KEY_BYTES: usize = 32;
/// Cloudflare's limit on one record's RDATA in wire format (API error 9015).
pub const MAX_WIRE: usize = super::presentation::MAX_WIRE;
/// The hex digits of the owner-name label: SHA-256 truncated to 28 octets (RFC 7929 §3).
const HASH_HEX: usize = 56;

/// Reads the presentation form: the base64 key, which zone files may split with blanks and wrap
/// in parentheses (RFC 7929 §2.3), so they are dropped. The API wants the key on one line.
pub fn from_content(text: &str) -> String {
    clean_presentation(text).split_ascii_whitespace().collect()
}

pub(crate) fn check(rec: &Fields, r: &mut Report) {
    check_owner(rec, r);
    let Some(content) = rec.string(r, "content", "the base64 OpenPGP public key, on one line") else { return };
    let at = rec.at.key("content");
    check_key(r, &at, content);
}

/// Checks the key; `false` when it cannot be published.
fn check_key(r: &mut Report, at: &Path, content: &str) -> bool {
    if content.is_empty() {
        r.error(at, "openpgpkey.content.empty", "the OPENPGPKEY content is empty; send the base64 public key");
        return false;
    }
    if content.contains("-----BEGIN") {
        r.error(
            at,
            "openpgpkey.content.armor",
            "the key is ASCII-armored; send only the base64 body (without the `-----BEGIN` lines, the `=` checksum line and line breaks), e.g. from `gpg --export KEY | base64 -w0`",
        );
        return false;
    }
    if content.chars().any(char::is_whitespace) {
        r.error(at, "openpgpkey.content.whitespace", "the base64 key contains spaces or line breaks; send it on one line with no white space");
        return false;
    }
    let key = match decode_padded_base64(content) {
        Ok(key) => key,
        Err(why) => {
            r.error(at, "openpgpkey.content.base64", format!("{:?} is not valid base64: {why}", shorten(content)));
            return false;
        }
    };
    if key.len() > MAX_WIRE {
        r.error(
            at,
            "openpgpkey.content.length",
            format!("the key is {} bytes; Cloudflare allows at most {MAX_WIRE} bytes per record (API error 9015). Export a minimal key (`gpg --export-options export-minimal`)", key.len()),
        );
        return false;
    }
    if key.len() < MIN_KEY_BYTES {
        r.rfc(at, "openpgpkey.content.short", format!("the key is only {} bytes; an OpenPGP public key is much longer", key.len()));
    } else if let Some(problem) = packet_problem(&key) {
        r.rfc(at, "openpgpkey.content.packet", problem);
    }
    true
}

/// A transferable public key starts with a Public-Key packet (tag 6; RFC 4880 §4.2, §11.1).
fn packet_problem(key: &[u8]) -> Option<String> {
    let first = *key.first()?;
    if first & 0x80 == 0 {
        return Some("the data is not an OpenPGP packet (the first byte lacks bit 7); is it the binary key, base64-encoded once?".into());
    }
    let tag = if first & 0x40 != 0 { first & 0x3f } else { (first >> 2) & 0x0f };
    (tag != 6).then(|| format!("the data starts with OpenPGP packet tag {tag}, not a Public-Key packet (tag 6)"))
}

/// RFC 7929 §3: the owner name is `<56 hex digits>._openpgpkey.<domain>`.
fn check_owner(rec: &Fields, r: &mut Report) {
    let Some(name) = rec.get("name").and_then(|n| n.as_str()) else { return };
    let at = rec.at.key("name");
    let labels: Vec<&str> = name.trim_end_matches('.').split('.').collect();
    let Some(pos) = labels.iter().position(|l| l.eq_ignore_ascii_case("_openpgpkey")) else {
        r.rfc(
            &at,
            "openpgpkey.name.label",
            format!("OPENPGPKEY records live at `<hash>._openpgpkey.<domain>` (RFC 7929 §3), got {:?}", shorten(name)),
        );
        return;
    };
    let hash = pos.checked_sub(1).and_then(|i| labels.get(i)).copied().unwrap_or("");
    let hashed = hash == "*" || (hash.len() == HASH_HEX && hash.bytes().all(|b| b.is_ascii_hexdigit()));
    if !hashed {
        r.rfc(
            &at,
            "openpgpkey.name.hash",
            format!(
                "the label before `_openpgpkey` should be the SHA-256 of the mail address's local part, truncated to 28 octets ({HASH_HEX} hex digits); got {:?}",
                shorten(hash)
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_errors_say_why() {
        assert!(decode_padded_base64("AAAA").is_ok());
        assert!(decode_padded_base64("AAA").unwrap_err().contains("padding"));
        assert!(decode_padded_base64("ab-_").unwrap_err().contains("URL-safe"));
        assert!(decode_padded_base64("a!b=").is_err());
        // non-zero trailing bits are accepted
        assert!(decode_padded_base64("AB==").is_ok());
    }

    #[test]
    fn packet_tags() {
        assert_eq!(packet_problem(&[0x99, 0x01]), None);
        assert_eq!(packet_problem(&[0xc6, 0x01]), None);
        assert!(packet_problem(&[0x01]).is_some());
        assert!(packet_problem(&[0x89]).is_some()); // old-format tag 2 (signature)
    }
}
