//! The invariants of the stdin pipeline, shared by the property tests
//! (`tests/integration/properties.rs`) and the fuzz target (`fuzz/fuzz_targets/diagnose.rs`), so that
//! both check exactly the same thing.

use twerr::diagnosis::{Options, diagnose};
use twerr::util::sanitize::escape_controls;
use twerr::{evidence, input, render};

/// Runs `bytes` through what the binary does with stdin (read, evidence, diagnosis, text
/// and JSON rendering) and panics unless: nothing panicked, the JSON parses back, and every
/// status or code reported is digits that were in the input, or (a status only) is marked
/// implied and names words that are in the input.
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
    // Words may stand in the input escaped inside a JSON string (`exceed\u0065d`), or broken
    // across lines by a terminal's wrapping (a string read on after its line ends).
    let unwrapped = evidence::unwrapped(&input.text);
    let decoded = decode_escapes(&unwrapped);
    let rejoined = rejoin_lines(&decoded);
    if let Some(s) = &d.status {
        if s.seen
            .is_some_and(|seen| seen.how == evidence::How::Implied)
        {
            let words = s
                .implied_by
                .as_deref()
                .expect("an implied status names its words");
            // Printed words are made safe (`\u{b}`) and cut (`… (N more characters)`).
            let words = words.split("… (").next().unwrap_or(words);
            let found = [&*unwrapped, &decoded, &rejoined]
                .iter()
                .any(|text| escape_controls(text).contains(words));
            assert!(found, "implied by {words:?}, not in {:?}", input.text);
        } else {
            assert_digits_in(&input.text, u64::from(s.code));
        }
    }
    for n in d.errors.iter().filter_map(|e| e.code) {
        assert_digits_in(&input.text, n);
    }
}

fn assert_digits_in(text: &str, n: u64) {
    assert!(
        text.contains(&n.to_string()),
        "reported {n}, not in {text:?}"
    );
}

/// JSON string escapes undone (`\n`, `\"`, `\/`, `\\`, `\uXXXX`), as far as they are valid.
fn decode_escapes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('u') => {
                let hex: String = chars.by_ref().take(4).collect();
                match u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                    Some(ch) => out.push(ch),
                    None => out.push_str(&hex),
                }
            }
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// The text with every line end, and the indentation after it, removed.
fn rejoin_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut lines = text.split('\n');
    if let Some(first) = lines.next() {
        out.push_str(first.trim_end_matches('\r'));
    }
    for line in lines {
        let line = line
            .trim_start_matches([' ', '\t', '\r'])
            .trim_end_matches('\r');
        // As the reader does: digits on both sides of a break stay apart.
        let digits = out.ends_with(|c: char| c.is_ascii_digit())
            && line.starts_with(|c: char| c.is_ascii_digit());
        if digits {
            out.push(' ');
        }
        out.push_str(line);
    }
    out
}
