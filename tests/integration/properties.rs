//! Property tests of the diagnosis entry point: whatever the bytes, no panic, valid JSON,
//! and every status or code reported is a number that was in the input, or a status marked
//! implied by words that are.

use proptest::prelude::*;

#[path = "../support/pipeline.rs"]
mod pipeline;

/// Pieces of the shapes twerr reads, to be shuffled into almost-valid inputs.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("{".to_string()),
        Just("}".to_string()),
        Just("[".to_string()),
        Just("]".to_string()),
        Just(",".to_string()),
        Just(":".to_string()),
        Just("\"".to_string()),
        Just("'".to_string()),
        Just("\n".to_string()),
        Just("\"errors\":".to_string()),
        Just("\"code\":".to_string()),
        Just("'code': ".to_string()),
        Just("code: ".to_string()),
        Just("\"message\":\"Rate limit exceeded\"".to_string()),
        Just("\"type\":\"https://api.twitter.com/2/problems/usage-capped\"".to_string()),
        Just("\"status\":".to_string()),
        Just("HTTP/2 ".to_string()),
        Just("x-rate-limit-reset: ".to_string()),
        Just("curl: (22) The requested URL returned error: ".to_string()),
        Just("tweepy.errors.Forbidden: 403 Forbidden\n".to_string()),
        Just("<error code=\"".to_string()),
        Just("type: 'response', ".to_string()),
        Just("Twitter::Error::Forbidden: ".to_string()),
        Just("(Twitter::Error::TooManyRequests)".to_string()),
        Just("Twitter sent status ".to_string()),
        Just("<title>".to_string()),
        Just("status code ".to_string()),
        Just("statusCode: ".to_string()),
        Just("[code] => ".to_string()),
        Just("[\"code\"]=>\n int(".to_string()),
        Just("{:code=>".to_string()),
        Just("TwitterException{statusCode=".to_string()),
        Just("{\\\"errors\\\":[{\\\"code\\\":".to_string()),
        Just("```\n".to_string()),
        Just("2026-01-01 00:00:00,000 ERROR:x:".to_string()),
        Just("Twitter::Error::TooManyRequests".to_string()),
        Just("tweepy.errors.Unauthorized: ".to_string()),
        Just("Rate limit exceeded - ".to_string()),
        Just("Twitter is over capacity".to_string()),
        Just("Client Forbidden: ".to_string()),
        Just("message - ".to_string()),
        Just("code - ".to_string()),
        Just(" Forbidden ".to_string()),
        Just("\u{201c}".to_string()),
        (0u64..100_000).prop_map(|n| n.to_string()),
        any::<i64>().prop_map(|n| n.to_string()),
        "[a-z ]{0,8}",
    ]
}

/// Inputs the fuzzer once failed on (`tests/fuzz-regressions/`): the same invariants hold.
#[test]
fn fuzz_findings_hold_the_invariants() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fuzz-regressions");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).expect("the regression folder exists") {
        let path = entry.expect("a readable entry").path();
        pipeline::check_strict(&std::fs::read(&path).expect("a readable file"));
        seen += 1;
    }
    assert!(seen > 0, "no regression inputs in {dir}");
}

/// The check reads words as the relaxed reader does: a string that keeps an escaped `\n`
/// and is read on across a line end a terminal's wrapping put in implies its status by
/// words found in neither the decoded nor the rejoined text alone.
#[test]
fn the_check_reads_a_string_with_an_escaped_and_a_wrapped_line_end() {
    let input = "{\"title\":\"ConnectionException\",\"detail\":\"This am is a\\nb\n  c x parameter is missing\"}\n";
    let found = twerr::evidence::extract(input);
    let d = twerr::diagnosis::diagnose(&found, twerr::diagnosis::Options::default());
    let words = d.status.and_then(|s| s.implied_by);
    assert_eq!(
        words.as_deref(),
        Some("This am is a\\u{a}bc x parameter is missing")
    );
    pipeline::check_strict(input.as_bytes());
}

/// Digits right after a `\u` escape of a character that is no digit stand on their own in
/// the string as read (`\u0020` and `88` is a space and 88): the reader may report them,
/// and the check takes them as a number of the input's own. An escaped digit joins them.
#[test]
fn the_check_takes_digits_after_an_escaped_character_as_their_own() {
    let codes = |input: &str| {
        let found = twerr::evidence::extract(input);
        let d = twerr::diagnosis::diagnose(&found, twerr::diagnosis::Options::default());
        d.errors.iter().filter_map(|e| e.code).collect::<Vec<_>>()
    };
    for input in [
        "{o=\"Rate limit exceeded\\u888888\"}\n",
        "{o=\"Rate limit exceeded\\u002088\"}\n",
        // The 88 after the escape overlaps the escape's own 88 (a fuzz finding).
        "{o=\"Rate limit exceeded\\u088888\"}\n",
    ] {
        assert_eq!(codes(input), [88], "{input}");
        pipeline::check_strict(input.as_bytes());
    }
    let joined = "{o=\"Rate limit exceeded\\u003888\"}\n";
    assert!(
        codes(joined).is_empty(),
        "an escaped 8 joins the 88 after it"
    );
    pipeline::check_strict(joined.as_bytes());
}

/// An escaped digit makes no word: the reader writes it as no letter, so the words named
/// for an implied status are the input's (`Error::Forbidden`, not `q8Error::Forbidden`
/// nor `\u00718Error::Forbidden`), and no wording is spelled through it.
#[test]
fn an_escaped_digit_is_part_of_no_word() {
    let implied = |input: &str| {
        let found = twerr::evidence::extract(input);
        let d = twerr::diagnosis::diagnose(&found, twerr::diagnosis::Options::default());
        d.status.and_then(|s| s.implied_by)
    };
    for input in [
        "{\"o\":\"\\u00388Error::Forbidden: x\"}\n",
        "x \\u00388Error::Forbidden: x\n",
        "x \\u0038Error::Forbidden: x\n",
    ] {
        assert_eq!(
            implied(input).as_deref(),
            Some("Error::Forbidden"),
            "{input}"
        );
        pipeline::check_strict(input.as_bytes());
    }
    let spelled = "{\"o\":\"Too Many Re\\u0038uests\"}\n";
    assert_eq!(implied(spelled), None, "no wording through an escape");
    pipeline::check_strict(spelled.as_bytes());
}

/// A string the words of an implied status are quoted from may hold an escaped digit: it is
/// quoted as read, U+FFFD for the escape and blanks for the digits touching it, never as a
/// digit (a strict fuzz finding, where the check did not read the text as the readers do).
#[test]
fn words_quoted_with_an_escaped_digit_show_it_as_read() {
    for (input, quoted) in [
        (
            r#"{"title":"ConnectionException","detail":"Room \u003888 parameter is missing"}"#,
            "Room \u{fffd}   parameter is missing",
        ),
        (
            r#"{"title":"x","detail":"Room 7\u0038: parameter is missing"}"#,
            "Room  \u{fffd}: parameter is missing",
        ),
    ] {
        let found = twerr::evidence::extract(input);
        let d = twerr::diagnosis::diagnose(&found, twerr::diagnosis::Options::default());
        let status = d.status.expect("the detail implies a status");
        assert_eq!(status.implied_by.as_deref(), Some(quoted), "{input}");
        pipeline::check_strict(input.as_bytes());
    }
}

/// Every fixture (real shapes, written anew) holds the strict invariants too.
#[test]
fn fixtures_hold_the_strict_invariants() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).expect("the fixture folder exists") {
        let path = entry.expect("a readable entry").path();
        if path.is_file() {
            pipeline::check_strict(&std::fs::read(&path).expect("a readable file"));
            seen += 1;
        }
    }
    assert!(seen > 20, "only {seen} fixtures in {dir}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        pipeline::check_strict(&bytes);
    }

    #[test]
    fn json_ish_text_reports_only_numbers_it_holds(parts in proptest::collection::vec(fragment(), 0..64)) {
        pipeline::check_strict(parts.concat().as_bytes());
    }
}
