// Best-of timings of each step of validating the 3,500-record workload natively (parse, validate,
// serialise the body), next to serde_json floors (skipping the text, a `Value`, a typed `from_str`
// with no validation): `cargo bench --bench step_speed`. `cargo bench --bench validate` (or `make bench`)
// writes the fixture.
use cf_dns_batch::json::{Arena, Json};
use cf_dns_batch::{validate_batch, validate_batch_json, ValidateOptions};
use std::time::{Duration, Instant};

fn best<T>(name: &str, mut step: impl FnMut() -> T) {
    for _ in 0..5 {
        std::hint::black_box(step());
    }
    let mut best = Duration::MAX;
    for _ in 0..50 {
        let t = Instant::now();
        std::hint::black_box(step());
        best = best.min(t.elapsed());
    }
    println!("{name:32} {best:?}");
}

fn main() {
    let Ok(text) = std::fs::read_to_string("target/bench-fixtures/batch-3500.params.json") else {
        eprintln!("no fixture: run `cargo bench --bench validate` (or `make bench`) once to write it");
        return;
    };
    let options = ValidateOptions::default();
    best("all three, first", || validate_batch_json(&text, &options).params.map(|p| p.body().len()));
    best("parse + validate, then drop, then body", || {
        let v = validate_batch_json(&text, &options);
        v.params.map(|p| p.body().len())
    });
    best("serde_json: skip (IgnoredAny)", || serde_json::from_str::<serde::de::IgnoredAny>(&text).is_ok());
    best("serde_json: Value", || serde_json::from_str::<serde_json::Value>(&text).is_ok());
    best("parse (tree, dropped)", || Json::parse(&text, &Arena::new()).is_ok());
    let arena = Arena::new();
    let Ok(json) = Json::parse(&text, &arena) else { return };
    best("validate (typed params)", || validate_batch(&json, &options).issues.len());
    let mut drops = Duration::MAX;
    for _ in 0..50 {
        let v = validate_batch(&json, &options);
        let t = Instant::now();
        drop(std::hint::black_box(v));
        drops = drops.min(t.elapsed());
    }
    println!("{:32} {drops:?}", "  of which dropping the result");
    best("check only (no typed batch)", || cf_dns_batch::batch::check(&json, &options).issues.len());
    let Some(params) = validate_batch(&json, &options).params else { return };
    best("serialise the body", || params.body().len());
    best("serde_json: write the tree", || serde_json::to_string(&json).map(|t| t.len()));
    best("parse + validate", || {
        let arena = Arena::new();
        Json::parse(&text, &arena).map(|json| validate_batch(&json, &options).issues.len()).ok()
    });
    best("all three (the criterion bench)", || validate_batch_json(&text, &options).params.map(|p| p.body().len()));
}
