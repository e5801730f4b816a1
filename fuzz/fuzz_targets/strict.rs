//! The strict target: arbitrary bytes through the stdin pipeline, checked against the
//! strict invariants (tests/support/pipeline.rs `check_strict`): every status and code
//! reported is a number of its own in the input, and no output holds a control character.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/support/pipeline.rs"]
mod pipeline;

fuzz_target!(|data: &[u8]| pipeline::check_strict(data));
