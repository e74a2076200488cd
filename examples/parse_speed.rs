// Times parsing the 3,500-record workload: the crate's borrowed tree vs serde_json::Value vs validation.
fn main() {
    let text = std::fs::read_to_string("target/bench-fixtures/batch-3500.params.json").unwrap_or_default();
    let n = 50u32;
    let t = std::time::Instant::now();
    for _ in 0..n {
        std::hint::black_box(cf_dns_batch::json::Json::parse(&text).ok());
    }
    println!("Json::parse          {:?}", t.elapsed() / n);
    let t = std::time::Instant::now();
    for _ in 0..n {
        std::hint::black_box(serde_json::from_str::<serde_json::Value>(&text).ok());
    }
    println!("serde_json::Value    {:?}", t.elapsed() / n);
    let t = std::time::Instant::now();
    for _ in 0..n {
        std::hint::black_box(serde_json::from_str::<serde::de::IgnoredAny>(&text).ok());
    }
    println!("IgnoredAny (scan)    {:?}", t.elapsed() / n);
    let t = std::time::Instant::now();
    for _ in 0..n {
        std::hint::black_box(cf_dns_batch::validate_batch_json(&text, &Default::default()).issues.len());
    }
    println!("validate_batch_json  {:?}", t.elapsed() / n);
}
