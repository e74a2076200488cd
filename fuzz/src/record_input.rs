//! The structured input of the `record_fields` target: a few records built from a vocabulary of
//! real field names and realistic values, so that the fuzzer spends its time in the record rules
//! instead of in JSON syntax.
//!
//! The layout (what `arbitrary` derives, read front to back) is simple on purpose, so that seeds
//! can be written by `encode` (see `write_seeds` in this file's tests):
//! `options: u8`, `kinds: [u8; 4]`, `ops: [u8; 4]`, then each field as a continue byte (odd) and
//! 9 bytes (`record`, `key`, `value`, `a: u16 LE`, `b: i32 LE`), an even byte to stop, and the rest
//! is `text`, a pool of free text the values can slice.
//!
//! Its `Debug` form is the options and the batch JSON it builds (what `cargo fuzz fmt record_fields
//! <file>` prints): that JSON is what goes into `fuzz/regressions/record_fields/`.

use arbitrary::Arbitrary;
use cf_dns_batch::{Plan, RecordType, ValidateOptions};
use std::fmt;

#[derive(Arbitrary, Clone, PartialEq, Eq)]
pub struct RecordInput {
    /// Bit 0: strict. Bits 1–3: plan (0 none, 1 free, 2 pro, 3 business, 4 enterprise, else none).
    pub options: u8,
    /// The record type of each of the (up to) four records: `% 24` picks one of the 21 kinds,
    /// a lower-case kind, an unknown type, or no `type` at all.
    pub kinds: [u8; 4],
    /// Bits 0–1: post, put, patch, or the record is left out. Bit 2: no default `name`.
    /// Bit 3: the same `id` as record 0. Bit 4: the record (not its `data`) is the JSON `null`.
    pub ops: [u8; 4],
    pub fields: Vec<FieldSpec>,
    /// Free text that `Value::Slice` values cut from.
    pub text: String,
}

#[derive(Arbitrary, Clone, Copy, PartialEq, Eq, Debug)]
pub struct FieldSpec {
    /// Which record (`% 4`).
    pub record: u8,
    /// `% KEYS.len()` picks the key; bit 7 puts it on the other level (a data field at the top, a
    /// top-level field inside `data`).
    pub key: u8,
    /// What kind of value (`% 12`, see `value`).
    pub value: u8,
    pub a: u16,
    pub b: i32,
}

/// Field names the rules read: the common ones, every data field, settings, and near misses.
pub const KEYS: &[&str] = &[
    // common and top level
    "name", "ttl", "proxied", "comment", "tags", "settings", "private_routing", "content", "priority", "data", "id",
    "type",
    // data fields
    "flags", "tag", "value", "key_tag", "algorithm", "certificate", "protocol", "public_key", "digest_type", "digest",
    "target", "weight", "port", "lat_degrees", "lat_minutes", "lat_seconds", "lat_direction", "long_degrees",
    "long_minutes", "long_seconds", "long_direction", "altitude", "size", "precision_horz", "precision_vert", "order",
    "preference", "service", "regex", "replacement", "usage", "selector", "matching_type", "fingerprint",
    // settings
    "ipv4_only", "ipv6_only", "flatten_cname",
    // near misses and response-only fields
    "ttl:", "Name", "proxiable", "zone_id", "meta", "created_on", "__proto__", "",
];

/// Keys that belong at the top level of a record.
const TOP: &[&str] = &["name", "ttl", "proxied", "comment", "tags", "settings", "private_routing", "content", "priority", "data", "id", "type"];
const SETTINGS: &[&str] = &["ipv4_only", "ipv6_only", "flatten_cname"];

const X509: &str = "MIIBazCCAROgAwIBAgIUMqYEPILw8u5d4Srilcq/dKqGyhUwCgYIKoZIzj0EAwIwDDEKMAgGA1UEAwwBeDAeFw0yNjExMjcwNDEzMjBaFw0yNjExMjgwNDEzMjBaMAwxCjAIBgNVBAMMAXgwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAATq/I2BtfiZnHHtrR7m+RBsvnsO+uR5GaHMlRSiY1YifQWqU/Pwlbt0c1UGU48/GWFcNvOtSeJ2QA/U4oborvfYo1MwUTAdBgNVHQ4EFgQUv7ZVb3uapTFlf159Q6yUHDtp5tswHwYDVR0jBBgwFoAUv7ZVb3uapTFlf159Q6yUHDtp5tswDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNGADBDAiBxM0mGesfv+sLr0dPntyvO2m7FxmVxF2dhbIPFiZhVnQIfSpHC/zhMlGzZ4ZXmJiLvC4H4Jr3K8oh5RN1G1sqF+A==";
const PGP: &str = "mDMEawkDYBYJKwYBBAHaRw8BAQdAKkjJQl7oEkV7zD65Z9eYapJSu/n9NCTDUtko8sGha9+0F1Rlc3QgPGh1Z2hAZXhhbXBsZS5jb20+iJAEExYIADgWIQRGL2mb7W8Fhl3QDCQC1TLXZnZGuwUCawkDYAIbAwULCQgHAgYVCgkICwIEFgIDAQIeAQIXgAAKCRAC1TLXZnZGu2q+APsEBt81dx8WriXstHY35wVJD1cBZ35YzTVMDYNhCtNFkgEAhWOW6rouQXKwJSU0RzuSagILdULzJ9v54TJSf8puKAY=";
const URL: &str = "aHR0cHM6Ly9wa2kuZXhhbXBsZS5jb20vY2VydC5kZXI=";
const P256: &str = "CzBVep/E6Q4zWH2ix+wRNluApcrvFDleg6jN8hc8YYar0PUaP2SJrtP4HUJnjLHW+yBFao+02f4jSG2St9wBJg==";
const ED25519: &str = "CzBVep/E6Q4zWH2ix+wRNluApcrvFDleg6jN8hc8YYY=";
const RSA2048: &str = "AwEAAQdivRhzzimE3zqV8EumAVy3Em3II37ZNI/qRaD7VrEMZ8IdeNMuieQ/mvVQqwZhvBdyzSiD3jmU70qlAFu2EWzHIn3YM47pRJ/6VbALZsEcd9ItiOM+mfRPqgVguxZxzCeC3TiT7kmk/1q1EGvGIXzXMo3oQ575VK8KZcAbdtEsh+I9mPNOqQRfuhVwyyaB3DeS7Uij/lm0D2rFIHvWMYznQp34U64JZL8addArhuE8l/JNqANeuRRvyiWA2zaR7Eei/VizDmnEH3rVMIvmQZz3Uq0IY74ZdM8qheA7lvFMpwJduBNuySR/2jWQ60ah/FeyDWjDHnnUL4rlQJv2Uaw=";
const SHA1: &str = "11f6ad8ec52a2984abaafd7c3b516503785c2072";
const SHA256: &str = "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881";
const SHA384: &str = "d752c2c51fba0e29aa190570a9d4253e44077a058d3297fa3a5630d5bd012622f97c28acaed313b5c83bb990caa7da85";
const KEY: &str = "mDMEawkDYBYJKwYBBAHaRw8BAQdAKkjJQl7oEkV7zD65Z9eYapJSu/n9NCTDUtko8sGha9+0F1Rlc3QgPGh1Z2hAZXhhbXBsZS5jb20+iJAEExYIADgWIQRGL2mb7W8Fhl3QDCQC1TLXZnZGuwUCawkDYAIbAwULCQgHAgYVCgkICwIEFgIDAQIeAQIXgAAKCRAC1TLXZnZGu2q+APsEBt81dx8WriXstHY35wVJD1cBZ35YzTVMDYNhCtNFkgEAhWOW6rouQXKwJSU0RzuSagILdULzJ9v54TJSf8puKAY=";
const HASH: &str = "c93f1e400f26708f98cb19d936620da35eec8f72e57f9eec01c1afd6";

/// Realistic values for every kind, and a few that break rules.
pub const POOL: &[&str] = &[
    // addresses
    "192.0.2.1", "198.51.100.7", "10.0.0.1", "127.0.0.1", "0.0.0.0", "192.0.2.300", "2001:db8::1", "::1", "::ffff:192.0.2.1",
    "2001:0db8:0000:0000:0000:0000:0000:0001", "fe80::1%eth0",
    // names
    "www.example.com", "example.com", "example.com.", "@", "*.example.com", "mx1.example.net", "_sip._udp.example.com",
    "_443._tcp.www.example.com", ".",
    "c93f1e400f26708f98cb19d936620da35eec8f72e57f9eec01c1afd6._smimecert.example.com",
    "c93f1e400f26708f98cb19d936620da35eec8f72e57f9eec01c1afd6._openpgpkey.example.com", "xn--bcher-kva.example", "bücher.example", "a..b", "-bad-.example.com",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.example.com", "localhost", "svc.example.net.", "sub.example.com", "ns1.example.net",
    // TXT
    "\"v=spf1 -all\"", "v=spf1 include:_spf.example.com ~all", "\"a\" \"b\"", "\"unterminated", "\\\"", "\"\\065\"",
    // CAA
    "issue", "issuewild", "iodef", "letsencrypt.org", "mailto:a@example.com", "letsencrypt.org; validationmethods=dns-01",
    // SVCB / HTTPS
    "alpn=h2", "alpn=\"h3,h2\" port=443", "ipv4hint=192.0.2.1,192.0.2.2", "ipv6hint=2001:db8::1", "mandatory=alpn alpn=h2",
    "ech=AEn+DQBFKwAgACABWIHUGj4u+PIggYXcR5JF0gYk3dCRioBW8uJq9H4mKAAIAAEAAQABAANAEnB1YmxpYy50bHMtZWNoLmRldgAA",
    "key65535=x", "port=99999", "alpn=h2 alpn=h3", "dohpath=/dns-query{?dns}",
    // NAPTR
    "U", "S", "A", "P", "SIP+D2U", "E2U+sip", "!^.*$!sip:info@example.com!", "!^\\+1(.*)$!sip:\\1@example.com!", "",
    // URI
    "ftp://ftp.example.com/public", "https://example.com/", "mailto:x", "not a uri",
    // LOC directions
    "N", "S", "E", "W", "n", "X",
    // keys, digests, certificates
    P256, ED25519, RSA2048, X509, PGP, URL, KEY, SHA1, SHA256, SHA384, HASH, "AQID", "not base64!", "abcd", "ABCDEF", "0",
    // comments and tags
    "a comment", "two\nlines", "owner:team-dns", "cf-internal:x", "éé:x", "no-colon", "bad name:x", ":empty",
    // ids
    "023e105f4ecef8ad9ca31a8372d0c353", "372e67954025e0ba6aaa6d586b9e0b59", "../x", "a/b", "",
    // types
    "A", "AAAA", "CAA", "MX", "TXT", "SPF", "a", "ALIAS",
];

/// Numbers on the edges of the rules.
const NUMBERS: &[f64] = &[
    0.0, 1.0, -1.0, 2.0, 3.0, 5.0, 8.0, 13.0, 15.0, 30.0, 59.0, 60.0, 90.0, 180.0, 255.0, 256.0, 257.0, 300.0, 3600.0,
    59.999, 60.5, 86400.0, 86401.0, 65535.0, 65536.0, 4294967295.0, 4294967296.0, -100000.0, 42849672.95, 42849672.96,
    90000000.0, 9.0e15, 1e300, -0.0, 0.5, 1e-7, 3000.0,
];

const IDS: [&str; 4] = ["023e105f4ecef8ad9ca31a8372d0c353", "372e67954025e0ba6aaa6d586b9e0b59", "699d98642c564d2e855e9661899b7252", "9a7806061c88ada191ed06f989cc3dac"];

impl RecordInput {
    pub fn options(&self) -> ValidateOptions {
        let plan = match (self.options >> 1) & 7 {
            1 => Some(Plan::Free),
            2 => Some(Plan::Pro),
            3 => Some(Plan::Business),
            4 => Some(Plan::Enterprise),
            _ => None,
        };
        ValidateOptions { strict: self.options & 1 == 1, plan, ..Default::default() }
    }

    /// The batch this input stands for, as JSON text. Members are written in order and may repeat
    /// (JSON allows it; the last one wins), which the validator must handle like `JSON.parse`.
    pub fn to_json(&self) -> String {
        let mut groups: [Vec<String>; 3] = Default::default();
        for i in 0..4 {
            let op = self.ops[i] & 3;
            if op == 3 {
                continue;
            }
            groups[op as usize].push(self.record_json(i));
        }
        let mut out = String::from("{\"zone_id\":\"023e105f4ecef8ad9ca31a8372d0c353\"");
        for (name, items) in ["posts", "puts", "patches"].iter().zip(&groups) {
            if !items.is_empty() {
                out.push_str(&format!(",\"{name}\":[{}]", items.join(",")));
            }
        }
        out.push('}');
        out
    }

    fn kind(&self, i: usize) -> Option<RecordType> {
        RecordType::ALL.get(self.kinds[i] as usize % 24).copied()
    }

    fn record_json(&self, i: usize) -> String {
        let ops = self.ops[i];
        if ops & 0x10 != 0 {
            return "null".into();
        }
        let kind = self.kind(i);
        let uses_data = kind.is_some_and(RecordType::uses_data);
        let mut top: Vec<(String, String)> = Vec::new();
        match self.kinds[i] as usize % 24 {
            21 => top.push(("type".into(), json_str(&kind_name(self.kinds[i] / 24).to_ascii_lowercase()))),
            22 => top.push(("type".into(), json_str(["SPF", "ALIAS", "TYPE65", "", "MXX"][(self.kinds[i] / 24) as usize % 5]))),
            23 => {}
            _ => top.push(("type".into(), json_str(kind.map_or("", RecordType::as_str)))),
        }
        if ops & 4 == 0 {
            top.push(("name".into(), json_str(["www.example.com", "example.com", "@", "_sip._udp.example.com"][i])));
        }
        if ops & 3 != 0 {
            let id = if ops & 8 != 0 { IDS[0] } else { IDS[i] };
            top.push(("id".into(), json_str(id)));
        }
        let mut data: Vec<(String, String)> = Vec::new();
        let mut settings: Vec<(String, String)> = Vec::new();
        for f in self.fields.iter().filter(|f| f.record as usize % 4 == i) {
            let key = KEYS[f.key as usize % KEYS.len()];
            let value = self.value(f);
            let flip = f.key & 0x80 != 0;
            let home = if SETTINGS.contains(&key) {
                if flip { &mut top } else { &mut settings }
            } else if TOP.contains(&key) && !(key == "priority" && uses_data && !kind.is_some_and(RecordType::has_top_level_priority)) && !(key == "type" && uses_data) {
                if flip { &mut data } else { &mut top }
            } else if flip {
                &mut top
            } else {
                &mut data
            };
            home.push((key.to_string(), value));
        }
        // An explicit `data` or `settings` field wins over the object built from their fields
        // when it comes later, as in JSON.parse: put the built object first.
        if !data.is_empty() || uses_data {
            top.insert(0, ("data".into(), object(&data)));
        }
        if !settings.is_empty() {
            top.insert(0, ("settings".into(), object(&settings)));
        }
        object(&top)
    }

    /// One value as JSON text.
    fn value(&self, f: &FieldSpec) -> String {
        let a = f.a as usize;
        match f.value % 12 {
            0 | 1 => json_str(POOL[a % POOL.len()]),
            2 => json_str(&self.slice(a, f.b)),
            3 => (f.a).to_string(),
            4 => f.b.to_string(),
            5 => number(NUMBERS[a % NUMBERS.len()]),
            6 => number(f64::from(f.a) + f64::from(f.b) / 1000.0),
            7 => (f.a & 1 == 1).to_string(),
            8 => "null".into(),
            9 => {
                let n = (f.b as u32 % 5) as usize;
                let items: Vec<String> = (0..n).map(|k| json_str(POOL[(a + k * 7) % POOL.len()])).collect();
                format!("[{}]", items.join(","))
            }
            10 => ["{}", "[]", "[1,2]", "{\"x\":1}", "\"\"", "true"][a % 6].to_string(),
            _ => json_str(&format!("{}{}", POOL[a % POOL.len()], self.slice((f.b as u32 >> 8) as usize, f.b & 0xff))),
        }
    }

    /// Up to `len` characters of `text` from character `start`.
    fn slice(&self, start: usize, len: i32) -> String {
        let count = self.text.chars().count();
        if count == 0 {
            return String::new();
        }
        self.text.chars().skip(start % count).take(len.unsigned_abs() as usize % 256).collect()
    }

    /// The bytes `arbitrary` reads back as this input (used to write seeds).
    pub fn encode(&self) -> Vec<u8> {
        let mut out = vec![self.options];
        out.extend_from_slice(&self.kinds);
        out.extend_from_slice(&self.ops);
        for f in &self.fields {
            out.push(1);
            out.extend_from_slice(&[f.record, f.key, f.value]);
            out.extend_from_slice(&f.a.to_le_bytes());
            out.extend_from_slice(&f.b.to_le_bytes());
        }
        out.push(0);
        out.extend_from_slice(self.text.as_bytes());
        out
    }
}

fn kind_name(i: u8) -> &'static str {
    RecordType::ALL[i as usize % RecordType::ALL.len()].as_str()
}

fn json_str(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

fn number(n: f64) -> String {
    if n.is_finite() {
        // `{:?}` keeps `1.0` as a float, so 1.0 and 1 both occur.
        format!("{n:?}")
    } else {
        "0".into()
    }
}

fn object(members: &[(String, String)]) -> String {
    let body: Vec<String> = members.iter().map(|(k, v)| format!("{}:{v}", json_str(k))).collect();
    format!("{{{}}}", body.join(","))
}

impl fmt::Debug for RecordInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "options: {:?}", self.options())?;
        write!(f, "{}", self.to_json())
    }
}

/// A field for seeds: `key` by name, and a value as (kind, a, b).
pub fn field(record: u8, key: &str, value: u8, a: u16, b: i32) -> FieldSpec {
    let k = KEYS.iter().position(|k| *k == key).unwrap_or(0) as u8;
    FieldSpec { record, key: k, value, a, b }
}

/// A pool string's index, for seeds.
pub fn pool(s: &str) -> u16 {
    POOL.iter().position(|p| *p == s).unwrap_or(0) as u16
}

/// The index of a number in `NUMBERS`, for seeds.
pub fn num(n: f64) -> u16 {
    NUMBERS.iter().position(|p| *p == n).unwrap_or(0) as u16
}

#[cfg(test)]
mod tests {
    use super::*;
    use arbitrary::{Arbitrary, Unstructured};

    const STR: u8 = 0;
    const INT: u8 = 3; // `a` as the number
    const NUM: u8 = 5; // NUMBERS[a]

    fn s(record: u8, key: &str, value: &str) -> FieldSpec {
        assert!(POOL.contains(&value), "{value} is not in POOL");
        field(record, key, STR, pool(value), 0)
    }
    fn i(record: u8, key: &str, n: u16) -> FieldSpec {
        field(record, key, INT, n, 0)
    }
    fn n(record: u8, key: &str, x: f64) -> FieldSpec {
        assert!(NUMBERS.contains(&x), "{x} is not in NUMBERS");
        field(record, key, NUM, num(x), 0)
    }
    fn kind(t: RecordType) -> u8 {
        RecordType::ALL.iter().position(|k| *k == t).unwrap() as u8
    }

    /// Realistic inputs: every kind, valid, four records at a time; then puts and patches.
    fn seeds() -> Vec<(&'static str, RecordInput)> {
        use RecordType::*;
        let input = |options: u8, kinds: [RecordType; 4], ops: [u8; 4], fields: Vec<FieldSpec>, text: &str| RecordInput {
            options,
            kinds: kinds.map(kind),
            ops,
            fields,
            text: text.into(),
        };
        vec![
            (
                "address_and_names",
                input(0, [A, AAAA, CNAME, MX], [0, 0, 0, 0], vec![
                    s(0, "content", "192.0.2.1"), n(0, "ttl", 1.0), field(0, "proxied", 7, 1, 0),
                    s(1, "content", "2001:db8::1"), n(1, "ttl", 3600.0), s(1, "comment", "a comment"),
                    s(2, "content", "svc.example.net."),
                    s(3, "content", "mx1.example.net"), i(3, "priority", 10), field(3, "tags", 9, pool("owner:team-dns"), 1),
                ], "free text for slices"),
            ),
            (
                "txt_caa_srv_uri",
                input(2, [TXT, CAA, SRV, URI], [0, 0, 0, 0], vec![
                    s(0, "content", "\"v=spf1 -all\""),
                    i(1, "flags", 0), s(1, "tag", "issue"), s(1, "value", "letsencrypt.org"),
                    s(2, "name", "_sip._udp.example.com"), i(2, "priority", 10), i(2, "weight", 5), i(2, "port", 5060),
                    s(2, "target", "svc.example.net."),
                    i(3, "priority", 10), i(3, "weight", 1), s(3, "target", "ftp://ftp.example.com/public"),
                ], ""),
            ),
            (
                "dnssec_dane_sshfp",
                input(1, [DS, DNSKEY, TLSA, SSHFP], [0, 0, 0, 0], vec![
                    i(0, "key_tag", 2371), i(0, "algorithm", 13), i(0, "digest_type", 2), s(0, "digest", SHA256),
                    i(1, "flags", 257), i(1, "protocol", 3), i(1, "algorithm", 13), s(1, "public_key", P256),
                    s(2, "name", "_443._tcp.www.example.com"), i(2, "usage", 3), i(2, "selector", 1), i(2, "matching_type", 1),
                    s(2, "certificate", SHA256),
                    i(3, "algorithm", 4), i(3, "type", 2), s(3, "fingerprint", SHA256),
                ], ""),
            ),
            (
                "svcb_https_naptr_loc",
                input(8, [HTTPS, SVCB, NAPTR, LOC], [0, 0, 0, 0], vec![
                    i(0, "priority", 1), s(0, "target", "."), s(0, "value", "alpn=\"h3,h2\" port=443"),
                    i(1, "priority", 0), s(1, "target", "svc.example.net."),
                    i(2, "order", 100), i(2, "preference", 10), s(2, "flags", "S"), s(2, "service", "SIP+D2U"), s(2, "regex", ""),
                    s(2, "replacement", "_sip._udp.example.com"),
                    i(3, "lat_degrees", 52), i(3, "lat_minutes", 22), n(3, "lat_seconds", 15.0), s(3, "lat_direction", "N"),
                    i(3, "long_degrees", 4), i(3, "long_minutes", 53), n(3, "long_seconds", 30.0), s(3, "long_direction", "E"),
                    n(3, "altitude", -1.0), n(3, "size", 1.0), n(3, "precision_horz", 3000.0), n(3, "precision_vert", 5.0),
                ], ""),
            ),
            (
                "cert_openpgpkey_smimea_ns",
                input(0, [CERT, OPENPGPKEY, SMIMEA, NS], [0, 0, 0, 0], vec![
                    i(0, "type", 1), i(0, "key_tag", 0), i(0, "algorithm", 0), s(0, "certificate", X509),
                    s(1, "name", "c93f1e400f26708f98cb19d936620da35eec8f72e57f9eec01c1afd6._openpgpkey.example.com"), s(1, "content", KEY),
                    s(2, "name", "c93f1e400f26708f98cb19d936620da35eec8f72e57f9eec01c1afd6._smimecert.example.com"),
                    i(2, "usage", 3), i(2, "selector", 1), i(2, "matching_type", 1), s(2, "certificate", SHA256),
                    s(3, "name", "sub.example.com"), s(3, "content", "ns1.example.net"),
                ], ""),
            ),
            (
                "puts_and_patches",
                input(6, [PTR, A, TXT, CAA], [1, 2, 2, 0x0b], vec![
                    s(0, "content", "www.example.com"),
                    s(1, "content", "198.51.100.7"), field(1, "proxied", 7, 1, 0), field(1, "ipv4_only", 7, 1, 0),
                    s(2, "comment", "a comment"),
                ], ""),
            ),
        ]
    }

    #[test]
    fn encode_is_what_arbitrary_reads() {
        for (name, input) in seeds() {
            let bytes = input.encode();
            let back = RecordInput::arbitrary_take_rest(Unstructured::new(&bytes)).unwrap();
            assert!(back == input, "{name}: {back:?}\n!=\n{input:?}");
        }
    }

    /// Writes `fuzz/seeds/record_fields/*` and their JSON to `fuzz/regressions/record_fields/`:
    /// `cargo test --manifest-path fuzz/Cargo.toml --lib -- --ignored --nocapture write_seeds`
    #[test]
    #[ignore]
    fn write_seeds() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let seed_dir = root.join("seeds/record_fields");
        let regressions = root.join("regressions/record_fields");
        std::fs::create_dir_all(&seed_dir).unwrap();
        std::fs::create_dir_all(&regressions).unwrap();
        for (name, input) in seeds() {
            let json = input.to_json();
            let v = cf_dns_batch::validate_batch_json(&json, &input.options());
            println!("{name}: {json}");
            for issue in &v.issues {
                println!("    {issue}");
            }
            std::fs::write(seed_dir.join(name), input.encode()).unwrap();
            std::fs::write(regressions.join(format!("seed_{name}.json")), &json).unwrap();
        }
    }
}
