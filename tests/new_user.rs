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
