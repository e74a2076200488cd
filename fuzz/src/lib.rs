//! Shared code of the cargo-fuzz targets. `checks` is also compiled into the main crate's
//! `tests/fuzz_regressions.rs`, which replays `fuzz/regressions/<target>/` through it.

pub mod checks;
pub mod record_input;
