//! Adding a record kind: the registry (src/record/kinds.rs) holds its facts, and the places the
//! compiler cannot see are checked here for every kind of the registry (CONTRIBUTING.md, "Adding a
//! record kind", lists them all). A kind missing from one of them fails a test below, naming it.
mod common;
use cf_dns_batch::record::{RecordData, RecordType, Shape, KINDS};
use cf_dns_batch::{Severity, ValidateOptions};
use common::issues_of;
use serde_json::Value;
use std::path::Path;

fn read(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The record a post would send for the registry's example of `kind`.
fn example_record(kind: RecordType) -> (RecordData, Value) {
    let example = kind.example();
    let data = RecordData::from_content(kind, example).unwrap_or_else(|e| panic!("{kind}: the registry's example {example:?} does not read: {e}"));
    let mut record = serde_json::to_value(&data).expect("record data serialises");
    // An owner name every kind accepts without a warning about its form (SRV and URI want
    // `_service._proto.`).
    record["name"] = Value::from("_sip._tcp.example.com");
    record["ttl"] = Value::from(1);
    (data, record)
}

#[test]
fn every_kind_has_a_reader_and_a_presentation_form() {
    for kind in RecordType::ALL {
        let (data, record) = example_record(kind);
        assert_eq!(data.record_type(), kind);
        let errors: Vec<_> = issues_of(record.clone(), &ValidateOptions::default()).into_iter().filter(|i| i.severity == Severity::Error).collect();
        assert!(errors.is_empty(), "{kind}: the registry's example {record} does not validate: {errors:#?}");
        let content = data.to_content();
        assert_eq!(RecordData::from_content(kind, &content).as_ref(), Ok(&data), "{kind}: {content:?} does not read back");
    }
}

#[test]
fn every_kind_sends_the_fields_the_registry_names() {
    for kind in RecordType::ALL {
        let (_, record) = example_record(kind);
        let object = record.as_object().expect("a record is an object");
        for field in kind.value_fields() {
            assert!(object.contains_key(*field), "{kind}: the typed record has no `{field}`: {record}");
        }
        let data_keys: Vec<&str> = record.get("data").and_then(Value::as_object).map(|d| d.keys().map(String::as_str).collect()).unwrap_or_default();
        let mut want: Vec<&str> = kind.data_fields().to_vec();
        let mut got = data_keys.clone();
        want.sort_unstable();
        got.sort_unstable();
        assert_eq!(got, want, "{kind}: the registry's data fields are not those of the typed record");
        assert_eq!(kind.info().shape == Shape::Data, object.contains_key("data"), "{kind}");
    }
}

#[test]
fn every_kind_has_a_section_in_the_rules() {
    let rules = read("docs/rules.md");
    for kind in KINDS.iter() {
        let heading = rules.lines().filter_map(|l| l.strip_prefix("## ")).any(|h| h.split_whitespace().any(|word| word == kind.name));
        assert!(heading, "docs/rules.md has no `## {}` section", kind.name);
        assert!(rules.contains(&format!("`{}.", kind.code)), "docs/rules.md lists no `{}.…` code", kind.code);
    }
}

#[test]
fn every_kind_has_a_table_of_valid_and_invalid_records() {
    let mut tables = String::new();
    for entry in std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests")).expect("tests/ is readable") {
        let path = entry.expect("an entry").path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
        if name.starts_with("record_") && name.ends_with(".rs") {
            tables.push_str(&std::fs::read_to_string(&path).expect("a test file is readable"));
        }
    }
    for kind in KINDS.iter() {
        assert!(tables.contains(&format!("\"{}\"", kind.name)), "no tests/record_*.rs has records of type {:?}", kind.name);
        assert!(tables.contains(&format!("\"{}.", kind.code)), "no tests/record_*.rs expects a `{}.…` issue", kind.code);
    }
}

/// The emulator takes its per-kind facts from the registry (`recordKinds()` in the .wasm): a list
/// of kind names written into its source would go stale when a kind is added.
#[test]
fn the_emulator_keeps_no_list_of_kinds() {
    for file in ["pkg/src/emulator.js", "pkg/src/emulator-records.js", "pkg/src/emulator-zone.js", "pkg/src/emulator-errors.js"] {
        for (n, line) in read(file).lines().enumerate() {
            let named = KINDS.iter().filter(|k| line.contains(&format!("'{}'", k.name))).count();
            assert!(named < 3, "{file}:{}: a list of kinds ({line:?}); use the registry's facts (`ctx.kinds`)", n + 1);
        }
    }
    assert!(read("src/js_kinds.rs").contains("facts_json"), "the .wasm exports the registry's facts");
    assert!(read("pkg/src/surface.js").contains("recordKinds"), "the emulator is given the registry's facts");
}
