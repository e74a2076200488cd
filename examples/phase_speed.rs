// Splits the cost of validating the 3,500-record workload: parse, validate (with typed records),
// and serialising the body. `cargo run --release --example phase_speed`
use cf_dns_batch::{json::Json, validate_batch, ValidateOptions};
fn main() {
    let text = std::fs::read_to_string("target/bench-fixtures/batch-3500.params.json").unwrap_or_default();
    let options = ValidateOptions::default();
    let n = 40u32;
    let json = Json::parse(&text).ok();
    let t = std::time::Instant::now();
    for _ in 0..n {
        std::hint::black_box(Json::parse(&text).ok());
    }
    let parse = t.elapsed() / n;
    let t = std::time::Instant::now();
    let mut body = 0;
    for _ in 0..n {
        if let Some(json) = &json {
            let v = validate_batch(json, &options);
            body += v.issues.len();
            std::hint::black_box(v);
        }
    }
    let validate = t.elapsed() / n;
    let params = json.as_ref().and_then(|j| validate_batch(j, &options).params);
    let t = std::time::Instant::now();
    for _ in 0..n {
        std::hint::black_box(params.as_ref().map(|p| p.body().len()));
    }
    let serialise = t.elapsed() / n;
    println!("parse {parse:?}  validate {validate:?}  serialise {serialise:?}  ({body})");
}
