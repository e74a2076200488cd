//! The shared name table (tests/names/table.rs) in the native build, where the `idna` crate maps
//! Unicode names. The WebAssembly tests run the same rows through Node's and Chromium's URL parsers
//! and must reach the same verdicts.
mod common;
#[path = "names/table.rs"]
mod name_table;

use cf_dns_batch::{Severity, ValidateOptions};
use common::issues_of;

#[test]
fn every_build_gives_the_table_verdict_native() {
    let mut wrong = Vec::new();
    for case in name_table::cases() {
        let record: serde_json::Value = serde_json::from_str(&case.0).expect("table rows are JSON");
        let issues: Vec<(String, String, String)> = issues_of(record, &ValidateOptions::default())
            .into_iter()
            .map(|i| {
                let severity = if i.severity == Severity::Error { "error" } else { "warning" };
                (i.code.into_owned(), i.pointer.strip_prefix("/posts/0").unwrap_or(&i.pointer).to_string(), severity.to_string())
            })
            .collect();
        wrong.extend(name_table::mismatch(&case, &issues));
    }
    assert!(wrong.is_empty(), "{} of {} verdicts differ from the table:\n{}", wrong.len(), name_table::cases().len(), wrong.join("\n"));
    write_table_for_workerd();
}

/// The same rows as JSON for the Workers runtime test (tests/workerd/), which embeds the file:
/// workerd maps Unicode names with its own URL parser and must reach the same verdicts.
fn write_table_for_workerd() {
    let rows: Vec<serde_json::Value> = name_table::cases()
        .into_iter()
        .map(|(record, pointer, code, _)| serde_json::json!({ "record": record, "pointer": pointer, "code": code }))
        .collect();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target");
    std::fs::create_dir_all(&dir).expect("target/ can be made");
    std::fs::write(dir.join("name-table.json"), serde_json::to_string(&rows).expect("rows are JSON")).expect("the table is written");
}

/// The name that is checked is the name that is sent: names are compared (CNAME conflicts,
/// duplicates) by their mapped form, and a name smuggling URL syntax has no mapped form at all.
#[test]
fn smuggled_url_syntax_has_no_ascii_form() {
    for name in ["ü@evil.com", "bücher.example.com/../x", "bücher.example.com:8080", "bü%41cher.example.com"] {
        assert_eq!(cf_dns_batch::name::to_ascii(name), None, "{name:?}");
    }
    assert_eq!(cf_dns_batch::name::to_ascii("bücher\u{3002}example").as_deref(), Some("xn--bcher-kva.example"));
    assert_eq!(cf_dns_batch::name::qualify("ü@evil.com", "example.com"), "ü@evil.com.example.com");
}
