//! What a new user trips on (issue 13): stdin beside flags, several words as one query,
//! truncated numbers, a proxy page counted once, plural counts.

mod common;
use common::{codes, json, run};

#[test]
fn a_flag_describes_the_response_piped_on_stdin() {
    let body = br#"{"errors":[{"code":187,"message":"Status is a duplicate."}]}"#;
    let (exit, v) = json(&["--status", "403"], body);
    assert_eq!(exit, 0);
    assert_eq!(v["status"]["code"], 403);
    assert_eq!(codes(&v), [187], "the piped body was read, not dropped");
}

#[test]
fn several_bare_words_are_one_query() {
    let (_, out, _) = run(&["rate", "limit"], b"");
    assert!(
        out.contains("Too Many Requests") && out.contains("88"),
        "{out}"
    );
    let (_, v) = json(&["Status", "is", "a", "duplicate"], b"");
    assert_eq!(codes(&v), [187]);
    let (exit, _, _) = run(&["duplicate", "zzz"], b"");
    assert_eq!(exit, 1, "every word must match, whatever its place");
}

#[test]
fn piped_words_are_read_like_an_argument() {
    let (exit, v) = json(&[], b"Rate limit exceeded\n");
    assert_eq!(exit, 0);
    assert_eq!(v["errors"][0]["matched_code"], 88);
}

#[test]
fn a_number_cut_by_the_end_of_input_is_not_a_number() {
    let (exit, _, _) = run(&["--json"], br#"{"errors":[{"code":18"#);
    assert_eq!(exit, 1, "18 is the start of a number, not code 18");
    let (_, v) = json(&[], br#"{"errors":[{"code":187,"message":"Status is a dup"#);
    assert_eq!(codes(&v), [187], "187 was complete before the cut");
}

#[test]
fn a_proxy_page_is_one_response_not_two() {
    let page = b"HTTP/1.1 502 Bad Gateway\r\ncontent-type: text/html\r\n\r\n<html><head><title>502 Bad Gateway</title></head></html>\n";
    let (_, v) = json(&[], page);
    assert!(
        !v["notes"].to_string().contains("several responses"),
        "{}",
        v["notes"]
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("proxy.log");
    std::fs::write(&path, page).unwrap();
    let (_, out, _) = run(&["scan", path.to_str().unwrap()], b"");
    assert!(out.contains("1 error in 4 lines"), "{out}");
}

/// Runs `twerr ARGS` on a pseudo-terminal (script(1)) that receives `typed`, with
/// `TERM=dumb` and no NO_COLOR: only the terminal's kind decides the colour.
fn on_terminal(args: &str, typed: &[u8]) -> (Option<i32>, String) {
    use std::io::Write;
    let bin = assert_cmd::cargo::cargo_bin("twerr");
    let command = format!("{} {args}", bin.display());
    let mut child = std::process::Command::new("timeout")
        .args(["20", "script", "-qec", &command, "/dev/null"])
        .env("TERM", "dumb")
        .env_remove("NO_COLOR")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("script(1) from util-linux runs");
    child.stdin.take().unwrap().write_all(typed).unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn a_dash_on_a_terminal_reads_a_paste_until_end_of_input() {
    let (code, text) = on_terminal(
        "-",
        b"Twitter::Error::Forbidden: Status is a duplicate.\n\x04",
    );
    assert!(
        text.contains("paste the error, then press Ctrl-D"),
        "{text}"
    );
    assert!(text.contains("the message of API error code 187"), "{text}");
    assert_eq!(code, Some(0), "{text}");
}

#[test]
fn scan_on_a_terminal_says_how_to_end_the_input() {
    let (code, text) = on_terminal(
        "scan",
        b"{\"errors\":[{\"code\":88,\"message\":\"Rate limit exceeded\"}]}\n\x04",
    );
    assert!(
        text.contains("paste the error, then press Ctrl-D"),
        "{text}"
    );
    assert!(text.contains("1 error in 1 line"), "{text}");
    assert_eq!(code, Some(0), "{text}");
}

#[test]
fn a_misspelt_subcommand_gets_a_suggestion() {
    for (typed, meant) in [
        (&["lst"][..], "list"),
        (&["scna", "x.log"][..], "scan"),
        (&["completion", "bash"][..], "completions"),
        (&["serach", "duplicate"][..], "search"),
    ] {
        let (exit, out, err) = run(typed, b"");
        assert_eq!(exit, 2, "{typed:?}: {out}");
        assert!(
            err.contains(&format!("did you mean `twerr {meant}`")),
            "{err}"
        );
    }
    let (exit, _, err) = run(&["zzz"], b"");
    assert_eq!(exit, 1, "no command is near: {err}");
}

#[test]
fn flags_are_honoured_or_refused_never_ignored() {
    let (exit, out, _) = run(&["-q", "list"], b"");
    assert_eq!((exit, out.as_str()), (0, ""), "--quiet silences list too");
    for mode in [
        &["--json", "completions", "bash"][..],
        &["--json", "man"][..],
    ] {
        let (exit, out, err) = run(mode, b"");
        assert_eq!(exit, 2, "{mode:?}: {out}");
        assert!(err.contains("--json does not apply"), "{err}");
    }
}

#[test]
fn a_dumb_terminal_gets_no_colour() {
    let (_, text) = on_terminal("429", b"");
    assert!(text.contains("Too Many Requests"), "{text}");
    assert!(
        !text.contains('\u{1b}'),
        "no escape sequences for TERM=dumb: {text:?}"
    );
}

#[test]
fn statuses_given_as_arguments_are_not_called_a_response() {
    let (_, out, _) = run(&["--status", "403", "--code", "999"], b"");
    assert_eq!(
        out.matches("The request is understood").count(),
        1,
        "403's text once, not again under the unknown code: {out}"
    );
    assert!(out.contains("see:         HTTP 403"), "{out}");
    let (_, v) = json(&["403", "88"], b"");
    assert!(
        v["notes"]
            .to_string()
            .contains("the status you gave is HTTP 403"),
        "{}",
        v["notes"]
    );
    let (_, v) = json(&["403", "429", "187", "88"], b"");
    assert!(
        !v["notes"].to_string().contains("documented with"),
        "several statuses given: nothing is paired silently: {}",
        v["notes"]
    );
}

#[test]
fn an_old_response_is_also_measured_by_the_clock() {
    // A 429 whose date is long past: by the clock its reset has passed.
    let response = b"HTTP/2 429\r\ndate: Wed, 25 Nov 2026 12:00:00 GMT\r\nx-rate-limit-remaining: 0\r\nx-rate-limit-reset: 1795608300\r\n\r\n";
    let (_, v) = json(&[], response);
    assert_eq!(
        v["retry"]["wait_seconds"], 300,
        "measured from the date header"
    );
    assert!(
        v["notes"]
            .to_string()
            .contains("by this machine's clock the reset has passed"),
        "{}",
        v["notes"]
    );
}

#[test]
fn numbers_with_their_log_punctuation_are_looked_up() {
    for token in ["187,", "#187", "[187]", "187:", "E187", "code=187"] {
        let (exit, v) = json(&[token], b"");
        assert_eq!((exit, codes(&v)), (0, vec![187]), "{token}");
    }
    let (_, v) = json(&["(403)"], b"");
    assert_eq!(v["status"]["code"], 403);
}
