//! Feeds arbitrary bytes through the whole pipeline the binary runs on stdin: read,
//! find evidence, diagnose, render as text and JSON. It must never panic, the JSON must
//! parse back, and every status or code reported must be digits that were in the input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use twerr::diagnosis::{Options, diagnose};
use twerr::{evidence, input, render};

fuzz_target!(|data: &[u8]| {
    let input = input::read_bounded(data).expect("reading a slice cannot fail");
    let found = evidence::extract(&input.text);
    let d = diagnose(
        &found,
        Options {
            now: Some(1_800_000_000),
            summary_only: false,
        },
    );
    let mut sink = Vec::new();
    render::human::diagnosis(&mut sink, &d, false, Some(80)).expect("writing to a Vec cannot fail");
    let mut json = Vec::new();
    render::json::write(&mut json, &d).expect("writing to a Vec cannot fail");
    serde_json::from_slice::<serde_json::Value>(&json).expect("--json output is valid JSON");
    for n in d
        .status
        .iter()
        .map(|s| u64::from(s.code))
        .chain(d.errors.iter().filter_map(|e| e.code))
    {
        assert!(
            input.text.contains(&n.to_string()),
            "reported {n}, which is not in the input"
        );
    }
});
