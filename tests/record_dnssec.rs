mod common;
use common::*;

use cf_dns_batch::record::dnssec::{self, DnskeyData, DsData};
use cf_dns_batch::{validate_batch_json, RecordData, RecordType, Severity, ValidateOptions};
use proptest::prelude::*;
use serde_json::{json, Value};

// Keys of the right size for each algorithm (synthetic bytes, real shapes).
const P256: &str = "CzBVep/E6Q4zWH2ix+wRNluApcrvFDleg6jN8hc8YYar0PUaP2SJrtP4HUJnjLHW+yBFao+02f4jSG2St9wBJg==";
const P384: &str =
    "CzBVep/E6Q4zWH2ix+wRNluApcrvFDleg6jN8hc8YYar0PUaP2SJrtP4HUJnjLHW+yBFao+02f4jSG2St9wBJktwlbrfBClOc5i94gcsUXabwOUKL1R5nsPoDTJXfKHG";
const ED25519: &str = "CzBVep/E6Q4zWH2ix+wRNluApcrvFDleg6jN8hc8YYY=";
const ED448: &str = "CzBVep/E6Q4zWH2ix+wRNluApcrvFDleg6jN8hc8YYar0PUaP2SJrtP4HUJnjLHW+yBFao+02f4j";
const RSA2048: &str = "AwEAAQdivRhzzimE3zqV8EumAVy3Em3II37ZNI/qRaD7VrEMZ8IdeNMuieQ/mvVQqwZhvBdyzSiD3jmU70qlAFu2EWzHIn3YM47pRJ/6VbALZsEcd9ItiOM+mfRPqgVguxZxzCeC3TiT7kmk/1q1EGvGIXzXMo3oQ575VK8KZcAbdtEsh+I9mPNOqQRfuhVwyyaB3DeS7Uij/lm0D2rFIHvWMYznQp34U64JZL8addArhuE8l/JNqANeuRRvyiWA2zaR7Eei/VizDmnEH3rVMIvmQZz3Uq0IY74ZdM8qheA7lvFMpwJduBNuySR/2jWQ60ah/FeyDWjDHnnUL4rlQJv2Uaw=";
/// 63 bytes: one short of a P-256 key.
const P256_SHORT: &str = "CzBVep/E6Q4zWH2ix+wRNluApcrvFDleg6jN8hc8YYar0PUaP2SJrtP4HUJnjLHW+yBFao+02f4jSG2St9wB";

const SHA1: &str = "11f6ad8ec52a2984abaafd7c3b516503785c2072";
const SHA256: &str = "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881";
const SHA384: &str = "d752c2c51fba0e29aa190570a9d4253e44077a058d3297fa3a5630d5bd012622f97c28acaed313b5c83bb990caa7da85";

fn dnskey(data: Value) -> Value {
    json!({"type":"DNSKEY","name":"sub.example.com","ttl":1,"data":data})
}

fn ds(data: Value) -> Value {
    json!({"type":"DS","name":"sub.example.com","ttl":1,"data":data})
}

/// No issue at all once the always-present `dnskey.managed` advice is silenced.
#[track_caller]
fn assert_clean_dnskey(record: Value) {
    let options = ValidateOptions { disable: vec!["dnskey.managed".into()], ..Default::default() };
    let issues = issues_of(record.clone(), &options);
    assert!(issues.is_empty(), "expected no issues for {record}, got {issues:#?}");
}

// ---- DNSKEY ---------------------------------------------------------------------------------

#[test]
fn dnskey_valid_records() {
    assert_clean_dnskey(dnskey(json!({"flags":257,"protocol":3,"algorithm":13,"public_key":P256})));
    assert_clean_dnskey(dnskey(json!({"flags":256,"protocol":3,"algorithm":13,"public_key":P256})));
    assert_clean_dnskey(dnskey(json!({"flags":257,"protocol":3,"algorithm":14,"public_key":P384})));
    assert_clean_dnskey(dnskey(json!({"flags":257,"protocol":3,"algorithm":15,"public_key":ED25519})));
    assert_clean_dnskey(dnskey(json!({"flags":256,"protocol":3,"algorithm":16,"public_key":ED448})));
    assert_clean_dnskey(dnskey(json!({"flags":257,"protocol":3,"algorithm":8,"public_key":RSA2048})));
    assert_clean_dnskey(dnskey(json!({"flags":256,"protocol":3,"algorithm":10,"public_key":RSA2048})));
    // REVOKE (RFC 5011) is a defined bit.
    assert_clean_dnskey(dnskey(json!({"flags":385,"protocol":3,"algorithm":13,"public_key":P256})));
    // Private algorithms carry keys of any shape.
    assert_clean_dnskey(dnskey(json!({"flags":257,"protocol":3,"algorithm":253,"public_key":"AQID"})));
    // Advice-only findings leave the record sendable.
    assert_valid(dnskey(json!({"flags":257,"protocol":3,"algorithm":5,"public_key":RSA2048})));
    assert_valid(dnskey(json!({"flags":257,"protocol":3,"algorithm":100,"public_key":"AQID"})));
}

#[test]
fn dnskey_managed_advice_points_at_the_type() {
    assert_warning(dnskey(json!({"flags":257,"protocol":3,"algorithm":13,"public_key":P256})), "dnskey.managed", "/type");
}

#[test]
fn dnskey_invalid_records() {
    assert_error(
        dnskey(json!({"flags":257,"protocol":2,"algorithm":13,"public_key":P256})),
        "dnskey.data.protocol.value",
        "/data/protocol",
    );
    assert_error(dnskey(json!({"flags":70000,"protocol":3,"algorithm":13,"public_key":P256})), "dnskey.data.flags.range", "/data/flags");
    assert_error(
        dnskey(json!({"flags":257,"protocol":3,"algorithm":300,"public_key":P256})),
        "dnskey.data.algorithm.range",
        "/data/algorithm",
    );
    assert_error(dnskey(json!({"flags":"257","protocol":3,"algorithm":13,"public_key":P256})), "dnskey.data.flags.type", "/data/flags");
    assert_error(
        dnskey(json!({"flags":257,"protocol":3,"algorithm":13,"public_key":"not base64!"})),
        "dnskey.data.public_key.base64",
        "/data/public_key",
    );
    assert_error(
        dnskey(json!({"flags":257,"protocol":3,"algorithm":13,"public_key":"CzBVep/E6Q4z WH2ix+wR"})),
        "dnskey.data.public_key.base64",
        "/data/public_key",
    );
    assert_error(
        dnskey(json!({"flags":257,"protocol":3,"algorithm":13,"public_key":"CzBV-p_E"})),
        "dnskey.data.public_key.base64",
        "/data/public_key",
    );
    assert_error(
        dnskey(json!({"flags":257,"protocol":3,"algorithm":13,"public_key":""})),
        "dnskey.data.public_key.empty",
        "/data/public_key",
    );
    assert_error(
        dnskey(json!({"flags":257,"protocol":3,"algorithm":13,"public_key":P256_SHORT})),
        "dnskey.data.public_key.length",
        "/data/public_key",
    );
    assert_error(
        dnskey(json!({"flags":257,"protocol":3,"algorithm":15,"public_key":P256})),
        "dnskey.data.public_key.length",
        "/data/public_key",
    );
    assert_error(
        dnskey(json!({"flags":257,"protocol":3,"algorithm":8,"public_key":"AwEAAQ=="})),
        "dnskey.data.public_key.format",
        "/data/public_key",
    );
    assert_error(dnskey(json!({"flags":257,"protocol":3,"algorithm":13})), "dnskey.data.public_key.required", "/data");
    assert_error(json!({"type":"DNSKEY","name":"sub.example.com","ttl":1,"data":"257 3 13 abc"}), "dnskey.data.type", "/data");
    assert_error(json!({"type":"DNSKEY","name":"sub.example.com","ttl":1}), "dnskey.data.required", "");
}

#[test]
fn dnskey_rfc_warnings() {
    let rec = dnskey(json!({"flags":257,"protocol":3,"algorithm":5,"public_key":RSA2048}));
    assert_warning(rec.clone(), "dnskey.data.algorithm.deprecated", "/data/algorithm");
    assert_strict_error(rec, "dnskey.data.algorithm.deprecated", "/data/algorithm");
    let rec = dnskey(json!({"flags":257,"protocol":3,"algorithm":100,"public_key":"AQID"}));
    assert_warning(rec.clone(), "dnskey.data.algorithm.unassigned", "/data/algorithm");
    assert_strict_error(rec, "dnskey.data.algorithm.unassigned", "/data/algorithm");
    assert_warning(
        dnskey(json!({"flags":257,"protocol":3,"algorithm":0,"public_key":"AQID"})),
        "dnskey.data.algorithm.reserved",
        "/data/algorithm",
    );
    assert_warning(
        dnskey(json!({"flags":257,"protocol":3,"algorithm":2,"public_key":"AQID"})),
        "dnskey.data.algorithm.not-signing",
        "/data/algorithm",
    );
    assert_warning(
        dnskey(json!({"flags":257,"protocol":3,"algorithm":17,"public_key":"AQID"})),
        "dnskey.data.algorithm.uncommon",
        "/data/algorithm",
    );
    let rec = dnskey(json!({"flags":1,"protocol":3,"algorithm":13,"public_key":P256}));
    assert_warning(rec.clone(), "dnskey.data.flags.zone", "/data/flags");
    assert_strict_error(rec, "dnskey.data.flags.zone", "/data/flags");
    let rec = dnskey(json!({"flags":258,"protocol":3,"algorithm":13,"public_key":P256}));
    assert_warning(rec.clone(), "dnskey.data.flags.reserved", "/data/flags");
    assert_strict_error(rec, "dnskey.data.flags.reserved", "/data/flags");
    // Unpadded base64 decodes, but is not canonical.
    let unpadded = P256.trim_end_matches('=');
    assert_warning(
        dnskey(json!({"flags":257,"protocol":3,"algorithm":13,"public_key":unpadded})),
        "dnskey.data.public_key.padding",
        "/data/public_key",
    );
    assert_warning(
        dnskey(json!({"flags":257,"protocol":3,"algorithm":13,"public_key":P256,"pubkey":1})),
        "dnskey.data.unknown-field",
        "/data/pubkey",
    );
}

#[test]
fn dnskey_reports_every_problem_at_once() {
    let issues = issues_of(dnskey(json!({"flags":70000,"protocol":4,"algorithm":13,"public_key":"!!"})), &ValidateOptions::default());
    let codes: Vec<&str> = issues.iter().map(|i| i.code.as_ref()).collect();
    for code in ["dnskey.data.flags.range", "dnskey.data.protocol.value", "dnskey.data.public_key.base64"] {
        assert!(codes.contains(&code), "{code} missing from {codes:?}");
    }
}

// ---- DS -------------------------------------------------------------------------------------

#[test]
fn ds_valid_records() {
    assert_clean(ds(json!({"key_tag":2371,"algorithm":13,"digest_type":2,"digest":SHA256})));
    assert_clean(ds(json!({"key_tag":2371,"algorithm":13,"digest_type":2,"digest":SHA256.to_uppercase()})));
    assert_clean(ds(json!({"key_tag":0,"algorithm":8,"digest_type":4,"digest":SHA384})));
    assert_clean(ds(json!({"key_tag":65535,"algorithm":15,"digest_type":2,"digest":SHA256})));
    assert_clean(ds(
        json!({"key_tag":20326,"algorithm":8,"digest_type":2,"digest":"E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D"}),
    ));
    assert_clean(ds(json!({"key_tag":1,"algorithm":16,"digest_type":4,"digest":SHA384})));
    assert_clean(ds(json!({"key_tag":1,"algorithm":254,"digest_type":2,"digest":SHA256})));
    assert_valid(ds(json!({"key_tag":1,"algorithm":13,"digest_type":1,"digest":SHA1})));
    assert_valid(ds(json!({"key_tag":1,"algorithm":13,"digest_type":99,"digest":"abcd"})));
    assert_valid(ds(json!({"key_tag":1.0,"algorithm":13.0,"digest_type":2,"digest":SHA256})));
}

#[test]
fn ds_invalid_records() {
    assert_error(ds(json!({"key_tag":2371,"algorithm":13,"digest_type":2,"digest":SHA1})), "ds.data.digest.length", "/data/digest");
    assert_error(ds(json!({"key_tag":2371,"algorithm":13,"digest_type":1,"digest":SHA256})), "ds.data.digest.length", "/data/digest");
    assert_error(ds(json!({"key_tag":2371,"algorithm":13,"digest_type":4,"digest":SHA256})), "ds.data.digest.length", "/data/digest");
    assert_error(
        ds(json!({"key_tag":2371,"algorithm":13,"digest_type":2,"digest":SHA256.replace('a', "g")})),
        "ds.data.digest.hex",
        "/data/digest",
    );
    assert_error(
        ds(json!({"key_tag":2371,"algorithm":13,"digest_type":2,"digest":format!("0x{}", &SHA256[2..])})),
        "ds.data.digest.hex",
        "/data/digest",
    );
    assert_error(ds(json!({"key_tag":2371,"algorithm":13,"digest_type":99,"digest":"abc"})), "ds.data.digest.hex", "/data/digest");
    assert_error(ds(json!({"key_tag":2371,"algorithm":13,"digest_type":2,"digest":""})), "ds.data.digest.empty", "/data/digest");
    assert_error(ds(json!({"key_tag":65536,"algorithm":13,"digest_type":2,"digest":SHA256})), "ds.data.key_tag.range", "/data/key_tag");
    assert_error(ds(json!({"key_tag":-1,"algorithm":13,"digest_type":2,"digest":SHA256})), "ds.data.key_tag.range", "/data/key_tag");
    assert_error(
        ds(json!({"key_tag":2371,"algorithm":13,"digest_type":256,"digest":SHA256})),
        "ds.data.digest_type.range",
        "/data/digest_type",
    );
    assert_error(
        ds(json!({"key_tag":2371,"algorithm":13.5,"digest_type":2,"digest":SHA256})),
        "ds.data.algorithm.integer",
        "/data/algorithm",
    );
    assert_error(ds(json!({"key_tag":2371,"algorithm":13,"digest_type":2})), "ds.data.digest.required", "/data");
    assert_error(ds(json!({"key_tag":2371,"algorithm":13,"digest_type":2,"digest":123})), "ds.data.digest.type", "/data/digest");
}

#[test]
fn ds_rfc_warnings() {
    let rec = ds(json!({"key_tag":1,"algorithm":13,"digest_type":1,"digest":SHA1}));
    assert_warning(rec.clone(), "ds.data.digest_type.deprecated", "/data/digest_type");
    assert_strict_error(rec, "ds.data.digest_type.deprecated", "/data/digest_type");
    assert_warning(
        ds(json!({"key_tag":1,"algorithm":13,"digest_type":3,"digest":SHA256})),
        "ds.data.digest_type.deprecated",
        "/data/digest_type",
    );
    assert_warning(
        ds(json!({"key_tag":1,"algorithm":13,"digest_type":0,"digest":"00"})),
        "ds.data.digest_type.reserved",
        "/data/digest_type",
    );
    let rec = ds(json!({"key_tag":1,"algorithm":13,"digest_type":99,"digest":"abcd"}));
    assert_warning(rec.clone(), "ds.data.digest_type.unassigned", "/data/digest_type");
    assert_strict_error(rec, "ds.data.digest_type.unassigned", "/data/digest_type");
    assert_warning(
        ds(json!({"key_tag":1,"algorithm":7,"digest_type":2,"digest":SHA256})),
        "ds.data.algorithm.deprecated",
        "/data/algorithm",
    );
    assert_warning(
        ds(json!({"key_tag":1,"algorithm":12,"digest_type":2,"digest":SHA256})),
        "ds.data.algorithm.deprecated",
        "/data/algorithm",
    );
    assert_warning(
        ds(json!({"key_tag":1,"algorithm":200,"digest_type":2,"digest":SHA256})),
        "ds.data.algorithm.unassigned",
        "/data/algorithm",
    );
    assert_warning(
        ds(json!({"key_tag":1,"algorithm":255,"digest_type":2,"digest":SHA256})),
        "ds.data.algorithm.reserved",
        "/data/algorithm",
    );
    assert_warning(
        ds(json!({"key_tag":1,"algorithm":13,"digest_type":5,"digest":SHA256})),
        "ds.data.digest_type.uncommon",
        "/data/digest_type",
    );
    let apex = json!({"type":"DS","name":"@","ttl":1,"data":{"key_tag":1,"algorithm":13,"digest_type":2,"digest":SHA256}});
    assert_warning(apex.clone(), "ds.name.apex", "/name");
    assert_strict_error(apex, "ds.name.apex", "/name");
}

/// Patches carry only what changes; what is there is still checked.
#[test]
fn ds_patch_checks_the_fields_present() {
    let batch = json!({"zone_id": ZONE, "patches": [{"id":"023e105f4ecef8ad9ca31a8372d0c353","type":"DS","data":{"digest":"xyz"}}]});
    let issues = validate_batch_json(&batch.to_string(), &ValidateOptions::default()).issues;
    assert!(
        issues.iter().any(|i| i.code == "ds.data.digest.hex" && i.pointer == "/patches/0/data/digest" && i.severity == Severity::Error),
        "{issues:#?}"
    );
    assert!(!issues.iter().any(|i| i.code.ends_with(".required")), "{issues:#?}");
}

// ---- Presentation form -----------------------------------------------------------------------

#[test]
fn dnskey_from_zone_file_text() {
    let pasted = "257 3 13 (\n  CzBVep/E6Q4zWH2ix+wRNluApcrvFDleg6jN8hc8YYar0PUa\n  P2SJrtP4HUJnjLHW+yBFao+02f4jSG2St9wBJg==\n ) ; KSK; alg = ECDSAP256SHA256 ; key id = 2371";
    let want = DnskeyData { flags: 257, protocol: 3, algorithm: 13, public_key: P256.into() };
    assert_eq!(dnssec::dnskey_from_content(pasted), Ok(want.clone()));
    assert_eq!(dnssec::dnskey_from_content(&format!("257 3 ECDSAP256SHA256 {P256}")), Ok(want.clone()));
    assert_eq!(dnssec::dnskey_to_content(&want), format!("257 3 13 {P256}"));
    assert_eq!(
        RecordData::from_content(RecordType::DNSKEY, &format!("  257 3 13 {P256}  ")).map(|d| d.to_content()),
        Ok(format!("257 3 13 {P256}"))
    );
}

#[test]
fn ds_from_zone_file_text() {
    let split = format!("2371 13 2 {} {}", &SHA256[..32], &SHA256[32..]);
    let want = DsData { key_tag: 2371, algorithm: 13, digest_type: 2, digest: SHA256.into() };
    assert_eq!(dnssec::ds_from_content(&split), Ok(want.clone()));
    assert_eq!(dnssec::ds_to_content(&want), format!("2371 13 2 {SHA256}"));
    let upper = DsData { digest: SHA256.to_uppercase().into(), ..want };
    assert_eq!(dnssec::ds_from_content(&dnssec::ds_to_content(&upper)), Ok(upper));
}

#[test]
fn presentation_errors() {
    assert!(dnssec::dnskey_from_content("").is_err());
    assert!(dnssec::dnskey_from_content("257 3 13").is_err());
    assert!(dnssec::dnskey_from_content("65536 3 13 AQID").is_err());
    assert!(dnssec::dnskey_from_content("257 three 13 AQID").is_err());
    assert!(dnssec::dnskey_from_content("257 3 NOSUCHALG AQID").is_err());
    assert!(dnssec::ds_from_content("2371 13 2").is_err());
    assert!(dnssec::ds_from_content("2371 13 SHA256 abcd").is_err());
    assert!(dnssec::ds_from_content("-1 13 2 abcd").is_err());
    let err = RecordData::from_content(RecordType::DS, "1 2").unwrap_err();
    assert_eq!(err.kind, RecordType::DS);
}

fn base64_of(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn dnskey_round_trips(flags: u16, protocol: u8, algorithm: u8, key in proptest::collection::vec(any::<u8>(), 1..200)) {
        let d = DnskeyData { flags, protocol, algorithm, public_key: base64_of(&key).into() };
        prop_assert_eq!(dnssec::dnskey_from_content(&dnssec::dnskey_to_content(&d)), Ok(d));
    }

    #[test]
    fn ds_round_trips(key_tag: u16, algorithm: u8, digest_type: u8, digest in "([0-9a-fA-F]{2}){1,64}") {
        let d = DsData { key_tag, algorithm, digest_type, digest: digest.into() };
        prop_assert_eq!(dnssec::ds_from_content(&dnssec::ds_to_content(&d)), Ok(d));
    }

    #[test]
    fn presentation_parsers_never_panic(text in "\\PC{0,80}") {
        let _ = dnssec::dnskey_from_content(&text);
        let _ = dnssec::ds_from_content(&text);
    }
}
