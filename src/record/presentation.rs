//! The presentation toolkit every kind shares: text tests, the zone-file tokenizer, the
//! character-string codec (RFC 1035 §5.1), numbers, base64 and hex, and the wire-length limits.
//! Kind files take these from here, never from each other. (Hand-written: the zone-file crates
//! that parse this pull in a whole DNS library, and none reads a value without its owner, class
//! and type.)
//!
//! # Base64: one policy
//!
//! Every base64 field (CERT `certificate`, DNSKEY `public_key`, OPENPGPKEY `content`, SVCB/HTTPS
//! `ech`) is RFC 4648 §4: the standard alphabet (`+`, `/`), on one line. [`decode_base64`] reads
//! text whose only flaws are a missing `=` padding or non-zero unused bits in the last character,
//! and says which ([`Base64::padded`], [`Base64::zero_bits`]), so each kind decides what they cost
//! under its own code; anything else (white space, the URL-safe alphabet, other characters, a
//! length no padding explains) is refused with a reason. White space is each kind's own rule (it
//! has its own code), so callers deal with it first.
//!
//! # Hex
//!
//! Hex fields (DS `digest`, TLSA/SMIMEA `certificate`, SSHFP `fingerprint`) are checked by
//! [`check_hex`]: digits `0-9a-fA-F` only, an even count, or the exact count the declared digest
//! needs.

use crate::issue::{shorten, Path, Report};
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use base64::Engine as _;
use std::borrow::Cow;
use std::fmt::Write as _;

/// Cloudflare's limit on one record's RDATA in wire format (API error 9015).
pub const MAX_WIRE: usize = 4_096;
/// The longest character-string (RFC 1035 §3.3: one length octet).
pub const MAX_CHARACTER_STRING: usize = 255;

// ---------------------------------------------------------------------------------------------
// Text.

/// A byte test: a `[char]` pattern goes through the generic char searcher, several times slower
/// on the short texts every record has.
pub(crate) fn has_line_break(text: &str) -> bool {
    text.bytes().any(|b| b == b'\n' || b == b'\r')
}

/// Characters in `text`; ASCII text (nearly all) has one per byte, without decoding.
pub(crate) fn char_count(text: &str) -> usize {
    if text.is_ascii() {
        text.len()
    } else {
        text.chars().count()
    }
}

/// The first control character in `text` other than those `allowed`. ASCII text (nearly all) is
/// looked at byte by byte, without decoding.
pub(crate) fn first_control(text: &str, allowed: &[char]) -> Option<char> {
    if text.is_ascii() {
        // ASCII control characters are the bytes below 0x20 and 0x7F.
        return text.bytes().find(|&b| (b < 0x20 || b == 0x7F) && !allowed.contains(&char::from(b))).map(char::from);
    }
    text.chars().find(|c| c.is_control() && !allowed.contains(c))
}

// ---------------------------------------------------------------------------------------------
// Tokenizer.

/// Zone-file text as pasted: a `;` comment is cut off (dig prints `; KSK; alg = ...` after a key)
/// and the `(` `)` of multi-line records become spaces. For values made of numbers, hex and
/// base64 only, where neither character can occur.
pub(crate) fn clean_presentation(text: &str) -> String {
    let before_comment = text.split(';').next().unwrap_or_default();
    before_comment.chars().map(|c| if c == '(' || c == ')' { ' ' } else { c }).collect()
}

/// One presentation token: `raw` as written (without quotes), `text` with escapes decoded.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Token {
    pub raw: String,
    pub text: String,
    pub quoted: bool,
}

/// Splits presentation text into whitespace-separated tokens, each bare or a quoted
/// character-string, decoding `\X` and `\DDD` escapes (RFC 1035 §5.1).
pub(crate) fn tokens(text: &str) -> Result<Vec<Token>, String> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
            continue;
        }
        let quoted = bytes.get(i) == Some(&b'"');
        if quoted {
            i += 1;
        }
        let start = i;
        let mut decoded: Vec<u8> = Vec::new();
        let mut closed = !quoted;
        while let Some(&b) = bytes.get(i) {
            if quoted && b == b'"' {
                closed = true;
                break;
            }
            if !quoted && b.is_ascii_whitespace() {
                break;
            }
            if b == b'\\' {
                let (byte, used) = unescape_at(bytes, i)?;
                decoded.push(byte);
                i += used;
            } else {
                decoded.push(b);
                i += 1;
            }
        }
        if !closed {
            return Err(format!("unterminated quoted string starting at {:?}", shorten(text.get(start..).unwrap_or(""))));
        }
        let raw = text.get(start..i).unwrap_or("").to_string();
        if quoted {
            i += 1; // the closing quote
            if bytes.get(i).is_some_and(|b| !b.is_ascii_whitespace()) {
                return Err(format!("a closing quote must be followed by a space, after {:?}", shorten(&raw)));
            }
        }
        let text = String::from_utf8(decoded).map_err(|_| format!("{:?} decodes to bytes that are not UTF-8", shorten(&raw)))?;
        out.push(Token { raw, text, quoted });
    }
    Ok(out)
}

/// Splits `"inner"rest` at the closing quote (not an escaped one). `text` starts with `"`.
pub(crate) fn split_quoted(text: &str) -> Result<(&str, &str), String> {
    let body = text.strip_prefix('"').ok_or_else(|| String::from("expected a quoted string"))?;
    // Over bytes, not chars: `"` and `\` are ASCII and never part of a multi-byte character, so
    // every position found is a character boundary (and skipping the byte after a `\` skips at
    // most the first byte of the escaped character, which is then not a quote).
    let bytes = body.as_bytes();
    let mut i = 0;
    while let Some(b) = bytes.get(i) {
        match b {
            b'\\' => i += 2,
            b'"' => {
                let inner = body.get(..i).unwrap_or_default();
                let rest = body.get(i + 1..).unwrap_or_default();
                return Ok((inner, rest));
            }
            _ => i += 1,
        }
    }
    Err(format!("the quoted string {:?} has no closing quote", shorten(text)))
}

// ---------------------------------------------------------------------------------------------
// Character-string codec.

/// Decodes the RFC 1035 §5.1 escape starting at `bytes[i] == b'\\'`: `\DDD` (exactly three
/// digits, at most 255) is that byte, `\X` is X. Returns the byte and how many input bytes it
/// used (for a multi-byte character after `\`, its first byte: the caller copies the rest).
pub(crate) fn unescape_at(bytes: &[u8], i: usize) -> Result<(u8, usize), String> {
    let Some(&next) = bytes.get(i + 1) else {
        return Err("the text ends with a lone `\\`; write a backslash as `\\\\`".into());
    };
    if !next.is_ascii_digit() {
        return Ok((next, 2));
    }
    let digits = bytes.get(i + 1..i + 4).filter(|d| d.iter().all(u8::is_ascii_digit));
    let value = digits.map(|d| d.iter().fold(0u32, |acc, d| acc * 10 + u32::from(d - b'0')));
    match value.and_then(|v| u8::try_from(v).ok()) {
        Some(byte) => Ok((byte, 4)),
        None => {
            // What followed the `\`, up to three characters, as written.
            let after = bytes.get(i + 1..).unwrap_or_default();
            let seen: String = after.utf8_chunks().next().map_or("", |c| c.valid()).chars().take(3).collect();
            Err(format!("`\\{seen}` is not an escape: `\\DDD` takes exactly three digits, 000–255"))
        }
    }
}

/// Decodes every RFC 1035 §5.1 escape of `text` (see [`unescape_at`]). Borrows text without
/// escapes (the usual case).
pub(crate) fn unescape(text: &str) -> Result<Cow<'_, [u8]>, String> {
    if !text.contains('\\') {
        return Ok(Cow::Borrowed(text.as_bytes()));
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(text.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'\\' {
            let (byte, used) = unescape_at(bytes, i)?;
            out.push(byte);
            i += used;
        } else {
            out.push(b);
            i += 1;
        }
    }
    Ok(Cow::Owned(out))
}

/// Writes text as the inside of a quoted character-string: `"` and `\` escaped, control
/// characters as `\DDD`.
pub(crate) fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_ascii_control() => {
                let _ = write!(out, "\\{:03}", u32::from(c));
            }
            c => out.push(c),
        }
    }
}

/// Writes bytes as the inside of a quoted character-string: as [`escape_into`], with bytes that
/// are not UTF-8 as `\DDD`.
pub(crate) fn escape_bytes_into(out: &mut String, bytes: &[u8]) {
    for chunk in bytes.utf8_chunks() {
        escape_into(out, chunk.valid());
        for b in chunk.invalid() {
            let _ = write!(out, "\\{b:03}");
        }
    }
}

/// `text` as one quoted character-string (not split at 255 bytes; see `txt::quote` for that).
pub(crate) fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    escape_into(&mut out, text);
    out.push('"');
    out
}

// ---------------------------------------------------------------------------------------------
// Numbers.

/// The unsigned fields of presentation text.
pub(crate) trait Unsigned: std::str::FromStr {
    const MAX: u32;
}

impl Unsigned for u8 {
    const MAX: u32 = 255;
}

impl Unsigned for u16 {
    const MAX: u32 = 65_535;
}

/// A decimal field of presentation text; the error names it (`what`) and its range.
pub(crate) fn number<T: Unsigned>(what: &str, text: &str) -> Result<T, String> {
    text.parse::<T>().map_err(|_| format!("{what} {:?} is not a number 0–{}", shorten(text), T::MAX))
}

// ---------------------------------------------------------------------------------------------
// Base64 and hex.

/// Base64 as read under the policy above: its bytes, and which of the two tolerated flaws it has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Base64 {
    pub bytes: Vec<u8>,
    /// The `=` padding is there (RFC 4648 §3.2).
    pub padded: bool,
    /// The unused bits of the last character are zero (RFC 4648 §3.5).
    pub zero_bits: bool,
}

impl Base64 {
    /// Exactly the encoding of its bytes.
    pub(crate) fn canonical(&self) -> bool {
        self.padded && self.zero_bits
    }
}

/// The reader: padding optional, trailing bits tolerated (reported, not refused).
const TOLERANT: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent).with_decode_allow_trailing_bits(true),
);

/// The same with the unused bits required to be zero, to tell the two flaws apart.
const ZERO_BITS: GeneralPurpose =
    GeneralPurpose::new(&base64::alphabet::STANDARD, GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent));

/// Reads standard-alphabet base64 (see the policy above); the error says what is wrong.
pub(crate) fn decode_base64(text: &[u8]) -> Result<Base64, String> {
    match TOLERANT.decode(text) {
        Ok(bytes) => Ok(Base64 { padded: text.len() % 4 == 0, zero_bits: ZERO_BITS.decode(text).is_ok(), bytes }),
        Err(e) => {
            let has = |set: &[u8]| text.iter().any(|b| set.contains(b));
            if has(b"-_") && !has(b"+/") {
                Err("it uses the URL-safe alphabet (`-`, `_`); use standard base64 (`+`, `/`)".to_string())
            } else {
                Err(e.to_string())
            }
        }
    }
}

/// Base64 with its `=` padding (CERT, OPENPGPKEY: the API's examples and every exporter pad);
/// non-zero trailing bits are read, as most decoders (including Go's, which the API is likely to
/// use) read them. The error says what is wrong.
pub(crate) fn decode_padded_base64(text: &str) -> Result<Vec<u8>, String> {
    match decode_base64(text.as_bytes())? {
        Base64 { bytes, padded: true, .. } => Ok(bytes),
        _ => Err("the `=` padding at the end is missing or wrong".to_string()),
    }
}

/// Checks a hex field (`prefix` like `ds.data.digest`, codes `<prefix>.empty|hex|length`).
/// `expected` is the number of hex digits the declared type needs, and the type's description.
/// Returns whether the value is usable.
pub(crate) fn check_hex(r: &mut Report, at: &Path, prefix: &str, field: &str, value: &str, expected: Option<(usize, String)>) -> bool {
    let code = |rule: &str| Cow::Owned(format!("{prefix}.{rule}"));
    if value.is_empty() {
        r.error(at, code("empty"), format!("`{field}` is empty; it must hold hexadecimal digits"));
        return false;
    }
    if let Some((i, c)) = value.char_indices().find(|(_, c)| !c.is_ascii_hexdigit()) {
        let hint = if c.is_whitespace() {
            "; remove the spaces and line breaks"
        } else if c == ':' {
            "; remove the colons"
        } else if (value.starts_with("0x") || value.starts_with("0X")) && i == 1 {
            "; drop the `0x` prefix"
        } else {
            ""
        };
        r.error(at, code("hex"), format!("`{field}` must be hexadecimal (0-9, a-f), found {c:?} at position {i}{hint}"));
        return false;
    }
    let digits = value.len();
    if let Some((len, what)) = expected {
        if digits != len {
            r.error(at, code("length"), format!("`{field}` for {what} must be {len} hex digits, got {digits}"));
            return false;
        }
    } else if digits % 2 != 0 {
        r.error(at, code("hex"), format!("`{field}` has an odd number of hex digits ({digits}); each byte takes two"));
        return false;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_tells_its_two_tolerated_flaws_apart() {
        let clean = decode_base64(b"AAEC").unwrap();
        assert!(clean.canonical());
        assert_eq!(clean.bytes, [0, 1, 2]);
        let unpadded = decode_base64(b"AAE").unwrap();
        assert!(!unpadded.padded && unpadded.zero_bits);
        let stray = decode_base64(b"AAF=").unwrap();
        assert!(stray.padded && !stray.zero_bits);
        assert!(decode_base64(b"AA-_").unwrap_err().contains("URL-safe"));
        assert!(decode_base64(b"AA E").is_err());
        assert!(decode_base64(b"A").is_err());
    }

    #[test]
    fn escapes_decode_the_same_whether_whole_or_one_at_a_time() {
        assert_eq!(unescape(r#"a\"b\\\065\é"#).unwrap().as_ref(), "a\"b\\Aé".as_bytes());
        assert_eq!(unescape_at(br"\065", 0), Ok((b'A', 4)));
        assert!(unescape(r"\256").unwrap_err().contains("`\\256` is not an escape"));
        assert!(unescape(r"\12x").unwrap_err().contains("`\\12x`"));
        assert!(unescape("x\\").unwrap_err().contains("lone"));
    }

    #[test]
    fn quoting_escapes_what_unescaping_reads_back() {
        let text = "say \"hi\"\\\u{7}";
        let q = quoted(text);
        assert_eq!(q, r#""say \"hi\"\\\007""#);
        let (inner, rest) = split_quoted(&q).unwrap();
        assert_eq!(rest, "");
        assert_eq!(unescape(inner).unwrap().as_ref(), text.as_bytes());
    }

    #[test]
    fn numbers_name_their_field_and_range() {
        assert_eq!(number::<u16>("port", "443"), Ok(443));
        assert_eq!(number::<u8>("flags", "256").unwrap_err(), "flags \"256\" is not a number 0–255");
        assert_eq!(number::<u16>("priority", "x").unwrap_err(), "priority \"x\" is not a number 0–65535");
    }

    #[test]
    fn presentation_drops_comments_and_parentheses() {
        assert_eq!(
            clean_presentation("257 3 13 ( abc\n def ) ; KSK; alg = 13").split_whitespace().collect::<Vec<_>>(),
            ["257", "3", "13", "abc", "def"]
        );
    }
}
