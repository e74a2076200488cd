//! Replays each cargo-fuzz target's seeds (`fuzz/seeds/<target>/`) and every crash the fuzzers
//! found (`fuzz/regressions/<target>/`) through the same code as the target of that name
//! (`fuzz/src/checks.rs`, included below), so both stay covered by a bounded run in `cargo test`.
//!
//! To add a finding: copy the crash input (`fuzz/artifacts/<target>/crash-*`) into
//! `fuzz/regressions/<target>/`. For `record_fields`, save the batch JSON that the crash's Debug
//! form shows (`cargo +nightly fuzz fmt record_fields <crash file>`), since this test does not
//! depend on `arbitrary`.

#[path = "../fuzz/src/checks.rs"]
mod checks;

use std::path::{Path, PathBuf};

/// Runs `check` on every file of `fuzz/<dir>` for each of `dirs` (a missing directory is empty).
fn replay(dirs: &[&str], check: fn(&[u8])) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut files: Vec<PathBuf> = Vec::new();
    for dir in dirs {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else { continue };
        files.extend(entries.map(|entry| entry.expect("a directory entry").path()).filter(|p| p.is_file()));
    }
    files.sort();
    assert!(!files.is_empty(), "{dirs:?} hold no input");
    let mut failed = Vec::new();
    for file in &files {
        let data = std::fs::read(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        if std::panic::catch_unwind(|| check(&data)).is_err() {
            failed.push(file.display().to_string());
        }
    }
    assert!(failed.is_empty(), "{dirs:?}: {} of {} inputs failed:\n{}", failed.len(), files.len(), failed.join("\n"));
}

#[test]
fn batch_validate() {
    replay(&["seeds/batch_validate", "regressions/batch_validate"], checks::batch_validate);
}

#[test]
fn record_fields() {
    // Its own seeds are `arbitrary` bytes; the JSON it builds from them is a batch like these.
    replay(&["seeds/batch_validate", "regressions/record_fields"], checks::record_fields_json);
}

#[test]
fn response_envelope() {
    replay(&["seeds/response_envelope", "regressions/response_envelope"], checks::response_envelope);
}

#[test]
fn presentation() {
    replay(&["seeds/presentation", "regressions/presentation"], checks::presentation);
}

#[test]
fn retry_headers() {
    replay(&["seeds/retry_headers", "regressions/retry_headers"], checks::retry_headers);
}

#[test]
fn json_parse() {
    // Every batch is JSON too: the parser's fuzz target starts from the batch seeds as well.
    replay(&["seeds/json_parse", "seeds/batch_validate", "regressions/json_parse"], checks::json_parse);
}
