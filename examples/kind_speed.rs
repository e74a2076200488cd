// Validation time per record for batches of one kind: `cargo run --release --example kind_speed -- a.json b.json`.
use cf_dns_batch::json::{Arena, Json};
use cf_dns_batch::{validate_batch, ValidateOptions};
use std::time::{Duration, Instant};
fn main() {
    let options = ValidateOptions::default();
    for path in std::env::args().skip(1) {
        let Ok(text) = std::fs::read_to_string(&path) else { continue };
        let arena = Arena::new();
        let Ok(json) = Json::parse(&text, &arena) else { continue };
        let n = ["deletes", "patches", "puts", "posts"].iter().filter_map(|k| json.get(k)).map(|v| if let Json::Array(a) = v { a.len() } else { 0 }).sum::<usize>().max(1);
        let mut best = Duration::MAX;
        for _ in 0..40 {
            let t = Instant::now();
            std::hint::black_box(validate_batch(&json, &options));
            best = best.min(t.elapsed());
        }
        println!("{path:28} {n:5} records  {:7.0} ns/record", best.as_nanos() as f64 / n as f64);
    }
}
