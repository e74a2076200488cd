mod common;
use common::*;

use cf_dns_batch::record::dane::{self, DaneData};
use cf_dns_batch::{RecordData, RecordType, ValidateOptions};
use proptest::prelude::*;
use serde_json::{json, Value};

const SHA256: &str = "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881";
const SHA512: &str =
    "a4abd4448c49562d828115d13a1fccea927f52b4d5459297f8b43e42da89238bc13626e43dcb38ddb082488927ec904fb42057443983e88585179d50551afe62";
/// The start of a DER SEQUENCE (what matching type 0 carries), long enough to look like one.
const DER: &str = "3082010a0282010100c4a4a6b0a0d0e0f0102030405060708090a0b0c0d0e0f0";
/// RFC 8162 §3: the owner of hugh@example.com's SMIMEA.
const SMIMEA_NAME: &str = "c93f1e400f26708f98cb19d936620da35eec8f72e57f9eec01c1afd6._smimecert.example.com";

fn tlsa(name: &str, data: Value) -> Value {
    json!({"type":"TLSA","name":name,"ttl":1,"data":data})
}

fn smimea(name: &str, data: Value) -> Value {
    json!({"type":"SMIMEA","name":name,"ttl":1,"data":data})
}

fn dane(usage: u32, selector: u32, matching_type: u32, certificate: &str) -> Value {
    json!({"usage":usage,"selector":selector,"matching_type":matching_type,"certificate":certificate})
}

const WWW: &str = "_443._tcp.www.example.com";

// ---- TLSA -----------------------------------------------------------------------------------

#[test]
fn tlsa_valid_records() {
    assert_clean(tlsa(WWW, dane(3, 1, 1, SHA256)));
    assert_clean(tlsa("_25._tcp.mail.example.com", dane(2, 0, 2, SHA512)));
    assert_clean(tlsa("_443._udp.example.com", dane(3, 1, 2, SHA512)));
    assert_clean(tlsa("_853._tcp.dns.example.com", dane(0, 0, 1, SHA256)));
    assert_clean(tlsa("_443._TCP.www", dane(1, 1, 1, &SHA256.to_uppercase())));
    assert_clean(tlsa("*._tcp.example.com", dane(3, 1, 1, SHA256)));
    assert_clean(tlsa(WWW, dane(255, 255, 255, "abcd")));
    assert_clean(tlsa("_65535._sctp.example.com.", dane(3, 1, 1, SHA256)));
    // Advice only: the record is still sent.
    assert_valid(tlsa(WWW, dane(3, 1, 0, DER)));
    assert_valid(tlsa("www.example.com", dane(3, 1, 1, SHA256)));
    assert_valid(tlsa(WWW, dane(4, 2, 3, "abcd")));
}

#[test]
fn tlsa_invalid_records() {
    invalid_for("TLSA", WWW);
}

#[test]
fn smimea_invalid_records() {
    invalid_for("SMIMEA", SMIMEA_NAME);
}

/// The data rules are the same for both kinds; codes carry the kind's own prefix.
fn invalid_for(kind: &str, name: &str) {
    let p = kind.to_ascii_lowercase();
    let rec = |data: Value| json!({"type":kind,"name":name,"ttl":1,"data":data});
    assert_error(rec(dane(3, 1, 1, SHA512)), &format!("{p}.data.certificate.length"), "/data/certificate");
    assert_error(rec(dane(3, 1, 2, SHA256)), &format!("{p}.data.certificate.length"), "/data/certificate");
    assert_error(rec(dane(3, 1, 1, &SHA256.replace('d', "z"))), &format!("{p}.data.certificate.hex"), "/data/certificate");
    assert_error(
        rec(dane(3, 1, 1, &format!("{} {}", &SHA256[..32], &SHA256[32..]))),
        &format!("{p}.data.certificate.hex"),
        "/data/certificate",
    );
    assert_error(rec(dane(3, 1, 1, "")), &format!("{p}.data.certificate.empty"), "/data/certificate");
    assert_error(rec(dane(3, 0, 0, "-----BEGIN CERTIFICATE-----")), &format!("{p}.data.certificate.hex"), "/data/certificate");
    assert_error(rec(dane(3, 0, 0, "abcd")), &format!("{p}.data.certificate.der"), "/data/certificate");
    assert_error(rec(dane(255, 1, 255, "abc")), &format!("{p}.data.certificate.hex"), "/data/certificate");
    assert_error(rec(dane(256, 1, 1, SHA256)), &format!("{p}.data.usage.range"), "/data/usage");
    assert_error(
        rec(json!({"usage":3,"selector":"1","matching_type":1,"certificate":SHA256})),
        &format!("{p}.data.selector.type"),
        "/data/selector",
    );
    assert_error(rec(json!({"usage":3,"selector":1,"certificate":SHA256})), &format!("{p}.data.matching_type.required"), "/data");
    assert_error(
        rec(json!({"usage":3,"selector":1,"matching_type":-1,"certificate":SHA256})),
        &format!("{p}.data.matching_type.range"),
        "/data/matching_type",
    );
    assert_error(json!({"type":kind,"name":name,"ttl":1,"content":format!("3 1 1 {SHA256}")}), &format!("{p}.data.required"), "");
}

#[test]
fn tlsa_rfc_warnings() {
    for (rec, code, pointer) in [
        (tlsa(WWW, dane(4, 1, 1, SHA256)), "tlsa.data.usage.unassigned", "/data/usage"),
        (tlsa(WWW, dane(3, 2, 1, SHA256)), "tlsa.data.selector.unassigned", "/data/selector"),
        (tlsa(WWW, dane(3, 1, 3, "abcd")), "tlsa.data.matching_type.unassigned", "/data/matching_type"),
        (tlsa(WWW, dane(3, 1, 0, DER)), "tlsa.data.matching_type.full", "/data/matching_type"),
        (tlsa("www.example.com", dane(3, 1, 1, SHA256)), "tlsa.name.port-proto", "/name"),
        (tlsa("_https._tcp.example.com", dane(3, 1, 1, SHA256)), "tlsa.name.port-proto", "/name"),
        (tlsa("_443.www.example.com", dane(3, 1, 1, SHA256)), "tlsa.name.port-proto", "/name"),
        (tlsa("_70000._tcp.example.com", dane(3, 1, 1, SHA256)), "tlsa.name.port-proto", "/name"),
        (tlsa("@", dane(3, 1, 1, SHA256)), "tlsa.name.port-proto", "/name"),
    ] {
        assert_warning(rec.clone(), code, pointer);
        assert_strict_error(rec, code, pointer);
    }
    assert_warning(
        tlsa(WWW, json!({"usage":3,"selector":1,"matching_type":1,"certificate":SHA256,"cert":"x"})),
        "tlsa.data.unknown-field",
        "/data/cert",
    );
}

// ---- SMIMEA ---------------------------------------------------------------------------------

#[test]
fn smimea_valid_records() {
    // Matching type 0 is the useful form for S/MIME (the sender needs the certificate): no advice.
    assert_clean(smimea(SMIMEA_NAME, dane(3, 0, 0, DER)));
    assert_clean(smimea(SMIMEA_NAME, dane(3, 1, 1, SHA256)));
    assert_clean(smimea(SMIMEA_NAME, dane(3, 0, 2, SHA512)));
    assert_clean(smimea(SMIMEA_NAME, dane(1, 0, 0, DER)));
    assert_clean(smimea(SMIMEA_NAME, dane(2, 1, 1, &SHA256.to_uppercase())));
    assert_clean(smimea("*._smimecert.example.com", dane(3, 1, 1, SHA256)));
    assert_clean(smimea(&SMIMEA_NAME.to_uppercase(), dane(0, 1, 2, SHA512)));
    assert_valid(smimea("hugh.example.com", dane(3, 1, 1, SHA256)));
    assert_valid(smimea(SMIMEA_NAME, dane(9, 9, 9, "abcd")));
}

#[test]
fn smimea_rfc_warnings() {
    for (rec, code, pointer) in [
        (smimea(SMIMEA_NAME, dane(4, 1, 1, SHA256)), "smimea.data.usage.unassigned", "/data/usage"),
        (smimea(SMIMEA_NAME, dane(3, 7, 1, SHA256)), "smimea.data.selector.unassigned", "/data/selector"),
        (smimea(SMIMEA_NAME, dane(3, 1, 7, "abcd")), "smimea.data.matching_type.unassigned", "/data/matching_type"),
        (smimea("hugh.example.com", dane(3, 1, 1, SHA256)), "smimea.name.smimecert", "/name"),
        (smimea("hugh._smimecert.example.com", dane(3, 1, 1, SHA256)), "smimea.name.hash", "/name"),
        (smimea("_smimecert.example.com", dane(3, 1, 1, SHA256)), "smimea.name.hash", "/name"),
    ] {
        assert_warning(rec.clone(), code, pointer);
        assert_strict_error(rec, code, pointer);
    }
    let issues = issues_of(smimea(SMIMEA_NAME, dane(3, 0, 0, DER)), &ValidateOptions::default());
    assert!(!issues.iter().any(|i| i.code.contains("matching_type")), "{issues:#?}");
}

// ---- Presentation form -----------------------------------------------------------------------

#[test]
fn from_zone_file_text() {
    let want = DaneData { usage: 3, selector: 1, matching_type: 1, certificate: SHA256.into() };
    assert_eq!(dane::from_content(&format!("3 1 1 {SHA256}")), Ok(want.clone()));
    assert_eq!(dane::from_content(&format!("3 1 1 ( {}\n {} )", &SHA256[..32], &SHA256[32..])), Ok(want.clone()));
    assert_eq!(dane::to_content(&want), format!("3 1 1 {SHA256}"));
    let tlsa = RecordData::from_content(RecordType::TLSA, &format!("3 1 1 {SHA256}")).unwrap();
    assert_eq!(tlsa, RecordData::TLSA { data: want.clone() });
    let smimea = RecordData::from_content(RecordType::SMIMEA, &format!("3 1 1 {SHA256}")).unwrap();
    assert_eq!(smimea, RecordData::SMIMEA { data: want });
}

#[test]
fn presentation_errors() {
    assert!(dane::from_content("").is_err());
    assert!(dane::from_content("3 1 1").is_err());
    assert!(dane::from_content("3 1").is_err());
    assert!(dane::from_content("256 1 1 abcd").is_err());
    assert!(dane::from_content("DANE-EE SPKI SHA2-256 abcd").is_err());
    assert!(dane::from_content("3 -1 1 abcd").is_err());
    assert_eq!(RecordData::from_content(RecordType::SMIMEA, "x").unwrap_err().kind, RecordType::SMIMEA);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn round_trips(usage: u8, selector: u8, matching_type: u8, certificate in "([0-9a-fA-F]{2}){1,128}") {
        let d = DaneData { usage, selector, matching_type, certificate: certificate.into() };
        prop_assert_eq!(dane::from_content(&dane::to_content(&d)), Ok(d));
    }

    #[test]
    fn parser_never_panics(text in "\\PC{0,80}") {
        let _ = dane::from_content(&text);
    }
}
