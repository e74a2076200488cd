// Counts allocations (and reallocations) in each step (parse, validate, body, check) of the 3,500-record workload:
// `cargo bench --bench alloc_count` (the fixture comes from `cargo bench --bench validate` or `make bench`).
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
struct Counting;
static N: AtomicUsize = AtomicUsize::new(0);
static R: AtomicUsize = AtomicUsize::new(0);
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 { N.fetch_add(1, Relaxed); System.alloc(l) }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) { System.dealloc(p, l) }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, n: usize) -> *mut u8 { R.fetch_add(1, Relaxed); System.realloc(p, l, n) }
}
#[global_allocator]
static A: Counting = Counting;
fn main() {
    let text = std::fs::read_to_string("target/bench-fixtures/batch-3500.params.json").unwrap();
    let o = cf_dns_batch::ValidateOptions::default();
    let c = || (N.load(Relaxed), R.load(Relaxed));
    let a = c();
    let arena = cf_dns_batch::json::Arena::new();
    let json = cf_dns_batch::json::Json::parse(&text, &arena).unwrap();
    let b = c();
    let v = cf_dns_batch::validate_batch(&json, &o);
    let d = c();
    let body = v.params.as_ref().unwrap().body();
    let e = c();
    let checked = cf_dns_batch::batch::check(&json, &o);
    let f = c();
    println!("tree: {} bytes in the arena for {} bytes of text", arena.allocated_bytes(), text.len());
    println!("parse {:?} validate {:?} body {:?} ({} bytes)", (b.0-a.0,b.1-a.1), (d.0-b.0,d.1-b.1), (e.0-d.0,e.1-d.1), body.len());
    println!("check without building {:?} ({} issues)", (f.0-e.0,f.1-e.1), checked.issues.len());
}
