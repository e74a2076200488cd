//! The canonical form of a record: what two spellings of the same record have in common. Every
//! comparison the plan makes is of forms [`Canonical::of`] works out, and nothing compares record
//! text. (A desired record whose typed value equals a listed record's, in the same group, shares
//! that record's form: the value is worked out from the typed value alone.)
//!
//! Per kind, the value is reduced to what DNS sees: an address as its bits, a host name folded
//! (case, trailing dot, IDN), TXT as the bytes of its character-strings, base64 as the bytes it
//! decodes to, hex as lower-case digits, SVCB parameters by key number, LOC in wire units.

use crate::name;
use crate::record::{Record, RecordData, RecordType};
use compact_str::CompactString;
use std::net::{Ipv4Addr, Ipv6Addr};

/// A record's identity in the plan: its owner name (fully qualified, folded), its kind, its value.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Canonical {
    /// Inline up to 24 bytes (most names): a plan makes one for every record of both sides.
    pub owner: CompactString,
    pub kind: RecordType,
    pub value: Value,
}

/// The canonical value of one kind. Two records are the same record exactly when their values are
/// equal; the variants keep every field DNS distinguishes and nothing of how it was written.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Value {
    Ipv4([u8; 4]),
    Ipv6([u8; 16]),
    /// CNAME, NS, PTR: the target, folded.
    Host(String),
    Mx { priority: u16, host: String },
    /// TXT: the bytes of its character-strings, joined (how the text is quoted and split into
    /// strings of at most 255 bytes does not change what a resolver's user reads).
    Text(Vec<u8>),
    /// OPENPGPKEY: the key's bytes.
    Bytes(Vec<u8>),
    Caa { flags: u8, tag: String, value: String },
    Cert { cert_type: u16, key_tag: u16, algorithm: u8, certificate: Vec<u8> },
    Dnskey { flags: u16, protocol: u8, algorithm: u8, public_key: Vec<u8> },
    Ds { key_tag: u16, algorithm: u8, digest_type: u8, digest: String },
    /// TLSA and SMIMEA.
    Dane { usage: u8, selector: u8, matching_type: u8, certificate: String },
    Sshfp { algorithm: u8, fingerprint_type: u8, fingerprint: String },
    /// SVCB and HTTPS: parameters sorted by key number, each with its value in a canonical form.
    Svcb { priority: u16, target: String, params: Vec<(u16, Vec<u8>)> },
    /// LOC in the units of its wire form: thousandths of an arc second, centimetres.
    Loc { lat_ms: i64, long_ms: i64, altitude_cm: i64, size_cm: i64, horz_cm: i64, vert_cm: i64 },
    Naptr { order: u16, preference: u16, flags: String, service: String, regex: String, replacement: String },
    Srv { priority: u16, weight: u16, port: u16, target: String },
    Uri { priority: u16, weight: u16, target: String },
    /// A record read from the zone that the validator could not type: compared by its text, so it
    /// never equals a desired record by accident and is only touched where the plan manages it.
    Opaque(String),
}

impl Canonical {
    /// The one conversion from a typed record to its canonical form. `zone` resolves `@` and
    /// relative owner names.
    pub fn of(record: &Record, zone: &str) -> Canonical {
        Canonical::named(owner_name(record.common.name.as_deref().unwrap_or("@"), zone), record)
    }

    /// [`Canonical::of`] with the owner name worked out already (by [`owner_name`]).
    pub(crate) fn named(owner: CompactString, record: &Record) -> Canonical {
        Canonical { owner, kind: record.record_type(), value: value_of(&record.data) }
    }

    /// The order of records in a plan: by owner name, then type name, then value.
    pub fn sort_key(&self) -> (&str, &'static str, &Value) {
        (&self.owner, self.kind.as_str(), &self.value)
    }
}

/// An owner name, fully qualified against `zone`, folded (ASCII, lower case, no trailing dot):
/// [`name::qualify`]. Every record of both sides comes through here, so an ASCII name against a
/// zone already folded (what `plan` nearly always gets) is qualified in one allocation; the result
/// is the same (`name::qualify` keeps ASCII names as written before folding them), which the
/// test below checks.
pub fn owner_name(name: &str, zone: &str) -> CompactString {
    let trimmed = name.trim_end_matches('.');
    let zone_folded = !zone.ends_with('.') && !zone.bytes().any(|b| b.is_ascii_uppercase());
    if !trimmed.is_ascii() || !zone.is_ascii() || !zone_folded {
        return name::qualify(name, zone).into();
    }
    if trimmed == "@" || trimmed.is_empty() {
        return zone.into();
    }
    let mut owner = CompactString::from(trimmed);
    owner.make_ascii_lowercase();
    let within = |owner: &str| owner == zone || owner.strip_suffix(zone).is_some_and(|head| head.ends_with('.'));
    if !zone.is_empty() && !within(&owner) {
        owner.push('.');
        owner.push_str(zone);
    }
    owner
}

/// Whether [`owner_name`] gives `name` back as it is: an ASCII name in lower case, without a
/// trailing dot, within a zone that is ASCII and folded (the names `listRecords` gives). Its
/// tests are those of `owner_name`'s own path for such names, so the plan can look a desired
/// record's group up by the name as written, without making its owner name.
pub(crate) fn is_owner_name(name: &str, zone: &str) -> bool {
    let folded = |text: &str| text.is_ascii() && !text.bytes().any(|b| b.is_ascii_uppercase()) && !text.ends_with('.');
    folded(name)
        && folded(zone)
        && !name.is_empty()
        && name != "@"
        && (zone.is_empty() || name == zone || name.strip_suffix(zone).is_some_and(|head| head.ends_with('.')))
}

/// A target host name, folded: ASCII (Punycode), lower case, without the trailing dot. It is not
/// qualified against the zone, and that is the API's own reading rather than a guess: Cloudflare
/// stores a target as a fully qualified name, and takes a `content` without a trailing dot
/// (`www` in a CNAME) as fully qualified already, not as relative to the zone. Qualifying it here
/// would make `www` equal `www.<zone>`, a different target, and a plan would keep a record that
/// points elsewhere; compared as written, the plan writes what the user wrote and never merges two
/// targets that might differ.
pub fn target_name(host: &str) -> String {
    if host == "." {
        return ".".into();
    }
    let host = host.trim_end_matches('.');
    name::to_ascii(host).map_or_else(|| host.to_lowercase(), |a| a.to_ascii_lowercase())
}

fn value_of(data: &RecordData) -> Value {
    match data {
        RecordData::A { content } => content.trim().parse::<Ipv4Addr>().map_or_else(|_| Value::Opaque(String::from(content.as_str())), |ip| Value::Ipv4(ip.octets())),
        RecordData::AAAA { content } => content.trim().parse::<Ipv6Addr>().map_or_else(|_| Value::Opaque(String::from(content.as_str())), |ip| Value::Ipv6(ip.octets())),
        RecordData::CNAME { content } | RecordData::NS { content } | RecordData::PTR { content } => Value::Host(target_name(content)),
        RecordData::MX { content, priority } => Value::Mx { priority: *priority, host: target_name(content) },
        RecordData::TXT { content } => match crate::record::txt::joined_text(content) {
            Ok(text) => Value::Text(text),
            Err(_) => Value::Opaque(String::from(content.as_str())),
        },
        RecordData::OPENPGPKEY { content } => Value::Bytes(base64_bytes(content)),
        RecordData::CAA { data } => Value::Caa {
            flags: data.flags,
            // Tags are case-insensitive (RFC 8659 §4.1); the value is compared exactly.
            tag: data.tag.as_str().to_ascii_lowercase(),
            value: String::from(data.value.as_str()),
        },
        RecordData::CERT { data } => Value::Cert {
            cert_type: data.cert_type,
            key_tag: data.key_tag,
            algorithm: data.algorithm,
            certificate: base64_bytes(&data.certificate),
        },
        RecordData::DNSKEY { data } => Value::Dnskey {
            flags: data.flags,
            protocol: data.protocol,
            algorithm: data.algorithm,
            public_key: base64_bytes(&data.public_key),
        },
        RecordData::DS { data } => Value::Ds { key_tag: data.key_tag, algorithm: data.algorithm, digest_type: data.digest_type, digest: hex_digits(&data.digest) },
        RecordData::SMIMEA { data } | RecordData::TLSA { data } => Value::Dane {
            usage: data.usage,
            selector: data.selector,
            matching_type: data.matching_type,
            certificate: hex_digits(&data.certificate),
        },
        RecordData::SSHFP { data } => Value::Sshfp {
            algorithm: data.algorithm,
            fingerprint_type: data.fingerprint_type,
            fingerprint: hex_digits(&data.fingerprint),
        },
        RecordData::HTTPS { data } | RecordData::SVCB { data } => match svc_params(&data.value) {
            Some(params) => Value::Svcb { priority: data.priority, target: target_name(&data.target), params },
            None => Value::Opaque(crate::record::svcb::to_content(data)),
        },
        RecordData::LOC { data } => {
            let angle = |deg: u8, min: u8, sec: f64, negative: bool| {
                let ms = (f64::from(deg) * 3600.0 + f64::from(min) * 60.0 + sec) * 1000.0;
                let ms = ms.round() as i64;
                if negative {
                    -ms
                } else {
                    ms
                }
            };
            let cm = |metres: f64| (metres * 100.0).round() as i64;
            Value::Loc {
                lat_ms: angle(data.lat_degrees, data.lat_minutes, data.lat_seconds, data.lat_direction.eq_ignore_ascii_case("S")),
                long_ms: angle(data.long_degrees, data.long_minutes, data.long_seconds, data.long_direction.eq_ignore_ascii_case("W")),
                altitude_cm: cm(data.altitude),
                size_cm: cm(data.size),
                horz_cm: cm(data.precision_horz),
                vert_cm: cm(data.precision_vert),
            }
        }
        RecordData::NAPTR { data } => Value::Naptr {
            order: data.order,
            preference: data.preference,
            // Flags are single characters compared case-insensitively (RFC 3403 §4.1).
            flags: data.flags.as_str().to_ascii_lowercase(),
            service: String::from(data.service.as_str()),
            regex: String::from(data.regex.as_str()),
            replacement: target_name(&data.replacement),
        },
        RecordData::SRV { data } => Value::Srv { priority: data.priority, weight: data.weight, port: data.port, target: target_name(&data.target) },
        RecordData::URI { priority, data } => Value::Uri { priority: *priority, weight: data.weight, target: String::from(data.target.as_str()) },
    }
}

/// The bytes base64 text stands for, white space ignored (zone files split keys over lines), read
/// under the validator's one base64 policy (`record::presentation::decode_base64`). Text that does
/// not decode is compared by its characters without white space.
fn base64_bytes(text: &str) -> Vec<u8> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    crate::record::presentation::decode_base64(compact.as_bytes()).map_or_else(|_| compact.into_bytes(), |b| b.bytes)
}

/// Hex digits in lower case, white space removed: the same bytes however they are written.
fn hex_digits(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).map(|c| c.to_ascii_lowercase()).collect()
}

/// SvcParams by key number, in key order, each value canonical: lists of addresses by their bits
/// (any IPv6 spelling), `port` as a number, `mandatory` as sorted key numbers, anything else as
/// its decoded bytes. `None` when the text cannot be read (the validator reports it).
///
/// The validator's SvcParam reader checks as it goes and keeps nothing, so the values are read
/// here; escapes are decoded by `presentation::unescape_at` and keys resolved by `svcb::key_number`, the
/// validator's own.
fn svc_params(text: &str) -> Option<Vec<(u16, Vec<u8>)>> {
    let mut params = Vec::new();
    for token in split_params(text)? {
        let (key, value) = match token.split_once('=') {
            Some((k, v)) => (k, Some(v)),
            None => (token.as_str(), None),
        };
        let number = crate::record::svcb::key_number(key)?;
        let raw = match value {
            Some(v) => decode_value(v)?,
            None => Vec::new(),
        };
        params.push((number, canonical_param(number, raw)));
    }
    let order = super::sorted_positions(params.len(), &|a, b| params.get(a).cmp(&params.get(b)));
    Some(super::reordered(params, &order))
}

/// Splits SvcParams at white space outside quotes.
fn split_params(text: &str) -> Option<Vec<String>> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                current.push(c);
                current.push(chars.next()?);
            }
            '"' => {
                quoted = !quoted;
                current.push(c);
            }
            c if c.is_whitespace() && !quoted => {
                if !current.is_empty() {
                    out.push(std::mem::take(&mut current));
                }
            }
            c => current.push(c),
        }
    }
    if quoted {
        return None;
    }
    if !current.is_empty() {
        out.push(current);
    }
    Some(out)
}

/// A value with its quotes removed and RFC 1035 escapes decoded.
fn decode_value(value: &str) -> Option<Vec<u8>> {
    let inner = value.strip_prefix('"').and_then(|v| v.strip_suffix('"')).unwrap_or(value);
    let bytes = inner.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'\\' {
            let (byte, used) = crate::record::presentation::unescape_at(bytes, i).ok()?;
            out.push(byte);
            i += used;
        } else {
            out.push(b);
            i += 1;
        }
    }
    Some(out)
}

fn canonical_param(number: u16, raw: Vec<u8>) -> Vec<u8> {
    let text = String::from_utf8_lossy(&raw);
    let items = || text.split(',').map(str::trim);
    match number {
        0 => {
            let keys: Vec<u16> = items().filter_map(crate::record::svcb::key_number).collect();
            let order = super::sorted_positions(keys.len(), &|a, b| keys.get(a).cmp(&keys.get(b)));
            order.iter().filter_map(|&i| keys.get(i)).flat_map(|k| k.to_be_bytes()).collect()
        }
        3 => text.trim().parse::<u16>().map_or(raw.clone(), |p| p.to_be_bytes().to_vec()),
        4 => items().map(|a| a.parse::<Ipv4Addr>().map(|ip| ip.octets().to_vec()).ok()).collect::<Option<Vec<_>>>().map_or(raw.clone(), |v| v.concat()),
        6 => items().map(|a| a.parse::<Ipv6Addr>().map(|ip| ip.octets().to_vec()).ok()).collect::<Option<Vec<_>>>().map_or(raw.clone(), |v| v.concat()),
        5 => base64_bytes(&text),
        _ => raw,
    }
}

#[cfg(test)]
mod tests {
    use super::owner_name;
    use crate::name;

    #[test]
    fn a_name_that_is_its_owner_name_is_given_back() {
        let names = ["@", "", ".", "www", "www.example.com", "www.example.com.", "WWW.example.com", "example.com", "a.notexample.com", "notexample.com", "*.example.com", "_dmarc.example.com", "xn--bcher-kva.example.com", "bücher.example.com", "a..example.com"];
        let zones = ["example.com", "Example.COM", "example.com.", "", "com", "bücher.example"];
        let mut given_back = 0;
        for zone in zones {
            for name in names {
                if super::is_owner_name(name, zone) {
                    assert_eq!(owner_name(name, zone), name, "{name:?} in {zone:?}");
                    given_back += 1;
                }
            }
        }
        assert!(given_back > 10);
        assert!(super::is_owner_name("www.example.com", "example.com") && !super::is_owner_name("www", "example.com"));
    }

    #[test]
    fn owner_name_is_name_qualify() {
        let names = ["@", "", ".", "www", "WWW.", "www.example.com", "www.Example.COM.", "example.com", "EXAMPLE.COM.", "notexample.com", "a.notexample.com", "*.www", "_dmarc", "bücher", "BÜCHER.example.com", "xn--bcher-kva", "a..b", "www.example.com.example.com"];
        let zones = ["example.com", "Example.COM", "example.com.", "", "com", "bücher.example", "xn--bcher-kva.example"];
        for zone in zones {
            for name_text in names {
                assert_eq!(owner_name(name_text, zone), name::qualify(name_text, zone), "{name_text:?} in {zone:?}");
            }
        }
    }
}
