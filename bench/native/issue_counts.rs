// Prints how many issues of each code a batch file gives, and the time of a call:
// `cargo bench --bench issue_counts -- file.json` (default: the 3,500-record workload).
use std::collections::BTreeMap;
fn main() {
    // `cargo bench` passes `--bench`: the first argument that is not an option is the file.
    let path = std::env::args().skip(1).find(|a| !a.starts_with("--")).unwrap_or_else(|| "target/bench-fixtures/batch-3500.params.json".into());
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let v = cf_dns_batch::validate_batch_json(&text, &Default::default());
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for i in &v.issues {
        *counts.entry(format!("{:?} {}", i.severity, i.code)).or_default() += 1;
    }
    for (code, n) in counts {
        println!("{n:6} {code}");
    }
    let t = std::time::Instant::now();
    let n: u32 = std::env::var("ITER").ok().and_then(|v| v.parse().ok()).unwrap_or(20);
    for _ in 0..n {
        let _ = cf_dns_batch::validate_batch_json(&text, &Default::default()).params.map(|p| p.body().len());
    }
    println!("{:?} per call", t.elapsed() / n.max(1));
}
