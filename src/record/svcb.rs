//! SVCB and HTTPS (RFC 9460): `data { priority, target, value }`, where `value` holds the
//! SvcParams in presentation form (`alpn="h3,h2" port=443 ipv4hint=192.0.2.1`).
//!
//! The SvcParams rules follow NLnet Labs `domain` (the strictest of the surveyed parsers): known
//! keys or `keyNNNNN`, no duplicates, a consistent `mandatory` list, and each known key's value
//! checked by its own grammar.

use compact_str::CompactString;
use super::fields::{nearest, Fields};
use super::naptr::unescape;
use super::{is_full, RecordData, RecordType};
use crate::issue::{shorten, Path, Report};
use crate::name::{self, NameUse};
use base64::Engine as _;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::net::{Ipv4Addr, Ipv6Addr};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct SvcbData {
    /// 0 = AliasMode (the name is an alias for `target`; no SvcParams); 1–65535 = ServiceMode,
    /// lower is preferred.
    pub priority: u16,
    /// The target host name; `.` means the record's own name in ServiceMode (and "no service" in
    /// AliasMode).
    #[cfg_attr(feature = "ts", tsify(type = "string"))]
    pub target: CompactString,
    /// SvcParams in presentation form, space separated: `alpn="h3,h2" port=443 ipv4hint=192.0.2.1`.
    /// Keys: `mandatory`, `alpn`, `no-default-alpn`, `port`, `ipv4hint`, `ech`, `ipv6hint`,
    /// `dohpath`, `ohttp`, `tls-supported-groups` and `keyNNNNN`. Empty in AliasMode.
    #[cfg_attr(feature = "ts", tsify(type = "string"))]
    pub value: CompactString,
}

/// The SvcParamKey registry (RFC 9460 §14.3.2 and later registrations).
const KEYS: [(&str, u16); 10] = [
    ("mandatory", 0),
    ("alpn", 1),
    ("no-default-alpn", 2),
    ("port", 3),
    ("ipv4hint", 4),
    ("ech", 5),
    ("ipv6hint", 6),
    ("dohpath", 7),
    ("ohttp", 8),
    ("tls-supported-groups", 9),
];

const MANDATORY: u16 = 0;
const ALPN: u16 = 1;
const NO_DEFAULT_ALPN: u16 = 2;
const PORT: u16 = 3;

pub(crate) fn read(kind: RecordType, rec: &Fields, r: &mut Report) -> Option<RecordData> {
    let what = if kind == RecordType::HTTPS { "HTTPS data" } else { "SVCB data" };
    let data = rec.object(r, "data", kind.data_code(), "`{priority, target, value}`", |d, r| {
        d.unknown_fields(r, &["priority", "target", "value"], what);
        let priority = d.u16(r, "priority", "0 for AliasMode, or 1–65535 for ServiceMode (lower is preferred)");
        let target = d.string(r, "target", "the target host name, or \".\"");
        // `value` is empty whenever there are no SvcParams (always in AliasMode), so a missing one
        // is read as empty and sent as "": nothing the user wrote is lost.
        let value = d.opt_string(r, "value").unwrap_or("");
        let mut ok = true;
        if let Some(t) = target {
            ok &= check_target(r, d, kind, t, priority);
        }
        ok &= check_value(r, &d.at.key("value"), kind, value, priority);
        if !ok {
            return None;
        }
        Some(SvcbData { priority: priority?, target: target?.into(), value: value.trim().into() })
    });
    if !is_full(rec) {
        return None;
    }
    let data = data?;
    Some(if kind == RecordType::HTTPS { RecordData::HTTPS { data } } else { RecordData::SVCB { data } })
}

fn code(kind: RecordType, rule: &str) -> Cow<'static, str> {
    Cow::Owned(format!("{}.{rule}", kind.data_code()))
}

fn check_target(r: &mut Report, d: &Fields, kind: RecordType, target: &str, priority: Option<u16>) -> bool {
    let at = d.at.key("target");
    if target == "." {
        if priority == Some(0) {
            // RFC 9460 §2.5.1 defines this ("the service is not available or does not exist"),
            // so it is advice, not an RFC violation.
            r.warn(
                &at,
                code(kind, "target.alias-null"),
                "an AliasMode record (priority 0) with target \".\" says the service does not exist here; clients may ignore it",
            );
        }
        return true;
    }
    if name::looks_like_ip(target) {
        r.rfc(&at, code(kind, "target.ip"), format!("{target:?} is an IP address; the target is a host name (put addresses in `ipv4hint`/`ipv6hint`)"));
    }
    let prefix = if kind == RecordType::HTTPS { "https.data.target" } else { "svcb.data.target" };
    name::check(r, &at, prefix, target, NameUse::Target).is_some()
}

/// One SvcParam as written: its key, and its value with RFC 1035 escapes decoded (`None` for a
/// bare key).
#[derive(Debug)]
struct Param<'t> {
    key: &'t str,
    value: Option<Vec<u8>>,
}

/// A key resolved to its number.
struct Key {
    number: u16,
    /// Written as `keyNNNNN`: the value is then opaque wire bytes and is not checked.
    generic: bool,
    leading_zero: bool,
}

enum KeyError {
    Unknown,
    Invalid(String),
}

fn resolve(key: &str) -> Result<Key, KeyError> {
    if let Some((_, number)) = KEYS.iter().find(|(name, _)| *name == key) {
        return Ok(Key { number: *number, generic: false, leading_zero: false });
    }
    let Some(digits) = key.strip_prefix("key").filter(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit())) else {
        return Err(KeyError::Unknown);
    };
    let number = if digits.len() > 5 { None } else { digits.parse::<u32>().ok() };
    match number.and_then(|n| u16::try_from(n).ok()) {
        Some(65535) => Err(KeyError::Invalid(format!("`{key}` is reserved as invalid (RFC 9460 §14.3.2)"))),
        Some(number) => Ok(Key { number, generic: true, leading_zero: digits.len() > 1 && digits.starts_with('0') }),
        None => Err(KeyError::Invalid(format!("`{}`: generic keys are key0–key65534", shorten(key)))),
    }
}

fn unknown_key_message(key: &str, in_mandatory: bool) -> String {
    let names: Vec<&str> = KEYS.iter().map(|(n, _)| *n).collect();
    let lower = key.to_ascii_lowercase();
    let hint = if key.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        "; `value` holds only the SvcParams: the priority and the target go in their own fields".to_string()
    } else if lower != key && resolve(&lower).is_ok() {
        format!("; keys are lower case: `{lower}`")
    } else if key == "echconfig" {
        "; the key is now called `ech`".to_string()
    } else {
        nearest(key, &names).map(|n| format!("; did you mean `{n}`?")).unwrap_or_default()
    };
    let subject = if in_mandatory { format!("`mandatory` lists `{}`, which", shorten(key)) } else { format!("`{}`", shorten(key)) };
    format!("{subject} is not a SvcParamKey (known: {}, or keyNNNNN){hint}", names.join(", "))
}

/// Checks `value` and reports every problem; `false` when it cannot be sent as it is.
fn check_value(r: &mut Report, at: &Path, kind: RecordType, value: &str, priority: Option<u16>) -> bool {
    let text = value.trim();
    if priority == Some(0) && !text.is_empty() {
        // RFC 9460 §2.4.2: AliasMode records SHOULD NOT have SvcParams and recipients MUST
        // ignore them, so the alias still works; an RFC rule rather than a certain failure.
        r.rfc(
            at,
            code(kind, "value.alias-mode"),
            format!("an AliasMode record (priority 0) has no SvcParams; clients ignore {:?} (RFC 9460 §2.4.2)", shorten(text)),
        );
    }
    let params = match parse_params(text) {
        Ok(p) => p,
        Err(e) => {
            r.error(at, code(kind, "value.syntax"), format!("`value` is not valid SvcParams: {e}"));
            return false;
        }
    };
    let mut ok = true;
    let mut present: Vec<(u16, &str)> = Vec::new();
    for p in &params {
        let key = match resolve(p.key) {
            Ok(k) => k,
            Err(KeyError::Unknown) => {
                r.error(at, code(kind, "value.unknown-key"), unknown_key_message(p.key, false));
                ok = false;
                continue;
            }
            Err(KeyError::Invalid(msg)) => {
                r.error(at, code(kind, "value.invalid-key"), msg);
                ok = false;
                continue;
            }
        };
        if key.leading_zero {
            r.rfc(at, code(kind, "value.key-format"), format!("`{}`: generic keys are written without leading zeros (RFC 9460 §2.1)", p.key));
        }
        if let Some((_, first)) = present.iter().find(|(n, _)| *n == key.number) {
            let also = if *first == p.key { String::new() } else { format!(" (as `{first}` and `{}`)", p.key) };
            r.error(at, code(kind, "value.duplicate-key"), format!("the key `{}` appears more than once{also}; each key may appear once", p.key));
            ok = false;
            continue;
        }
        present.push((key.number, p.key));
        if !key.generic {
            ok &= check_param(r, at, kind, key.number, p);
        }
    }
    let has = |n: u16| present.iter().any(|(k, _)| *k == n);
    if let Some(m) = params.iter().find(|p| p.key == "mandatory") {
        ok &= check_mandatory(r, at, kind, m, &has);
    }
    if has(NO_DEFAULT_ALPN) && !has(ALPN) {
        // RFC 9460 §7.1.1 and §2.4.3: such a record is not self-consistent, and clients MUST
        // reject it.
        r.error(
            at,
            code(kind, "value.no-default-alpn-alone"),
            "`no-default-alpn` needs `alpn` too (RFC 9460 §7.1.1); clients reject the record without it",
        );
        ok = false;
    }
    ok
}

fn utf8(value: &[u8]) -> Cow<'_, str> {
    String::from_utf8_lossy(value)
}

/// The rules of one known key written by name.
fn check_param(r: &mut Report, at: &Path, kind: RecordType, number: u16, p: &Param) -> bool {
    let value = p.value.as_deref();
    let nonempty = value.filter(|v| !v.is_empty());
    let fail = |r: &mut Report, rule: &str, message: String| {
        r.error(at, code(kind, &format!("value.{rule}")), message);
        false
    };
    match number {
        ALPN => {
            let Some(v) = nonempty else {
                return fail(r, "alpn-empty", "`alpn` needs at least one protocol id, e.g. alpn=\"h3,h2\"".into());
            };
            let Ok(ids) = split_list(v) else {
                return fail(r, "syntax", "the `alpn` list ends with a lone `\\`".into());
            };
            let mut ok = true;
            for id in &ids {
                if id.is_empty() {
                    ok = fail(r, "alpn-empty", format!("`alpn={}` has an empty protocol id (two commas in a row, or a comma at an end)", shorten(&utf8(v))));
                } else if id.len() > 255 {
                    ok = fail(r, "alpn-length", format!("the `alpn` id {:?} is {} bytes; an id has at most 255", shorten(&utf8(id)), id.len()));
                }
            }
            ok
        }
        NO_DEFAULT_ALPN => {
            if let Some(v) = nonempty {
                return fail(r, "no-default-alpn-value", format!("`no-default-alpn` takes no value, got {:?}", shorten(&utf8(v))));
            }
            true
        }
        PORT => {
            let text = value.map(utf8).unwrap_or_default();
            let port = if text.is_empty() || text.len() > 5 || !text.bytes().all(|b| b.is_ascii_digit()) { None } else { text.parse::<u16>().ok() };
            if port.is_none() {
                return fail(r, "port", format!("`port` must be a number 0–65535, got {:?}", shorten(&text)));
            }
            true
        }
        4 | 6 => {
            let (rule, family) = if number == 4 { ("ipv4hint", "IPv4") } else { ("ipv6hint", "IPv6") };
            let Some(v) = nonempty else {
                return fail(r, rule, format!("`{rule}` needs at least one {family} address"));
            };
            let items = split_list(v).unwrap_or_default();
            let mut ok = true;
            for item in &items {
                let text = utf8(item);
                let parsed = if number == 4 { text.parse::<Ipv4Addr>().is_ok() } else { text.parse::<Ipv6Addr>().is_ok() };
                if !parsed {
                    ok = fail(r, rule, format!("`{rule}`: {:?} is not an {family} address", shorten(&text)));
                }
            }
            ok
        }
        5 => {
            let Some(v) = nonempty else {
                r.warn(at, code(kind, "value.ech-empty"), "`ech` has no ECHConfigList; clients cannot use Encrypted ClientHello with it");
                return true;
            };
            if base64::engine::general_purpose::STANDARD.decode(v).is_err() {
                return fail(r, "ech", format!("`ech` must be base64 (an ECHConfigList), got {:?}", shorten(&utf8(v))));
            }
            true
        }
        7 => {
            let Some(v) = nonempty else {
                return fail(r, "dohpath-empty", "`dohpath` needs a URI template such as \"/dns-query{?dns}\"".into());
            };
            let Ok(template) = std::str::from_utf8(v) else {
                return fail(r, "dohpath-empty", "`dohpath` must be UTF-8 text".into());
            };
            if !has_dns_variable(template) {
                r.rfc(
                    at,
                    code(kind, "value.dohpath-dns"),
                    format!("`dohpath` {:?} has no `dns` variable (e.g. \"/dns-query{{?dns}}\", RFC 9461 §5)", shorten(template)),
                );
            }
            if !template.starts_with('/') {
                r.rfc(at, code(kind, "value.dohpath-path"), format!("`dohpath` {:?} should be a path starting with `/` (RFC 9461 §5)", shorten(template)));
            }
            true
        }
        8 => {
            if let Some(v) = nonempty {
                return fail(r, "ohttp-value", format!("`ohttp` takes no value (RFC 9540 §4), got {:?}", shorten(&utf8(v))));
            }
            true
        }
        9 => {
            let Some(v) = nonempty else {
                return fail(r, "tls-supported-groups", "`tls-supported-groups` needs at least one group number".into());
            };
            let mut seen: Vec<u16> = Vec::new();
            let mut ok = true;
            for item in split_list(v).unwrap_or_default() {
                let text = utf8(&item).into_owned();
                let group = if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) { None } else { text.parse::<u16>().ok() };
                match group {
                    None => ok = fail(r, "tls-supported-groups", format!("`tls-supported-groups`: {:?} is not a group number 0–65535", shorten(&text))),
                    Some(g) if seen.contains(&g) => {
                        r.rfc(at, code(kind, "value.tls-supported-groups-duplicate"), format!("`tls-supported-groups` lists {g} twice"));
                    }
                    Some(g) => seen.push(g),
                }
            }
            ok
        }
        _ => true,
    }
}

/// RFC 9460 §8: `mandatory` lists one or more keys, each once, never itself, each present.
fn check_mandatory(r: &mut Report, at: &Path, kind: RecordType, m: &Param, has: &dyn Fn(u16) -> bool) -> bool {
    let Some(v) = m.value.as_deref().filter(|v| !v.is_empty()) else {
        r.error(at, code(kind, "value.mandatory-empty"), "`mandatory` needs at least one key, e.g. mandatory=alpn");
        return false;
    };
    let Ok(entries) = split_list(v) else {
        r.error(at, code(kind, "value.syntax"), "the `mandatory` list ends with a lone `\\`");
        return false;
    };
    let mut ok = true;
    let mut listed: Vec<u16> = Vec::new();
    for entry in &entries {
        let name = utf8(entry);
        if name.is_empty() {
            r.error(at, code(kind, "value.mandatory-empty"), "`mandatory` has an empty entry (two commas in a row, or a comma at an end)");
            ok = false;
            continue;
        }
        let number = match resolve(&name) {
            Ok(k) => k.number,
            Err(KeyError::Unknown) => {
                r.error(at, code(kind, "value.unknown-key"), unknown_key_message(&name, true));
                ok = false;
                continue;
            }
            Err(KeyError::Invalid(msg)) => {
                r.error(at, code(kind, "value.invalid-key"), format!("`mandatory` lists {msg}"));
                ok = false;
                continue;
            }
        };
        if number == MANDATORY {
            r.error(at, code(kind, "value.mandatory-self"), "`mandatory` must not list itself (RFC 9460 §8)");
            ok = false;
        } else if listed.contains(&number) {
            r.error(at, code(kind, "value.mandatory-duplicate"), format!("`mandatory` lists `{name}` more than once"));
            ok = false;
        } else {
            listed.push(number);
            if !has(number) {
                r.error(
                    at,
                    code(kind, "value.mandatory-missing"),
                    format!("`mandatory` lists `{name}`, but the record has no `{name}` (every listed key must be present)"),
                );
                ok = false;
            } else if kind == RecordType::HTTPS && (number == PORT || number == NO_DEFAULT_ALPN) {
                r.rfc(
                    at,
                    code(kind, "value.mandatory-automatic"),
                    format!("`{name}` is automatically mandatory in HTTPS records and should not be listed in `mandatory` (RFC 9460 §8, §9)"),
                );
            }
        }
    }
    ok
}

/// Whether a URI template (RFC 6570) has a `dns` variable: `{?dns}`, `{&dns}`, `{?x,dns}`...
fn has_dns_variable(template: &str) -> bool {
    let mut rest = template;
    while let Some((_, after)) = rest.split_once('{') {
        let Some((expr, tail)) = after.split_once('}') else { return false };
        let vars = expr.trim_start_matches(['+', '#', '.', '/', ';', '?', '&']);
        if vars.split(',').any(|v| v.split(':').next().unwrap_or("").trim_end_matches('*') == "dns") {
            return true;
        }
        rest = tail;
    }
    false
}

/// Splits SvcParams presentation text into key/value pairs. Hand-written: no crate parses SvcParams
/// presentation form without pulling in a whole DNS library. Values may be quoted; `\X` and
/// `\DDD` escapes (RFC 1035 §5.1) are decoded in both forms.
fn parse_params(text: &str) -> Result<Vec<Param<'_>>, String> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    loop {
        while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        if i >= bytes.len() {
            break;
        }
        let start = i;
        while bytes.get(i).is_some_and(|b| !b.is_ascii_whitespace() && *b != b'=') {
            i += 1;
        }
        let key = text.get(start..i).unwrap_or("");
        if key.is_empty() {
            return Err("a `=` with no key before it".into());
        }
        if bytes.get(i) != Some(&b'=') {
            out.push(Param { key, value: None });
            continue;
        }
        i += 1;
        let mut value = Vec::new();
        if bytes.get(i) == Some(&b'"') {
            i += 1;
            let mut closed = false;
            while let Some(&b) = bytes.get(i) {
                if b == b'"' {
                    closed = true;
                    i += 1;
                    break;
                }
                i += take(bytes, i, &mut value)?;
            }
            if !closed {
                return Err(format!("the quoted value of `{}` has no closing quote", shorten(key)));
            }
            if bytes.get(i).is_some_and(|b| !b.is_ascii_whitespace()) {
                return Err(format!("the closing quote of `{}`'s value must be followed by a space", shorten(key)));
            }
        } else {
            while let Some(&b) = bytes.get(i) {
                if b.is_ascii_whitespace() {
                    break;
                }
                if b == b'"' {
                    return Err(format!("a quote inside the unquoted value of `{}`; quote the whole value instead", shorten(key)));
                }
                i += take(bytes, i, &mut value)?;
            }
        }
        out.push(Param { key, value: Some(value) });
    }
    Ok(out)
}

/// Appends the byte (or decoded escape) at `i` to `out`; returns how many input bytes it used.
fn take(bytes: &[u8], i: usize, out: &mut Vec<u8>) -> Result<usize, String> {
    match bytes.get(i) {
        Some(b'\\') => {
            let (byte, used) = unescape(bytes, i)?;
            out.push(byte);
            Ok(used)
        }
        Some(&b) => {
            out.push(b);
            Ok(1)
        }
        None => Ok(1),
    }
}

/// RFC 9460 Appendix A.1 value-list: split on `,`, where `\,` is a literal comma and `\\` a
/// backslash (this second level of escapes applies after the character-string decoding).
fn split_list(value: &[u8]) -> Result<Vec<Vec<u8>>, String> {
    let mut items: Vec<Vec<u8>> = vec![Vec::new()];
    let mut iter = value.iter();
    while let Some(&b) = iter.next() {
        match b {
            b'\\' => {
                let Some(&next) = iter.next() else { return Err("a lone `\\` at the end".into()) };
                if let Some(item) = items.last_mut() {
                    item.push(next);
                }
            }
            b',' => items.push(Vec::new()),
            _ => {
                if let Some(item) = items.last_mut() {
                    item.push(b);
                }
            }
        }
    }
    Ok(items)
}

/// `1 . alpn="h3,h2" port=443` (priority target params).
pub fn to_content(d: &SvcbData) -> String {
    let value = d.value.trim();
    if value.is_empty() {
        format!("{} {}", d.priority, d.target)
    } else {
        format!("{} {} {value}", d.priority, d.target)
    }
}

/// Reads `<priority> <target> [SvcParams...]`; the SvcParams are kept verbatim as `value`.
pub fn from_content(text: &str) -> Result<SvcbData, String> {
    let split = |s: &str| -> (String, String) {
        match s.trim().split_once(char::is_whitespace) {
            Some((head, rest)) => (head.to_string(), rest.trim().to_string()),
            None => (s.trim().to_string(), String::new()),
        }
    };
    let (priority, rest) = split(text);
    let (target, value) = split(&rest);
    if priority.is_empty() || target.is_empty() {
        return Err("expected `<priority> <target> [SvcParams]`, e.g. `1 . alpn=h2`".into());
    }
    let priority = priority.parse::<u16>().map_err(|_| format!("priority {priority:?} is not a number 0–65535"))?;
    Ok(SvcbData { priority, target: target.into(), value: value.into() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn params_parse_quotes_and_escapes() {
        let p = parse_params(r#"alpn="h3,h2" port=443  no-default-alpn key65000=\065b ech="""#).unwrap();
        let got: Vec<(&str, Option<&[u8]>)> = p.iter().map(|p| (p.key, p.value.as_deref())).collect();
        assert_eq!(
            got,
            vec![
                ("alpn", Some(&b"h3,h2"[..])),
                ("port", Some(&b"443"[..])),
                ("no-default-alpn", None),
                ("key65000", Some(&b"Ab"[..])),
                ("ech", Some(&b""[..])),
            ]
        );
        assert!(parse_params(r#"alpn="h2"#).is_err());
        assert!(parse_params("=h2").is_err());
        assert!(parse_params(r#"alpn=h"2""#).is_err());
        assert!(parse_params(r#"alpn="h2"port=1"#).is_err());
        assert!(parse_params(r"alpn=h2\").is_err());
        assert!(parse_params("").unwrap().is_empty());
    }

    #[test]
    fn value_lists_unescape_commas() {
        assert_eq!(split_list(b"a,b").unwrap(), vec![b"a".to_vec(), b"b".to_vec()]);
        assert_eq!(split_list(br"a\,b,c").unwrap(), vec![b"a,b".to_vec(), b"c".to_vec()]);
        assert_eq!(split_list(b"").unwrap(), vec![Vec::<u8>::new()]);
        assert!(split_list(b"a\\").is_err());
    }

    #[test]
    fn keys_resolve() {
        assert_eq!(resolve("alpn").ok().map(|k| (k.number, k.generic)), Some((1, false)));
        assert_eq!(resolve("key1").ok().map(|k| (k.number, k.generic)), Some((1, true)));
        assert!(resolve("key01").is_ok_and(|k| k.leading_zero));
        assert!(matches!(resolve("key65535"), Err(KeyError::Invalid(_))));
        assert!(matches!(resolve("key99999"), Err(KeyError::Invalid(_))));
        assert!(matches!(resolve("key1234567"), Err(KeyError::Invalid(_))));
        assert!(matches!(resolve("foo"), Err(KeyError::Unknown)));
        assert!(matches!(resolve("key"), Err(KeyError::Unknown)));
    }

    #[test]
    fn dns_variable() {
        assert!(has_dns_variable("/dns-query{?dns}"));
        assert!(has_dns_variable("/q{?x,dns}"));
        assert!(has_dns_variable("/q{&dns}"));
        assert!(!has_dns_variable("/dns-query"));
        assert!(!has_dns_variable("/q{?dnsx}"));
        assert!(!has_dns_variable("/q{?dns"));
    }

    #[test]
    fn content_round_trip() {
        let d = from_content("  1  .   alpn=\"h3,h2\"  port=443 ").unwrap();
        assert_eq!(d, SvcbData { priority: 1, target: ".".into(), value: "alpn=\"h3,h2\"  port=443".into() });
        assert_eq!(from_content(&to_content(&d)).unwrap(), d);
        assert_eq!(to_content(&SvcbData { priority: 0, target: "x.example.".into(), value: CompactString::default() }), "0 x.example.");
        assert!(from_content("1").is_err());
        assert!(from_content("x .").is_err());
    }
}
