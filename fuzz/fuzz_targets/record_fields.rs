#![no_main]
//! Batches built from a vocabulary of real field names and values (see
//! `cf_dns_batch_fuzz::record_input`), validated under the options the input picks. A crash's
//! `Debug` form (printed by libFuzzer, or by `cargo fuzz fmt record_fields <file>`) is the batch
//! JSON: save that JSON under `fuzz/regressions/record_fields/`.
use cf_dns_batch_fuzz::{checks, record_input::RecordInput};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: RecordInput| {
    let json = input.to_json();
    checks::check_batch(&json, &input.options());
});
