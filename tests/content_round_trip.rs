//! Presentation (zone-file) form, for every kind: whatever `from_content` accepts, validation
//! accepts (no errors), and `to_content` of it reads back to the same data.
mod common;
use cf_dns_batch::{RecordData, RecordType, Severity, ValidateOptions};
use common::issues_of;
use proptest::prelude::*;
use serde_json::Value;

/// An owner name no generated content equals (a CNAME to its own name is an error that depends
/// on the owner, which presentation text does not carry).
const OWNER: &str = "owner.example.com";

/// The record as a post: the data as Cloudflare's JSON, with a name and a TTL.
fn record(data: &RecordData) -> Value {
    let mut record = serde_json::to_value(data).expect("record data serialises");
    record["name"] = Value::from(OWNER);
    record["ttl"] = Value::from(1);
    record
}

/// The property for one text: `Err` describes how it fails.
fn check(kind: RecordType, text: &str) -> Result<bool, String> {
    let Ok(data) = RecordData::from_content(kind, text) else { return Ok(false) };
    if data.record_type() != kind {
        return Err(format!("{kind} {text:?} read as {}", data.record_type()));
    }
    let record = record(&data);
    let errors: Vec<_> = issues_of(record.clone(), &ValidateOptions::default()).into_iter().filter(|i| i.severity == Severity::Error).collect();
    if !errors.is_empty() {
        return Err(format!("{kind} {text:?} read as {record}, which has errors: {errors:#?}"));
    }
    let content = data.to_content();
    match RecordData::from_content(kind, &content) {
        Ok(back) if back == data => Ok(true),
        Ok(back) => Err(format!("{kind} {text:?}: to_content gave {content:?}, which reads back as {back:?}, not {data:?}")),
        Err(e) => Err(format!("{kind} {text:?}: to_content gave {content:?}, which does not read back: {e}")),
    }
}

/// One valid text per kind, so the property is seen to accept something of every kind.
const VALID: &[(RecordType, &str)] = &[
    (RecordType::A, "192.0.2.1"),
    (RecordType::AAAA, "2001:db8::1"),
    (RecordType::CAA, "0 issue \"letsencrypt.org\""),
    (RecordType::CERT, "1 0 0 aGVsbG8="),
    (RecordType::CNAME, "www.example.net"),
    (RecordType::DNSKEY, "257 3 13 mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpVXckHAeF+KkxLbxILfDLUT0rAK9iUzy1L53eKGQ=="),
    (RecordType::DS, "2371 13 2 1f987ccc7efa7fb3d7d7f1e3d6e8a9cd4e3f0d6c9b6a1e0b2a3c4d5e6f708192"),
    (RecordType::HTTPS, "1 . alpn=\"h3,h2\" port=443"),
    (RecordType::LOC, "52 22 23.000 N 4 53 32.000 E -2.00m 0.00m 10000.00m 10.00m"),
    (RecordType::MX, "10 mx1.example.net"),
    (RecordType::NAPTR, "100 10 \"S\" \"SIP+D2U\" \"\" _sip._udp.example.com."),
    (RecordType::NS, "ns1.example.net"),
    (RecordType::OPENPGPKEY, "mQINBGV4dGVzdA=="),
    (RecordType::PTR, "host.example.com"),
    (RecordType::SMIMEA, "3 0 0 308201a2"),
    (RecordType::SRV, "10 5 5060 sip.example.com"),
    (RecordType::SSHFP, "4 2 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"),
    (RecordType::SVCB, "1 svc.example.net alpn=h2"),
    (RecordType::TLSA, "3 1 1 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"),
    (RecordType::TXT, "v=spf1 -all"),
    (RecordType::URI, "10 1 \"https://www.example.com/\""),
];

#[test]
fn a_valid_text_of_every_kind_reads_validates_and_round_trips() {
    for kind in RecordType::ALL {
        let (_, text) = VALID.iter().find(|(k, _)| *k == kind).unwrap_or_else(|| panic!("no valid text for {kind}"));
        assert_eq!(check(kind, text), Ok(true), "{kind} {text:?}");
    }
}

/// Pieces of presentation text: numbers at and past the edges, names, hex, base64, quoted
/// strings with escapes, and the words of each kind's syntax.
const TOKENS: &[&str] = &[
    "0", "1", "2", "3", "4", "5", "6", "8", "10", "13", "15", "100", "128", "252", "253", "254", "255", "256", "257",
    "65535", "65536", "-1", "+5", "007", "1.5", "1e3", "0x10",
    "example.com", "mx1.example.net.", ".", "a..b", "*.example.com", "_sip._tcp.example.com.", "192.0.2.1",
    "2001:db8::1", "-bad-.com", "xn--bcher-kva.example", "bücher.example", "a_b.example", "@",
    "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "ABCDEF", "abc", "zz", "0123456789abcdef01234567",
    "aGVsbG8=", "AwEAAag=", "not*base64", "YWJj", "ZGVm", "====", "mQINBGV4dGVzdA==",
    "\"letsencrypt.org\"", "\"a b\"", "\"\\065\"", "\"\"", "\"https://x.example/\"", "\"!^.*$!sip:info@example.com!\"",
    "\"S\"", "\"U\"", "\"E2U+sip\"", "\"SIP+D2U\"", "\"mailto:a@b.example\"", "\"a\\\"b\"", "\"\\\\\"", "\"\\255\"", "\"x",
    "\"tab\there\"", "\"semi;colon\"", "\"comma,list\"",
    "issue", "iodef", "issuewild", "Issue", "tbs", "letsencrypt.org", ";", "mailto:security@example.com", "https://r.example/",
    "N", "S", "E", "W", "n", "52", "22", "23.000", "59.999", "60", "90", "180", "0.000", "-10m", "10.5m", "1m", "10000m",
    "100m", "0m", "-100000.00m", "42849672.95m", "90000000m", "1.234m", "5", "0.01m",
    "alpn=h2", "alpn=\"h3,h2\"", "port=443", "ipv4hint=192.0.2.1", "key3=443", "key3=\\001\\187", "no-default-alpn",
    "mandatory=alpn", "ech=aGVsbG8=", "key65000=x", "dohpath=/dns-query{?dns}", "alpn", "port=x",
    "RSASHA256", "ECDSAP256SHA256", "PKIX", "PGP", "URI", "OID",
    "v=spf1", "-all", "a\\ b", "\\\"", "\\065", "\\", "(", ")", "\t", "x\u{7f}y",
];

fn text() -> impl Strategy<Value = String> {
    let token = prop_oneof![8 => proptest::sample::select(TOKENS).prop_map(String::from), 1 => "\\PC{0,8}"];
    (prop::collection::vec(token, 1..9), prop::collection::vec(prop_oneof![Just(" "), Just("  "), Just("\t"), Just("")], 9))
        .prop_map(|(tokens, gaps)| tokens.iter().zip(gaps).map(|(t, g)| format!("{t}{g}")).collect())
}

/// A choice among fixed pieces and, now and then, any token.
fn one_of(pieces: &'static [&'static str]) -> BoxedStrategy<String> {
    prop_oneof![6 => proptest::sample::select(pieces).prop_map(String::from), 1 => proptest::sample::select(TOKENS).prop_map(String::from)].boxed()
}

fn u8_text() -> BoxedStrategy<String> {
    prop_oneof![any::<u8>().prop_map(|n| n.to_string()), one_of(&["0", "1", "2", "3", "255", "256", "-1", "+1", "01"])].boxed()
}

fn u16_text() -> BoxedStrategy<String> {
    prop_oneof![any::<u16>().prop_map(|n| n.to_string()), one_of(&["0", "1", "10", "65535", "65536", "-1", "+1", "010"])].boxed()
}

fn host() -> BoxedStrategy<String> {
    prop_oneof![
        "[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?(\\.[a-z0-9]{1,6}){0,3}\\.?",
        one_of(&["example.com", "sip.example.com.", ".", "a..b", "*.example.com", "_sip._tcp.example.com", "192.0.2.1", "xn--bcher-kva.example", "bücher.example", "a_b.example", "-a.example", "@"]),
    ]
    .boxed()
}

/// Hex, whole or split by blanks (zone files may split long fields).
fn hex() -> BoxedStrategy<String> {
    prop_oneof![
        "[0-9a-f]{2,8}( [0-9a-fA-F]{2,70}){0,2}",
        prop::sample::select(vec![40usize, 48, 56, 64, 96, 128]).prop_flat_map(|n| proptest::string::string_regex(&format!("[0-9a-fA-F]{{{n}}}")).expect("regex")),
        one_of(&["zz", "0", "abc", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"]),
    ]
    .boxed()
}

fn base64() -> BoxedStrategy<String> {
    prop_oneof!["([A-Za-z0-9+/]{4}){1,20}([A-Za-z0-9+/]{2}==)?( ([A-Za-z0-9+/]{4}){1,4})?", one_of(&["aGVsbG8=", "not*base64", "====", "YWJj ZGVm", "YQ"])].boxed()
}

fn quoted() -> BoxedStrategy<String> {
    prop_oneof![
        "\"[ -!#-\\[\\]-~]{0,12}\"",
        "[!-~&&[^\"\\\\]]{1,12}",
        one_of(&["\"\"", "\"a\\\"b\"", "\"\\065\\255\"", "\"x", "\"é\"", "\"tab\there\"", "\"a b\"", "\"\\\\\""]),
    ]
    .boxed()
}

fn words(parts: Vec<BoxedStrategy<String>>) -> BoxedStrategy<String> {
    parts.prop_map(|words| words.join(" ")).boxed()
}

/// Presentation text shaped like `kind`'s, with valid and invalid fields.
fn shaped(kind: RecordType) -> BoxedStrategy<String> {
    use RecordType::*;
    match kind {
        A => prop_oneof!["(25[0-5]|1?[0-9]{1,2})(\\.(25[0-5]|1?[0-9]{1,2})){3}", one_of(&["192.0.2.1", "10.0.0.1", "1.2.3", "256.1.1.1", "0.0.0.0", "01.2.3.4"])].boxed(),
        AAAA => one_of(&["2001:db8::1", "2001:DB8:0:0:0:0:0:1", "::ffff:192.0.2.1", "::1", "::", "fe80::1", "2001:db8::g", "2001:db8:::1"]),
        CAA => words(vec![u8_text(), one_of(&["issue", "issuewild", "iodef", "Issue", "tbs", "contactemail", "issue-x"]), quoted()]),
        CERT => words(vec![
            prop_oneof![u16_text(), one_of(&["PKIX", "SPKI", "PGP", "IPKIX", "URI", "OID", "pkix", "FOO"])].boxed(),
            u16_text(),
            prop_oneof![u8_text(), one_of(&["RSASHA256", "ECDSAP256SHA256", "ED25519", "rsasha1", "FOO"])].boxed(),
            base64(),
        ]),
        CNAME | NS | PTR => host(),
        DNSKEY => words(vec![one_of(&["256", "257", "0", "65535", "385", "65536"]), one_of(&["3", "0", "255"]), prop_oneof![u8_text(), one_of(&["13", "15", "8", "RSASHA256", "ECDSAP256SHA256"])].boxed(), base64()]),
        DS => words(vec![u16_text(), prop_oneof![u8_text(), one_of(&["13", "8", "ECDSAP256SHA256"])].boxed(), one_of(&["1", "2", "4", "0", "3", "6"]), hex()]),
        HTTPS | SVCB => words(vec![
            u16_text(),
            host(),
            prop::collection::vec(
                one_of(&["alpn=h2", "alpn=\"h3,h2\"", "port=443", "port=\"8443\"", "ipv4hint=192.0.2.1,192.0.2.2", "ipv6hint=2001:db8::1", "key3=443",
                    "key3=\\001\\187", "no-default-alpn", "mandatory=alpn", "mandatory=key4", "ech=aGVsbG8=", "key65000=x", "key65000=\"a b\"",
                    "dohpath=/dns-query{?dns}", "alpn", "port=x", "key4=\\192\\000\\002\\001", "alpn=h2\tport=1", "ohttp", "tls-supported-groups=29,23"]),
                0..4,
            )
            .prop_map(|params| params.join(" "))
            .boxed(),
        ]),
        LOC => words(vec![
            one_of(&["0", "52", "90", "91", "52 22", "52 22 23.000", "52 22 23", "52 60", "52 22 60.0", "52 22 23.0001", "52 22 -1"]),
            one_of(&["N", "S", "n", "X"]),
            one_of(&["0", "4", "180", "181", "4 53", "4 53 32.000", "4 53 32.5", "4 60 0"]),
            one_of(&["E", "W", "w", "N"]),
            one_of(&["0m", "-2m", "-2.00m", "10", "10.5m", "-100000.00m", "-100000.01m", "42849672.95m", "42849672.96m", "1.234m", "0.01"]),
            one_of(&["", "1m", "0m", "10000m", "100m 10m", "1m 10000m 10m", "90000000m", "90000001m", "0.5m", "1m 2m 3m 4m", "1e3m"]),
        ]),
        MX => words(vec![u16_text(), host()]),
        NAPTR => words(vec![
            u16_text(),
            u16_text(),
            one_of(&["\"S\"", "\"U\"", "\"\"", "\"SU\"", "\"s\"", "\"X\"", "S", "\"A P\""]),
            one_of(&["\"SIP+D2U\"", "\"E2U+sip\"", "\"\"", "E2U+sip", "\"a b\""]),
            one_of(&["\"\"", "\"!^.*$!sip:info@example.com!\"", "\"!^.*$!sip:info@example.com!i\"", "\"!x!\"", "\"!^(.*)$!\\\\1!\"", "\"\\065\""]),
            host(),
        ]),
        OPENPGPKEY => base64(),
        SMIMEA | TLSA => words(vec![one_of(&["0", "1", "2", "3", "4", "255"]), one_of(&["0", "1", "2"]), one_of(&["0", "1", "2", "3"]), hex()]),
        SRV => words(vec![u16_text(), u16_text(), u16_text(), host()]),
        SSHFP => words(vec![one_of(&["1", "2", "3", "4", "6", "0", "5"]), one_of(&["1", "2", "0", "3"]), hex()]),
        TXT => text().boxed(),
        URI => words(vec![u16_text(), u16_text(), prop_oneof![quoted(), one_of(&["\"https://www.example.com/\"", "\"sip:a@b\"", "\"ftp://x y\"", "\"\"", "https://unquoted.example/"])].boxed()]),
    }
}

fn kind_and_text() -> impl Strategy<Value = (RecordType, String)> {
    proptest::sample::select(RecordType::ALL.to_vec()).prop_flat_map(|kind| (Just(kind), shaped(kind)))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn what_from_content_accepts_of_its_shape_validates_and_round_trips((kind, text) in kind_and_text()) {
        if let Err(e) = check(kind, &text) {
            prop_assert!(false, "{}", e);
        }
    }

    #[test]
    fn what_from_content_accepts_validates_and_round_trips(kind in proptest::sample::select(RecordType::ALL.to_vec()), text in text()) {
        if let Err(e) = check(kind, &text) {
            prop_assert!(false, "{}", e);
        }
    }

    /// Each kind's valid text with one token replaced.
    #[test]
    fn near_valid_texts_validate_and_round_trip(which in 0..VALID.len(), at in 0usize..12, token in proptest::sample::select(TOKENS)) {
        let (kind, text) = VALID[which];
        let mut words: Vec<&str> = text.split(' ').collect();
        let at = at % words.len();
        words[at] = token;
        let text = words.join(" ");
        if let Err(e) = check(kind, &text) {
            prop_assert!(false, "{}", e);
        }
    }
}


/// Zone files split long base64 and hex fields with blanks and group lines with parentheses
/// (RFC 1035 §5.1; RFC 4034 §2.2, §5.3; RFC 4398 §2.2; RFC 6698 §2.2; RFC 7929 §2.3).
#[test]
fn split_fields_are_read_whole() {
    let key = "mQINBGV4dGVzdA==";
    let cases: &[(RecordType, &str, &str)] = &[
        (RecordType::OPENPGPKEY, "mQINBGV4 dGVzdA==", key),
        (RecordType::OPENPGPKEY, "( mQINBGV4\n  dGVzdA== )", key),
        (RecordType::CERT, "1 0 0 YWJj ZGVm", "1 0 0 YWJjZGVm"),
        (RecordType::DS, "2371 13 2 1f987ccc7efa7fb3d7d7f1e3d6e8a9cd 4e3f0d6c9b6a1e0b2a3c4d5e6f708192", "2371 13 2 1f987ccc7efa7fb3d7d7f1e3d6e8a9cd4e3f0d6c9b6a1e0b2a3c4d5e6f708192"),
        (RecordType::TLSA, "3 1 1 ( 0123456789abcdef0123456789abcdef\n 0123456789abcdef0123456789abcdef )", "3 1 1 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"),
    ];
    for (kind, text, content) in cases {
        let data = RecordData::from_content(*kind, text).unwrap_or_else(|e| panic!("{kind} {text:?}: {e}"));
        assert_eq!(data.to_content(), *content, "{kind} {text:?}");
        assert_eq!(check(*kind, text), Ok(true), "{kind} {text:?}");
    }
}
