// Best-of timings of each step of validating the 3,500-record workload natively, next to serde_json
// floors (skipping the text, `Value`, typed `from_str`): `cargo run --release --example floor_speed`.
use cf_dns_batch::{json::Json, validate_batch, ValidateOptions};
fn time<T>(name: &str, n: u32, mut f: impl FnMut() -> T) {
    for _ in 0..5 { std::hint::black_box(f()); }
    let mut best = std::time::Duration::MAX;
    for _ in 0..n { let t = std::time::Instant::now(); std::hint::black_box(f()); best = best.min(t.elapsed()); }
    println!("{name:30} {best:?}");
}
fn main() {
    println!("Record {} RecordData {} Common {} Json {} Issue {} PatchParam {}", std::mem::size_of::<cf_dns_batch::Record>(), std::mem::size_of::<cf_dns_batch::RecordData>(), std::mem::size_of::<cf_dns_batch::record::CommonFields>(), std::mem::size_of::<Json>(), std::mem::size_of::<cf_dns_batch::Issue>(), std::mem::size_of::<cf_dns_batch::batch::PatchParam>());
    let text = std::fs::read_to_string("target/bench-fixtures/batch-3500.params.json").unwrap();
    let o = ValidateOptions::default();
    time("ignored_any", 50, || serde_json::from_str::<serde::de::IgnoredAny>(&text).is_ok());
    time("value", 50, || serde_json::from_str::<serde_json::Value>(&text).is_ok());
    time("json tree", 50, || Json::parse(&text).is_ok());
    let json = Json::parse(&text).unwrap();
    time("validate", 50, || validate_batch(&json, &o).issues.len());
    let p = validate_batch(&json, &o).params.unwrap();
    time("body", 50, || p.body().len());
    time("typed from_str", 50, || serde_json::from_str::<cf_dns_batch::BatchParams>(&text).is_ok());
    time("all", 50, || cf_dns_batch::validate_batch_json(&text, &o).params.map(|p| p.body().len()));
}
