mod common;
use cf_dns_batch::record::uri::{from_content, to_content, UriData};
use cf_dns_batch::{validate_batch_json, RecordData, RecordType, ValidateOptions};
use common::*;
use proptest::prelude::*;
use serde_json::{json, Value};

fn uri(priority: Value, data: Value) -> Value {
    json!({"type":"URI","name":"_ftp._tcp.example.com","ttl":1,"priority":priority,"data":data})
}

fn target(t: &str) -> Value {
    uri(json!(10), json!({"weight":1,"target":t}))
}

#[test]
fn valid_uri_records() {
    assert_clean(target("ftp://ftp.example.com/public"));
    assert_clean(target("https://www.example.com/path/to?query=1&x=%20y#frag"));
    assert_clean(target("mailto:info@example.com"));
    assert_clean(target("sip:alice@example.com;transport=tcp"));
    assert_clean(target("urn:isbn:0451450523"));
    assert_clean(target("tel:+1-201-555-0123"));
    assert_clean(target("coap+tcp://[2001:db8::1]:5683/sensors"));
    assert_clean(uri(json!(0), json!({"weight":65535,"target":"http://example.com"})));
    assert_clean(uri(json!(65535), json!({"weight":0,"target":"ldap://ldap.example.com/dc=example,dc=com"})));
    assert_clean(json!({"type":"URI","name":"_http._tcp","ttl":300,"priority":1.0,"data":{"weight":2.0,"target":"http://www.example.com/"}}));
}

#[test]
fn invalid_priority_and_weight() {
    let data = json!({"weight":1,"target":"ftp://ftp.example.com/public"});
    assert_error(json!({"type":"URI","name":"_ftp._tcp.example.com","ttl":1,"data":data.clone()}), "uri.priority.required", "");
    assert_error(uri(json!(70000), data.clone()), "uri.priority.range", "/priority");
    assert_error(uri(json!("10"), data.clone()), "uri.priority.type", "/priority");
    assert_error(uri(json!(10), json!({"weight":-1,"target":"ftp://x.example"})), "uri.data.weight.range", "/data/weight");
    assert_error(uri(json!(10), json!({"weight":1.5,"target":"ftp://x.example"})), "uri.data.weight.integer", "/data/weight");
    assert_error(uri(json!(10), json!({"target":"ftp://x.example"})), "uri.data.weight.required", "/data");
    assert_error(uri(json!(10), json!({"weight":1})), "uri.data.target.required", "/data");
    assert_error(uri(json!(10), json!({"weight":1,"target":42})), "uri.data.target.type", "/data/target");
    assert_error(json!({"type":"URI","name":"_ftp._tcp.example.com","ttl":1,"priority":10,"content":"10 1 \"ftp://x\""}), "uri.data.required", "");
}

#[test]
fn invalid_targets() {
    assert_error(target(""), "uri.data.target.empty", "/data/target");
    assert_error(target("ftp.example.com/public"), "uri.data.target.scheme", "/data/target");
    assert_error(target("1http://example.com"), "uri.data.target.scheme", "/data/target");
    assert_error(target("://example.com"), "uri.data.target.scheme", "/data/target");
    assert_error(target("ht_tp://example.com"), "uri.data.target.scheme", "/data/target");
    assert_error(target("https://exa mple.com"), "uri.data.target.charset", "/data/target");
    assert_error(target("https://example.com/\n"), "uri.data.target.charset", "/data/target");
    assert_error(target("\"https://example.com\""), "uri.data.target.quoted", "/data/target");
}

#[test]
fn rfc_advice() {
    for (record, code, pointer) in [
        (target("https://example.com/<a>"), "uri.data.target.invalid-char", "/data/target"),
        (target("https://bücher.example/"), "uri.data.target.invalid-char", "/data/target"),
        (target("https://example.com/%zz"), "uri.data.target.percent", "/data/target"),
        (target("https://example.com/100%"), "uri.data.target.percent", "/data/target"),
        (json!({"type":"URI","name":"example.com","ttl":1,"priority":1,"data":{"weight":1,"target":"https://example.com"}}), "uri.name.service", "/name"),
        (json!({"type":"URI","name":"_ftp.example.com","ttl":1,"priority":1,"data":{"weight":1,"target":"https://example.com"}}), "uri.name.service", "/name"),
    ] {
        assert_valid(record.clone());
        assert_warning(record.clone(), code, pointer);
        assert_strict_error(record, code, pointer);
    }
}

#[test]
fn priority_inside_data_is_a_warning() {
    let record = uri(json!(10), json!({"weight":1,"target":"https://example.com","priority":10}));
    assert_valid(record.clone());
    assert_warning(record, "uri.data.priority", "/data/priority");
    assert_warning(uri(json!(10), json!({"weight":1,"target":"https://example.com","targt":"x"})), "uri.data.unknown-field", "/data/targt");
}

#[test]
fn typed_record() {
    let batch = json!({"zone_id": ZONE, "posts": [target("ftp://ftp.example.com/public")]});
    let posts = validate_batch_json(&batch.to_string(), &ValidateOptions::default()).params.expect("valid").posts;
    assert_eq!(posts[0].data, RecordData::URI { priority: 10, data: UriData { weight: 1, target: "ftp://ftp.example.com/public".into() } });
}

#[test]
fn presentation_examples() {
    let d = UriData { weight: 1, target: "ftp://ftp.example.com/public".into() };
    assert_eq!(to_content(10, &d), r#"10 1 "ftp://ftp.example.com/public""#);
    assert_eq!(from_content(r#"10 1 "ftp://ftp.example.com/public""#).unwrap(), (10, d.clone()));
    assert_eq!(from_content("10 1 ftp://ftp.example.com/public").unwrap(), (10, d.clone()));
    assert_eq!(
        RecordData::from_content(RecordType::URI, r#" 10   1 "ftp://ftp.example.com/public" "#).unwrap(),
        RecordData::URI { priority: 10, data: d }
    );
    assert_eq!(RecordData::from_content(RecordType::URI, r#"1 2 "x:\"y\"""#).unwrap().to_content(), r#"1 2 "x:\"y\"""#);
}

#[test]
fn presentation_errors() {
    for bad in ["", "10 1", "10 \"ftp://x\"", "10 1 \"ftp://x\" extra", "x 1 \"ftp://x\"", "10 70000 \"ftp://x\"", "10 1 \"ftp://x", "-1 1 \"ftp://x\""] {
        assert!(from_content(bad).is_err(), "{bad:?} should not parse");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn content_round_trips(priority in any::<u16>(), weight in any::<u16>(), target in "[a-z][a-z0-9+.-]{0,6}:[ -~\t\u{e9}]{0,40}") {
        let d = UriData { weight, target: target.into() };
        prop_assert_eq!(from_content(&to_content(priority, &d)).unwrap(), (priority, d));
    }

    #[test]
    fn generated_uris_validate(priority in any::<u16>(), weight in any::<u16>(), scheme in "[a-z][a-z0-9+.-]{0,6}",
                               host in "[a-z]{1,10}(\\.[a-z]{1,10}){1,2}", path in "(/[A-Za-z0-9._~-]{0,8}){0,3}") {
        let record = uri(json!(priority), json!({"weight":weight,"target":format!("{scheme}://{host}{path}")}));
        let issues = issues_of(record, &ValidateOptions::default());
        prop_assert!(issues.is_empty(), "{:?}", issues);
    }
}

#[test]
fn patches_check_only_what_they_send() {
    let batch = json!({"zone_id": ZONE, "patches": [{"id":"023e105f4ecef8ad9ca31a8372d0c353","type":"URI","data":{"target":"no-scheme"}}]});
    let issues = validate_batch_json(&batch.to_string(), &ValidateOptions::default()).issues;
    let codes: Vec<&str> = issues.iter().map(|i| i.code.as_ref()).collect();
    assert!(codes.contains(&"uri.data.target.scheme"), "{codes:?}");
    assert!(!codes.iter().any(|c| c.ends_with(".required")), "{codes:?}");
}
