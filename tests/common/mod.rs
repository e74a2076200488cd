//! Shared helpers for the per-kind tables: validate one record as a post and look at the issues.
#![allow(dead_code)]

use cf_dns_batch::{validate_batch_json, Issue, Severity, ValidateOptions};
use serde_json::{json, Value};

pub const ZONE: &str = "023e105f4ecef8ad9ca31a8372d0c353";

/// Validates `record` as the only post of a batch (`/posts/0/...`).
pub fn issues_of(record: Value, options: &ValidateOptions) -> Vec<Issue> {
    table_cases::note(&record);
    let batch = json!({ "zone_id": ZONE, "posts": [record] }).to_string();
    let issues = validate_batch_json(&batch, options).issues;
    assert_eq!(cf_dns_batch::batch::check_json(&batch, options).issues, issues, "checking without building finds the same issues");
    issues
}

pub fn errors_of(record: Value) -> Vec<Issue> {
    issues_of(record, &ValidateOptions::default()).into_iter().filter(|i| i.severity == Severity::Error).collect()
}

/// Asserts the record validates with no error (warnings allowed).
#[track_caller]
pub fn assert_valid(record: Value) {
    let errors = errors_of(record.clone());
    assert!(errors.is_empty(), "expected no errors for {record}, got {errors:#?}");
    assert_body_is_serdes(&record);
}

/// The record as a post, and as a put and a patch, validates to a typed batch whose body is what
/// serde_json writes from it, and checking without building agrees. (The post goes in a batch of
/// its own: beside a put of the same record at the same name it would be a second record there.)
#[track_caller]
pub fn assert_body_is_serdes(record: &Value) {
    let mut as_put = record.clone();
    as_put["id"] = json!("372e67954025e0ba6aaa6d586b9e0b59");
    let batches = [
        json!({ "zone_id": ZONE, "posts": [record] }),
        json!({ "zone_id": ZONE, "puts": [as_put], "patches": [as_put], "deletes": [{"id": "0e67954025e0ba6aaa6d586b9e0b5937"}] }),
    ];
    for batch in batches {
        let text = batch.to_string();
        let v = validate_batch_json(&text, &ValidateOptions::default());
        let checked = cf_dns_batch::batch::check_json(&text, &ValidateOptions::default());
        assert_eq!((checked.issues, checked.sendable), (v.issues.clone(), v.params.is_some()), "checking without building: {record}");
        let params = v.params.unwrap_or_else(|| panic!("{batch}: {:#?}", v.issues));
        assert_eq!(params.body(), serde_json::to_string(&params).unwrap(), "body of {record}");
    }
}

/// Asserts the record validates with no issue at all, not even a warning.
#[track_caller]
pub fn assert_clean(record: Value) {
    let issues = issues_of(record.clone(), &ValidateOptions::default());
    assert!(issues.is_empty(), "expected no issues for {record}, got {issues:#?}");
    assert_body_is_serdes(&record);
}

/// Asserts an error with `code` at `pointer` (relative to the post, e.g. "/data/port").
#[track_caller]
pub fn assert_error(record: Value, code: &str, pointer: &str) {
    assert_issue(record, code, pointer, Severity::Error, &ValidateOptions::default());
}

/// Asserts a warning with `code` at `pointer` (relative to the post).
#[track_caller]
pub fn assert_warning(record: Value, code: &str, pointer: &str) {
    assert_issue(record, code, pointer, Severity::Warning, &ValidateOptions::default());
}

/// Asserts the issue under strict options is an error.
#[track_caller]
pub fn assert_strict_error(record: Value, code: &str, pointer: &str) {
    let strict = ValidateOptions { strict: true, ..Default::default() };
    assert_issue(record, code, pointer, Severity::Error, &strict);
}

#[track_caller]
pub fn assert_issue(record: Value, code: &str, pointer: &str, severity: Severity, options: &ValidateOptions) {
    let full = format!("/posts/0{pointer}");
    let issues = issues_of(record.clone(), options);
    assert!(
        issues.iter().any(|i| i.code == code && i.pointer == full && i.severity == severity),
        "expected {severity:?} {code} at {full} for {record}, got {issues:#?}"
    );
}

/// Every record a kind table validates, one JSON line each, in `target/table-cases/<table>.jsonl`
/// (rewritten by each run of the table): `tests/js/validator-emulator.test.mjs` posts them to the
/// emulator and holds its verdict equal to `validateBatch`'s.
mod table_cases {
    use serde_json::Value;
    use std::io::Write;
    use std::sync::{Mutex, OnceLock};

    static FILE: OnceLock<Mutex<Option<std::fs::File>>> = OnceLock::new();

    fn open() -> Option<std::fs::File> {
        let exe = std::env::current_exe().ok()?;
        let stem = exe.file_stem()?.to_str()?;
        // `record_caa-0123abcd` -> `record_caa`: one file per table, whatever the build.
        let table = stem.rsplit_once('-').map_or(stem, |(name, _)| name);
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/table-cases");
        std::fs::create_dir_all(&dir).ok()?;
        std::fs::File::create(dir.join(format!("{table}.jsonl"))).ok()
    }

    pub fn note(record: &Value) {
        let file = FILE.get_or_init(|| Mutex::new(open()));
        if let Ok(mut file) = file.lock() {
            if let Some(file) = file.as_mut() {
                let _ = writeln!(file, "{record}");
            }
        }
    }
}
