mod common;
use common::*;

use cf_dns_batch::record::sshfp::{self, SshfpData};
use cf_dns_batch::{RecordData, RecordType};
use proptest::prelude::*;
use serde_json::{json, Value};

const SHA1: &str = "11f6ad8ec52a2984abaafd7c3b516503785c2072";
const SHA256: &str = "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881";

fn sshfp(data: Value) -> Value {
    json!({"type":"SSHFP","name":"host.example.com","ttl":1,"data":data})
}

fn fp(algorithm: u32, fingerprint_type: u32, fingerprint: &str) -> Value {
    sshfp(json!({"algorithm":algorithm,"type":fingerprint_type,"fingerprint":fingerprint}))
}

#[test]
fn valid_records() {
    assert_clean(fp(4, 2, SHA256));
    assert_clean(fp(1, 2, SHA256));
    assert_clean(fp(3, 2, SHA256));
    assert_clean(fp(6, 2, SHA256));
    assert_clean(fp(4, 2, &SHA256.to_uppercase()));
    assert_clean(json!({"type":"SSHFP","name":"@","ttl":3600,"data":{"algorithm":4,"type":2,"fingerprint":SHA256}}));
    // Advice only.
    assert_valid(fp(3, 1, SHA1));
    assert_valid(fp(2, 2, SHA256));
    assert_valid(fp(5, 2, SHA256));
    assert_valid(fp(4, 3, "abcd"));
}

#[test]
fn invalid_records() {
    assert_error(fp(4, 2, SHA1), "sshfp.data.fingerprint.length", "/data/fingerprint");
    assert_error(fp(4, 1, SHA256), "sshfp.data.fingerprint.length", "/data/fingerprint");
    assert_error(fp(4, 2, &SHA256.replace('7', "q")), "sshfp.data.fingerprint.hex", "/data/fingerprint");
    assert_error(fp(4, 2, "SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s"), "sshfp.data.fingerprint.hex", "/data/fingerprint");
    assert_error(fp(4, 3, "abc"), "sshfp.data.fingerprint.hex", "/data/fingerprint");
    assert_error(fp(4, 2, ""), "sshfp.data.fingerprint.empty", "/data/fingerprint");
    assert_error(fp(256, 2, SHA256), "sshfp.data.algorithm.range", "/data/algorithm");
    assert_error(sshfp(json!({"algorithm":4,"type":"2","fingerprint":SHA256})), "sshfp.data.type.type", "/data/type");
    assert_error(sshfp(json!({"algorithm":4,"fingerprint_type":2,"fingerprint":SHA256})), "sshfp.data.type.required", "/data");
    assert_error(sshfp(json!({"algorithm":4,"type":2})), "sshfp.data.fingerprint.required", "/data");
    assert_error(sshfp(json!({"algorithm":4,"type":2,"fingerprint":["ab"]})), "sshfp.data.fingerprint.type", "/data/fingerprint");
    assert_error(json!({"type":"SSHFP","name":"host","ttl":1,"data":null}), "sshfp.data.type", "/data");
}

#[test]
fn rfc_warnings() {
    for (rec, code, pointer) in [
        (fp(3, 1, SHA1), "sshfp.data.type.sha1", "/data/type"),
        (fp(4, 0, "abcd"), "sshfp.data.type.reserved", "/data/type"),
        (fp(4, 3, "abcd"), "sshfp.data.type.unassigned", "/data/type"),
        (fp(2, 2, SHA256), "sshfp.data.algorithm.deprecated", "/data/algorithm"),
        (fp(0, 2, SHA256), "sshfp.data.algorithm.reserved", "/data/algorithm"),
        (fp(5, 2, SHA256), "sshfp.data.algorithm.unassigned", "/data/algorithm"),
    ] {
        assert_warning(rec.clone(), code, pointer);
        assert_strict_error(rec, code, pointer);
    }
    assert_warning(
        sshfp(json!({"algorithm":4,"type":2,"fingerprint":SHA256,"fingerprint_type":2})),
        "sshfp.data.unknown-field",
        "/data/fingerprint_type",
    );
}

#[test]
fn serialises_the_type_field_as_type() {
    let d = SshfpData { algorithm: 4, fingerprint_type: 2, fingerprint: SHA256.into() };
    let v = serde_json::to_value(&d).unwrap();
    assert_eq!(v, json!({"algorithm":4,"type":2,"fingerprint":SHA256}));
}

#[test]
fn from_zone_file_text() {
    let want = SshfpData { algorithm: 4, fingerprint_type: 2, fingerprint: SHA256.into() };
    assert_eq!(sshfp::from_content(&format!("4 2 {SHA256}")), Ok(want.clone()));
    assert_eq!(sshfp::from_content(&format!("4 2 {} {}", &SHA256[..20], &SHA256[20..])), Ok(want.clone()));
    assert_eq!(sshfp::to_content(&want), format!("4 2 {SHA256}"));
    assert_eq!(RecordData::from_content(RecordType::SSHFP, &format!("4 2 {SHA256}")), Ok(RecordData::SSHFP { data: want }));
}

#[test]
fn presentation_errors() {
    assert!(sshfp::from_content("").is_err());
    assert!(sshfp::from_content("4 2").is_err());
    assert!(sshfp::from_content("4").is_err());
    assert!(sshfp::from_content("ED25519 2 abcd").is_err());
    assert!(sshfp::from_content("4 300 abcd").is_err());
    assert_eq!(RecordData::from_content(RecordType::SSHFP, "4 x y").unwrap_err().kind, RecordType::SSHFP);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn round_trips(algorithm: u8, fingerprint_type: u8, fingerprint in "([0-9a-fA-F]{2}){1,64}") {
        let d = SshfpData { algorithm, fingerprint_type, fingerprint: fingerprint.into() };
        prop_assert_eq!(sshfp::from_content(&sshfp::to_content(&d)), Ok(d));
    }

    #[test]
    fn parser_never_panics(text in "\\PC{0,80}") {
        let _ = sshfp::from_content(&text);
    }
}
