#![no_main]
//! See `cf_dns_batch_fuzz::checks::response_envelope` for the input layout and the invariants.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    cf_dns_batch_fuzz::checks::response_envelope(data);
});
