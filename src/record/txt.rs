//! TXT (RFC 1035 §3.3.14): one or more character-strings in `content`, written the way Cloudflare
//! wants them: each quoted (`"v=spf1 -all"`), at most 255 bytes each, several separated by spaces.
//!
//! Cloudflare reads content that starts and ends with `"` as quoted character-strings and anything
//! else as one raw string, which it quotes (and splits at 255 bytes) before storing. Either way the
//! record works, but what the API gives back then differs from what was sent, so unquoted content and
//! over-long strings get a warning; [`quote`] builds the stored form from raw text.
//!
//! The character-string parser is hand-written: it is RFC 1035 §5.1 escaping (`\"`, `\\`, `\DDD`)
//! plus Cloudflare's quoted-or-raw rule, which no zone-file crate exposes on its own, and a
//! zone-file parser would be a large dependency for the WebAssembly build.

use super::presentation::{char_count, escape_bytes_into, escape_into, first_control, has_line_break, split_quoted, unescape};
use super::fields::Fields;
use crate::issue::{shorten, Path, Report};
use std::borrow::Cow;

/// Longest character-string (RFC 1035 §3.3: one length octet).
pub const MAX_STRING: usize = super::presentation::MAX_CHARACTER_STRING;
/// Cloudflare's limit on one record's content, in characters.
pub const MAX_CONTENT_CHARS: usize = 2_048;
/// Cloudflare's limit on one record's RDATA in wire format (API error 9015).
pub const MAX_WIRE: usize = super::presentation::MAX_WIRE;

pub(crate) fn check(rec: &Fields, r: &mut Report) {
    let Some(content) = rec.string(r, "content", "one or more quoted character-strings, e.g. \"\\\"v=spf1 -all\\\"\"") else { return };
    let at = rec.at.key("content");
    check_content(r, &at, content);
}

/// Checks TXT content; `false` when Cloudflare would refuse it.
fn check_content(r: &mut Report, at: &Path, content: &str) -> bool {
    if content.is_empty() {
        r.error(at, "txt.content.empty", "TXT content is empty; send at least one character-string, e.g. \"\\\"hello\\\"\"");
        return false;
    }
    let mut ok = true;
    if has_line_break(content) {
        r.error(
            at,
            "txt.content.newline",
            "TXT content cannot contain line breaks (API error 9051); split the text into several quoted strings, or write a line break as `\\010`",
        );
        ok = false;
    }
    // UNCONFIRMED whether the API refuses other control characters; they are legal in a
    // character-string, so only advise writing them as `\DDD`.
    if let Some(c) = first_control(content, &['\t', '\r', '\n']) {
        r.warn(at, "txt.content.control", format!("TXT content contains the control character {c:?}; write it as `\\{:03}`", u32::from(c)));
    }
    let chars = char_count(content);
    // Older Cloudflare docs limit TXT content to 2,048 characters; newer ones give only the
    // 4,096-wire-byte limit (checked below, an error) and 8,192 characters per name. UNCONFIRMED
    // which is enforced now, so this one warns rather than refuses.
    if chars > MAX_CONTENT_CHARS {
        r.warn(
            at,
            "txt.content.length",
            format!("TXT content is {chars} characters; older Cloudflare limits allow {MAX_CONTENT_CHARS} per record (split it over several TXT records if the API refuses it)"),
        );
    }
    let trimmed = content.trim();
    let quoted = trimmed.starts_with('"');
    let strings = match parse(content) {
        Ok(strings) => strings,
        Err((rule, message)) => {
            let code = if rule == Rule::Escape { "txt.content.escape" } else { "txt.content.quotes" };
            r.error(at, code, message);
            return false;
        }
    };
    if !quoted {
        r.warn(
            at,
            "txt.content.unquoted",
            format!(
                "TXT content is not quoted; Cloudflare stores it quoted, so the record read back differs from what was sent. Send {:?}",
                // Only the start is shown, so only the start is quoted: not a copy of megabytes.
                shorten(&quote(&content.chars().take(64).collect::<String>()))
            ),
        );
    } else if trimmed.len() != content.len() {
        // UNCONFIRMED whether Cloudflare trims; by its own rule (starts and ends with `"`) content
        // with surrounding spaces is not quoted, and the quotes would become part of the text.
        r.warn(at, "txt.content.whitespace", "TXT content has spaces before the first or after the last quote; remove them");
    }
    for (i, s) in strings.iter().enumerate() {
        if s.len() > MAX_STRING {
            let which = if strings.len() == 1 { String::from("the string") } else { format!("string {}", i + 1) };
            r.warn(
                at,
                "txt.content.string-length",
                format!(
                    "{which} is {} bytes; a character-string holds at most {MAX_STRING}. Cloudflare splits it, so the record read back differs from what was sent",
                    s.len()
                ),
            );
        }
    }
    if strings.iter().all(|s| s.iter().all(u8::is_ascii_whitespace)) {
        r.warn(at, "txt.content.blank", "the TXT record holds no text, only empty or blank strings");
    }
    let wire = wire_length(&strings);
    if wire > MAX_WIRE {
        r.error(
            at,
            "txt.content.wire-length",
            format!("TXT content is {wire} bytes in wire format; Cloudflare allows at most {MAX_WIRE} (API error 9015)"),
        );
        ok = false;
    }
    ok
}

/// The RDATA size once every string is split into 255-byte pieces, each with its length octet.
fn wire_length(strings: &[Cow<[u8]>]) -> usize {
    strings.iter().map(|s| s.len() + s.len().div_ceil(MAX_STRING).max(1)).sum()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rule {
    Quotes,
    Escape,
}

/// The character-strings of TXT content, unescaped.
///
/// Content whose first non-blank character is `"` must be a sequence of quoted strings separated
/// by white space (`"a" "b"`); RFC 1035 escapes `\"`, `\\` and `\DDD` are decoded. Any other
/// content is one raw string, taken byte for byte, as Cloudflare treats it. Errors name the problem:
/// an unterminated quote, text outside the quotes, or a bad escape.
pub fn character_strings(content: &str) -> Result<Vec<Vec<u8>>, String> {
    parse(content).map(|strings| strings.into_iter().map(Cow::into_owned).collect()).map_err(|(_, message)| message)
}

/// The bytes of the character-strings, joined: what a resolver's user reads (the plan's
/// canonical TXT value). One copy, from the borrowed strings.
pub fn joined_text(content: &str) -> Result<Vec<u8>, String> {
    parse(content).map(|strings| strings.concat()).map_err(|(_, message)| message)
}

/// As [`character_strings`], borrowing every string that has no escapes (the usual case, so
/// checking a TXT record allocates only the list).
fn parse(content: &str) -> Result<Vec<Cow<'_, [u8]>>, (Rule, String)> {
    let trimmed = content.trim();
    if !trimmed.starts_with('"') {
        return Ok(vec![Cow::Borrowed(content.as_bytes())]);
    }
    let mut strings = Vec::new();
    let mut rest = trimmed;
    while !rest.is_empty() {
        if !rest.starts_with('"') {
            return Err((
                Rule::Quotes,
                format!("text outside quotes: {:?}; quote every string, and write a quote inside a string as `\\\"`", shorten(rest)),
            ));
        }
        let (inner, after) = split_quoted(rest).map_err(|m| (Rule::Quotes, m))?;
        strings.push(unescape(inner).map_err(|m| (Rule::Escape, m))?);
        rest = after.trim_start();
    }
    Ok(strings)
}

/// Reads zone-file text (RFC 1035 §5.1) as TXT content. The text is a sequence of
/// character-strings, each either a run of non-blank characters (`v=spf1`, `a\ b`) or a quoted
/// string (`"v=spf1 -all"`), with `\X` and `\DDD` escapes in both; `v=spf1 -all` is therefore two
/// strings. The result is the form Cloudflare stores: every string quoted, separated by one space,
/// with `"` and `\` escaped and control characters (and bytes that are not UTF-8) as `\DDD`, so
/// `v=spf1 -all` gives `"v=spf1" "-all"`. Strings are kept whole, even over 255 bytes: splitting
/// one would change the data (validation warns about them instead).
pub fn from_content(text: &str) -> Result<String, String> {
    let strings = zone_strings(text)?;
    if strings.is_empty() {
        return Err("expected one or more character-strings, e.g. `\"v=spf1 -all\"`".into());
    }
    let mut out = String::with_capacity(text.len() + 2 * strings.len());
    for (i, s) in strings.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push('"');
        escape_bytes_into(&mut out, s);
        out.push('"');
    }
    Ok(out)
}

/// The character-strings of zone-file text, unescaped (see [`from_content`]).
///
/// Outside quotes, `(` and `)` only group lines (RFC 1035 §5.1), so they separate strings and are
/// dropped: `( "a" "b" )` is `"a" "b"`. A `;` outside quotes starts a comment in a zone file, but
/// unquoted TXT text pasted from elsewhere (`v=DKIM1; k=rsa; p=...`) would then lose everything after
/// its first `;` without a word, so it is refused instead: quoted, or escaped as `\;`, it is text.
fn zone_strings(text: &str) -> Result<Vec<Cow<'_, [u8]>>, String> {
    let blank = |c: char| c.is_ascii_whitespace() || c == '(' || c == ')';
    let mut strings = Vec::new();
    let mut rest = text.trim_start_matches(blank);
    while !rest.is_empty() {
        if rest.starts_with('"') {
            let (inner, after) = split_quoted(rest)?;
            strings.push(unescape(inner)?);
            rest = after.trim_start_matches(blank);
            continue;
        }
        // A run up to the next blank, where `\` escapes the byte after it (so `a\ b` is one
        // string). Over bytes: blanks, quotes and `\` are ASCII, so every end found is a
        // character boundary.
        let bytes = rest.as_bytes();
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            match b {
                b'\\' => i += 2,
                b'"' => {
                    return Err(format!(
                        "a quote inside the unquoted string {:?}; quote the whole string and write the quote as `\\\"`",
                        shorten(rest.split(blank).next().unwrap_or(rest))
                    ))
                }
                b';' => {
                    return Err(
                        "a `;` outside quotes starts a comment in a zone file; quote the text (`\"v=DKIM1; k=rsa\"`) or remove the comment".into(),
                    )
                }
                _ if blank(char::from(b)) => break,
                _ => i += 1,
            }
        }
        let end = i.min(rest.len());
        let (word, after) = (rest.get(..end).unwrap_or(rest), rest.get(end..).unwrap_or(""));
        strings.push(unescape(word)?);
        rest = after.trim_start_matches(blank);
    }
    Ok(strings)
}

/// Raw text as Cloudflare-style TXT content: quoted, split into character-strings of at most 255
/// bytes (on UTF-8 character boundaries), with `"` and `\` escaped and control characters written
/// as `\DDD`. Empty text gives `""`.
///
/// ```
/// use cf_dns_batch::record::txt::quote;
/// assert_eq!(quote(r#"v=spf1 include:"x" -all"#), r#""v=spf1 include:\"x\" -all""#);
/// ```
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    let mut used = 0usize;
    let mut buf = [0u8; 4];
    for c in text.chars() {
        let n = c.len_utf8();
        if used + n > MAX_STRING {
            out.push_str("\" \"");
            used = 0;
        }
        used += n;
        escape_into(&mut out, c.encode_utf8(&mut buf));
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_quoted_and_raw_content() {
        assert_eq!(character_strings(r#""a" "b c""#).unwrap(), vec![b"a".to_vec(), b"b c".to_vec()]);
        assert_eq!(character_strings(r#""a\"b\\c\065""#).unwrap(), vec![b"a\"b\\cA".to_vec()]);
        assert_eq!(character_strings("v=spf1 -all").unwrap(), vec![b"v=spf1 -all".to_vec()]);
        assert_eq!(character_strings(r#""""#).unwrap(), vec![Vec::<u8>::new()]);
        assert_eq!(character_strings(r#""a""b""#).unwrap(), vec![b"a".to_vec(), b"b".to_vec()]);
        assert_eq!(joined_text(r#""a\"b" "c""#).unwrap(), b"a\"bc".to_vec());
        assert_eq!(character_strings("\"\\é\"").unwrap(), vec!["é".as_bytes().to_vec()]);
    }

    #[test]
    fn refuses_broken_quoting_and_escapes() {
        assert!(character_strings(r#""this"#).is_err());
        assert!(character_strings(r#""these" ones""#).is_err());
        assert!(character_strings(r#""a\""#).is_err());
        assert!(character_strings(r#""\256""#).is_err());
        assert!(character_strings(r#""\12x""#).is_err());
        assert!(character_strings(r#""\12""#).is_err());
        assert!(character_strings(r#""a\"#).is_err());
    }

    #[test]
    fn quote_splits_on_char_boundaries() {
        let text = "é".repeat(200); // 400 bytes
        let q = quote(&text);
        let strings = character_strings(&q).unwrap();
        assert_eq!(strings.len(), 2);
        assert_eq!(strings[0].len(), 254);
        assert_eq!(strings.concat(), text.as_bytes());
        assert_eq!(quote(""), "\"\"");
        assert_eq!(quote("a\nb"), "\"a\\010b\"");
    }

    #[test]
    fn wire_length_counts_split_pieces() {
        assert_eq!(wire_length(&[Cow::Owned(vec![0; 255])]), 256);
        assert_eq!(wire_length(&[Cow::Owned(vec![0; 256])]), 258);
        assert_eq!(wire_length(&[Cow::Owned(vec![])]), 1);
    }
}
