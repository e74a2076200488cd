//! The shared batch fixture (`tests/fixtures/batches.json`): each batch's verdict from
//! `validate_batch_json`. The same file runs through the package's `validateBatch` and the
//! emulator in `tests/js/validator-emulator.test.mjs`, so the validator and the emulator are held
//! to one verdict per batch (with the exceptions the fixture names, where only the zone knows).
use cf_dns_batch::{validate_batch_json, Severity, ValidateOptions};
use serde_json::Value;

const ZONE: &str = "023e105f4ecef8ad9ca31a8372d0c353";

#[test]
fn every_fixture_batch_gets_its_verdict() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/batches.json")).expect("the fixture");
    let fixture: Value = serde_json::from_str(&text).expect("the fixture is JSON");
    let cases = fixture["cases"].as_array().expect("cases");
    assert!(cases.len() >= 20, "the fixture holds the batch-level cases");
    let mut wrong = Vec::new();
    for case in cases {
        let mut batch = case["batch"].clone();
        batch["zone_id"] = Value::from(ZONE);
        let refuses = match case["validator"].as_str() {
            Some("refuses") => true,
            Some("accepts") => false,
            _ => case["refused"].as_bool().expect("refused"),
        };
        let v = validate_batch_json(&batch.to_string(), &ValidateOptions::default());
        let errors: Vec<_> = v.issues.iter().filter(|i| i.severity == Severity::Error).map(|i| (i.code.to_string(), i.pointer.clone())).collect();
        if errors.is_empty() == refuses {
            wrong.push(format!("{}: expected {}, got {errors:?}", case["name"], if refuses { "an error" } else { "no error" }));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}
