//! `twerr decide`: one step of `twerr run`'s policy for a program that makes its own calls.

use crate::common::{json, run};

/// `twerr --json decide ARGS` with `text` on stdin: the decision document.
fn decide(args: &[&str], text: &str) -> serde_json::Value {
    let mut all = vec!["decide"];
    all.extend_from_slice(args);
    let (code, v) = json(&all, text.as_bytes());
    assert_eq!(code, 0, "{v}");
    v
}

const SERVER_ERROR: &str = "HTTP/1.1 503 Service Unavailable\r\n\r\n";

#[test]
fn the_history_it_returns_carries_the_backoff_on() {
    let first = decide(&["--no-jitter"], SERVER_ERROR);
    assert_eq!(first["decision"], "again");
    assert_eq!(first["wait_seconds"], 5.0);
    assert_eq!(first["rule"], "http-error");
    assert_eq!(first["diagnosis"]["status"]["code"], 503);
    let history = first["history"].to_string();
    let second = decide(&["--no-jitter", "--history", &history], SERVER_ERROR);
    assert_eq!(second["wait_seconds"], 10.0);
    assert_eq!(second["history"]["retried"], 2);
}

#[test]
fn it_stops_on_do_not_retry_a_write_and_the_bounds() {
    let duplicate = "HTTP/1.1 403 Forbidden\r\n\r\n{\"errors\":[{\"code\":187,\"message\":\"Status is a duplicate.\"}]}";
    let d = decide(&[], duplicate);
    assert_eq!(
        (d["decision"].as_str(), d["exit"].as_u64()),
        (Some("stop"), Some(3))
    );
    let w = decide(
        &[],
        &format!("> POST /2/tweets HTTP/1.1\n>\n{SERVER_ERROR}"),
    );
    assert_eq!(w["decision"], "stop", "{w}");
    assert!(w["why"].as_str().unwrap().contains("--retry-writes"));
    let late = decide(&["--deadline", "10s", "--elapsed", "8s"], SERVER_ERROR);
    assert!(
        late["why"].as_str().unwrap().contains("--deadline"),
        "{late}"
    );
}

#[test]
fn a_call_with_no_answer_is_told_how_it_failed() {
    let refused = decide(&["--no-answer", "refused", "--write", "--no-jitter"], "");
    assert_eq!(
        (refused["decision"].as_str(), refused["rule"].as_str()),
        (Some("again"), Some("connection"))
    );
    let cut = decide(&["--no-answer", "cut", "--write"], "");
    assert_eq!(cut["decision"], "stop");
    let (code, _, _) = run(&["decide", "--no-answer", "lost"], b"");
    assert_eq!(code, 2);
    let (code, _, err) = run(&["decide", "--history", "{"], b"");
    assert_eq!(code, 2);
    assert!(
        err.starts_with("twerr: --history is not a history"),
        "{err}"
    );
}
