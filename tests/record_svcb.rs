mod common;
use cf_dns_batch::record::svcb::{from_content, to_content, SvcbData};
use cf_dns_batch::{validate_batch_json, RecordData, RecordType, ValidateOptions};
use common::*;
use proptest::prelude::*;
use serde_json::{json, Value};

const KINDS: [&str; 2] = ["SVCB", "HTTPS"];

fn rec(kind: &str, data: Value) -> Value {
    let name = if kind == "SVCB" { "_dns.example.com" } else { "example.com" };
    json!({"type":kind,"name":name,"ttl":1,"data":data})
}

fn svc(kind: &str, value: &str) -> Value {
    rec(kind, json!({"priority":1,"target":".","value":value}))
}

/// `svcb.data.value.<rule>` or `https.data.value.<rule>`.
fn code(kind: &str, rule: &str) -> String {
    format!("{}.data.{rule}", kind.to_ascii_lowercase())
}

#[test]
fn valid_service_and_alias_records() {
    for kind in KINDS {
        assert_clean(svc(kind, "alpn=\"h3,h2\""));
        assert_clean(svc(kind, "alpn=h2 port=8443 ipv4hint=192.0.2.1,192.0.2.2 ipv6hint=2001:db8::1,2001:db8::2"));
        assert_clean(rec(kind, json!({"priority":0,"target":"svc.example.net.","value":""})));
        assert_clean(rec(kind, json!({"priority":0,"target":"svc.example.net"})));
        assert_clean(rec(kind, json!({"priority":65535,"target":"pool.svc.example.net","value":""})));
        assert_clean(svc(kind, "mandatory=alpn,ipv4hint alpn=h2 ipv4hint=192.0.2.1"));
        assert_clean(svc(kind, "mandatory=key4 alpn=h2 ipv4hint=192.0.2.1"));
        assert_clean(svc(kind, "alpn=h2 ech=\"aGVsbG93b3JsZCE=\""));
        assert_clean(svc(kind, "alpn=h2 no-default-alpn"));
        assert_clean(svc(kind, "alpn=h2 no-default-alpn=\"\""));
        assert_clean(svc(kind, "key65000=foo key7777 key1=\\002h2"));
        assert_clean(svc(kind, "alpn=foo\\\\,bar,h2"));
        assert_clean(svc(kind, "alpn=h2 ohttp tls-supported-groups=29,23"));
        assert_clean(svc(kind, "port=\"443\" alpn=\"h2\"  \t ipv4hint=\"192.0.2.1\""));
        assert_clean(svc(kind, "alpn=\\104\\050"));
    }
    assert_clean(svc("SVCB", "alpn=h2 dohpath=/dns-query{?dns}"));
    assert_clean(svc("SVCB", "alpn=h2 port=853"));
    assert_clean(svc("SVCB", "mandatory=port alpn=dot port=853"));
}

#[test]
fn invalid_fields() {
    for kind in KINDS {
        assert_error(rec(kind, json!({"priority":70000,"target":".","value":""})), &code(kind, "priority.range"), "/data/priority");
        assert_error(rec(kind, json!({"priority":"1","target":".","value":""})), &code(kind, "priority.type"), "/data/priority");
        assert_error(rec(kind, json!({"priority":1,"value":""})), &code(kind, "target.required"), "/data");
        assert_error(rec(kind, json!({"priority":1,"target":"*.example.com","value":""})), &code(kind, "target.wildcard"), "/data/target");
        assert_error(rec(kind, json!({"priority":1,"target":"a..b","value":""})), &code(kind, "target.empty-label"), "/data/target");
        assert_error(rec(kind, json!({"priority":1,"target":".","value":7})), &code(kind, "value.type"), "/data/value");
        assert_error(json!({"type":kind,"name":"example.com","ttl":1,"data":"1 . alpn=h2"}), &code(kind, "type"), "/data");
        assert_warning(rec(kind, json!({"priority":1,"target":".","value":"","alpn":"h2"})), &code(kind, "unknown-field"), "/data/alpn");
        assert_warning(rec(kind, json!({"priority":1,"target":"192.0.2.1","value":""})), &code(kind, "target.ip"), "/data/target");
    }
}

#[test]
fn invalid_keys_and_duplicates() {
    for kind in KINDS {
        let value_code = |rule: &str| code(kind, &format!("value.{rule}"));
        assert_error(svc(kind, "alpn=h2 foo=bar"), &value_code("unknown-key"), "/data/value");
        assert_error(svc(kind, "ALPN=h2"), &value_code("unknown-key"), "/data/value");
        assert_error(svc(kind, "echconfig=aGVsbG8="), &value_code("unknown-key"), "/data/value");
        assert_error(svc(kind, "1 . alpn=h2"), &value_code("unknown-key"), "/data/value");
        assert_error(svc(kind, "key65535=x"), &value_code("invalid-key"), "/data/value");
        assert_error(svc(kind, "key70000=x"), &value_code("invalid-key"), "/data/value");
        assert_error(svc(kind, "alpn=h2 alpn=h3"), &value_code("duplicate-key"), "/data/value");
        assert_error(svc(kind, "alpn=h2 key1=\\002h3"), &value_code("duplicate-key"), "/data/value");
        assert_warning(svc(kind, "key0123=x"), &value_code("key-format"), "/data/value");
        assert_strict_error(svc(kind, "key0123=x"), &value_code("key-format"), "/data/value");
    }
}

#[test]
fn invalid_mandatory() {
    for kind in KINDS {
        let value_code = |rule: &str| code(kind, &format!("value.{rule}"));
        assert_error(svc(kind, "mandatory alpn=h2"), &value_code("mandatory-empty"), "/data/value");
        assert_error(svc(kind, "mandatory=\"\" alpn=h2"), &value_code("mandatory-empty"), "/data/value");
        assert_error(svc(kind, "mandatory=alpn,,port alpn=h2 port=1"), &value_code("mandatory-empty"), "/data/value");
        assert_error(svc(kind, "mandatory=mandatory,alpn alpn=h2"), &value_code("mandatory-self"), "/data/value");
        assert_error(svc(kind, "mandatory=alpn,key1 alpn=h2"), &value_code("mandatory-duplicate"), "/data/value");
        assert_error(svc(kind, "mandatory=ipv4hint alpn=h2"), &value_code("mandatory-missing"), "/data/value");
        assert_error(svc(kind, "mandatory=bogus alpn=h2"), &value_code("unknown-key"), "/data/value");
    }
    // HTTPS: `port` and `no-default-alpn` are automatically mandatory (RFC 9460 §9).
    let automatic = svc("HTTPS", "mandatory=port alpn=h2 port=8443");
    assert_valid(automatic.clone());
    assert_warning(automatic.clone(), "https.data.value.mandatory-automatic", "/data/value");
    assert_strict_error(automatic, "https.data.value.mandatory-automatic", "/data/value");
}

#[test]
fn invalid_key_values() {
    for kind in KINDS {
        let value_code = |rule: &str| code(kind, &format!("value.{rule}"));
        assert_error(svc(kind, "alpn"), &value_code("alpn-empty"), "/data/value");
        assert_error(svc(kind, "alpn=\"\""), &value_code("alpn-empty"), "/data/value");
        assert_error(svc(kind, "alpn=h2,,h3"), &value_code("alpn-empty"), "/data/value");
        assert_error(svc(kind, "alpn=h2,"), &value_code("alpn-empty"), "/data/value");
        assert_error(svc(kind, &format!("alpn={}", "x".repeat(256))), &value_code("alpn-length"), "/data/value");
        assert_error(svc(kind, "alpn=h2 no-default-alpn=h3"), &value_code("no-default-alpn-value"), "/data/value");
        assert_error(svc(kind, "no-default-alpn"), &value_code("no-default-alpn-alone"), "/data/value");
        assert_error(svc(kind, "port=70000"), &value_code("port"), "/data/value");
        assert_error(svc(kind, "port=https"), &value_code("port"), "/data/value");
        assert_error(svc(kind, "port"), &value_code("port"), "/data/value");
        assert_error(svc(kind, "ipv4hint=192.0.2"), &value_code("ipv4hint"), "/data/value");
        assert_error(svc(kind, "ipv4hint=2001:db8::1"), &value_code("ipv4hint"), "/data/value");
        assert_error(svc(kind, "ipv4hint"), &value_code("ipv4hint"), "/data/value");
        assert_error(svc(kind, "ipv6hint=192.0.2.1"), &value_code("ipv6hint"), "/data/value");
        assert_error(svc(kind, "ech=not*base64"), &value_code("ech"), "/data/value");
        assert_error(svc(kind, "dohpath"), &value_code("dohpath-empty"), "/data/value");
        assert_error(svc(kind, "ohttp=1"), &value_code("ohttp-value"), "/data/value");
        assert_error(svc(kind, "tls-supported-groups=x25519"), &value_code("tls-supported-groups"), "/data/value");
        assert_warning(svc(kind, "tls-supported-groups=29,29"), &value_code("tls-supported-groups-duplicate"), "/data/value");
        assert_warning(svc(kind, "alpn=h2 ech"), &value_code("ech-empty"), "/data/value");
    }
    let no_dns = svc("SVCB", "alpn=h2 dohpath=/dns-query");
    assert_valid(no_dns.clone());
    assert_warning(no_dns.clone(), "svcb.data.value.dohpath-dns", "/data/value");
    assert_strict_error(no_dns, "svcb.data.value.dohpath-dns", "/data/value");
    assert_warning(svc("SVCB", "alpn=h2 dohpath=dns-query{?dns}"), "svcb.data.value.dohpath-path", "/data/value");
}

#[test]
fn invalid_syntax() {
    for kind in KINDS {
        let syntax = code(kind, "value.syntax");
        assert_error(svc(kind, "alpn=\"h2"), &syntax, "/data/value");
        assert_error(svc(kind, "=h2"), &syntax, "/data/value");
        assert_error(svc(kind, "alpn=h\"2\""), &syntax, "/data/value");
        assert_error(svc(kind, "alpn=\"h2\"port=1"), &syntax, "/data/value");
        assert_error(svc(kind, "alpn=h2\\"), &syntax, "/data/value");
        assert_error(svc(kind, "alpn=\\2h2"), &syntax, "/data/value");
        assert_error(svc(kind, "alpn=\\300"), &syntax, "/data/value");
    }
}

#[test]
fn alias_mode_rules() {
    for kind in KINDS {
        // RFC 9460 §2.4.2: SvcParams in AliasMode SHOULD NOT be there and are ignored.
        let with_params = rec(kind, json!({"priority":0,"target":"svc.example.net","value":"alpn=h2"}));
        assert_valid(with_params.clone());
        assert_warning(with_params.clone(), &code(kind, "value.alias-mode"), "/data/value");
        assert_strict_error(with_params, &code(kind, "value.alias-mode"), "/data/value");
        // Errors inside the ignored SvcParams are still errors: the API has to parse them.
        assert_error(rec(kind, json!({"priority":0,"target":"svc.example.net","value":"port=x"})), &code(kind, "value.port"), "/data/value");
        // Target "." in AliasMode: "service not available" (RFC 9460 §2.5.1); advice only.
        let null = rec(kind, json!({"priority":0,"target":".","value":""}));
        assert_warning(null.clone(), &code(kind, "target.alias-null"), "/data/target");
        let strict = ValidateOptions { strict: true, ..Default::default() };
        assert!(issues_of(null, &strict).iter().all(|i| i.severity == cf_dns_batch::Severity::Warning));
    }
}

#[test]
fn every_problem_is_reported() {
    let issues = issues_of(svc("HTTPS", "alpn=\"\" port=x ipv4hint=1 foo"), &ValidateOptions::default());
    let codes: Vec<&str> = issues.iter().map(|i| i.code.as_ref()).collect();
    for expected in ["https.data.value.alpn-empty", "https.data.value.port", "https.data.value.ipv4hint", "https.data.value.unknown-key"] {
        assert!(codes.contains(&expected), "{expected} missing from {codes:?}");
    }
}

#[test]
fn typed_record_keeps_the_value_trimmed() {
    let batch = json!({"zone_id": ZONE, "posts": [
        svc("HTTPS", "  alpn=h2  "),
        rec("SVCB", json!({"priority":0,"target":"svc.example.net"})),
    ]});
    let v = validate_batch_json(&batch.to_string(), &ValidateOptions::default());
    let posts = v.params.expect("valid batch").posts;
    assert_eq!(posts[0].data, RecordData::HTTPS { data: SvcbData { priority: 1, target: ".".into(), value: "alpn=h2".into() } });
    assert_eq!(posts[1].data, RecordData::SVCB { data: SvcbData { priority: 0, target: "svc.example.net".into(), value: Default::default() } });
}

#[test]
fn presentation_examples() {
    let d = SvcbData { priority: 1, target: ".".into(), value: "alpn=\"h3,h2\" port=443".into() };
    assert_eq!(to_content(&d), "1 . alpn=\"h3,h2\" port=443");
    assert_eq!(from_content("1 . alpn=\"h3,h2\" port=443").unwrap(), d);
    assert_eq!(from_content("0   svc.example.net.").unwrap(), SvcbData { priority: 0, target: "svc.example.net.".into(), value: Default::default() });
    assert_eq!(
        RecordData::from_content(RecordType::HTTPS, "1 . alpn=h2").unwrap(),
        RecordData::HTTPS { data: SvcbData { priority: 1, target: ".".into(), value: "alpn=h2".into() } }
    );
    assert!(matches!(RecordData::from_content(RecordType::SVCB, "1 . alpn=h2").unwrap(), RecordData::SVCB { .. }));
}

#[test]
fn presentation_errors() {
    assert!(from_content("").is_err());
    assert!(from_content("1").is_err());
    assert!(from_content("70000 . alpn=h2").is_err());
    assert!(from_content("high . alpn=h2").is_err());
    assert!(RecordData::from_content(RecordType::HTTPS, "-1 .").is_err());
}

fn target() -> impl Strategy<Value = String> {
    prop_oneof![Just(".".to_string()), "[a-z][a-z0-9-]{0,10}(\\.[a-z][a-z0-9]{0,10}){0,3}\\.?"]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn content_round_trips(priority in any::<u16>(), target in target(), value in "[ -~\t]{0,60}") {
        let d = SvcbData { priority, target: target.into(), value: value.trim().into() };
        prop_assert_eq!(from_content(&to_content(&d)).unwrap(), d);
    }

    #[test]
    fn generated_params_validate(port in any::<u16>(), a in 0u8..=255, b in 0u8..=255,
                                 alpn in proptest::sample::subsequence(vec!["h3", "h2", "http/1.1"], 1..=3),
                                 key in 10u16..65535) {
        let value = format!("alpn=\"{}\" port={port} ipv4hint=192.0.{a}.{b} key{key}=x mandatory=alpn,port", alpn.join(","));
        let record = svc("SVCB", &value);
        let errors = errors_of(record);
        prop_assert!(errors.is_empty(), "{value}: {errors:?}");
    }
}

#[test]
fn patches_check_only_what_they_send() {
    let batch = json!({"zone_id": ZONE, "patches": [{"id":"023e105f4ecef8ad9ca31a8372d0c353","type":"HTTPS","data":{"value":"alpn=h2 foo"}}]});
    let issues = validate_batch_json(&batch.to_string(), &ValidateOptions::default()).issues;
    let codes: Vec<&str> = issues.iter().map(|i| i.code.as_ref()).collect();
    assert!(codes.contains(&"https.data.value.unknown-key"), "{codes:?}");
    assert!(!codes.iter().any(|c| c.ends_with(".required")), "{codes:?}");
}

/// RFC 9460 §2.1: `keyNNNNN=value` gives the key's wire-format octets, so a registered key written
/// that way is held to its own rules, read from those octets.
#[test]
fn known_keys_in_generic_form_are_checked_as_wire_format() {
    for kind in KINDS {
        let value_code = |rule: &str| code(kind, &format!("value.{rule}"));
        // Well-formed wire values.
        assert_clean(svc(kind, "alpn=h2 key3=\\001\\187"));
        assert_clean(svc(kind, "alpn=h2 key4=\\192\\000\\002\\001"));
        assert_clean(svc(kind, "key1=\\002h2\\002h3"));
        assert_clean(svc(kind, "alpn=h2 key6=\\032\\001\\013\\184\\000\\000\\000\\000\\000\\000\\000\\000\\000\\000\\000\\001"));
        assert_clean(svc(kind, "alpn=h2 ipv4hint=192.0.2.1 key0=\\000\\004"));
        assert_clean(svc(kind, "alpn=h2 key8"));
        // `key3=443` is three octets, not a 2-octet port; `key4=1.2.3.4` seven, not 4 per address.
        assert_error(svc(kind, "alpn=h2 key3=443"), &value_code("port"), "/data/value");
        assert_error(svc(kind, "alpn=h2 key4=1.2.3.4"), &value_code("ipv4hint"), "/data/value");
        assert_error(svc(kind, "alpn=h2 key4"), &value_code("ipv4hint"), "/data/value");
        assert_error(svc(kind, "alpn=h2 key6=2001:db8::1"), &value_code("ipv6hint"), "/data/value");
        assert_error(svc(kind, "key1=h2"), &value_code("wire-format"), "/data/value");
        assert_error(svc(kind, "key1"), &value_code("alpn-empty"), "/data/value");
        assert_error(svc(kind, "key1=\\000"), &value_code("alpn-empty"), "/data/value");
        assert_error(svc(kind, "alpn=h2 key2=x"), &value_code("no-default-alpn-value"), "/data/value");
        assert_error(svc(kind, "alpn=h2 key8=x"), &value_code("ohttp-value"), "/data/value");
        assert_error(svc(kind, "alpn=h2 key9=\\000"), &value_code("tls-supported-groups"), "/data/value");
        assert_error(svc(kind, "alpn=h2 key7"), &value_code("dohpath-empty"), "/data/value");
        assert_warning(svc(kind, "alpn=h2 key7=/q"), &value_code("dohpath-dns"), "/data/value");
        assert_warning(svc(kind, "alpn=h2 key5"), &value_code("ech-empty"), "/data/value");
        // `no-default-alpn` needs `alpn`, in either spelling.
        assert_valid(svc(kind, "key1=\\002h2 no-default-alpn"));
        assert_error(svc(kind, "key2"), &value_code("no-default-alpn-alone"), "/data/value");
    }
}

/// `mandatory` (in either spelling) names keys present in either spelling; the same key written
/// both ways is a duplicate.
#[test]
fn mandatory_and_duplicates_see_both_spellings() {
    for kind in KINDS {
        let value_code = |rule: &str| code(kind, &format!("value.{rule}"));
        assert_clean(svc(kind, "mandatory=ipv4hint alpn=h2 key4=\\192\\000\\002\\001"));
        assert_clean(svc(kind, "mandatory=key4 alpn=h2 ipv4hint=192.0.2.1"));
        assert_clean(svc(kind, "key0=\\000\\001\\000\\004 alpn=h2 ipv4hint=192.0.2.1"));
        assert_error(svc(kind, "key0=\\000\\004 alpn=h2"), &value_code("mandatory-missing"), "/data/value");
        assert_error(svc(kind, "key0=\\000\\000 alpn=h2"), &value_code("mandatory-self"), "/data/value");
        assert_error(svc(kind, "key0=\\000\\001\\000\\001 alpn=h2"), &value_code("mandatory-duplicate"), "/data/value");
        assert_error(svc(kind, "key0=\\000\\004\\000\\001 alpn=h2 ipv4hint=192.0.2.1"), &value_code("wire-format"), "/data/value");
        assert_error(svc(kind, "key0=\\000 alpn=h2"), &value_code("wire-format"), "/data/value");
        assert_error(svc(kind, "key0 alpn=h2"), &value_code("mandatory-empty"), "/data/value");
        assert_error(svc(kind, "mandatory=alpn key0=\\000\\001 alpn=h2"), &value_code("duplicate-key"), "/data/value");
        assert_error(svc(kind, "port=443 key3=\\001\\187 alpn=h2"), &value_code("duplicate-key"), "/data/value");
        assert_error(svc(kind, "alpn=h2 ipv4hint=192.0.2.1 key4=\\192\\000\\002\\001"), &value_code("duplicate-key"), "/data/value");
    }
}

#[test]
fn a_value_lists_at_most_twenty_issues_and_counts_the_rest() {
    let value = (0..25).map(|i| format!("bad{i}")).collect::<Vec<_>>().join(" ");
    let issues = issues_of(svc("HTTPS", &value), &ValidateOptions::default());
    let unknown = issues.iter().filter(|i| i.code == "https.data.value.unknown-key").count();
    assert_eq!(unknown, 20, "{issues:#?}");
    let more: Vec<_> = issues.iter().filter(|i| i.code == "https.data.value.more-issues").collect();
    assert_eq!(more.len(), 1, "{issues:#?}");
    assert_eq!(more[0].severity, cf_dns_batch::Severity::Error);
    assert!(more[0].message.contains("5 more"), "{}", more[0].message);
    // Silenced codes are not counted.
    let quiet = ValidateOptions { disable: vec!["https.data.value.unknown-key".into()], ..Default::default() };
    let batch = json!({"zone_id": ZONE, "posts": [svc("HTTPS", &value)]}).to_string();
    let issues = validate_batch_json(&batch, &quiet).issues;
    assert!(!issues.iter().any(|i| i.code.starts_with("https.data.value")), "{issues:#?}");
}
