//! A and AAAA: an address in `content`.
mod common;
use cf_dns_batch::record::address::canonical_ipv6;
use cf_dns_batch::{RecordData, RecordType};
use common::*;
use proptest::prelude::*;
use serde_json::{json, Value};
use std::net::{Ipv4Addr, Ipv6Addr};

fn a(content: Value) -> Value {
    json!({"type":"A","name":"www.example.com","ttl":1,"content":content})
}

fn aaaa(content: Value) -> Value {
    json!({"type":"AAAA","name":"www.example.com","ttl":1,"content":content})
}

#[test]
fn valid_a_records() {
    assert_clean(a(json!("192.0.2.1")));
    assert_clean(a(json!("198.51.100.255")));
    assert_clean(a(json!("203.0.113.0")));
    assert_clean(a(json!("10.0.0.1")));
    assert_clean(a(json!("255.255.255.254")));
    assert_clean(json!({"type":"A","name":"@","ttl":300,"content":"1.1.1.1","proxied":false}));
    assert_clean(json!({"type":"A","name":"*.example.com","ttl":1,"content":"192.0.2.10","proxied":true}));
    assert_clean(json!({"type":"A","name":"app","ttl":1,"content":"192.0.2.20","proxied":true,"private_routing":true}));
    assert_clean(json!({"type":"A","name":"v4.example.com","ttl":1,"content":"192.0.2.30","proxied":true,"settings":{"ipv4_only":true}}));
}

#[test]
fn invalid_a_records() {
    assert_error(a(json!("192.0.2.300")), "a.content.ipv4", "/content");
    assert_error(a(json!("1.1")), "a.content.ipv4", "/content");
    assert_error(a(json!("010.0.0.1")), "a.content.ipv4", "/content");
    assert_error(a(json!("2001:db8::1")), "a.content.ipv4", "/content");
    assert_error(a(json!("")), "a.content.ipv4", "/content");
    assert_error(a(json!(" 192.0.2.1")), "a.content.ipv4", "/content");
    assert_error(a(json!("192.0.2.1/24")), "a.content.ipv4", "/content");
    assert_error(a(json!(3221225985u32)), "a.content.type", "/content");
    assert_error(json!({"type":"A","name":"www.example.com","ttl":1}), "a.content.required", "");
}

#[test]
fn ipv6_in_an_a_record_says_where_it_belongs() {
    let issues = issues_of(a(json!("2001:db8::1")), &Default::default());
    assert!(issues.iter().any(|i| i.message.contains("AAAA")), "{issues:#?}");
}

#[test]
fn special_ipv4_addresses_are_rfc_advice() {
    for ip in ["0.0.0.0", "255.255.255.255", "224.0.0.1"] {
        assert_valid(a(json!(ip)));
        assert_warning(a(json!(ip)), "a.content.special", "/content");
        assert_strict_error(a(json!(ip)), "a.content.special", "/content");
    }
}

#[test]
fn valid_aaaa_records() {
    assert_clean(aaaa(json!("2001:db8::1")));
    assert_clean(aaaa(json!("2001:DB8:0:0:0:0:0:1")));
    assert_clean(aaaa(json!("2606:4700:4700::1111")));
    assert_clean(aaaa(json!("fe80::1")));
    assert_clean(aaaa(json!("::1")));
    assert_clean(aaaa(json!("2001:db8::192.0.2.1")));
    assert_clean(json!({"type":"AAAA","name":"@","ttl":60,"content":"2001:db8:85a3::8a2e:370:7334"}));
    assert_clean(json!({"type":"AAAA","name":"v6","ttl":1,"content":"2001:db8::2","proxied":true,"settings":{"ipv6_only":true}}));
}

#[test]
fn invalid_aaaa_records() {
    assert_error(aaaa(json!("2001:db8::g")), "aaaa.content.ipv6", "/content");
    assert_error(aaaa(json!("2001:db8:::1")), "aaaa.content.ipv6", "/content");
    assert_error(aaaa(json!("[2001:db8::1]")), "aaaa.content.ipv6", "/content");
    assert_error(aaaa(json!("192.0.2.1")), "aaaa.content.ipv6", "/content");
    assert_error(aaaa(json!("1:2:3:4:5:6:7:8:9")), "aaaa.content.ipv6", "/content");
    assert_error(aaaa(json!("")), "aaaa.content.ipv6", "/content");
    assert_error(aaaa(json!("fe80::1%eth0")), "aaaa.content.zone-index", "/content");
    assert_error(aaaa(json!(["2001:db8::1"])), "aaaa.content.type", "/content");
    assert_error(json!({"type":"AAAA","name":"www.example.com","ttl":1}), "aaaa.content.required", "");
}

#[test]
fn special_ipv6_addresses_are_rfc_advice() {
    assert_warning(aaaa(json!("::ffff:192.0.2.1")), "aaaa.content.mapped", "/content");
    assert_strict_error(aaaa(json!("::ffff:192.0.2.1")), "aaaa.content.mapped", "/content");
    assert_warning(aaaa(json!("::")), "aaaa.content.special", "/content");
    assert_warning(aaaa(json!("ff02::1")), "aaaa.content.special", "/content");
    assert_strict_error(aaaa(json!("ff02::1")), "aaaa.content.special", "/content");
    assert_valid(aaaa(json!("ff02::1")));
}

#[test]
fn address_presentation() {
    assert_eq!(RecordData::from_content(RecordType::A, " 192.0.2.1 ").unwrap(), RecordData::A { content: "192.0.2.1".into() });
    assert_eq!(RecordData::A { content: "192.0.2.1".into() }.to_content(), "192.0.2.1");
    assert_eq!(canonical_ipv6("2001:DB8:0:0:0:0:0:1").as_deref(), Some("2001:db8::1"));
    assert_eq!(canonical_ipv6("fe80::0:0:1").as_deref(), Some("fe80::1"));
    assert_eq!(canonical_ipv6("not an address"), None);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn every_ipv4_address_is_accepted(bits in any::<u32>()) {
        let ip = Ipv4Addr::from(bits);
        let record = a(json!(ip.to_string()));
        prop_assert!(errors_of(record.clone()).is_empty(), "{}", record);
        let d = RecordData::A { content: ip.to_string().into() };
        prop_assert_eq!(RecordData::from_content(RecordType::A, &d.to_content()).unwrap(), d);
    }

    #[test]
    fn every_ipv6_address_is_accepted(bits in any::<u128>()) {
        let ip = Ipv6Addr::from(bits);
        let record = aaaa(json!(ip.to_string()));
        prop_assert!(errors_of(record.clone()).is_empty(), "{}", record);
        let d = RecordData::AAAA { content: ip.to_string().into() };
        prop_assert_eq!(RecordData::from_content(RecordType::AAAA, &d.to_content()).unwrap(), d);
        prop_assert_eq!(canonical_ipv6(&ip.to_string()), Some(ip.to_string()));
    }

    #[test]
    fn leading_zeros_are_refused(a1 in 0u8..=255, b in 0u8..=255) {
        let record = a(json!(format!("0{a1}.{b}.0.1")));
        prop_assert!(errors_of(record.clone()).iter().any(|i| i.code == "a.content.ipv4"), "{}", record);
    }
}
