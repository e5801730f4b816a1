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
// The diagnose fuzz target's check; the tests use the strict one, which includes it.
#[allow(dead_code)]
pub fn check(bytes: &[u8]) {
    let (input, d) = diagnosed(bytes);
    check_diagnosis(&input, &d);
}

/// The diagnosis rendered as text (80 columns) and as JSON, parsed back.
struct Rendered {
    text: Vec<u8>,
    json: serde_json::Value,
}

/// What the binary makes of `bytes` on stdin: the input as read, and its diagnosis.
fn diagnosed(bytes: &[u8]) -> (input::Input, twerr::diagnosis::Diagnosis) {
    let input = input::read_bounded(bytes).expect("reading a slice cannot fail");
    let found = evidence::extract(&input.text);
    let d = diagnose(
        &found,
        Options {
            now: Some(1_800_000_000),
            summary_only: false,
        },
    );
    (input, d)
}

/// Renders `d` (each renderer once: the strict check reads the same output) and checks it.
fn check_diagnosis(input: &input::Input, d: &twerr::diagnosis::Diagnosis) -> Rendered {
    let mut text = Vec::new();
    render::human::diagnosis(&mut text, d, false, Some(80)).expect("writing to a Vec cannot fail");
    let mut json = Vec::new();
    render::json::write(&mut json, d).expect("writing to a Vec cannot fail");
    let json = serde_json::from_slice(&json).expect("--json output is valid JSON");
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
            assert!(
                readings(&input.text)
                    .iter()
                    .any(|text| escape_controls(text).contains(words)),
                "implied by {words:?}, not in {:?}",
                input.text
            );
        } else {
            assert_digits_in(&input.text, u64::from(s.code));
        }
    }
    for n in d.errors.iter().filter_map(|e| e.code) {
        assert_digits_in(&input.text, n);
    }
    Rendered { text, json }
}

/// [`check`], and the strict invariants of the second fuzz target: every status and code
/// reported stands in the input as a number of its own (its digits with no digit either
/// side, and not only inside a `\\uXXXX` escape), and no output (text, `--short`, JSON)
/// holds a control character other than a line break, raw or as an escape sequence.
pub fn check_strict(bytes: &[u8]) {
    let (input, d) = diagnosed(bytes);
    let Rendered { mut text, json } = check_diagnosis(&input, &d);
    let implied = d.status.as_ref().is_some_and(|s| {
        s.seen
            .is_some_and(|seen| seen.how == evidence::How::Implied)
    });
    let statuses = d
        .status
        .iter()
        .filter(|_| !implied)
        .map(|s| u64::from(s.code));
    for n in statuses.chain(d.errors.iter().filter_map(|e| e.code)) {
        assert_standalone_number(&input.text, n);
    }
    render::human::short(&mut text, &d).expect("writing to a Vec cannot fail");
    assert_no_controls(&String::from_utf8_lossy(&text));
    assert_no_controls_in_strings(&json);
}

/// Whether `n`'s digits stand in `text` with no digit on either side, outside an escape.
fn assert_standalone_number(text: &str, n: u64) {
    let digits = n.to_string();
    let bytes = text.as_bytes();
    // Every place the digits start, overlapping ones too: in `\u088888` the `88` after the
    // escape overlaps the escape's own `88` and is missed by non-overlapping matches.
    let mut starts = (0..bytes.len()).filter(|&at| bytes[at..].starts_with(digits.as_bytes()));
    let own = starts.any(|at| {
        let end = at + digits.len();
        // `\u8888` then `88`: read, the escape is one character and no digit, so the
        // digits after it stand on their own (as after `\u0020`, a space); an escaped digit
        // (`\u0038`) is kept as written by the readers and still joins them.
        let after_escape = escaped_before(bytes, at).is_some_and(|c| !(0x30..=0x39).contains(&c));
        let digit_before = at > 0 && bytes[at - 1].is_ascii_digit() && !after_escape;
        let digit_after = bytes.get(end).is_some_and(u8::is_ascii_digit);
        // `\u0034`: the hex digits of an escape are no number of the text (a `\u` not
        // followed by four hex digits, as in a Windows path, is no escape).
        let in_escape = (at.saturating_sub(5)..at).any(|i| {
            bytes.get(i..i + 2) == Some(b"\\u")
                && bytes
                    .get(i + 2..i + 6)
                    .is_some_and(|hex| hex.iter().all(u8::is_ascii_hexdigit))
        });
        !digit_before && !digit_after && !in_escape
    });
    assert!(
        own,
        "reported {n}, which is no number of its own in {text:?}"
    );
}

/// The code point of a `\uXXXX` escape that ends right at `at`, if one does: its backslash
/// is no escaped one (`\\u8888` is a backslash and text).
fn escaped_before(bytes: &[u8], at: usize) -> Option<u32> {
    let start = at.checked_sub(6)?;
    let escape = &bytes[start..at];
    if &escape[..2] != b"\\u" || !escape[2..].iter().all(u8::is_ascii_hexdigit) {
        return None;
    }
    let backslashes = bytes[..start]
        .iter()
        .rev()
        .take_while(|&&b| b == b'\\')
        .count();
    if backslashes % 2 == 1 {
        return None;
    }
    let hex = std::str::from_utf8(&escape[2..]).ok()?;
    u32::from_str_radix(hex, 16).ok()
}

/// No C0 control but a line break, no DEL, no C1 control: so no escape sequence either.
fn assert_no_controls(out: &str) {
    let bad = out.chars().find(|&c| c != '\n' && (c.is_control()));
    assert!(bad.is_none(), "output holds {bad:?}: {out:?}");
}

fn assert_no_controls_in_strings(value: &serde_json::Value) {
    match value {
        serde_json::Value::String(s) => assert_no_controls(s),
        serde_json::Value::Array(items) => items.iter().for_each(assert_no_controls_in_strings),
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                assert_no_controls(k);
                assert_no_controls_in_strings(v);
            }
        }
        _ => {}
    }
}

fn assert_digits_in(text: &str, n: u64) {
    assert!(
        text.contains(&n.to_string()),
        "reported {n}, not in {text:?}"
    );
}

/// The texts an implied status's words may be read from: the input as evidence sees it
/// (an escape of a digit is read as U+FFFD and the digits touching it as blanks, so a
/// string that holds one is quoted so), with its string escapes undone (`exceed\u0065d`),
/// and with the line ends a terminal's wrapping put into a string taken out too, before or
/// while the escapes are undone (a string read on after its line ends, beside an escaped
/// `\n` it keeps).
fn readings(text: &str) -> [String; 4] {
    let unwrapped = evidence::unwrapped(text);
    let decoded = decode_escapes(&unwrapped, false);
    let rejoined = rejoin_lines(&decoded);
    let joined = decode_escapes(&unwrapped, true);
    [unwrapped.into_owned(), decoded, rejoined, joined]
}

/// String escapes undone (`\n`, `\"`, `\/`, `\\`, `\xXX`, `\uXXXX`, a UTF-16 surrogate pair
/// as one character and a surrogate alone as U+FFFD), as far as they are valid; an escape
/// that writes a digit stays as written. With `join`, a line end (raw, or after a
/// backslash) is a break as the relaxed reader takes it: see [`join_break`].
fn decode_escapes(text: &str, join: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let special: &[char] = if join { &['\\', '\n'] } else { &['\\'] };
    while let Some(at) = rest.find(special) {
        out.push_str(&rest[..at]);
        let escape = &rest[at..];
        rest = &rest[at + 1..];
        if escape.starts_with('\n') {
            join_break(&mut out, &mut rest);
            continue;
        }
        let Some(e) = rest.chars().next() else {
            out.push('\\');
            break;
        };
        rest = &rest[e.len_utf8()..];
        if join && e == '\n' {
            join_break(&mut out, &mut rest);
            continue;
        }
        let c = match e {
            'n' => '\n',
            't' => '\t',
            'r' => '\r',
            'x' | 'u' => {
                let width = if e == 'x' { 2 } else { 4 };
                match hex_at(rest, width) {
                    Some(v) => {
                        rest = &rest[width..];
                        utf16(v, &mut rest)
                    }
                    None => e,
                }
            }
            other => other,
        };
        // As the readers do: a digit written as an escape stays as written.
        if c.is_ascii_digit() {
            out.push_str(&escape[..escape.len() - rest.len()]);
        } else {
            out.push(c);
        }
    }
    out.push_str(rest);
    out
}

/// A line end in a string: the CRs before it and the indentation after it go with it, and
/// digits on both sides stay apart.
fn join_break(out: &mut String, rest: &mut &str) {
    while out.ends_with('\r') {
        out.pop();
    }
    *rest = rest.trim_start_matches([' ', '\t', '\r']);
    if out.ends_with(|c: char| c.is_ascii_digit()) && rest.starts_with(|c: char| c.is_ascii_digit())
    {
        out.push(' ');
    }
}

/// The character of code unit `v`, taking the low half of a surrogate pair from `rest`.
fn utf16(v: u32, rest: &mut &str) -> char {
    if (0xD800..0xDC00).contains(&v) {
        let low = rest
            .strip_prefix("\\u")
            .and_then(|r| hex_at(r, 4))
            .filter(|low| (0xDC00..0xE000).contains(low));
        if let Some(low) = low {
            *rest = &rest[6..];
            let c = 0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00);
            return char::from_u32(c).expect("a surrogate pair makes a character");
        }
    }
    char::from_u32(v).unwrap_or('\u{fffd}')
}

fn hex_at(s: &str, width: usize) -> Option<u32> {
    let digits = s.get(..width)?;
    digits
        .bytes()
        .all(|b| b.is_ascii_hexdigit())
        .then(|| u32::from_str_radix(digits, 16).expect("hex digits"))
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
