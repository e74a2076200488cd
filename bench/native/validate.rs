//! Parse + validate + serialise of the shared workload (the one the official SDK was measured
//! with): 1, 200 and 3,500 records. The fixtures come from bench/workload/gen-fixtures.mjs.

use cf_dns_batch::{validate_batch_json, Severity, ValidateOptions};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::path::Path;
use std::process::Command;

fn fixture(n: usize) -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-fixtures");
    let file = dir.join(format!("batch-{n}.params.json"));
    if !file.exists() {
        let status = Command::new("node")
            .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("bench/workload/gen-fixtures.mjs"))
            .arg(&dir)
            .status()
            .expect("node is needed to write the workload");
        assert!(status.success(), "gen-fixtures.mjs failed");
    }
    std::fs::read_to_string(file).expect("fixture")
}

fn bench(c: &mut Criterion) {
    let options = ValidateOptions::default();
    let mut group = c.benchmark_group("parse+validate+serialise");
    for n in [1usize, 200, 3500] {
        let text = fixture(n);
        let check = validate_batch_json(&text, &options);
        let errors: Vec<_> = check.issues.iter().filter(|i| i.severity == Severity::Error).collect();
        assert!(errors.is_empty(), "the workload must validate: {errors:#?}");
        if let Some(params) = &check.params {
            assert_eq!(params.body(), serde_json::to_string(params).expect("serialises"), "the hand-written body is serde's");
        }
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &text, |b, text| {
            b.iter(|| {
                let v = validate_batch_json(text, &options);
                v.params.map(|p| p.body().len())
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
