//! The invariants of the stdin pipeline, shared by the property tests
//! (`tests/properties.rs`) and the fuzz target (`fuzz/fuzz_targets/diagnose.rs`), so that
//! both check exactly the same thing.

use twerr::diagnosis::{Options, diagnose};
use twerr::{evidence, input, render};

/// Runs `bytes` through what the binary does with stdin (read, evidence, diagnosis, text
/// and JSON rendering) and panics unless: nothing panicked, the JSON parses back, and every
/// status or code reported is digits that were in the input.
pub fn check(bytes: &[u8]) {
    let input = input::read_bounded(bytes).expect("reading a slice cannot fail");
    let found = evidence::extract(&input.text);
    let d = diagnose(
        &found,
        Options {
            now: Some(1_800_000_000),
            summary_only: false,
        },
    );
    let mut text = Vec::new();
    render::human::diagnosis(&mut text, &d, false, Some(80)).expect("writing to a Vec cannot fail");
    let mut json = Vec::new();
    render::json::write(&mut json, &d).expect("writing to a Vec cannot fail");
    serde_json::from_slice::<serde_json::Value>(&json).expect("--json output is valid JSON");
    let reported = d
        .status
        .iter()
        .map(|s| u64::from(s.code))
        .chain(d.errors.iter().filter_map(|e| e.code));
    for n in reported {
        assert!(
            input.text.contains(&n.to_string()),
            "reported {n}, not in {:?}",
            input.text
        );
    }
}
