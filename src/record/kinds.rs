//! The registry of record kinds: one entry per kind holds every fact about it that is not code
//! (name, DNS type code, issue-code prefix, the shape of its value and the fields of its `data`,
//! whether it can be proxied, whether it takes a top-level `priority`, one valid value in
//! presentation form). `RecordType`, its lookups, the field slots of `fields.rs` and the facts the
//! emulator needs (`facts_json`) all come from here; CONTRIBUTING.md lists what else a new kind
//! needs, and tests/kinds_registry.rs fails when one of those is missed.

use super::fields::Fields;
#[cfg(not(target_arch = "wasm32"))]
use super::{address, caa, cert, dane, dnssec, hostname, loc, naptr, openpgpkey, srv, sshfp, svcb, txt, uri};
use super::RecordData;
use crate::issue::Report;
use serde::{Deserialize, Serialize};
use std::fmt;

/// What a kind's value is, as the request carries it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// `content`: an IP address.
    Address,
    /// `content`: a host name (compared without regard to case or a trailing dot).
    HostName,
    /// `content`: character-strings.
    Text,
    /// `content`: base64.
    Base64,
    /// `data`: an object with the kind's `data_fields`.
    Data,
}

impl Shape {
    pub const fn as_str(self) -> &'static str {
        match self {
            Shape::Address => "address",
            Shape::HostName => "hostname",
            Shape::Text => "text",
            Shape::Base64 => "base64",
            Shape::Data => "data",
        }
    }
}

/// One entry of the registry.
#[derive(Debug)]
pub struct Kind {
    pub kind: RecordType,
    /// The name as the API writes it: `SRV`.
    pub name: &'static str,
    /// The DNS type code (IANA "Resource Record (RR) TYPEs").
    pub type_code: u16,
    /// The prefix of the kind's issue codes: `srv`.
    pub code: &'static str,
    /// The prefix of the codes of its `data` fields: `srv.data` (`record.data` for content kinds).
    pub data_code: &'static str,
    pub shape: Shape,
    /// The fields of `data`, in the order of the presentation form (empty for content kinds).
    pub data_fields: &'static [&'static str],
    /// Only A, AAAA and CNAME can be proxied (Cloudflare error 9004 otherwise).
    pub proxiable: bool,
    /// Whether the record has a top-level `priority` (required there).
    pub priority: bool,
}

/// A kind's reader: kind, the record's fields, the report, the record's own name.
pub type Reader = fn(RecordType, &Fields, &mut Report, Option<&str>);

/// A kind's presentation reader: the reason when the text is not a value of the kind.
pub type Parser = fn(&str) -> Result<RecordData, String>;

macro_rules! data_code {
    (Data, $prefix:literal) => {
        concat!($prefix, ".data")
    };
    ($shape:ident, $prefix:literal) => {
        "record.data"
    };
}

macro_rules! kinds {
    ($(
        $(#[$doc:meta])*
        $kind:ident = $type_code:literal, $prefix:literal, $shape:ident [$($field:literal),*],
            proxiable: $proxiable:literal, priority: $priority:literal, example: $example:literal,
            read: $read:expr, parse: $parse:expr;
    )*) => {
        /// The 21 record kinds the batch endpoint accepts.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "ts", derive(tsify::Tsify))]
        #[allow(clippy::upper_case_acronyms)]
        pub enum RecordType {
            $($(#[$doc])* $kind,)*
        }

        /// The registry as a constant, for what is worked out when compiling (field slots).
        pub(crate) const KIND_TABLE: [Kind; KIND_COUNT] = [$(
            Kind {
                kind: RecordType::$kind,
                name: stringify!($kind),
                type_code: $type_code,
                code: $prefix,
                data_code: data_code!($shape, $prefix),
                shape: Shape::$shape,
                data_fields: &[$($field),*],
                proxiable: $proxiable,
                priority: $priority,
            },
        )*];

        /// Each kind's reader and presentation reader, in the order of `KINDS`. Not in the .wasm:
        /// there, taking the readers' addresses kept every reader out of line beside the copy
        /// `check_value` inlines (+1.8 KB gzip); the .wasm dispatches through `check_value` and
        /// `RecordData::read_content`, which the test below holds to this table.
        #[cfg(not(target_arch = "wasm32"))]
        static FUNCTIONS: [(Reader, Parser); KIND_COUNT] = [$(($read, $parse)),*];

        /// One valid value of each kind in presentation form, in the order of `KINDS` (a table of its
        /// own, so that builds which never ask for an example do not carry the text).
        static EXAMPLES: [&str; KIND_COUNT] = [$($example),*];

        /// The registry, in the order of `RecordType` (so `KINDS[kind as usize]` is `kind`'s entry).
        pub static KINDS: [Kind; KIND_COUNT] = KIND_TABLE;

        const NAMES: [&str; KIND_COUNT] = [$(stringify!($kind)),*];

        impl RecordType {
            pub const ALL: [RecordType; KIND_COUNT] = [$(RecordType::$kind),*];
        }
    };
}

/// How many kinds there are.
pub const KIND_COUNT: usize = 21;

kinds! {
    /// IPv4 address in dotted-quad form.
    A = 1, "a", Address [], proxiable: true, priority: false, example: "192.0.2.1",
        read: |k, rec, r, _| address::check(k, rec, r),
        parse: |t| Ok(RecordData::A { content: t.into() });
    /// IPv6 address (any RFC 4291 text form; Cloudflare stores the RFC 5952 form).
    AAAA = 28, "aaaa", Address [], proxiable: true, priority: false, example: "2001:db8::1",
        read: |k, rec, r, _| address::check(k, rec, r),
        parse: |t| Ok(RecordData::AAAA { content: t.into() });
    CAA = 257, "caa", Data ["flags", "tag", "value"], proxiable: false, priority: false,
        example: "0 issue \"letsencrypt.org\"",
        read: |_, rec, r, _| caa::check(rec, r),
        parse: |t| Ok(RecordData::CAA { data: caa::from_content(t)? });
    CERT = 37, "cert", Data ["type", "key_tag", "algorithm", "certificate"], proxiable: false, priority: false,
        example: "1 0 0 aGVsbG8=",
        read: |_, rec, r, _| cert::check(rec, r),
        parse: |t| Ok(RecordData::CERT { data: cert::from_content(t)? });
    /// Canonical name (target host name). Must not equal the record's own name.
    CNAME = 5, "cname", HostName [], proxiable: true, priority: false, example: "www.example.net.",
        read: hostname::check,
        parse: |t| Ok(RecordData::CNAME { content: t.into() });
    DNSKEY = 48, "dnskey", Data ["flags", "protocol", "algorithm", "public_key"], proxiable: false, priority: false,
        example: "257 3 13 mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpVXckHAeF+KkxLbxILfDLUT0rAK9iUzy1L53eKGQ==",
        read: |k, rec, r, _| dnssec::check(k, rec, r),
        parse: |t| Ok(RecordData::DNSKEY { data: dnssec::dnskey_from_content(t)? });
    DS = 43, "ds", Data ["key_tag", "algorithm", "digest_type", "digest"], proxiable: false, priority: false,
        example: "2371 13 2 1f987ccc7efa7fb3d7d7f1e3d6e8a9cd4e3f0d6c9b6a1e0b2a3c4d5e6f708192",
        read: |k, rec, r, _| dnssec::check(k, rec, r),
        parse: |t| Ok(RecordData::DS { data: dnssec::ds_from_content(t)? });
    HTTPS = 65, "https", Data ["priority", "target", "value"], proxiable: false, priority: false,
        example: "1 . alpn=\"h3,h2\" port=443",
        read: |k, rec, r, _| svcb::check(k, rec, r),
        parse: |t| Ok(RecordData::HTTPS { data: svcb::from_content(t)? });
    LOC = 29, "loc", Data [
        "lat_degrees", "lat_minutes", "lat_seconds", "lat_direction", "long_degrees", "long_minutes", "long_seconds",
        "long_direction", "altitude", "size", "precision_horz", "precision_vert"
    ], proxiable: false, priority: false, example: "52 22 23.000 N 4 53 32.000 E -2.00m 0.00m 10000.00m 10.00m",
        read: |_, rec, r, _| loc::check(rec, r),
        parse: |t| Ok(RecordData::LOC { data: loc::from_content(t)? });
    /// Mail exchanger host name; `priority` 0–65535, lower is preferred.
    MX = 15, "mx", HostName [], proxiable: false, priority: true, example: "10 mx1.example.net",
        read: hostname::check,
        parse: |t| hostname::mx_from_content(t).map(|(priority, host)| RecordData::MX { content: host.into(), priority });
    NAPTR = 35, "naptr", Data ["order", "preference", "flags", "service", "regex", "replacement"], proxiable: false,
        priority: false, example: "100 10 \"S\" \"SIP+D2U\" \"\" _sip._udp.example.com.",
        read: |_, rec, r, _| naptr::check(rec, r),
        parse: |t| Ok(RecordData::NAPTR { data: naptr::from_content(t)? });
    /// Name server host name.
    NS = 2, "ns", HostName [], proxiable: false, priority: false, example: "ns1.example.net.",
        read: hostname::check,
        parse: |t| Ok(RecordData::NS { content: t.into() });
    /// Base64 OpenPGP transferable public key (RFC 7929).
    OPENPGPKEY = 61, "openpgpkey", Base64 [], proxiable: false, priority: false, example: "mQINBGV4dGVzdA==",
        read: |_, rec, r, _| openpgpkey::check(rec, r),
        parse: |t| Ok(RecordData::OPENPGPKEY { content: openpgpkey::from_content(t).into() });
    /// Domain name the address points to.
    PTR = 12, "ptr", HostName [], proxiable: false, priority: false, example: "host.example.com.",
        read: hostname::check,
        parse: |t| Ok(RecordData::PTR { content: t.into() });
    SMIMEA = 53, "smimea", Data ["usage", "selector", "matching_type", "certificate"], proxiable: false, priority: false,
        example: "3 0 0 308201a2",
        read: |k, rec, r, _| dane::check(k, rec, r),
        parse: |t| Ok(RecordData::SMIMEA { data: dane::from_content(t)? });
    SRV = 33, "srv", Data ["priority", "weight", "port", "target"], proxiable: false, priority: false,
        example: "10 5 5060 sip.example.com",
        read: |_, rec, r, _| srv::check(rec, r),
        parse: |t| Ok(RecordData::SRV { data: srv::from_content(t)? });
    SSHFP = 44, "sshfp", Data ["algorithm", "type", "fingerprint"], proxiable: false, priority: false,
        example: "4 2 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        read: |_, rec, r, _| sshfp::check(rec, r),
        parse: |t| Ok(RecordData::SSHFP { data: sshfp::from_content(t)? });
    SVCB = 64, "svcb", Data ["priority", "target", "value"], proxiable: false, priority: false,
        example: "1 svc.example.net alpn=h2",
        read: |k, rec, r, _| svcb::check(k, rec, r),
        parse: |t| Ok(RecordData::SVCB { data: svcb::from_content(t)? });
    TLSA = 52, "tlsa", Data ["usage", "selector", "matching_type", "certificate"], proxiable: false, priority: false,
        example: "3 1 1 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        read: |k, rec, r, _| dane::check(k, rec, r),
        parse: |t| Ok(RecordData::TLSA { data: dane::from_content(t)? });
    /// One or more quoted character-strings, e.g. `"v=spf1 -all"`.
    TXT = 16, "txt", Text [], proxiable: false, priority: false, example: "\"v=spf1 -all\"",
        read: |_, rec, r, _| txt::check(rec, r),
        parse: |t| Ok(RecordData::TXT { content: txt::from_content(t)?.into() });
    URI = 256, "uri", Data ["weight", "target"], proxiable: false, priority: true,
        example: "10 1 \"https://www.example.com/\"",
        read: |_, rec, r, _| uri::check(rec, r),
        parse: |t| uri::from_content(t).map(|(priority, data)| RecordData::URI { priority, data });
}

/// The kinds by name, hashed when compiling.
static BY_NAME: KeyTable<KIND_COUNT, 64> = KeyTable::new(NAMES);

impl RecordType {
    /// The kind's registry entry.
    #[inline(always)]
    pub fn info(self) -> &'static Kind {
        // `RecordType` and `KINDS` come from one list, so every discriminant is an index of it.
        &KINDS[self as usize]
    }

    #[inline(always)]
    pub fn as_str(self) -> &'static str {
        self.info().name
    }

    /// The exact, upper-case name. (Case-insensitive matching is the validator's job, which warns.)
    ///
    /// A perfect hash of the name, then one comparison: this runs for every record of a batch, and
    /// the size-optimised WebAssembly build turned a `match` on the text into a chain of compares.
    #[inline]
    pub fn from_name(name: &str) -> Option<RecordType> {
        BY_NAME.find(name).and_then(|i| RecordType::ALL.get(i).copied())
    }

    /// The kind of a DNS type code (`33` is SRV).
    pub fn from_type_code(code: u16) -> Option<RecordType> {
        KINDS.iter().find(|k| k.type_code == code).map(|k| k.kind)
    }

    /// Its checker: the kind-specific fields of a record (`content`, `data`, `priority`) to issues
    /// (`typed::value_of` then builds the value of a clean record) (`check_value` dispatches to the same functions).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn reader(self) -> Reader {
        FUNCTIONS[self as usize].0
    }

    /// Its presentation (zone-file) reader, for trimmed text, unchecked (`RecordData::read_content`
    /// dispatches to the same functions; `to_content` is its inverse).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn parser(self) -> Parser {
        FUNCTIONS[self as usize].1
    }

    /// One valid value in presentation form (`RecordData::from_content` reads it).
    pub fn example(self) -> &'static str {
        EXAMPLES[self as usize]
    }

    /// The DNS type code (SRV is 33).
    #[inline(always)]
    pub fn type_code(self) -> u16 {
        self.info().type_code
    }

    /// The prefix of this kind's issue codes: `srv`, `aaaa`, ...
    #[inline(always)]
    pub fn code(self) -> &'static str {
        self.info().code
    }

    /// The `<kind>.data` prefix of data-kind field codes (static, because codes are built from it).
    #[inline(always)]
    pub fn data_code(self) -> &'static str {
        self.info().data_code
    }

    /// Only A, AAAA and CNAME can be proxied (Cloudflare error 9004 otherwise).
    #[inline(always)]
    pub fn proxiable(self) -> bool {
        self.info().proxiable
    }

    /// Kinds whose value is sent as `data` (the rest send `content`).
    #[inline(always)]
    pub fn uses_data(self) -> bool {
        matches!(self.info().shape, Shape::Data)
    }

    /// Kinds with a top-level `priority` (required there).
    #[inline(always)]
    pub fn has_top_level_priority(self) -> bool {
        self.info().priority
    }

    /// The fields of `data` (empty for content kinds).
    #[inline(always)]
    pub fn data_fields(self) -> &'static [&'static str] {
        self.info().data_fields
    }

    /// The request fields of this kind beyond the common ones.
    pub fn value_fields(self) -> &'static [&'static str] {
        match (self.uses_data(), self.has_top_level_priority()) {
            (true, true) => &["data", "priority"],
            (false, true) => &["content", "priority"],
            (true, false) => &["data"],
            (false, false) => &["content"],
        }
    }
}

impl fmt::Display for RecordType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The facts the emulator needs about every kind, as JSON:
/// `[{"name":"SRV","shape":"data","fields":["priority",...],"proxiable":false,"priority":false}, ...]`.
/// Written by hand: every string in it is a name from the registry (ASCII letters, digits, `_`),
/// which needs no escaping, and each piece is pushed from one loop so the code stays small.
pub fn facts_json() -> String {
    let flag = |b: bool| if b { "true" } else { "false" };
    let mut out = String::from("[");
    for (i, k) in KINDS.iter().enumerate() {
        let open = if i == 0 { "{\"name\":\"" } else { ",{\"name\":\"" };
        for part in [open, k.name, "\",\"shape\":\"", k.shape.as_str(), "\",\"fields\":["] {
            out.push_str(part);
        }
        for (j, field) in k.data_fields.iter().enumerate() {
            for part in [if j == 0 { "\"" } else { ",\"" }, field, "\""] {
                out.push_str(part);
            }
        }
        for part in ["],\"proxiable\":", flag(k.proxiable), ",\"priority\":", flag(k.priority), "}"] {
            out.push_str(part);
        }
    }
    out.push(']');
    out
}

/// A perfect hash over a fixed set of short keys (at most 15 bytes, fewer than 255 of them), built
/// when compiling: a lookup is a loop over the key's bytes, one multiplication, one table load and
/// a comparison of two words, where a `match` on the text compiles (at the size-optimised level the WebAssembly build
/// uses) to a call comparing bytes for each key in turn. Written here rather than taken from
/// `phf`: that needs a build script or proc-macro to build its table, and these sets are small.
pub(crate) struct KeyTable<const N: usize, const M: usize> {
    seed: u64,
    /// At each hash position, the key's index + 1; 0 where no key hashes.
    table: [u8; M],
    /// Each key's words, to confirm a hit (they are the key, length included).
    keys: [(u64, u64); N],
}

/// The longest key a [`KeyTable`] holds (the 16th byte of `words` is the length).
const KEY_MAX: usize = 15;

/// Two words that determine a key of up to 15 bytes: its bytes, little-endian, then its length.
/// A loop over the bytes rather than `first_chunk`/`from_le_bytes`: at the size-optimised level
/// those stay calls into `core`, which cost more than the loop.
#[inline(always)]
const fn words(key: &[u8]) -> (u64, u64) {
    let n = if key.len() < KEY_MAX { key.len() } else { KEY_MAX };
    let (mut lo, mut hi) = (0u64, 0u64);
    let mut i = 0;
    while i < n && i < 8 {
        lo |= (key[i] as u64) << (8 * i);
        i += 1;
    }
    while i < n {
        hi |= (key[i] as u64) << (8 * (i - 8));
        i += 1;
    }
    (lo, hi | (key.len() as u64) << 56)
}

#[inline(always)]
const fn position(words: (u64, u64), seed: u64, m: usize) -> usize {
    let mixed = (words.0 ^ words.1.rotate_left(29)).wrapping_mul(seed);
    (mixed >> (64 - m.trailing_zeros())) as usize
}

/// Byte equality usable in `const` items (`==` on slices is not `const`).
pub(crate) const fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

impl<const N: usize, const M: usize> KeyTable<N, M> {
    /// Builds the table; compiling fails when the keys break the limits above or repeat.
    pub(crate) const fn new(keys: [&str; N]) -> Self {
        assert!(N < 255 && M.is_power_of_two() && M >= 2 * N);
        let mut words_of = [(0u64, 0u64); N];
        let mut i = 0;
        while i < N {
            let key = keys[i].as_bytes();
            assert!(!key.is_empty() && key.len() <= KEY_MAX, "keys are 1 to 15 bytes");
            let mut j = 0;
            while j < i {
                assert!(!same(key, keys[j].as_bytes()), "a key is listed twice");
                j += 1;
            }
            words_of[i] = words(key);
            i += 1;
        }
        // Odd multipliers from a fixed sequence until one places every key apart.
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut tries = 0;
        loop {
            let mut table = [0u8; M];
            let mut i = 0;
            while i < N {
                let at = position(words_of[i], seed, M);
                if table[at] != 0 {
                    break;
                }
                table[at] = (i + 1) as u8;
                i += 1;
            }
            if i == N {
                return KeyTable { seed, table, keys: words_of };
            }
            seed = seed.wrapping_mul(0x5851_f42d_4c95_7f2d).wrapping_add(0x1405_7b7e_f767_814f) | 1;
            tries += 1;
            assert!(tries < 20_000, "no perfect hash found: use a larger table");
        }
    }

    /// The index of `key` in the list the table was built from.
    #[inline]
    pub(crate) fn find(&self, key: &str) -> Option<usize> {
        let key = key.as_bytes();
        if key.len() > KEY_MAX {
            return None;
        }
        let w = words(key);
        let index = usize::from(*self.table.get(position(w, self.seed, M))?);
        (*self.keys.get(index.checked_sub(1)?)? == w).then_some(index - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_type_name_reads_back_and_nothing_else_does() {
        for kind in RecordType::ALL {
            assert_eq!(RecordType::from_name(kind.as_str()), Some(kind));
            assert_eq!(RecordType::from_name(&kind.as_str().to_ascii_lowercase()), None);
            assert_eq!(RecordType::from_type_code(kind.type_code()), Some(kind));
        }
        for other in ["", "SPF", "ANY", "A ", "AAAAA", "AAA", "SRVX", "OPENPGPKEYS", "TLSA\0", "ĀA", "OPENPGPKEY_____X"] {
            assert_eq!(RecordType::from_name(other), None, "{other:?}");
        }
        assert_eq!(RecordType::from_type_code(0), None);
    }

    #[test]
    fn the_registry_is_in_the_order_of_the_enum() {
        for (i, k) in KINDS.iter().enumerate() {
            assert_eq!(k.kind as usize, i);
            assert_eq!(k.kind.as_str(), k.name);
            assert_eq!(k.code, k.name.to_ascii_lowercase());
            assert_eq!(k.shape == Shape::Data, !k.data_fields.is_empty(), "{}", k.name);
        }
    }

    /// The registry's functions are those `check_value` and `RecordData::read_content` dispatch to:
    /// same issues, same value, for the kind's example and for a record missing its value.
    #[test]
    fn the_registry_names_the_reader_and_presentation_reader_of_each_kind() {
        use crate::issue::{Path, ValidateOptions};
        use crate::record::fields::Mode;
        for kind in RecordType::ALL {
            let text = kind.example();
            let parsed = kind.parser()(text);
            assert_eq!(parsed.as_ref().ok(), RecordData::read_content(kind, text).as_ref().ok(), "{kind}");
            let value = serde_json::to_string(&parsed.expect("the example reads")).expect("serialises");
            for json in [value.as_str(), r#"{"content":7,"data":"x","priority":"1"}"#] {
                let arena = crate::json::Arena::new();
                let parsed = crate::json::Json::parse(json, &arena).expect("JSON");
                let members = parsed.as_object().expect("an object");
                let options = ValidateOptions::default();
                let root = Path::Root;
                let rec = Fields::new(members, &root, kind.code(), Mode::Full);
                let (mut by_registry, mut by_dispatch) = (Report::new(&options), Report::new(&options));
                kind.reader()(kind, &rec, &mut by_registry, Some("owner.example"));
                super::super::check_value(kind, &rec, &mut by_dispatch, Some("owner.example"));
                let codes = |r: Report| r.issues.into_iter().map(|i| (i.code, i.pointer)).collect::<Vec<_>>();
                assert_eq!(codes(by_registry), codes(by_dispatch), "{kind} {json}");
            }
        }
    }

    #[test]
    fn a_key_table_finds_its_keys_and_only_them() {
        let keys = ["a", "ab", "abc", "abcd", "abcde", "abcdefgh", "abcdefghi", "abcdefghijklmno", "ba", "cba", "lat_degrees", "lat_seconds"];
        let table: KeyTable<12, 32> = KeyTable::new(keys);
        for (i, key) in keys.iter().enumerate() {
            assert_eq!(table.find(key), Some(i), "{key}");
        }
        for other in ["", "b", "aa", "abd", "abce", "abcdefgi", "abcdefghijklmnop", "abcdefghijklmn\0", "lat_minutes", "c", "\u{0}", "Ab"] {
            assert_eq!(table.find(other), None, "{other:?}");
        }
    }

    #[test]
    fn the_facts_are_json_naming_every_kind() {
        let facts: serde_json::Value = serde_json::from_str(&facts_json()).expect("facts_json is JSON");
        let list = facts.as_array().expect("an array");
        assert_eq!(list.len(), KIND_COUNT);
        for (fact, kind) in list.iter().zip(RecordType::ALL) {
            assert_eq!(fact["name"], kind.as_str());
            assert_eq!(fact["shape"] == "data", kind.uses_data());
            assert_eq!(fact["proxiable"], kind.proxiable());
            assert_eq!(fact["priority"], kind.has_top_level_priority());
            assert_eq!(fact["fields"].as_array().map(Vec::len), Some(kind.data_fields().len()));
        }
    }
}
