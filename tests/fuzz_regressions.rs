//! Replays every file in `fuzz/regressions/<target>/` through the same code as the cargo-fuzz
//! target of that name (`fuzz/src/checks.rs`, included below), so each target's seeds and every
//! crash the fuzzers found stay covered by a bounded run in `cargo test`.
//!
//! To add a finding: copy the crash input (`fuzz/artifacts/<target>/crash-*`) into
//! `fuzz/regressions/<target>/`. For `record_fields`, save the batch JSON that the crash's Debug
//! form shows (`cargo +nightly fuzz fmt record_fields <crash file>`), since this test does not
//! depend on `arbitrary`.

#[path = "../fuzz/src/checks.rs"]
mod checks;

use std::path::{Path, PathBuf};

fn replay(target: &str, check: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions").join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{} holds no input", dir.display());
    let mut failed = Vec::new();
    for file in &files {
        let data = std::fs::read(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        if std::panic::catch_unwind(|| check(&data)).is_err() {
            failed.push(file.display().to_string());
        }
    }
    assert!(failed.is_empty(), "{target}: {} of {} inputs failed:\n{}", failed.len(), files.len(), failed.join("\n"));
}

#[test]
fn batch_validate() {
    replay("batch_validate", checks::batch_validate);
}

#[test]
fn record_fields() {
    replay("record_fields", checks::record_fields_json);
}

#[test]
fn response_envelope() {
    replay("response_envelope", checks::response_envelope);
}

#[test]
fn presentation() {
    replay("presentation", checks::presentation);
}

#[test]
fn retry_headers() {
    replay("retry_headers", checks::retry_headers);
}

#[test]
fn json_parse() {
    replay("json_parse", checks::json_parse);
}
