//! `plan_json` of a 3,500-record zone against 3,500 desired records (10% different), the inputs of
//! bench/plan.mjs (written by `node bench/plan.mjs --write-inputs`), and the phases it is made of:
//! parsing the JSON, typing every record with the validator's reader, the canonical forms. The
//! rest (matching, the plan's JSON) is the difference between the phases and the whole. A plan
//! against a listing read once (what `readZone` keeps) is measured beside it.
//!
//!   cargo bench --bench plan

use cf_dns_batch::batch::validate_record_json;
use cf_dns_batch::json::{Arena, Json};
use cf_dns_batch::plan::canonical::Canonical;
use cf_dns_batch::plan::{plan_json, plan_listing, Listing};
use cf_dns_batch::{Severity, ValidateOptions};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::path::Path;
use std::process::Command;

struct Inputs {
    current: String,
    desired: String,
    policy: String,
}

fn inputs() -> Inputs {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join("target/bench-fixtures");
    let file = |name: &str| dir.join(format!("plan-{name}.json"));
    if !file("policy").exists() {
        let status = Command::new("node")
            .arg(root.join("bench/plan.mjs"))
            .arg("--write-inputs")
            .arg(&dir)
            .status()
            .expect("node is needed to write the workload");
        assert!(status.success(), "bench/plan.mjs --write-inputs failed");
    }
    let read = |name: &str| std::fs::read_to_string(file(name)).expect("plan input");
    Inputs { current: read("current"), desired: read("desired"), policy: read("policy") }
}

fn records<'a>(text: &'a str, arena: &'a Arena) -> &'a [Json<'a>] {
    match Json::parse(text, arena) {
        Ok(Json::Array(items)) => items,
        _ => panic!("the inputs are arrays"),
    }
}

fn bench(c: &mut Criterion) {
    let Inputs { current, desired, policy } = inputs();
    let n = {
        let arena = Arena::new();
        records(&current, &arena).len() + records(&desired, &arena).len()
    };
    let planned = plan_json(&current, &desired, &policy);
    let errors: Vec<_> = planned.issues.iter().filter(|i| i.severity == Severity::Error).collect();
    assert!(errors.is_empty(), "the workload must plan: {errors:#?}");
    let s = &planned.summary;
    assert_eq!((s.create, s.update, s.delete, s.unchanged), (175, 175, 175, 3150), "the plan bench/plan.mjs checks");

    let options = ValidateOptions::default();
    let mut group = c.benchmark_group("plan 3500 vs 3500");
    group.throughput(Throughput::Elements(n as u64));
    group.sample_size(30);
    group.bench_function("plan_json + to_json", |b| b.iter(|| plan_json(&current, &desired, &policy).to_json().len()));
    group.bench_function("plan_json", |b| b.iter(|| plan_json(&current, &desired, &policy).changes.len()));
    // What a plan against a zone read once (`readZone`) costs: the listing is read outside the loop.
    let listing = Listing::read(current.as_bytes());
    group.bench_function("plan_listing + to_json (held listing)", |b| b.iter(|| plan_listing(&listing, desired.as_bytes(), &policy).to_json().len()));
    group.bench_function("phase: desired parse + type + canonical", |b| {
        b.iter(|| {
            let arena = Arena::new();
            records(&desired, &arena).iter().filter_map(|json| validate_record_json(json, &options).1).map(|r| Canonical::of(&r, "example.com").owner.len()).sum::<usize>()
        })
    });
    group.bench_function("phase: parse", |b| {
        b.iter(|| {
            let arena = Arena::new();
            records(&current, &arena).len() + records(&desired, &arena).len()
        })
    });
    group.bench_function("phase: parse + type", |b| {
        b.iter(|| {
            let arena = Arena::new();
            let all = records(&current, &arena).iter().chain(records(&desired, &arena));
            all.filter_map(|json| validate_record_json(json, &options).1).count()
        })
    });
    group.bench_function("phase: parse + type + canonical", |b| {
        b.iter(|| {
            let arena = Arena::new();
            let all = records(&current, &arena).iter().chain(records(&desired, &arena));
            all.filter_map(|json| validate_record_json(json, &options).1).map(|r| Canonical::of(&r, "example.com").owner.len()).sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
