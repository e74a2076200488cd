//! One huge value must cost about what a valid value of the same size costs: no "did you mean"
//! search over megabytes, no message that copies the value, no issue per repeated item.
//!
//! These tests assert the bounded behaviour itself (no suggestion, short messages, few issues);
//! they do not time anything.
mod common;
use cf_dns_batch::{validate_batch_json, Issue, ValidateOptions};
use common::ZONE;
use serde_json::{json, Value};

/// Big enough that an unbounded edit-distance search would take seconds.
const BIG: usize = 6 * 1024 * 1024;
/// No message needs more than this to name a value and a rule.
const MESSAGE_MAX: usize = 600;

fn big(prefix: &str) -> String {
    let mut s = String::with_capacity(BIG + prefix.len());
    s.push_str(prefix);
    while s.len() < BIG {
        s.push_str("abcdefghij");
    }
    s
}

fn issues(batch: Value) -> Vec<Issue> {
    let text = batch.to_string();
    let issues = validate_batch_json(&text, &ValidateOptions::default()).issues;
    assert_eq!(cf_dns_batch::batch::check_json(&text, &ValidateOptions::default()).issues, issues);
    issues
}

fn post(record: Value) -> Vec<Issue> {
    issues(json!({"zone_id": ZONE, "posts": [record]}))
}

/// The issue `code` is there, gives no suggestion, and every message is short.
#[track_caller]
fn assert_bounded(issues: &[Issue], code: &str) {
    let found = issues.iter().find(|i| i.code == code).unwrap_or_else(|| panic!("no {code} among {:?}", codes(issues)));
    assert!(!found.message.contains("did you mean"), "{code}: {}", found.message);
    for issue in issues {
        assert!(issue.message.len() <= MESSAGE_MAX, "{}: message of {} bytes", issue.code, issue.message.len());
    }
    assert!(issues.len() <= 40, "{} issues for one value: {:?}", issues.len(), codes(issues));
}

fn codes(issues: &[Issue]) -> Vec<&str> {
    issues.iter().map(|i| &*i.code).take(20).collect()
}

#[test]
fn a_huge_unknown_type_gets_no_suggestion() {
    assert_bounded(&post(json!({"type": big("TX"), "name": "example.com", "ttl": 1, "content": "\"x\""})), "record.type.unknown");
}

#[test]
fn a_huge_unknown_record_field_gets_no_suggestion() {
    let mut record = json!({"type": "TXT", "name": "example.com", "ttl": 1, "content": "\"x\""});
    record[big("tt")] = json!(1);
    assert_bounded(&post(record), "record.unknown-field");
}

#[test]
fn a_huge_unknown_data_field_gets_no_suggestion() {
    let mut data = json!({"flags": 0, "tag": "issue", "value": "letsencrypt.org"});
    data[big("valu")] = json!(1);
    assert_bounded(&post(json!({"type": "CAA", "name": "example.com", "ttl": 1, "data": data})), "caa.data.unknown-field");
}

#[test]
fn a_huge_unknown_batch_field_gets_no_suggestion() {
    let mut batch = json!({"zone_id": ZONE, "posts": []});
    batch[big("post")] = json!([]);
    assert_bounded(&issues(batch), "batch.unknown-field");
}

#[test]
fn a_huge_caa_tag_or_value_gives_short_messages() {
    let record = |tag: &str, value: &str| json!({"type": "CAA", "name": "example.com", "ttl": 1, "data": {"flags": 0, "tag": tag, "value": value}});
    assert_bounded(&post(record(&big("issu"), "letsencrypt.org")), "caa.data.tag.length");
    assert_bounded(&post(record(&big("issu-"), "letsencrypt.org")), "caa.data.tag.charset");
    assert_bounded(&post(record("issue", &big("ca.example; a"))), "caa.data.value.length");
}

#[test]
fn a_huge_svcb_key_gets_no_suggestion() {
    let record = |value: &str| json!({"type": "HTTPS", "name": "example.com", "ttl": 1, "data": {"priority": 1, "target": ".", "value": value}});
    assert_bounded(&post(record(&format!("alpn=h2 {}=1", big("alp")))), "https.data.value.unknown-key");
    assert_bounded(&post(record(&format!("alpn=h2 mandatory={}", big("alp")))), "https.data.value.unknown-key");
    assert_bounded(&post(record(&format!("alpn=h2 key{}=1", "0".repeat(BIG)))), "https.data.value.invalid-key");
    assert_bounded(&post(record(&format!("alpn={}", big("h")))), "https.data.value.alpn-length");
}

#[test]
fn repeated_svcb_keys_give_a_bounded_number_of_issues() {
    let record = |value: String| json!({"type": "HTTPS", "name": "example.com", "ttl": 1, "data": {"priority": 1, "target": ".", "value": value}});
    // Every key number once, then each again: a duplicate per key.
    let all: Vec<String> = (0..65535).map(|n| format!("key{n}")).collect();
    let twice = format!("{} {}", all.join(" "), all.join(" "));
    let issues = post(record(twice));
    assert_bounded(&issues, "https.data.value.duplicate-key");
    assert_bounded(&issues, "https.data.value.more-issues");
    assert_bounded(&post(record("x ".repeat(BIG / 2))), "https.data.value.unknown-key");
    let list = all.iter().skip(1).map(String::as_str).collect::<Vec<_>>().join(",");
    let issues = post(record(format!("mandatory={list},{list}")));
    assert_bounded(&issues, "https.data.value.mandatory-missing");
    assert_bounded(&issues, "https.data.value.more-issues");
    assert_bounded(&post(record(format!("alpn=h2 tls-supported-groups={}", "1,".repeat(BIG / 2)))), "https.data.value.tls-supported-groups-duplicate");
}

#[test]
fn a_huge_txt_value_gives_short_messages() {
    let record = |content: &str| json!({"type": "TXT", "name": "example.com", "ttl": 1, "content": content});
    assert_bounded(&post(record(&big("v=spf1 "))), "txt.content.unquoted");
    assert_bounded(&post(record(&format!("\"{}", big("a")))), "txt.content.quotes");
}

#[test]
fn presentation_errors_quote_only_an_excerpt() {
    use cf_dns_batch::{RecordData, RecordType};
    let word = "x".repeat(1 << 20);
    for kind in RecordType::ALL {
        for text in [word.clone(), format!("1 {word}"), format!("1 2 {word}"), format!("1 2 3 {word} x y z"), format!("0 issue \"a\" {word}")] {
            if let Err(e) = RecordData::from_content(kind, &text) {
                assert!(e.to_string().len() <= MESSAGE_MAX, "{kind}: error of {} bytes", e.to_string().len());
            }
        }
    }
}
