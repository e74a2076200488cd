//! NAPTR (RFC 3403): `data { order, preference, flags, service, regex, replacement }`.
//!
//! Also home of the RFC 1035 §5.1 character-string helpers (`quote`, `tokens`) that the URI
//! presentation shares: quoted strings with `\"`, `\\` and `\DDD` escapes.

use compact_str::CompactString;
use super::fields::{Fields, Mode};
use super::presentation::{number, quoted as quote, tokens, Token, MAX_CHARACTER_STRING as MAX_STRING};
use super::typed::{integer, string, text_or_empty};
use crate::issue::{shorten, Path, Report};
use crate::name::{self, NameUse};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct NaptrData {
    /// 0–65535; records are processed in ascending order (lower first).
    pub order: u16,
    /// 0–65535; among records of equal `order`, lower is preferred.
    pub preference: u16,
    /// Letters and digits only; defined flags are `S` (SRV lookup next), `A` (address lookup next),
    /// `U` (the regex gives the final URI) and `P` (protocol-specific). Usually one flag or empty.
    #[cfg_attr(feature = "ts", tsify(type = "string"))]
    pub flags: CompactString,
    /// The service, e.g. `E2U+sip` or `SIP+D2U`; may be empty.
    #[cfg_attr(feature = "ts", tsify(type = "string"))]
    pub service: CompactString,
    /// A substitution expression `!ere!replacement!` (any delimiter, optional trailing `i`), or
    /// empty when `replacement` is used instead.
    #[cfg_attr(feature = "ts", tsify(type = "string"))]
    pub regex: CompactString,
    /// The next domain name to look up, or `.` when `regex` is used instead.
    #[cfg_attr(feature = "ts", tsify(type = "string"))]
    pub replacement: CompactString,
}

const FIELDS: [&str; 6] = ["order", "preference", "flags", "service", "regex", "replacement"];


pub(crate) fn check(rec: &Fields, r: &mut Report) {
    rec.object(r, "data", "naptr.data", "`{order, preference, flags, service, regex, replacement}`", |d, r| {
        d.unknown_fields(r, &FIELDS, "NAPTR data");
        d.u16(r, "order", "0–65535; lower is processed first");
        d.u16(r, "preference", "0–65535; lower is preferred among equal `order`");
        // `flags`, `service` and `regex` may each be empty, so a missing one is read as empty
        // (and sent as ""): nothing the user wrote is lost.
        let flags = d.opt_string(r, "flags");
        let service = d.opt_string(r, "service");
        let regex = d.opt_string(r, "regex");
        let replacement = d.string(r, "replacement", "the next domain name, or \".\" when `regex` is used");

        // In a whole record a missing regex is empty; in a patch it is unknown (the record may
        // already have one), so the rules that tie regex to flags and replacement are skipped.
        let known_regex = if d.mode == Mode::Full { Some(regex.unwrap_or("")) } else { regex };
        if let Some(f) = flags {
            check_flags(r, &d.at.key("flags"), f, known_regex);
        }
        if let Some(s) = service {
            check_service(r, &d.at.key("service"), s);
        }
        if let Some(x) = regex {
            check_regex(r, &d.at.key("regex"), x);
        }
        if let Some(rep) = replacement {
            check_replacement(r, d, rep, known_regex);
        }
        Some(())
    });
}

fn check_length(r: &mut Report, at: &Path, field: &str, value: &str) -> bool {
    if value.len() > MAX_STRING {
        r.error(
            at,
            format!("naptr.data.{field}.length"),
            format!("`{field}` is {} bytes; a NAPTR character-string holds at most {MAX_STRING}", value.len()),
        );
        return false;
    }
    true
}

/// RFC 3403 §4.1: flags are single characters from `A–Z` and `0–9` (case-insensitive); `S`, `A`,
/// `U` and `P` are defined. RFC 3404 §4.3: `S`, `A`, `U` and `P` are mutually exclusive.
fn check_flags(r: &mut Report, at: &Path, flags: &str, regex: Option<&str>) -> bool {
    if let Some(bad) = flags.chars().find(|c| !c.is_ascii_alphanumeric()) {
        r.error(at, "naptr.data.flags.charset", format!("`flags` {:?} contains {bad:?}; flags are letters and digits only", shorten(flags)));
        return false;
    }
    if !check_length(r, at, "flags", flags) {
        return false;
    }
    let unknown: String = flags.chars().filter(|c| c.is_ascii_alphabetic() && !"SAUPsaup".contains(*c)).collect();
    if !unknown.is_empty() {
        r.rfc(
            at,
            "naptr.data.flags.unknown",
            format!("`flags` {flags:?}: {unknown:?} is not a defined flag (RFC 3403 defines S, A, U and P)"),
        );
    }
    let terminal = flags.chars().filter(|c| "SAUPsaup".contains(*c)).count();
    if terminal > 1 {
        r.rfc(
            at,
            "naptr.data.flags.exclusive",
            format!("`flags` {flags:?}: S, A, U and P are mutually exclusive; use at most one (RFC 3404 §4.3)"),
        );
    }
    if flags.contains(['U', 'u']) && regex.is_some_and(str::is_empty) {
        r.rfc(at, "naptr.data.flags.u-without-regex", "the `U` flag means `regex` produces the final URI, but `regex` is empty");
    }
    true
}

/// RFC 3403 §4.1 / RFC 3402: services are `protocol+resolution-service` style tokens of letters,
/// digits, `+`, `:` and `-` (e.g. `E2U+sip`, `SIP+D2U`, `x-foo:bar`).
fn check_service(r: &mut Report, at: &Path, service: &str) -> bool {
    if !check_length(r, at, "service", service) {
        return false;
    }
    if let Some(bad) = service.chars().find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '+' | ':' | '-'))) {
        r.rfc(
            at,
            "naptr.data.service.charset",
            format!("`service` {:?} contains {bad:?}; services use letters, digits, `+`, `:` and `-` (e.g. \"E2U+sip\")", shorten(service)),
        );
    }
    true
}

/// RFC 3402 §3.2: `delim ere delim repl delim *flags`, where the delimiter is the first character
/// (not a digit, `\` or the flag `i`) and the only flag is `i`. Inside, `\` escapes the next
/// character. Hand-written: a regex crate would check the ERE itself, not this framing.
fn check_regex(r: &mut Report, at: &Path, regex: &str) -> bool {
    if !check_length(r, at, "regex", regex) {
        return false;
    }
    if regex.is_empty() {
        return true;
    }
    if let Some(problem) = regex_problem(regex) {
        r.rfc(
            at,
            "naptr.data.regex.syntax",
            format!("`regex` {:?} is not a substitution expression `!ere!replacement!` (RFC 3402 §3.2): {problem}", shorten(regex)),
        );
    }
    true
}

fn regex_problem(regex: &str) -> Option<String> {
    let mut chars = regex.chars();
    let delim = chars.next()?;
    if delim.is_ascii_digit() || delim == '\\' || delim == 'i' || delim.is_whitespace() {
        return Some(format!("{delim:?} cannot be the delimiter"));
    }
    let mut parts: Vec<String> = vec![String::new()];
    let mut escaped = false;
    for c in chars {
        let part = parts.last_mut()?;
        if escaped {
            part.push('\\');
            part.push(c);
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == delim {
            parts.push(String::new());
        } else {
            part.push(c);
        }
    }
    if escaped {
        return Some("it ends with a lone `\\`".into());
    }
    match parts.as_slice() {
        [ere, _repl, flags] => {
            if ere.is_empty() {
                Some("the regular expression is empty".into())
            } else if !(flags.is_empty() || flags == "i") {
                Some(format!("{:?} after the last delimiter is not a flag (only `i` is defined)", shorten(flags)))
            } else {
                None
            }
        }
        _ => Some(format!("it needs exactly three {delim:?} delimiters, found {}", parts.len())),
    }
}

/// RFC 3403 §4.1: `regex` and `replacement` are mutually exclusive: with a regex the replacement is
/// `.`; without one, the replacement is the next name to look up.
fn check_replacement(r: &mut Report, d: &Fields, replacement: &str, regex: Option<&str>) -> bool {
    let at = d.at.key("replacement");
    let is_root = replacement == ".";
    match regex {
        None => {
            // A patch that does not send `regex`: only the name itself can be checked.
            if is_root || replacement.is_empty() {
                return true;
            }
            name::check(r, &at, "naptr.data.replacement", replacement, NameUse::Target).is_some()
        }
        Some(x) if !x.is_empty() => {
            if !is_root {
                r.error(
                    &at,
                    "naptr.data.replacement.exclusive",
                    format!("`regex` and `replacement` are mutually exclusive: with a regex, `replacement` must be \".\", got {:?}", shorten(replacement)),
                );
                return false;
            }
            true
        }
        Some(_) => {
            if is_root || replacement.is_empty() {
                // A NAPTR with neither a regex nor a replacement leads nowhere.
                r.error(
                    &at,
                    "naptr.data.replacement.missing",
                    "with an empty `regex`, `replacement` must be the next domain name to look up (a record with neither leads nowhere)",
                );
                return false;
            }
            if name::looks_like_ip(replacement) {
                r.rfc(&at, "naptr.data.replacement.ip", format!("{replacement:?} is an IP address; the replacement is a domain name"));
            }
            name::check(r, &at, "naptr.data.replacement", replacement, NameUse::Target).is_some()
        }
    }
}

/// `100 10 "S" "SIP+D2U" "" _sip._udp.example.com` (order preference flags service regex
/// replacement; the three strings quoted).
pub fn to_content(d: &NaptrData) -> String {
    format!("{} {} {} {} {} {}", d.order, d.preference, quote(&d.flags), quote(&d.service), quote(&d.regex), bare_or_quoted(&d.replacement))
}

/// The replacement as written: bare when it is a plain name (no white space, quotes, backslashes or
/// control characters, so it reads back as itself even at the end of a trimmed line), otherwise
/// quoted (a quoted replacement may hold any of those; written bare, it would not parse back).
fn bare_or_quoted(name: &str) -> String {
    let plain = !name.is_empty() && name.chars().all(|c| !(c.is_whitespace() || c.is_control() || c == '"' || c == '\\'));
    if plain {
        name.to_string()
    } else {
        quote(name)
    }
}

pub fn from_content(text: &str) -> Result<NaptrData, String> {
    let tokens = tokens(text)?;
    let [order, preference, flags, service, regex, replacement] = tokens.as_slice() else {
        return Err(format!(
            "expected `<order> <preference> \"<flags>\" \"<service>\" \"<regex>\" <replacement>` (6 fields), got {}",
            tokens.len()
        ));
    };
    let num = |what: &str, t: &Token| number::<u16>(what, &t.text);
    Ok(NaptrData {
        order: num("order", order)?,
        preference: num("preference", preference)?,
        flags: flags.text.as_str().into(),
        service: service.text.as_str().into(),
        regex: regex.text.as_str().into(),
        // A domain name keeps its escapes (`\.` is a dot inside a label) unless it was quoted.
        replacement: if replacement.quoted { replacement.text.as_str().into() } else { replacement.raw.as_str().into() },
    })
}

/// The typed value of checked NAPTR `data` (see [`super::typed`]). `flags`, `service` and `regex`
/// left out are empty.
pub(crate) fn typed(d: &Fields) -> Option<NaptrData> {
    Some(NaptrData {
        order: integer(d, "order")?,
        preference: integer(d, "preference")?,
        flags: text_or_empty(d, "flags")?.into(),
        service: text_or_empty(d, "service")?.into(),
        regex: text_or_empty(d, "regex")?.into(),
        replacement: string(d, "replacement")?.into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_decode_quotes_and_escapes() {
        let t = tokens(r#"100 "a \"b\" \\ \065" bare\059x """#).unwrap();
        assert_eq!(t.len(), 4);
        assert_eq!(t[1].text, r#"a "b" \ A"#);
        assert!(t[1].quoted);
        assert_eq!(t[2].text, "bare;x");
        assert_eq!(t[2].raw, r"bare\059x");
        assert_eq!(t[3].text, "");
        assert!(tokens(r#""open"#).is_err());
        assert!(tokens(r"a\25").is_err());
        assert!(tokens(r"a\300").is_err());
        assert!(tokens(r"a\").is_err());
        assert!(tokens(r#""a"b"#).is_err());
    }

    #[test]
    fn quote_round_trips() {
        for s in ["", "plain", "with \"quotes\"", "back\\slash", "tab\there", "ünïcode", "semi;colon"] {
            let q = quote(s);
            let t = tokens(&q).unwrap();
            assert_eq!(t.len(), 1, "{q}");
            assert_eq!(t[0].text, s);
        }
    }

    #[test]
    fn regex_framing() {
        assert_eq!(regex_problem("!^.*$!sip:info@example.com!"), None);
        assert_eq!(regex_problem("!^.*$!sip:info@example.com!i"), None);
        assert_eq!(regex_problem(r"/a\/b/c/"), None);
        assert!(regex_problem("!^.*$!x").is_some());
        assert!(regex_problem("!^.*$!x!y!").is_some());
        assert!(regex_problem("1abc1d1").is_some());
        assert!(regex_problem("!!x!").is_some());
        assert!(regex_problem("!a!b!q").is_some());
    }
}
