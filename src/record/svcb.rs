//! SVCB and HTTPS (RFC 9460): `data { priority, target, value }`, where `value` holds the
//! SvcParams in presentation form (`alpn="h3,h2" port=443 ipv4hint=192.0.2.1`).
//!
//! The SvcParams rules follow NLnet Labs `domain` (the strictest of the surveyed parsers): known
//! keys or `keyNNNNN`, no duplicates, a consistent `mandatory` list, and each known key's value
//! checked by its own grammar.

use compact_str::CompactString;
use super::fields::{nearest, Fields};
use super::presentation::{decode_base64, number, unescape_at as unescape};
use super::typed::{integer, string, text_or_empty};
use super::RecordType;
use crate::issue::{shorten, Path, Report, Severity};
use crate::name::{self, NameUse};
use serde::Serialize;
use std::borrow::Cow;
use std::net::{Ipv4Addr, Ipv6Addr};

#[derive(Debug, Clone, PartialEq, Serialize)]
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
const IPV4HINT: u16 = 4;
const ECH: u16 = 5;
const IPV6HINT: u16 = 6;
const DOHPATH: u16 = 7;
const OHTTP: u16 = 8;
const TLS_SUPPORTED_GROUPS: u16 = 9;

pub(crate) fn check(kind: RecordType, rec: &Fields, r: &mut Report) {
    let what = if kind == RecordType::HTTPS { "HTTPS data" } else { "SVCB data" };
    rec.object(r, "data", kind.data_code(), "`{priority, target, value}`", |d, r| {
        d.unknown_fields(r, &["priority", "target", "value"], what);
        let priority = d.u16(r, "priority", "0 for AliasMode, or 1–65535 for ServiceMode (lower is preferred)");
        let target = d.string(r, "target", "the target host name, or \".\"");
        // `value` is empty whenever there are no SvcParams (always in AliasMode), so a missing one
        // is read as empty and sent as "": nothing the user wrote is lost.
        let value = d.opt_string(r, "value").unwrap_or("");
        if let Some(t) = target {
            check_target(r, d, kind, t, priority);
        }
        check_value(r, &d.at.key("value"), kind, value, priority);
        Some(())
    });
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

/// A key's number by the same rules the validator reads it with (the plan compares params by it).
/// Keys are compared in lower case there: `ALPN` and `alpn` name the same key.
pub(crate) fn key_number(key: &str) -> Option<u16> {
    resolve(&key.to_ascii_lowercase()).ok().map(|k| k.number)
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

/// How many issues one `value` reports one by one; the rest are counted in one
/// `value.more-issues`.
const VALUE_ISSUES_MAX: usize = 20;

/// The issues of one `value`, all at its pointer. A value of a million bad keys (or a list of a
/// million bad items) would otherwise hold a million messages, each far longer than the few bytes
/// of input it is about; past [`VALUE_ISSUES_MAX`] they are only counted, and their messages are
/// never built.
struct ValueIssues<'r, 'o, 'p> {
    r: &'r mut Report<'o>,
    at: &'r Path<'p>,
    kind: RecordType,
    shown: usize,
    hidden: usize,
    hidden_errors: usize,
}

impl<'r, 'o, 'p> ValueIssues<'r, 'o, 'p> {
    fn new(r: &'r mut Report<'o>, at: &'r Path<'p>, kind: RecordType) -> Self {
        ValueIssues { r, at, kind, shown: 0, hidden: 0, hidden_errors: 0 }
    }

    /// Not generic over the message: one copy of this for the dozens of messages in this file.
    fn push(&mut self, rule: &str, severity: Severity, message: &dyn Fn() -> String) {
        let full = self.shown >= VALUE_ISSUES_MAX;
        // Past the limit with nothing silenced, an issue is only counted: not even its code is built.
        let code = if full && self.r.options.disable.is_empty() { None } else { Some(code(self.kind, rule)) };
        if code.as_ref().is_some_and(|c| self.r.options.is_disabled(c)) {
            return;
        }
        let Some(code) = code.filter(|_| !full) else {
            self.hidden += 1;
            self.hidden_errors += usize::from(severity == Severity::Error);
            return;
        };
        self.shown += 1;
        match severity {
            Severity::Error => self.r.error(self.at, code, message()),
            Severity::Warning => self.r.warn(self.at, code, message()),
        }
    }

    /// Reports an error; always `false`, so a check can end with `return v.error(...)`.
    #[inline]
    fn error(&mut self, rule: &str, message: impl Fn() -> String) -> bool {
        self.push(rule, Severity::Error, &message);
        false
    }

    #[inline]
    fn warn(&mut self, rule: &str, message: impl Fn() -> String) {
        self.push(rule, Severity::Warning, &message);
    }

    #[inline]
    fn rfc(&mut self, rule: &str, message: impl Fn() -> String) {
        let severity = self.r.rfc_severity();
        self.push(rule, severity, &message);
    }

    /// Reports how many issues were counted but not listed.
    fn finish(self) {
        if self.hidden == 0 {
            return;
        }
        let message = format!("`value` has {} more problems like the ones above, not listed one by one", self.hidden);
        if self.hidden_errors > 0 {
            self.r.error(self.at, code(self.kind, "value.more-issues"), message);
        } else {
            self.r.warn(self.at, code(self.kind, "value.more-issues"), message);
        }
    }
}

/// Checks `value` and reports every problem; `false` when it cannot be sent as it is.
fn check_value(r: &mut Report, at: &Path, kind: RecordType, value: &str, priority: Option<u16>) -> bool {
    let mut v = ValueIssues::new(r, at, kind);
    let ok = check_params(&mut v, value, priority);
    v.finish();
    ok
}

fn check_params(v: &mut ValueIssues, value: &str, priority: Option<u16>) -> bool {
    let text = value.trim();
    if priority == Some(0) && !text.is_empty() {
        // RFC 9460 §2.4.2: AliasMode records SHOULD NOT have SvcParams and recipients MUST
        // ignore them, so the alias still works; an RFC rule rather than a certain failure.
        v.rfc("value.alias-mode", || format!("an AliasMode record (priority 0) has no SvcParams; clients ignore {:?} (RFC 9460 §2.4.2)", shorten(text)));
    }
    let params = match parse_params(text) {
        Ok(p) => p,
        Err(e) => return v.error("value.syntax", || format!("`value` is not valid SvcParams: {e}")),
    };
    let mut ok = true;
    let mut present = NumberSet::default();
    let mut checked: Vec<(Key, &Param)> = Vec::new();
    for p in &params {
        let key = match resolve(p.key) {
            Ok(k) => k,
            Err(KeyError::Unknown) => {
                ok = v.error("value.unknown-key", || unknown_key_message(p.key, false));
                continue;
            }
            Err(KeyError::Invalid(msg)) => {
                ok = v.error("value.invalid-key", || msg.clone());
                continue;
            }
        };
        if key.leading_zero {
            v.rfc("value.key-format", || format!("`{}`: generic keys are written without leading zeros (RFC 9460 §2.1)", p.key));
        }
        // The same key in two spellings (`alpn` and `key1`) is the same key twice (RFC 9460 §2.2).
        if !present.insert(key.number) {
            ok = v.error("value.duplicate-key", || {
                let first = checked.iter().find(|(k, _)| k.number == key.number).map_or(p.key, |(_, q)| q.key);
                let also = if first == p.key { String::new() } else { format!(" (as `{first}` and `{}`)", p.key) };
                format!("the key `{}` appears more than once{also}; each key may appear once", p.key)
            });
            continue;
        }
        checked.push((key, p));
    }
    let has = |n: u16| present.contains(n);
    // Each key's own rules run once every key is known: `mandatory` (in either spelling) asks
    // which keys are present.
    for (key, p) in &checked {
        ok &= if key.generic { check_wire(v, key.number, p, &has) } else { check_param(v, key.number, p, &has) };
    }
    if has(NO_DEFAULT_ALPN) && !has(ALPN) {
        // RFC 9460 §7.1.1 and §2.4.3: such a record is not self-consistent, and clients MUST
        // reject it.
        ok = v.error("value.no-default-alpn-alone", || {
            "`no-default-alpn` needs `alpn` too (RFC 9460 §7.1.1); clients reject the record without it".into()
        });
    }
    ok
}

fn utf8(value: &[u8]) -> Cow<'_, str> {
    String::from_utf8_lossy(value)
}

/// The rules of one known key written by name.
fn check_param(v: &mut ValueIssues, number: u16, p: &Param, has: &dyn Fn(u16) -> bool) -> bool {
    let value = p.value.as_deref();
    let nonempty = value.filter(|v| !v.is_empty());
    match number {
        MANDATORY => {
            let Some(list) = nonempty else {
                return v.error("value.mandatory-empty", || "`mandatory` needs at least one key, e.g. mandatory=alpn".into());
            };
            let Ok(entries) = split_list(list) else {
                return v.error("value.syntax", || "the `mandatory` list ends with a lone `\\`".into());
            };
            let mut ok = true;
            let mut listed = Vec::with_capacity(entries.len());
            for entry in &entries {
                let name = utf8(entry);
                if name.is_empty() {
                    ok = v.error("value.mandatory-empty", || "`mandatory` has an empty entry (two commas in a row, or a comma at an end)".into());
                    continue;
                }
                match resolve(&name) {
                    Ok(k) => listed.push(k.number),
                    Err(KeyError::Unknown) => ok = v.error("value.unknown-key", || unknown_key_message(&name, true)),
                    Err(KeyError::Invalid(msg)) => ok = v.error("value.invalid-key", || format!("`mandatory` lists {msg}")),
                }
            }
            check_mandatory(v, &listed, has) && ok
        }
        ALPN => {
            let Some(list) = nonempty else {
                return v.error("value.alpn-empty", || "`alpn` needs at least one protocol id, e.g. alpn=\"h3,h2\"".into());
            };
            let Ok(ids) = split_list(list) else {
                return v.error("value.syntax", || "the `alpn` list ends with a lone `\\`".into());
            };
            check_alpn_ids(v, &ids, || format!("`alpn={}` has an empty protocol id (two commas in a row, or a comma at an end)", shorten(&utf8(list))))
        }
        NO_DEFAULT_ALPN => match nonempty {
            Some(value) => v.error("value.no-default-alpn-value", || format!("`no-default-alpn` takes no value, got {:?}", shorten(&utf8(value)))),
            None => true,
        },
        PORT => {
            let text = value.map(utf8).unwrap_or_default();
            let port = if text.is_empty() || text.len() > 5 || !text.bytes().all(|b| b.is_ascii_digit()) { None } else { text.parse::<u16>().ok() };
            port.is_some() || v.error("value.port", || format!("`port` must be a number 0–65535, got {:?}", shorten(&text)))
        }
        IPV4HINT | IPV6HINT => {
            let (rule, name, family) = if number == IPV4HINT { ("value.ipv4hint", "ipv4hint", "IPv4") } else { ("value.ipv6hint", "ipv6hint", "IPv6") };
            let Some(list) = nonempty else {
                return v.error(rule, || format!("`{name}` needs at least one {family} address"));
            };
            let mut ok = true;
            for item in split_list(list).unwrap_or_default() {
                let text = utf8(&item);
                let parsed = if number == IPV4HINT { text.parse::<Ipv4Addr>().is_ok() } else { text.parse::<Ipv6Addr>().is_ok() };
                if !parsed {
                    ok = v.error(rule, || format!("`{name}`: {:?} is not an {family} address", shorten(&text)));
                }
            }
            ok
        }
        ECH => match nonempty {
            None => {
                v.warn("value.ech-empty", || "`ech` has no ECHConfigList; clients cannot use Encrypted ClientHello with it".into());
                true
            }
            Some(config) => {
                decode_base64(config).is_ok_and(|b| b.canonical())
                    || v.error("value.ech", || format!("`ech` must be base64 (an ECHConfigList), got {:?}", shorten(&utf8(config))))
            }
        },
        DOHPATH => check_dohpath(v, "dohpath", nonempty),
        OHTTP => match nonempty {
            Some(value) => v.error("value.ohttp-value", || format!("`ohttp` takes no value (RFC 9540 §4), got {:?}", shorten(&utf8(value)))),
            None => true,
        },
        TLS_SUPPORTED_GROUPS => {
            let Some(list) = nonempty else {
                return v.error("value.tls-supported-groups", || "`tls-supported-groups` needs at least one group number".into());
            };
            let mut groups = Vec::new();
            let mut ok = true;
            for item in split_list(list).unwrap_or_default() {
                let text = utf8(&item);
                let group = if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) { None } else { text.parse::<u16>().ok() };
                match group {
                    Some(g) => groups.push(g),
                    None => {
                        ok = v.error("value.tls-supported-groups", || {
                            format!("`tls-supported-groups`: {:?} is not a group number 0–65535", shorten(&text))
                        })
                    }
                }
            }
            check_groups(v, &groups);
            ok
        }
        _ => true,
    }
}

/// The rules of one known key written in its generic form `keyNNNNN`, whose value is the key's
/// wire-format octets (RFC 9460 §2.1: "the decoded value SHALL be used as its wire-format
/// encoding"). So `key3=443` is the three octets `4`, `4`, `3`, not port 443 (which is
/// `key3=\001\187`), and `key4=1.2.3.4` is seven octets, not an address. Each known key is held
/// to the same rules as its named form, read from the octets its wire format defines (§7, §8).
/// Keys without a registered name are opaque.
fn check_wire(v: &mut ValueIssues, number: u16, p: &Param, has: &dyn Fn(u16) -> bool) -> bool {
    let octets = p.value.as_deref().unwrap_or_default();
    let generic = p.key;
    let Some(name) = KEYS.iter().find(|(_, n)| *n == number).map(|(name, _)| *name) else { return true };
    let malformed = |v: &mut ValueIssues, rule: &str, what: &str| {
        v.error(rule, || {
            format!(
                "`{generic}` is `{name}` in wire form, whose value is {what}; got {} octets (write `{name}=` in its usual form instead)",
                octets.len()
            )
        })
    };
    match number {
        MANDATORY => {
            if octets.is_empty() {
                return v.error("value.mandatory-empty", || format!("`{generic}` (`mandatory`) needs at least one key"));
            }
            if octets.len() % 2 != 0 {
                return malformed(v, "value.wire-format", "a list of 2-octet key numbers");
            }
            let listed = numbers(octets);
            // RFC 9460 §8: in wire format the keys are in strictly increasing order.
            let ordered = listed.windows(2).all(|w| w[0] < w[1]);
            let mut ok = check_mandatory(v, &listed, has);
            if !ordered && !listed.windows(2).any(|w| w[0] == w[1]) {
                ok = v.error("value.wire-format", || {
                    format!("`{generic}` (`mandatory` in wire form) must list its key numbers in increasing order (RFC 9460 §8)")
                });
            }
            ok
        }
        ALPN => {
            if octets.is_empty() {
                return v.error("value.alpn-empty", || format!("`{generic}` (`alpn`) needs at least one protocol id"));
            }
            // Each id is a length octet and that many octets (RFC 9460 §7.1.1).
            let mut ids = Vec::new();
            let mut rest = octets;
            while let Some((&len, tail)) = rest.split_first() {
                let Some(id) = tail.get(..usize::from(len)) else {
                    return malformed(v, "value.wire-format", "a list of protocol ids, each a length octet and that many octets");
                };
                ids.push(id.to_vec());
                rest = tail.get(usize::from(len)..).unwrap_or_default();
            }
            check_alpn_ids(v, &ids, || format!("`{generic}` (`alpn` in wire form) has an empty protocol id (a length octet of 0)"))
        }
        NO_DEFAULT_ALPN | OHTTP => {
            let rule = if number == OHTTP { "value.ohttp-value" } else { "value.no-default-alpn-value" };
            octets.is_empty() || malformed(v, rule, "empty")
        }
        PORT => octets.len() == 2 || malformed(v, "value.port", "the port as 2 octets in network order (443 is `\\001\\187`)"),
        IPV4HINT => (!octets.is_empty() && octets.len() % 4 == 0) || malformed(v, "value.ipv4hint", "one or more IPv4 addresses of 4 octets each"),
        IPV6HINT => {
            (!octets.is_empty() && octets.len() % 16 == 0) || malformed(v, "value.ipv6hint", "one or more IPv6 addresses of 16 octets each")
        }
        ECH => {
            // The wire form is the ECHConfigList itself: any octets, as for `ech=` (whose base64
            // is all that is checked).
            if octets.is_empty() {
                v.warn("value.ech-empty", || format!("`{generic}` (`ech`) has no ECHConfigList; clients cannot use Encrypted ClientHello with it"));
            }
            true
        }
        // The wire form of `dohpath` is its UTF-8 text, the same as its value when named.
        DOHPATH => check_dohpath(v, generic, Some(octets).filter(|o| !o.is_empty())),
        TLS_SUPPORTED_GROUPS => {
            if octets.is_empty() || octets.len() % 2 != 0 {
                return malformed(v, "value.tls-supported-groups", "one or more group numbers of 2 octets each");
            }
            let groups = numbers(octets);
            check_groups(v, &groups);
            true
        }
        _ => true,
    }
}

/// 2-octet numbers in network order (an odd last octet is left out; callers check the length).
fn numbers(octets: &[u8]) -> Vec<u16> {
    octets.chunks_exact(2).filter_map(|pair| pair.try_into().ok()).map(u16::from_be_bytes).collect()
}

/// `alpn` ids, however written: none empty, each at most 255 octets.
fn check_alpn_ids(v: &mut ValueIssues, ids: &[Vec<u8>], empty_id: impl Fn() -> String) -> bool {
    let mut ok = true;
    for id in ids {
        if id.is_empty() {
            ok = v.error("value.alpn-empty", &empty_id);
        } else if id.len() > 255 {
            ok = v.error("value.alpn-length", || format!("the `alpn` id {:?} is {} bytes; an id has at most 255", shorten(&utf8(id)), id.len()));
        }
    }
    ok
}

/// `dohpath` (RFC 9461 §5), written `dohpath=` or `key7=`.
fn check_dohpath(v: &mut ValueIssues, key: &str, value: Option<&[u8]>) -> bool {
    let Some(value) = value else {
        return v.error("value.dohpath-empty", || format!("`{key}` needs a URI template such as \"/dns-query{{?dns}}\""));
    };
    let Ok(template) = std::str::from_utf8(value) else {
        return v.error("value.dohpath-empty", || format!("`{key}` must be UTF-8 text"));
    };
    if !has_dns_variable(template) {
        v.rfc("value.dohpath-dns", || {
            format!("`{key}` {:?} has no `dns` variable (e.g. \"/dns-query{{?dns}}\", RFC 9461 §5)", shorten(template))
        });
    }
    if !template.starts_with('/') {
        v.rfc("value.dohpath-path", || format!("`{key}` {:?} should be a path starting with `/` (RFC 9461 §5)", shorten(template)));
    }
    true
}

/// `tls-supported-groups`: a group listed twice is advice (the list is a preference order).
fn check_groups(v: &mut ValueIssues, groups: &[u16]) {
    let mut seen = NumberSet::default();
    for g in groups {
        if !seen.insert(*g) {
            v.rfc("value.tls-supported-groups-duplicate", || format!("`tls-supported-groups` lists {g} twice"));
        }
    }
}

/// RFC 9460 §8: `mandatory` lists one or more keys, each once, never itself, each present (in
/// either spelling). `listed` are the key numbers, however the list was written.
fn check_mandatory(v: &mut ValueIssues, listed: &[u16], has: &dyn Fn(u16) -> bool) -> bool {
    let mut ok = true;
    let mut seen = NumberSet::default();
    let kind = v.kind;
    for &number in listed {
        let name = key_name(number);
        if number == MANDATORY {
            ok = v.error("value.mandatory-self", || "`mandatory` must not list itself (RFC 9460 §8)".into());
        } else if !seen.insert(number) {
            ok = v.error("value.mandatory-duplicate", || format!("`mandatory` lists `{name}` more than once"));
        } else if !has(number) {
            ok = v.error("value.mandatory-missing", || {
                format!("`mandatory` lists `{name}`, but the record has no `{name}` (every listed key must be present)")
            });
        } else if kind == RecordType::HTTPS && (number == PORT || number == NO_DEFAULT_ALPN) {
            v.rfc("value.mandatory-automatic", || {
                format!("`{name}` is automatically mandatory in HTTPS records and should not be listed in `mandatory` (RFC 9460 §8, §9)")
            });
        }
    }
    ok
}

/// A set of 16-bit numbers (keys, groups). A value may hold up to 65,535 distinct ones and each
/// is looked up, so past a few the set turns from a list into one bit per number (8 KiB).
/// Hand-written: `BTreeSet` did the job but added kilobytes of code to the .wasm.
#[derive(Default)]
struct NumberSet {
    few: Vec<u16>,
    bits: Vec<u64>,
}

impl NumberSet {
    const FEW: usize = 16;

    fn contains(&self, n: u16) -> bool {
        if self.bits.is_empty() {
            self.few.contains(&n)
        } else {
            self.bits.get(usize::from(n / 64)).is_some_and(|word| word & (1 << (n % 64)) != 0)
        }
    }

    /// Adds `n`; `false` when it was there already.
    fn insert(&mut self, n: u16) -> bool {
        if self.contains(n) {
            return false;
        }
        if self.bits.is_empty() {
            if self.few.len() < Self::FEW {
                self.few.push(n);
                return true;
            }
            self.bits = vec![0; 1 << 10];
            for m in std::mem::take(&mut self.few) {
                self.set(m);
            }
        }
        self.set(n);
        true
    }

    fn set(&mut self, n: u16) {
        if let Some(word) = self.bits.get_mut(usize::from(n / 64)) {
            *word |= 1 << (n % 64);
        }
    }
}

/// A key's registered name, or its generic form.
fn key_name(number: u16) -> Cow<'static, str> {
    match KEYS.iter().find(|(_, n)| *n == number) {
        Some((name, _)) => Cow::Borrowed(name),
        None => Cow::Owned(format!("key{number}")),
    }
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
    let priority = number::<u16>("priority", &priority)?;
    Ok(SvcbData { priority, target: target.into(), value: value.into() })
}

/// The typed value of checked SVCB or HTTPS `data` (see [`super::typed`]): `value` left out is
/// empty, and its surrounding blanks are dropped.
pub(crate) fn typed(d: &Fields) -> Option<SvcbData> {
    Some(SvcbData {
        priority: integer(d, "priority")?,
        target: string(d, "target")?.into(),
        value: text_or_empty(d, "value")?.trim().into(),
    })
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
    fn number_sets_hold_few_and_many() {
        let mut set = NumberSet::default();
        for n in (0..=u16::MAX).step_by(7) {
            assert!(set.insert(n), "{n}");
        }
        for n in 0..=u16::MAX {
            assert_eq!(set.contains(n), n % 7 == 0, "{n}");
        }
        assert!(!set.insert(14));
        let mut few = NumberSet::default();
        assert!(few.insert(3) && !few.insert(3) && few.contains(3) && !few.contains(4));
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
