// Runs one step in a loop, for profilers and instruction counts:
// `ITER=n [STEP=all|check|parse|skip] perf record <binary> [batch.json]`, where `cargo bench --bench
// validate_loop --no-run` prints the binary's path (`cargo bench --bench validate_loop` just runs it).
// STEP=skip is serde_json skipping the text; STEP=all is the criterion bench (parse + validate + serialise); STEP=check is parse + checking without building; the default is validation alone.
use cf_dns_batch::json::{Arena, Json};
use cf_dns_batch::{validate_batch, validate_batch_json, ValidateOptions};
fn main() {
    // `cargo bench` passes `--bench`: the first argument that is not an option is the file.
    let path = std::env::args().skip(1).find(|a| !a.starts_with("--")).unwrap_or_else(|| "target/bench-fixtures/batch-3500.params.json".into());
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let options = ValidateOptions::default();
    let n: u32 = std::env::var("ITER").ok().and_then(|v| v.parse().ok()).unwrap_or(500);
    match std::env::var("STEP").as_deref() {
        Ok("all") => (0..n).for_each(|_| {
            std::hint::black_box(validate_batch_json(&text, &options).params.map(|p| p.body().len()));
        }),
        Ok("skip") => (0..n).for_each(|_| {
            std::hint::black_box(serde_json::from_str::<serde::de::IgnoredAny>(&text).is_ok());
        }),
        Ok("check") => (0..n).for_each(|_| {
            std::hint::black_box(cf_dns_batch::batch::check_json(&text, &options).sendable);
        }),
        Ok("parse") => (0..n).for_each(|_| {
            std::hint::black_box(Json::parse(&text, &Arena::new()).is_ok());
        }),
        _ => {
            let arena = Arena::new();
            let Ok(json) = Json::parse(&text, &arena) else { return };
            (0..n).for_each(|_| {
                std::hint::black_box(validate_batch(&json, &options));
            });
        }
    }
}
