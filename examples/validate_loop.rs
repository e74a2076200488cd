// Runs only the validation step in a loop, for profilers: `perf record target/release/examples/validate_loop`.
use cf_dns_batch::{json::{Arena, Json}, validate_batch, ValidateOptions};
fn main() {
    let text = std::fs::read_to_string("target/bench-fixtures/batch-3500.params.json").unwrap_or_default();
    let o = ValidateOptions::default();
    let arena = Arena::new();
    let Ok(json) = Json::parse(&text, &arena) else { return };
    let n: u32 = std::env::var("ITER").ok().and_then(|v| v.parse().ok()).unwrap_or(500);
    for _ in 0..n {
        std::hint::black_box(validate_batch(&json, &o));
    }
}
