//! Zone files: realistic files read record by record, malformed files with their line:column issues,
//! and the round trip `format_zone` → `parse_zone` over all 21 kinds with awkward values.
use cf_dns_batch::record::{CommonFields, Record, RecordData, RecordType, Settings};
use cf_dns_batch::record::{caa, cert, dane, dnssec, loc, naptr, srv, sshfp, svcb, txt, uri};
use cf_dns_batch::zone::{format_zone, parse_zone, ParseOptions, ParsedZone};
use cf_dns_batch::Severity;
use proptest::prelude::*;
use serde_json::{json, Value};

fn read(file: &str, origin: Option<&str>) -> ParsedZone {
    let path = format!("{}/tests/zones/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("the zone file is readable");
    parse_zone(&text, &ParseOptions { origin: origin.map(String::from), default_ttl: None })
}

/// Compares the records one by one (with the line each was read from), then their number.
#[track_caller]
fn assert_records(zone: &ParsedZone, expected: &[(u32, Value)]) {
    for (i, (line, want)) in expected.iter().enumerate() {
        let got = zone.records.get(i).map(|r| serde_json::to_value(r).expect("a record serialises"));
        assert_eq!(got.as_ref(), Some(want), "record {i} (line {line})");
        assert_eq!(zone.positions.get(i).map(|p| p.line), Some(*line), "record {i} is read from line {line}");
    }
    assert_eq!(zone.records.len(), expected.len(), "number of records");
}

/// Issues as `line:column code`.
fn issue_list(zone: &ParsedZone) -> Vec<String> {
    zone.issues.iter().map(|i| format!("{}:{} {}", i.line, i.column, i.code)).collect()
}

#[test]
fn small_business_zone() {
    let zone = read("small-business.zone", None);
    let n = "example-bakery.com";
    assert_records(
        &zone,
        &[
            (10, json!({"name": n, "ttl": 3600, "type": "NS", "content": "ns1.dnshost.net"})),
            (11, json!({"name": n, "ttl": 3600, "type": "NS", "content": "ns2.dnshost.net"})),
            (12, json!({"name": n, "ttl": 300, "type": "A", "content": "192.0.2.10"})),
            (13, json!({"name": n, "ttl": 300, "comment": "the same host over IPv6", "type": "AAAA", "content": "2001:db8:10::1"})),
            (14, json!({"name": "www.example-bakery.com", "ttl": 3600, "type": "CNAME", "content": n})),
            (15, json!({"name": "shop.example-bakery.com", "ttl": 3600, "type": "CNAME", "content": "shops.example-platform.net"})),
            (16, json!({"name": n, "ttl": 3600, "type": "MX", "content": "mail.example-bakery.com", "priority": 10})),
            (17, json!({"name": n, "ttl": 3600, "type": "MX", "content": "mail.backup-mx.net", "priority": 20})),
            (18, json!({"name": "mail.example-bakery.com", "ttl": 5400, "type": "A", "content": "192.0.2.25"})),
            (19, json!({"name": n, "ttl": 3600, "type": "TXT", "content": "\"v=spf1 mx a:mail.example-bakery.com -all\""})),
            (20, json!({"name": "_dmarc.example-bakery.com", "ttl": 3600, "type": "TXT", "content": "\"v=DMARC1; p=quarantine; rua=mailto:dmarc@example-bakery.com\""})),
            (21, json!({"name": "ftp.example-bakery.com", "ttl": 3600, "type": "CNAME", "content": "www.example-bakery.com"})),
        ],
    );
    assert_eq!(issue_list(&zone), ["4:13 zone.soa.skipped"]);
}

#[test]
fn mail_heavy_zone() {
    let zone = read("mail-heavy.zone", None);
    let n = "mail.example.org";
    let srv = |target: &str, port: u16, weight: u16| json!({"priority": 0, "weight": weight, "port": port, "target": target});
    let dkim = concat!(
        "\"v=DKIM1; k=rsa; \" \"p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0/",
        "IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxKLxoS2tFczGkPLPgizskuemMghRniWaoLcyehkd3qqGElvW/VDL5AaWTg0nLVkjRo9z+40RQzuVaE8AkAFmxZzow3x+VJYKdx\""
    );
    assert_records(
        &zone,
        &[
            (4, json!({"name": n, "ttl": 3600, "type": "MX", "content": "mx1.mail.example.org", "priority": 5})),
            (5, json!({"name": n, "ttl": 3600, "type": "MX", "content": "mx2.mail.example.org", "priority": 10})),
            (6, json!({"name": n, "ttl": 3600, "type": "MX", "content": "fallback.mailhost.example.net", "priority": 50})),
            (7, json!({"name": "mx1.mail.example.org", "ttl": 300, "type": "A", "content": "198.51.100.5"})),
            (8, json!({"name": "mx2.mail.example.org", "ttl": 300, "type": "A", "content": "198.51.100.6"})),
            (10, json!({"name": n, "ttl": 3600, "type": "TXT", "content": "\"v=spf1 ip4:198.51.100.0/28 include:_spf.mailhost.example.net ~all\""})),
            (11, json!({"name": "s2026._domainkey.mail.example.org", "ttl": 3600, "type": "TXT", "content": dkim})),
            (13, json!({"name": "_dmarc.mail.example.org", "ttl": 3600, "type": "TXT", "content": "\"v=DMARC1; p=reject; rua=mailto:dmarc-reports@example.org; ruf=mailto:dmarc-forensics@example.org; fo=1\""})),
            (14, json!({"name": "_mta-sts.mail.example.org", "ttl": 3600, "type": "TXT", "content": "\"v=STSv1; id=20260101T000000;\""})),
            (15, json!({"name": "mta-sts.mail.example.org", "ttl": 3600, "type": "CNAME", "content": "sts.mailhost.example.net"})),
            (16, json!({"name": "_smtp._tls.mail.example.org", "ttl": 3600, "type": "TXT", "content": "\"v=TLSRPTv1; rua=mailto:tls-reports@example.org\""})),
            (17, json!({"name": "default._bimi.mail.example.org", "ttl": 3600, "type": "TXT", "content": "\"v=BIMI1; l=https://example.org/logo.svg;\""})),
            (19, json!({"name": "_submission._tcp.mail.example.org", "ttl": 3600, "type": "SRV", "data": srv("smtp.mailhost.example.net", 587, 1)})),
            (20, json!({"name": "_submissions._tcp.mail.example.org", "ttl": 3600, "type": "SRV", "data": srv("smtp.mailhost.example.net", 465, 1)})),
            (21, json!({"name": "_imaps._tcp.mail.example.org", "ttl": 3600, "type": "SRV", "data": srv("imap.mailhost.example.net", 993, 1)})),
            (22, json!({"name": "_pop3._tcp.mail.example.org", "ttl": 3600, "type": "SRV", "data": srv(".", 0, 0)})),
            (23, json!({"name": "autodiscover.mail.example.org", "ttl": 3600, "type": "CNAME", "content": "autodiscover.mailhost.example.net"})),
            (25, json!({"name": "noreply.mail.example.org", "ttl": 3600, "type": "MX", "content": ".", "priority": 0})),
            (26, json!({"name": "noreply.mail.example.org", "ttl": 3600, "type": "TXT", "content": "\"v=spf1 -all\""})),
        ],
    );
    assert!(zone.issues.is_empty(), "{:?}", zone.issues);
}

#[test]
fn dnssec_and_dane_zone() {
    let zone = read("dnssec-dane.zone", None);
    let n = "secure.example";
    let day = 86_400;
    let loc = |lat: (u8, u8, f64, &str), long: (u8, u8, f64, &str), altitude: f64| {
        json!({"lat_degrees": lat.0, "lat_minutes": lat.1, "lat_seconds": lat.2, "lat_direction": lat.3,
               "long_degrees": long.0, "long_minutes": long.1, "long_seconds": long.2, "long_direction": long.3,
               "altitude": altitude, "size": 1.0, "precision_horz": 10000.0, "precision_vert": 10.0})
    };
    let caa = |flags: u8, tag: &str, value: &str| json!({"name": n, "ttl": day, "type": "CAA", "data": {"flags": flags, "tag": tag, "value": value}});
    assert_records(
        &zone,
        &[
            (4, json!({"name": "child.secure.example", "ttl": day, "type": "NS", "content": "ns1.child.secure.example"})),
            (5, json!({"name": "child.secure.example", "ttl": day, "type": "DS", "data": {"key_tag": 60485, "algorithm": 13, "digest_type": 2,
                "digest": "D4B7D520E7BB5F0F67674A0CCEB1E3E0614B93C4F9E99B8383F6A1E4469DA50A"}})),
            (8, json!({"name": n, "ttl": 3600, "comment": "KSK", "type": "DNSKEY", "data": {"flags": 257, "protocol": 3, "algorithm": 13,
                "public_key": "mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpVXckHAeF+KkxLbxILfDLUT0rAK9iUzy1L53eKGQ=="}})),
            (11, json!({"name": n, "ttl": 3600, "type": "DNSKEY", "data": {"flags": 256, "protocol": 3, "algorithm": 13,
                "public_key": "oJMRESz5E4gYzS/q6XDrvU1qMPYIjCWzJaOau8XNEZeqCYKD5ar0IRd8KqXXFJkqmVfRvMGPmM1x8fGAa2XhSA=="}})),
            (12, json!({"name": "_25._tcp.mail.secure.example", "ttl": day, "type": "TLSA", "data": {"usage": 3, "selector": 1, "matching_type": 1,
                "certificate": "0C72AC70B745AC19998811B131D662C9AC69DBDBE7CB23E5B514B56664C5D3D6"}})),
            (13, json!({"name": "_443._tcp.www.secure.example", "ttl": day, "type": "TLSA", "data": {"usage": 3, "selector": 0, "matching_type": 1,
                "certificate": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"}})),
            (15, json!({"name": "c93f1e400f26708f98cb19d936620da35eec8f72e57f9eec01c1afd6._smimecert.secure.example", "ttl": day, "type": "SMIMEA",
                "data": {"usage": 3, "selector": 0, "matching_type": 1, "certificate": "3B2A48D4C39C0B9F8FE1BE2E4F3A59D73F2AFF4E7ACC4C7E8E8F1DC4B72E3C36"}})),
            (16, json!({"name": "host.secure.example", "ttl": day, "type": "SSHFP", "data": {"algorithm": 4, "type": 2,
                "fingerprint": "123456789abcdef67890123456789abcdef67890123456789abcdef123456789"}})),
            (17, json!({"name": "host.secure.example", "ttl": day, "type": "SSHFP", "data": {"algorithm": 1, "type": 1, "fingerprint": "dd465c09cfa51fb45020cc83316fff21b9ec74ac"}})),
            (18, caa(0, "issue", "letsencrypt.org")),
            (19, caa(0, "issuewild", ";")),
            (20, caa(128, "iodef", "mailto:security@secure.example")),
            (21, caa(0, "issue", "ca.example.net; account=230123 validationmethods=dns-01")),
            (22, json!({"name": "4e2a9b0c._openpgpkey.secure.example", "ttl": day, "type": "OPENPGPKEY",
                "content": "mQENBFVHm5sBCADhy2QmRnMbK9wfn2ByXFKSLAaN0E5Gq9XjCQbXuvmRaX1rn2OkAhZrUZyXlMx0"})),
            (23, json!({"name": n, "ttl": day, "type": "HTTPS", "data": {"priority": 1, "target": ".",
                "value": "alpn=\"h3,h2\" ipv4hint=192.0.2.1 ipv6hint=2001:db8::1 port=443"}})),
            (24, json!({"name": "_dns.secure.example", "ttl": day, "comment": "DNS over TLS", "type": "SVCB",
                "data": {"priority": 1, "target": "dns.secure.example", "value": "alpn=dot port=853"}})),
            (26, json!({"name": "geo.secure.example", "ttl": day, "type": "LOC", "data": loc((52, 22, 23.0, "N"), (4, 53, 32.0, "E"), -2.0)})),
            (27, json!({"name": "geo-south.secure.example", "ttl": day, "type": "LOC", "data": loc((33, 51, 35.9, "S"), (151, 12, 40.1, "E"), 58.0)})),
            (28, json!({"name": "sip.secure.example", "ttl": day, "type": "NAPTR", "data": {"order": 100, "preference": 10, "flags": "S",
                "service": "SIP+D2U", "regex": "", "replacement": "_sip._udp.secure.example"}})),
            (29, json!({"name": "e164.secure.example", "ttl": day, "type": "NAPTR", "data": {"order": 100, "preference": 10, "flags": "u",
                "service": "E2U+sip", "regex": "!^.*$!sip:info@secure.example!", "replacement": "."}})),
            (30, json!({"name": "_ftp._tcp.secure.example", "ttl": day, "type": "URI", "priority": 10, "data": {"weight": 1, "target": "ftp://ftp.secure.example/public"}})),
            (31, json!({"name": "cert.secure.example", "ttl": day, "type": "CERT", "data": {"type": 1, "key_tag": 12345, "algorithm": 8,
                "certificate": "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA"}})),
            (32, json!({"name": "1.2.0.192.in-addr.arpa", "ttl": day, "type": "PTR", "content": "host.secure.example"})),
        ],
    );
    assert!(zone.issues.is_empty(), "{:?}", zone.issues);
}

#[test]
fn cloudflare_export_round_trips_its_attributes() {
    let zone = read("cloudflare-export.zone", Some("example.com"));
    let n = "example.com";
    assert_records(
        &zone,
        &[
            (14, json!({"name": n, "ttl": 86400, "type": "NS", "content": "ada.ns.cloudflare.com"})),
            (15, json!({"name": n, "ttl": 86400, "type": "NS", "content": "bob.ns.cloudflare.com"})),
            (18, json!({"name": n, "ttl": 1, "proxied": true, "type": "A", "content": "192.0.2.1"})),
            (19, json!({"name": "api.example.com", "ttl": 300, "proxied": false, "comment": "API gateway, do not proxy",
                "tags": ["team:platform", "owner:ops, on call"], "type": "A", "content": "192.0.2.2"})),
            (22, json!({"name": n, "ttl": 1, "proxied": true, "type": "AAAA", "content": "2001:db8::1"})),
            (25, json!({"name": "www.example.com", "ttl": 1, "proxied": true, "type": "CNAME", "content": n})),
            (26, json!({"name": "docs.example.com", "ttl": 1, "proxied": false, "tags": ["tag-without-value:"],
                "settings": {"flatten_cname": true}, "type": "CNAME", "content": "docs-site.pages.dev"})),
            (29, json!({"name": n, "ttl": 1, "type": "MX", "content": "route1.mx.cloudflare.net", "priority": 10})),
            (30, json!({"name": n, "ttl": 1, "type": "MX", "content": "route2.mx.cloudflare.net", "priority": 20})),
            (33, json!({"name": n, "ttl": 1, "type": "TXT", "content": "\"v=spf1 include:_spf.mx.cloudflare.net ~all\""})),
            (34, json!({"name": "_acme-challenge.example.com", "ttl": 120, "comment": "this comment contains cf_tags= as text",
                "type": "TXT", "content": "\"x3JmZ8w0qZbX9vX6M_u1_k2Jr2dIvsTf0mKq9e0pRk8\""})),
        ],
    );
    assert_eq!(issue_list(&zone), ["11:21 zone.soa.skipped"]);
    // Written back and read again: the same records, attributes included.
    let text = format_zone(&zone.records, Some("example.com")).expect("every record can be written");
    let again = parse_zone(&text, &ParseOptions { origin: None, default_ttl: None });
    assert_eq!(again.records, zone.records, "{text}");
    assert!(again.issues.is_empty(), "{:?}", again.issues);
    assert!(text.contains("api.example.com.\t300\tIN\tA\t192.0.2.2 ; API gateway, do not proxy cf_tags=cf-proxied:false,team:platform,owner:\"ops, on call\"\n"), "{text}");
}

#[test]
fn malformed_zone_issues_point_at_line_and_column() {
    let zone = read("malformed.zone", None);
    assert_records(&zone, &[(3, json!({"name": "www.broken.example", "ttl": 300, "type": "A", "content": "192.0.2.1"}))]);
    assert_eq!(
        issue_list(&zone),
        [
            "2:6 zone.ttl.invalid",
            "4:7 zone.ttl.invalid",
            "5:11 zone.quote.unterminated",
            "6:11 zone.rdata.invalid",
            "7:1 zone.include.unsupported",
            "8:11 zone.rdata.invalid",
            "9:7 zone.class.unsupported",
            "10:7 zone.type.unsupported",
            "11:14 zone.type.unknown",
            "12:11 zone.paren.unclosed",
        ]
    );
    let severities: Vec<Severity> = zone.issues.iter().map(|i| i.severity).collect();
    assert_eq!(severities.iter().filter(|s| **s == Severity::Warning).count(), 2, "class and SPF are warnings");
    assert!(zone.has_errors());
    let mx = &zone.issues[3];
    assert!(mx.message.contains("\"ten\""), "{}", mx.message);
}

#[test]
fn directives_owners_ttls_and_classes() {
    let text = "$TTL 300\n\
                a IN 60 A 192.0.2.1\n\
                \t600 A 192.0.2.2\n\
                \tA 192.0.2.3\n\
                $ORIGIN sub\n\
                b A 192.0.2.4\n\
                $ORIGIN other.test.\n\
                @ CNAME x\n\
                c.absolute. A 192.0.2.5\n\
                d 1w2d IN TXT \"a\\\"b\\\\c\\233\"\n";
    let zone = parse_zone(text, &ParseOptions { origin: Some("example.com.".into()), default_ttl: Some(5) });
    let got: Vec<(String, Option<u32>, String)> =
        zone.records.iter().map(|r| (r.common.name.as_deref().unwrap_or_default().to_string(), r.common.ttl, r.data.to_content())).collect();
    let want = [
        ("a.example.com", Some(60), "192.0.2.1"),
        ("a.example.com", Some(600), "192.0.2.2"),
        ("a.example.com", Some(300), "192.0.2.3"),
        ("b.sub.example.com", Some(300), "192.0.2.4"),
        ("other.test", Some(300), "x.other.test"),
        ("c.absolute", Some(300), "192.0.2.5"),
        ("d.other.test", Some(777_600), "\"a\\\"b\\\\c\\233\""),
    ];
    let want: Vec<(String, Option<u32>, String)> = want.iter().map(|(n, t, c)| (n.to_string(), *t, c.to_string())).collect();
    assert_eq!(got, want);
    assert!(zone.issues.is_empty(), "{:?}", zone.issues);
    let chars = txt::character_strings(&zone.records[6].data.to_content()).expect("TXT reads");
    assert_eq!(chars, [b"a\"b\\c\xe9".to_vec()]);
}

#[test]
fn defaults_without_ttl_or_origin_are_reported_once() {
    let zone = parse_zone("www A 192.0.2.1\nmail A 192.0.2.2\n", &ParseOptions::default());
    assert_eq!(zone.records.len(), 2);
    assert_eq!(zone.records[0].common.name.as_deref(), Some("www"));
    assert_eq!(zone.records[0].common.ttl, None);
    assert_eq!(issue_list(&zone), ["1:1 zone.origin.missing", "1:1 zone.ttl.missing"]);
    // RFC 1035: with no $TTL, a record without a TTL takes the last one written.
    let zone = parse_zone("a 120 A 192.0.2.1\nb A 192.0.2.2\n", &ParseOptions { origin: Some("x.test".into()), default_ttl: None });
    assert_eq!(zone.records[1].common.ttl, Some(120));
    assert!(zone.issues.is_empty());
}

#[test]
fn stray_characters_and_unknown_directives() {
    let zone = parse_zone("a A 192.0.2.1 )\n$FOO bar\n  A 192.0.2.9\n", &ParseOptions { origin: Some("x.test".into()), default_ttl: Some(60) });
    assert_eq!(issue_list(&zone), ["1:15 zone.paren.unbalanced", "2:1 zone.directive.unknown", "3:3 zone.owner.missing"]);
    assert!(zone.records.is_empty());
    let zone = parse_zone("x 60 IN\n$TTL\nb 60 IN MX\n", &ParseOptions { origin: Some("x.test".into()), default_ttl: None });
    assert_eq!(issue_list(&zone), ["1:6 zone.type.missing", "2:1 zone.directive.arguments", "3:9 zone.rdata.missing"]);
}

#[test]
fn format_refuses_what_it_cannot_write() {
    let mut records: Vec<Record> = serde_json::from_value(json!([
        {"name": "a.example.com", "type": "A", "content": "192.0.2.1", "comment": "two\nlines"},
        {"type": "A", "content": "192.0.2.1"},
        {"name": "b.example.com", "type": "A", "content": "192.0.2.1", "settings": {"ipv4_only": true}},
        {"name": "c.example.com", "type": "A", "content": "192.0.2.1", "tags": ["bad name:x"]},
        {"name": "d.example.com", "type": "SVCB", "data": {"priority": 1, "target": ".", "value": "alpn=h2 ; x"}}
    ]))
    .expect("records");
    let issues = format_zone(&records, Some("example.com")).expect_err("nothing can be written");
    let got: Vec<(String, String)> = issues.iter().map(|i| (i.pointer.clone(), i.code.to_string())).collect();
    let want = [
        ("/0/comment", "zone.format.comment"),
        ("/1/name", "zone.format.name"),
        ("/2/settings", "zone.format.setting"),
        ("/3/tags/0", "zone.format.tag"),
        ("/4/data", "zone.format.value"),
    ];
    assert_eq!(got, want.iter().map(|(p, c)| (p.to_string(), c.to_string())).collect::<Vec<_>>());
    // An unquoted TXT is written quoted (as Cloudflare stores it), so a `;` in it stays text.
    records = serde_json::from_value(json!([{"name": "t.example.com", "ttl": 60, "type": "TXT", "content": "a;b \"c\""}])).expect("record");
    let text = format_zone(&records, Some("example.com")).expect("written");
    let back = parse_zone(&text, &ParseOptions::default());
    assert_eq!(back.records[0].data.to_content(), "\"a;b \\\"c\\\"\"");
    assert!(back.issues.is_empty());
}

#[test]
fn formatted_zone_looks_like_cloudflare_export() {
    let records: Vec<Record> = serde_json::from_value(json!([
        {"name": "example.com", "ttl": 1, "proxied": true, "type": "A", "content": "192.0.2.1"},
        {"name": "www", "type": "CNAME", "content": "example.com", "proxied": false},
        {"name": "@", "ttl": 300, "type": "MX", "content": "mx.example.net", "priority": 10, "tags": ["team:mail"]},
        {"name": "_sip._tcp.example.com", "ttl": 300, "type": "SRV", "data": {"priority": 1, "weight": 2, "port": 5060, "target": "sip.example.com"}}
    ]))
    .expect("records");
    let text = format_zone(&records, Some("example.com")).expect("written");
    assert_eq!(
        text,
        "$ORIGIN example.com.\n\
         example.com.\t1\tIN\tA\t192.0.2.1 ; cf_tags=cf-proxied:true\n\
         www.example.com.\t1\tIN\tCNAME\texample.com. ; cf_tags=cf-proxied:false\n\
         example.com.\t300\tIN\tMX\t10 mx.example.net. ; cf_tags=team:mail\n\
         _sip._tcp.example.com.\t300\tIN\tSRV\t1 2 5060 sip.example.com.\n"
    );
}

#[test]
fn a_large_zone_reads_in_linear_time() {
    // 40,000 records (about 2 MB) against 10,000: four times the text may take at most about four
    // times as long (8x leaves room for a busy machine; a quadratic reader would take 16x).
    fn zone_of(n: usize) -> String {
        let mut text = String::from("$ORIGIN example.com.\n$TTL 300\n");
        for i in 0..n {
            text.push_str(&format!("host{i} IN A 192.0.2.{} ; web {i} cf_tags=cf-proxied:true,team:web\n", i % 250));
            text.push_str(&format!("       TXT ( \"part one {i}\"\n            \"part two\" )\n"));
        }
        text
    }
    let time = |text: &str| {
        let start = std::time::Instant::now();
        let zone = parse_zone(text, &ParseOptions::default());
        (start.elapsed(), zone.records.len())
    };
    let (small_text, big_text) = (zone_of(5_000), zone_of(20_000));
    let _ = time(&small_text); // warm up
    let (small, n) = time(&small_text);
    assert_eq!(n, 10_000);
    let (big, n) = time(&big_text);
    assert_eq!(n, 40_000);
    assert!(big < small * 8, "10,000 records took {small:?}, 40,000 took {big:?}");
}

// ---------------------------------------------------------------------------------------------
// The round trip: format_zone, then parse_zone, gives the same records back.

const ORIGIN: &str = "example.com";

fn label() -> impl Strategy<Value = String> {
    "[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?|_[a-z]{1,6}"
}

fn host() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::collection::vec(label(), 1..4).prop_map(|l| format!("{}.example.net", l.join("."))),
        prop::collection::vec(label(), 1..3).prop_map(|l| format!("{}.{ORIGIN}", l.join("."))),
    ]
}

fn owner() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(ORIGIN.to_string()),
        prop::collection::vec(label(), 1..4).prop_map(|l| format!("{}.{ORIGIN}", l.join("."))),
        label().prop_map(|l| format!("*.{l}.{ORIGIN}")),
    ]
}

/// Text with what breaks naive writers: quotes, backslashes, `;`, parentheses, non-ASCII, control
/// characters, `cf_tags=`.
fn awkward() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            "[ -~]{1,6}",
            Just("\"".to_string()),
            Just("\\".to_string()),
            Just("\\\"".to_string()),
            Just(";".to_string()),
            Just("()".to_string()),
            Just("é".to_string()),
            Just("日本".to_string()),
            Just("😀".to_string()),
            Just("\u{7}".to_string()),
            Just(" cf_tags=".to_string()),
            Just("  ".to_string()),
        ],
        0..8,
    )
    .prop_map(|parts| parts.concat())
}

fn base64() -> impl Strategy<Value = String> {
    "[A-Za-z0-9+/]{4,60}".prop_map(|s| {
        let n = s.len() / 4 * 4;
        s[..n].to_string()
    })
}

fn hex() -> impl Strategy<Value = String> {
    "([0-9a-f]{2}){1,32}"
}

fn svcb_value() -> impl Strategy<Value = String> {
    let param = prop_oneof![
        Just("alpn=\"h3,h2\"".to_string()),
        Just("alpn=h2".to_string()),
        Just("no-default-alpn".to_string()),
        (1u16..65535).prop_map(|p| format!("port={p}")),
        Just("ipv4hint=192.0.2.1,192.0.2.2".to_string()),
        Just("ipv6hint=2001:db8::1".to_string()),
        Just("mandatory=alpn,port".to_string()),
        Just("ech=\"AEn+DQBFKwAgACABWIHUGj4u+PIggYXcR5JF0gYk3dCRioBW8uJq9H4mKAAIAAEAAQABAANAEnB1YmxpYy50bHMtZWNoLmRldgAA\"".to_string()),
        Just("dohpath=/dns-query{?dns}".to_string()),
        Just("key65000=\"a b\\\"c\"".to_string()),
    ];
    prop::collection::vec(param, 0..5).prop_map(|p| p.join(" "))
}

fn loc_data() -> impl Strategy<Value = loc::LocData> {
    let metres = prop::sample::select(vec![0.0, 1.0, 2.0, 10.0, 30.0, 100.0, 1000.0, 10000.0, 90_000_000.0]);
    (
        (0u8..90, 0u8..60, 0u32..60_000, prop::bool::ANY),
        (0u8..180, 0u8..60, 0u32..60_000, prop::bool::ANY),
        (-10_000_000i64..4_284_967_295),
        (metres.clone(), metres.clone(), metres),
    )
        .prop_map(|((ld, lm, ls, north), (gd, gm, gs, east), alt_cm, (size, hp, vp))| loc::LocData {
            lat_degrees: ld,
            lat_minutes: lm,
            lat_seconds: f64::from(ls) / 1000.0,
            lat_direction: if north { "N" } else { "S" }.into(),
            long_degrees: gd,
            long_minutes: gm,
            long_seconds: f64::from(gs) / 1000.0,
            long_direction: if east { "E" } else { "W" }.into(),
            altitude: alt_cm as f64 / 100.0,
            size,
            precision_horz: hp,
            precision_vert: vp,
        })
}

fn data(kind: RecordType) -> BoxedStrategy<RecordData> {
    use RecordData as D;
    match kind {
        RecordType::A => any::<[u8; 4]>().prop_map(|o| D::A { content: std::net::Ipv4Addr::from(o).to_string().into() }).boxed(),
        RecordType::AAAA => any::<[u8; 16]>().prop_map(|o| D::AAAA { content: std::net::Ipv6Addr::from(o).to_string().into() }).boxed(),
        RecordType::CNAME => host().prop_map(|h| D::CNAME { content: h.into() }).boxed(),
        RecordType::NS => host().prop_map(|h| D::NS { content: h.into() }).boxed(),
        RecordType::PTR => host().prop_map(|h| D::PTR { content: h.into() }).boxed(),
        RecordType::MX => (any::<u16>(), prop_oneof![host(), Just(".".to_string())]).prop_map(|(p, h)| D::MX { content: h.into(), priority: p }).boxed(),
        RecordType::TXT => prop::collection::vec(awkward(), 1..3)
            .prop_map(|parts| D::TXT { content: parts.iter().map(|p| txt::quote(p)).collect::<Vec<_>>().join(" ").into() })
            .boxed(),
        RecordType::OPENPGPKEY => base64().prop_map(|b| D::OPENPGPKEY { content: b.into() }).boxed(),
        // A CAA value cannot hold a `"` (the validator refuses it, so no zone file can carry one).
        RecordType::CAA => (any::<u8>(), prop::sample::select(vec!["issue", "issuewild", "iodef", "issuemail", "tbs"]), awkward())
            .prop_map(|(flags, tag, value)| D::CAA { data: caa::CaaData { flags, tag: tag.into(), value: value.replace('"', "'").into() } })
            .boxed(),
        RecordType::CERT => (any::<u16>(), any::<u16>(), any::<u8>(), base64())
            .prop_map(|(cert_type, key_tag, algorithm, c)| D::CERT { data: cert::CertData { cert_type, key_tag, algorithm, certificate: c.into() } })
            .boxed(),
        RecordType::DNSKEY => (any::<u16>(), any::<u8>(), any::<u8>(), base64())
            .prop_map(|(flags, protocol, algorithm, k)| D::DNSKEY { data: dnssec::DnskeyData { flags, protocol, algorithm, public_key: k.into() } })
            .boxed(),
        RecordType::DS => (any::<u16>(), any::<u8>(), any::<u8>(), hex())
            .prop_map(|(key_tag, algorithm, digest_type, d)| D::DS { data: dnssec::DsData { key_tag, algorithm, digest_type, digest: d.into() } })
            .boxed(),
        RecordType::HTTPS | RecordType::SVCB => (any::<u16>(), prop_oneof![Just(".".to_string()), host()], svcb_value())
            .prop_map(move |(priority, target, value)| {
                let d = svcb::SvcbData { priority, target: target.into(), value: value.into() };
                if kind == RecordType::HTTPS {
                    D::HTTPS { data: d }
                } else {
                    D::SVCB { data: d }
                }
            })
            .boxed(),
        RecordType::LOC => loc_data().prop_map(|d| D::LOC { data: d }).boxed(),
        RecordType::NAPTR => (
            any::<u16>(),
            any::<u16>(),
            prop::sample::select(vec!["", "S", "A", "U", "P", "u"]),
            prop_oneof![Just("E2U+sip".to_string()), Just("SIP+D2U".to_string()), awkward()],
            prop_oneof![
                Just(String::new()),
                Just("!^.*$!sip:info@example.com!".to_string()),
                Just("!^\\+44(.*)$!sip:\\1@example.com!i".to_string()),
                Just("/(.*)/\"quoted\" \\\\1 é/".to_string()),
                awkward(),
            ],
            prop_oneof![Just(".".to_string()), host()],
        )
            .prop_map(|(order, preference, flags, service, regex, replacement)| D::NAPTR {
                data: naptr::NaptrData { order, preference, flags: flags.into(), service: service.into(), regex: regex.into(), replacement: replacement.into() },
            })
            .boxed(),
        RecordType::SMIMEA | RecordType::TLSA => (any::<u8>(), any::<u8>(), any::<u8>(), hex())
            .prop_map(move |(usage, selector, matching_type, c)| {
                let d = dane::DaneData { usage, selector, matching_type, certificate: c.into() };
                if kind == RecordType::TLSA {
                    D::TLSA { data: d }
                } else {
                    D::SMIMEA { data: d }
                }
            })
            .boxed(),
        RecordType::SRV => (any::<u16>(), any::<u16>(), any::<u16>(), prop_oneof![host(), Just(".".to_string())])
            .prop_map(|(priority, weight, port, target)| D::SRV { data: srv::SrvData { priority, weight, port, target: target.into() } })
            .boxed(),
        RecordType::SSHFP => (any::<u8>(), any::<u8>(), hex())
            .prop_map(|(algorithm, fingerprint_type, f)| D::SSHFP { data: sshfp::SshfpData { algorithm, fingerprint_type, fingerprint: f.into() } })
            .boxed(),
        RecordType::URI => (
            any::<u16>(),
            any::<u16>(),
            prop_oneof![Just("https://example.com/a?b=c&d=e".to_string()), Just("ftp://ftp.example.com/pub".to_string()), awkward()],
        )
            .prop_map(|(priority, weight, target)| D::URI { priority, data: uri::UriData { weight, target: target.into() } })
            .boxed(),
    }
}

fn tag() -> impl Strategy<Value = String> {
    ("[A-Za-z0-9_][A-Za-z0-9_-]{0,10}", prop_oneof![Just(String::new()), "[a-z0-9]{1,8}", awkward()])
        .prop_filter("cf- names are reserved", |(name, _)| !name.to_ascii_lowercase().starts_with("cf-"))
        .prop_map(|(name, value)| format!("{name}:{value}"))
}

fn comment() -> impl Strategy<Value = Option<String>> {
    prop::option::of(awkward().prop_map(|c| c.trim().to_string()).prop_filter("a comment has text", |c| !c.is_empty()))
}

fn record() -> impl Strategy<Value = Record> {
    prop::sample::select(RecordType::ALL.to_vec()).prop_flat_map(|kind| {
        let proxied = if kind.proxiable() { prop::option::of(any::<bool>()).boxed() } else { Just(None).boxed() };
        let flatten = if kind == RecordType::CNAME { prop::option::of(Just(true)).boxed() } else { Just(None).boxed() };
        (
            owner(),
            prop_oneof![Just(1u32), 60u32..=86_400],
            proxied,
            comment(),
            prop::collection::vec(tag(), 0..4),
            flatten,
            data(kind),
        )
            .prop_map(|(name, ttl, proxied, comment, tags, flatten, data)| Record {
                common: CommonFields {
                    name: Some(name.into()),
                    ttl: Some(ttl),
                    proxied,
                    comment: comment.map(|c| Some(c.into())),
                    tags: (!tags.is_empty()).then(|| tags.into_iter().map(Into::into).collect()),
                    settings: flatten.map(|f| Settings { flatten_cname: Some(f), ..Settings::default() }),
                    private_routing: None,
                },
                data,
            })
    })
}

/// Whether the validator accepts the record's value (`content`, `data`, `priority`): a zone file
/// can only carry values `fromContent` accepts, and it checks them as a batch record is checked.
fn value_is_valid(record: &Record) -> bool {
    let Ok(text) = serde_json::to_string(record) else { return false };
    let arena = cf_dns_batch::json::Arena::new();
    let Ok(json) = cf_dns_batch::json::Json::parse(&text, &arena) else { return false };
    let (issues, _) = cf_dns_batch::batch::validate_record_json(&json, &Default::default());
    !issues.iter().any(|i| {
        i.severity == cf_dns_batch::Severity::Error && ["/content", "/data", "/priority"].iter().any(|p| i.pointer.starts_with(p))
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1500))]

    #[test]
    fn format_then_parse_gives_the_same_records(records in prop::collection::vec(record().prop_filter("values the validator accepts", value_is_valid), 1..6)) {
        let text = format_zone(&records, Some(ORIGIN)).map_err(|issues| TestCaseError::fail(format!("{issues:?}")))?;
        let zone = parse_zone(&text, &ParseOptions { origin: Some(ORIGIN.into()), default_ttl: None });
        prop_assert!(zone.issues.is_empty(), "{:?}\n{}", zone.issues, text);
        prop_assert_eq!(&zone.records, &records, "{}", text);
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,300}") {
        let zone = parse_zone(&text, &ParseOptions::default());
        prop_assert_eq!(zone.records.len(), zone.positions.len());
        for issue in &zone.issues {
            prop_assert!(issue.line >= 1 && issue.column >= 1);
        }
    }

    #[test]
    fn arbitrary_zone_like_text_never_panics(lines in prop::collection::vec(
        prop_oneof![
            "[a-z@*.]{0,8}[ \t]+([0-9]{1,6}[hms]?[ \t]+)?(IN[ \t]+)?(A|MX|TXT|SRV|CAA|LOC|SVCB|NAPTR|SOA|FOO)[ \t]+[ -~]{0,30}",
            "\\$(ORIGIN|TTL|INCLUDE|GENERATE|X)[ \t]?[ -~]{0,12}",
            "[ -~()\";\\\\]{0,40}",
        ],
        0..12,
    )) {
        let zone = parse_zone(&lines.join("\n"), &ParseOptions { origin: Some(ORIGIN.into()), default_ttl: None });
        prop_assert_eq!(zone.records.len(), zone.positions.len());
    }
}

/// The same round trip with no origin: names are written and read as they are.
#[test]
fn without_an_origin_names_are_kept_as_written() {
    let records: Vec<Record> = serde_json::from_value(json!([
        {"name": "www.example.com", "ttl": 60, "type": "CNAME", "content": "example.com"},
        {"name": "example.com", "ttl": 60, "type": "MX", "content": "mx.example.net", "priority": 10}
    ]))
    .expect("records");
    let text = format_zone(&records, None).expect("written");
    assert!(!text.contains("$ORIGIN"));
    let zone = parse_zone(&text, &ParseOptions::default());
    assert_eq!(zone.records, records);
    assert_eq!(issue_list(&zone), ["1:1 zone.origin.missing"]);
}

#[test]
fn format_from_json_takes_listed_records_and_names_unreadable_ones() {
    use cf_dns_batch::zone::format_zone_json;
    // Records as the list endpoint gives them: response-only fields are ignored.
    let listed = json!([
        {"id": "372e67954025e0ba6aaa6d586b9e0b59", "zone_name": "example.com", "name": "example.com", "type": "CAA",
         "content": "0 issue \"letsencrypt.org\"", "data": {"flags": 0, "tag": "issue", "value": "letsencrypt.org"},
         "proxiable": false, "proxied": false, "ttl": 1, "comment": null, "tags": [], "meta": {"auto_added": false},
         "created_on": "2026-01-01T00:00:00Z", "modified_on": "2026-01-01T00:00:00Z"},
        {"id": "372e67954025e0ba6aaa6d586b9e0b5a", "name": "www.example.com", "type": "A", "content": "192.0.2.1", "proxiable": true,
         "proxied": true, "ttl": 1, "tags": ["team:web"], "comment": "front door"}
    ]);
    let text = format_zone_json(&listed.to_string(), Some("example.com")).expect("written");
    assert_eq!(
        text,
        "$ORIGIN example.com.\n\
         example.com.\t1\tIN\tCAA\t0 issue \"letsencrypt.org\"\n\
         www.example.com.\t1\tIN\tA\t192.0.2.1 ; front door cf_tags=cf-proxied:true,team:web\n"
    );
    let bad = json!([{"name": "a.example.com", "type": "A", "content": "192.0.2.1"}, {"name": "b.example.com", "type": "A", "content": "192.0.2.300"}, 7]);
    let issues = format_zone_json(&bad.to_string(), None).expect_err("refused");
    let got: Vec<(&str, &str)> = issues.iter().map(|i| (i.pointer.as_str(), i.code.as_ref())).collect();
    assert_eq!(got, [("/1/content", "a.content.ipv4"), ("/2", "record.type-of-record")]);
    let issues = format_zone_json("{\"posts\": []}", None).expect_err("refused");
    assert_eq!(issues[0].code, "zone.format.record");
    let issues = format_zone_json("[", None).expect_err("refused");
    assert_eq!(issues[0].code, "zone.format.record");
}
