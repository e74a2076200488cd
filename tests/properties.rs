//! Properties over arbitrary input: nothing panics in parse + validate, whatever the JSON.
use cf_dns_batch::record::{RecordData, RecordType};
use cf_dns_batch::{validate_batch_json, Severity, ValidateOptions};
use proptest::prelude::*;
use serde_json::{json, Map, Value};

/// Keys that reach real code paths, mixed with random ones.
const KEYS: &[&str] = &[
    "zone_id", "posts", "puts", "patches", "deletes", "id", "type", "name", "content", "data", "ttl", "proxied",
    "comment", "tags", "settings", "priority", "private_routing", "flags", "tag", "value", "weight", "port",
    "target", "algorithm", "digest", "digest_type", "key_tag", "usage", "selector", "matching_type",
    "certificate", "fingerprint", "public_key", "protocol", "lat_degrees", "altitude", "order", "preference",
    "regex", "replacement", "service", "ipv4_only", "flatten_cname", "__proto__",
];
const TYPES: &[&str] = &[
    "A", "AAAA", "CAA", "CERT", "CNAME", "DNSKEY", "DS", "HTTPS", "LOC", "MX", "NAPTR", "NS", "OPENPGPKEY", "PTR",
    "SMIMEA", "SRV", "SSHFP", "SVCB", "TLSA", "TXT", "URI", "a", "SPF", "",
];

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        (-1e12f64..1e12).prop_map(Value::from),
        prop_oneof![Just(0i64), Just(1), Just(255), Just(256), Just(65535), Just(65536), Just(-1)].prop_map(Value::from),
        proptest::sample::select(TYPES).prop_map(Value::from),
        "\\PC{0,40}".prop_map(Value::from),
        "[0-9a-f]{0,70}".prop_map(Value::from),
        "[a-z0-9.\\-_*@]{0,30}".prop_map(Value::from),
        "[ -~]{0,300}".prop_map(Value::from),
    ]
}

fn value() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(5, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((prop_oneof![proptest::sample::select(KEYS).prop_map(String::from), "[a-z_]{0,8}"], inner), 0..8)
                .prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

fn record() -> impl Strategy<Value = Value> {
    (proptest::sample::select(TYPES), value(), value(), prop::collection::vec((proptest::sample::select(KEYS), leaf()), 0..8)).prop_map(
        |(t, content, data, extra)| {
            let mut m = Map::new();
            m.insert("type".into(), Value::from(t));
            m.insert("name".into(), Value::from("x.example.com"));
            m.insert("content".into(), content);
            m.insert("data".into(), data);
            for (k, v) in extra {
                m.insert(k.to_string(), v);
            }
            Value::Object(m)
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_json_never_panics(v in value()) {
        let text = v.to_string();
        let validated = validate_batch_json(&text, &ValidateOptions::default());
        let checked = cf_dns_batch::batch::check_json(&text, &ValidateOptions::default());
        prop_assert_eq!(checked.issues, validated.issues);
    }

    #[test]
    fn arbitrary_records_never_panic_and_errors_block_sending(posts in prop::collection::vec(record(), 0..4), patches in prop::collection::vec(record(), 0..3), strict in any::<bool>()) {
        let batch = json!({ "zone_id": "023e105f4ecef8ad9ca31a8372d0c353", "posts": posts, "patches": patches });
        let options = ValidateOptions { strict, ..Default::default() };
        let v = validate_batch_json(&batch.to_string(), &options);
        let checked = cf_dns_batch::batch::check_json(&batch.to_string(), &options);
        prop_assert_eq!(&checked.issues, &v.issues, "checking without building finds the same issues");
        prop_assert_eq!(checked.sendable, v.params.is_some());
        let has_errors = v.issues.iter().any(|i| i.severity == Severity::Error);
        prop_assert_eq!(has_errors, v.params.is_none());
        if let Some(params) = &v.params {
            prop_assert_eq!(params.body(), serde_json::to_string(params).unwrap());
        }
        for issue in &v.issues {
            prop_assert!(issue.pointer.is_empty() || issue.pointer.starts_with('/'));
        }
    }

    #[test]
    fn arbitrary_presentation_text_never_panics(kind in proptest::sample::select(RecordType::ALL.to_vec()), text in "\\PC{0,120}") {
        let _ = RecordData::from_content(kind, &text);
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
        let _ = validate_batch_json(&text, &ValidateOptions::default());
        let _ = cf_dns_batch::parse_response(200, None, &text);
    }
}

#[test]
fn valid_batches_serialise_to_what_was_sent() {
    let text = r#"{"zone_id":"023e105f4ecef8ad9ca31a8372d0c353","posts":[{"type":"MX","name":"example.com","content":"mx1.example.net","priority":10,"ttl":1}]}"#;
    let v = validate_batch_json(text, &ValidateOptions::default());
    let body = v.params.expect("valid").body();
    assert_eq!(body, r#"{"posts":[{"name":"example.com","ttl":1,"type":"MX","content":"mx1.example.net","priority":10}]}"#);
}
