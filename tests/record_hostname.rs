//! CNAME, NS, PTR and MX: a host name in `content` (MX adds a top-level `priority`).
mod common;
use cf_dns_batch::record::hostname::mx_from_content;
use cf_dns_batch::{RecordData, RecordType};
use common::*;
use proptest::prelude::*;
use serde_json::{json, Value};

fn cname(content: &str) -> Value {
    json!({"type":"CNAME","name":"www.example.com","ttl":1,"content":content})
}

fn ns(content: Value) -> Value {
    json!({"type":"NS","name":"sub.example.com","ttl":3600,"content":content})
}

fn ptr(content: Value) -> Value {
    json!({"type":"PTR","name":"1.2.0.192.in-addr.arpa","ttl":1,"content":content})
}

fn mx(content: Value, priority: Value) -> Value {
    json!({"type":"MX","name":"example.com","ttl":1,"content":content,"priority":priority})
}

// ---- CNAME ----

#[test]
fn valid_cname_records() {
    assert_clean(cname("target.example.net"));
    assert_clean(cname("target.example.net."));
    assert_clean(cname("xn--bcher-kva.example"));
    assert_clean(cname("bücher.example"));
    assert_clean(cname("_acme-challenge.auth.example.org"));
    assert_clean(cname("www"));
    assert_clean(json!({"type":"CNAME","name":"@","ttl":1,"content":"example.pages.dev","proxied":true}));
    assert_clean(json!({"type":"CNAME","name":"*.example.com","ttl":1,"content":"lb.example.net","proxied":true}));
    assert_clean(json!({"type":"CNAME","name":"docs","ttl":300,"content":"docs.example.net","settings":{"flatten_cname":true}}));
}

#[test]
fn invalid_cname_records() {
    assert_error(json!({"type":"CNAME","name":"www.example.com","ttl":1,"content":"www.example.com"}), "cname.content.self", "/content");
    assert_error(json!({"type":"CNAME","name":"WWW.example.com.","ttl":1,"content":"www.example.com"}), "cname.content.self", "/content");
    assert_error(cname("*.example.net"), "cname.content.wildcard", "/content");
    assert_error(cname("a..example.net"), "cname.content.empty-label", "/content");
    assert_error(cname(""), "cname.content.empty", "/content");
    assert_error(cname("a b.example.net"), "cname.content.charset", "/content");
    assert_error(cname("a!b.example.net"), "cname.content.charset", "/content");
    assert_error(cname("@"), "cname.content.at-sign", "/content");
    assert_error(cname("."), "cname.content.root", "/content");
    assert_error(cname(&format!("{}.example.net", "a".repeat(64))), "cname.content.label-length", "/content");
    assert_error(cname(&vec!["abcdefghij"; 24].join(".")), "cname.content.length", "/content");
    assert_error(json!({"type":"CNAME","name":"www","ttl":1,"content":true}), "cname.content.type", "/content");
    assert_error(json!({"type":"CNAME","name":"www","ttl":1}), "cname.content.required", "");
}

#[test]
fn cname_rfc_advice() {
    assert_warning(cname("192.0.2.1"), "cname.content.ip", "/content");
    assert_strict_error(cname("192.0.2.1"), "cname.content.ip", "/content");
    assert_warning(cname("-bad.example.net"), "cname.content.hyphen", "/content");
    assert_strict_error(cname("bad-.example.net"), "cname.content.hyphen", "/content");
}

// ---- NS ----

#[test]
fn valid_ns_records() {
    assert_clean(ns(json!("ns1.example.net")));
    assert_clean(ns(json!("ns1.example.net.")));
    assert_clean(ns(json!("a.iana-servers.net")));
    assert_clean(ns(json!("NS2.EXAMPLE.ORG")));
    assert_clean(ns(json!("ns.xn--bcher-kva.example")));
    assert_clean(json!({"type":"NS","name":"deleg","ttl":1,"content":"ns.provider.example"}));
}

#[test]
fn invalid_ns_records() {
    assert_error(ns(json!("")), "ns.content.empty", "/content");
    assert_error(ns(json!("ns1..example.net")), "ns.content.empty-label", "/content");
    assert_error(ns(json!("ns 1.example.net")), "ns.content.charset", "/content");
    assert_error(ns(json!("*.example.net")), "ns.content.wildcard", "/content");
    assert_error(ns(json!(".")), "ns.content.root", "/content");
    assert_error(ns(json!(format!("{}.net", "n".repeat(64)))), "ns.content.label-length", "/content");
    assert_error(ns(json!(53)), "ns.content.type", "/content");
    assert_error(json!({"type":"NS","name":"sub","ttl":1,"proxied":true,"content":"ns1.example.net"}), "record.proxied.not-proxiable", "/proxied");
    assert_error(json!({"type":"NS","name":"sub","ttl":1,"data":{"target":"ns1.example.net"}}), "ns.content.required", "");
    assert_warning(json!({"type":"NS","name":"sub","ttl":1,"data":{"target":"ns1.example.net"}}), "record.data.content-kind", "/data");
    assert_warning(ns(json!("192.0.2.53")), "ns.content.ip", "/content");
    assert_strict_error(ns(json!("192.0.2.53")), "ns.content.ip", "/content");
}

// ---- PTR ----

#[test]
fn valid_ptr_records() {
    assert_clean(ptr(json!("host.example.com")));
    assert_clean(ptr(json!("host.example.com.")));
    assert_clean(ptr(json!("mail-01.example.org")));
    assert_clean(json!({"type":"PTR","name":"1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa","ttl":1,"content":"v6.example.com"}));
    assert_clean(json!({"type":"PTR","name":"5","ttl":1,"content":"five.example.com"}));
    assert_clean(ptr(json!("_service.example.com")));
}

#[test]
fn invalid_ptr_records() {
    assert_error(ptr(json!("")), "ptr.content.empty", "/content");
    assert_error(ptr(json!("host..example.com")), "ptr.content.empty-label", "/content");
    assert_error(ptr(json!("host/1.example.com")), "ptr.content.charset", "/content");
    assert_error(ptr(json!("*.example.com")), "ptr.content.wildcard", "/content");
    assert_error(ptr(json!("host.@")), "ptr.content.at-sign", "/content");
    assert_error(ptr(json!(null)), "ptr.content.type", "/content");
    assert_error(json!({"type":"PTR","name":"1.2.0.192.in-addr.arpa","ttl":1,"proxied":true,"content":"h.example.com"}), "record.proxied.not-proxiable", "/proxied");
    assert_warning(ptr(json!("192.0.2.1")), "ptr.content.ip", "/content");
    assert_strict_error(ptr(json!("192.0.2.1")), "ptr.content.ip", "/content");
}

// ---- MX ----

#[test]
fn valid_mx_records() {
    assert_clean(mx(json!("mail.example.com"), json!(10)));
    assert_clean(mx(json!("mail.example.com."), json!(0)));
    assert_clean(mx(json!("mx1.example.net"), json!(65535)));
    assert_clean(mx(json!("mx2.example.net"), json!(20.0)));
    assert_clean(mx(json!("."), json!(0)));
    assert_clean(json!({"type":"MX","name":"@","ttl":300,"content":"aspmx.l.google.com","priority":1}));
    assert_clean(json!({"type":"MX","name":"*.example.com","ttl":1,"content":"mail","priority":5}));
}

#[test]
fn invalid_mx_records() {
    assert_error(json!({"type":"MX","name":"example.com","ttl":1,"content":"mail.example.com"}), "mx.priority.required", "");
    assert_error(mx(json!("mail.example.com"), json!(70000)), "mx.priority.range", "/priority");
    assert_error(mx(json!("mail.example.com"), json!(-1)), "mx.priority.range", "/priority");
    assert_error(mx(json!("mail.example.com"), json!("10")), "mx.priority.type", "/priority");
    assert_error(mx(json!("mail.example.com"), json!(1.5)), "mx.priority.integer", "/priority");
    assert_error(mx(json!("*.example.com"), json!(10)), "mx.content.wildcard", "/content");
    assert_error(mx(json!("mail..example.com"), json!(10)), "mx.content.empty-label", "/content");
    assert_error(mx(json!(""), json!(10)), "mx.content.empty", "/content");
    assert_error(json!({"type":"MX","name":"example.com","ttl":1,"priority":10}), "mx.content.required", "");
    assert_error(
        json!({"type":"MX","name":"example.com","ttl":1,"proxied":true,"content":"mail.example.com","priority":10}),
        "record.proxied.not-proxiable",
        "/proxied",
    );
}

#[test]
fn mx_rfc_advice() {
    assert_warning(mx(json!("."), json!(10)), "mx.content.null-mx", "/content");
    assert_strict_error(mx(json!("."), json!(10)), "mx.content.null-mx", "/content");
    assert_warning(mx(json!("192.0.2.25"), json!(10)), "mx.content.ip", "/content");
    assert_strict_error(mx(json!("192.0.2.25"), json!(10)), "mx.content.ip", "/content");
    assert_valid(mx(json!("192.0.2.25"), json!(10)));
}

#[test]
fn mx_presentation() {
    assert_eq!(
        RecordData::from_content(RecordType::MX, "  10   mail.example.com ").unwrap(),
        RecordData::MX { content: "mail.example.com".into(), priority: 10 }
    );
    assert_eq!(RecordData::MX { content: ".".into(), priority: 0 }.to_content(), "0 .");
    assert_eq!(mx_from_content("0 .").unwrap(), (0, ".".to_string()));
    for bad in ["", "10", "mail.example.com", "x mail.example.com", "70000 mail.example.com", "-1 mail", "10 a b"] {
        assert!(mx_from_content(bad).is_err(), "{bad:?} should not parse");
        assert!(RecordData::from_content(RecordType::MX, bad).is_err(), "{bad:?} should not parse");
    }
    for kind in [RecordType::CNAME, RecordType::NS, RecordType::PTR] {
        let d = RecordData::from_content(kind, "host.example.com.").unwrap();
        assert_eq!(d.record_type(), kind);
        assert_eq!(d.to_content(), "host.example.com.");
    }
}

const HOST: &str = "([a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?\\.){1,4}[a-z]{2,8}\\.?";

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn mx_round_trips(priority in any::<u16>(), host in HOST) {
        let d = RecordData::MX { content: host.into(), priority };
        prop_assert_eq!(RecordData::from_content(RecordType::MX, &d.to_content()).unwrap(), d);
    }

    #[test]
    fn generated_mx_records_validate(priority in any::<u16>(), host in HOST) {
        let record = mx(json!(host), json!(priority));
        prop_assert!(issues_of(record.clone(), &Default::default()).is_empty(), "{}", record);
    }

    #[test]
    fn generated_targets_validate_for_every_host_kind(host in HOST, kind in prop::sample::select(vec!["CNAME", "NS", "PTR"])) {
        let record = json!({"type":kind,"name":"alias.example.org","ttl":1,"content":host});
        prop_assert!(issues_of(record.clone(), &Default::default()).is_empty(), "{}", record);
    }
}
