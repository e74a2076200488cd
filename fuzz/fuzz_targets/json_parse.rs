#![no_main]
//! See `cf_dns_batch_fuzz::checks::json_parse`: the crate's JSON parser against serde_json.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    cf_dns_batch_fuzz::checks::json_parse(data);
});
