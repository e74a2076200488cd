//! Typed records read from JSON by serde go through the validator's own conversion, so they read
//! numbers and `null`s exactly as validation does.
use cf_dns_batch::batch::validate_record_json;
use cf_dns_batch::json::{Arena, Json};
use cf_dns_batch::{Record, RecordData, ValidateOptions};
use serde_json::json;

#[test]
fn a_whole_number_written_with_a_fraction_reads_as_validation_reads_it() {
    let value = json!({ "type": "SRV", "name": "_sip._tcp.example.com", "ttl": 300.0,
        "data": { "priority": 10.0, "weight": 5, "port": 5060, "target": "sip.example.com" } });
    let record: Record = serde_json::from_value(value.clone()).expect("10.0 is the integer 10");
    let text = value.to_string();
    let arena = Arena::new();
    let json = Json::parse(&text, &arena).unwrap();
    let (issues, validated) = validate_record_json(&json, &ValidateOptions::default());
    assert!(issues.is_empty(), "{issues:#?}");
    assert_eq!(Some(&record), validated.as_ref());
    assert_eq!(record.common.ttl, Some(300));
    let RecordData::SRV { data } = &record.data else { panic!("{record:?}") };
    assert_eq!(data.priority, 10);
}

#[test]
fn a_null_comment_clears_and_a_wrong_shape_is_refused_with_a_reason() {
    let record: Record = serde_json::from_value(json!({ "type": "A", "name": "a.example.com", "content": "192.0.2.1", "comment": null })).unwrap();
    assert_eq!(record.common.comment, Some(None));
    let err = serde_json::from_value::<Record>(json!({ "type": "MX", "name": "a.example.com", "content": "mx.example.com" })).unwrap_err();
    assert!(err.to_string().contains("MX value"), "{err}");
    let err = serde_json::from_value::<Record>(json!({ "type": "SPF", "content": "x" })).unwrap_err();
    assert!(err.to_string().contains("`type`"), "{err}");
    let data: RecordData = serde_json::from_value(json!({ "type": "TXT", "content": "\"hi\"" })).unwrap();
    assert_eq!(data.to_content(), "\"hi\"");
}
