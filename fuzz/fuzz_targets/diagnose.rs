//! Feeds arbitrary bytes through the whole pipeline the binary runs on stdin; the checks
//! are those of the property tests (tests/support/pipeline.rs).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/support/pipeline.rs"]
mod pipeline;

fuzz_target!(|data: &[u8]| pipeline::check(data));
