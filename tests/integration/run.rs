//! `twerr run -- COMMAND` end to end: curl against a loopback server of the test's own
//! (127.0.0.1 only, a fixed number of answers, then it stops), and commands that succeed,
//! fail on their own terms, cannot start, or are interrupted. Waits are kept short with
//! `--backoff` and resets a second or two away; nothing sleeps long.

use crate::common::twerr;
use crate::fake_x::{
    self, Answer, Fake, OK_BODY, ok_answer, over_capacity, rate_limited, response,
};
use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Serves `answers` in order; returns the URL of `/2/tweets` and the fake.
fn serve(answers: Vec<Answer>) -> (String, Fake) {
    let fake = fake_x::serve(answers);
    (fake.url("/2/tweets"), fake)
}

/// `twerr run ARGS`: exit status, stdout, stderr.
pub(crate) fn run_twerr(args: &[&str]) -> (i32, String, String) {
    let out = twerr().arg("run").args(args).output().expect("runs");
    let text = |b: Vec<u8>| String::from_utf8(b).expect("UTF-8");
    (
        out.status.code().unwrap(),
        text(out.stdout),
        text(out.stderr),
    )
}

/// `twerr run ARGS -- curl -si URL`.
pub(crate) fn run_curl(args: &[&str], url: &str) -> (i32, String, String) {
    let mut all = args.to_vec();
    all.extend(["--", "curl", "-si", url]);
    run_twerr(&all)
}

#[test]
fn a_rate_limit_is_waited_out_then_the_call_runs_again() {
    let (url, served) = serve(vec![rate_limited(1), ok_answer()]);
    let started = Instant::now();
    let (code, out, err) = run_curl(&[], &url);
    assert_eq!(code, 0, "{err}");
    assert_eq!(served.served(), 2);
    // Stdout is the answer: the attempt twerr returns, not the 429 before it.
    assert!(out.starts_with("HTTP/1.1 200 OK"), "{out}");
    assert!(out.ends_with(OK_BODY) && !out.contains("429"), "{out}");
    assert!(
        err.contains("waiting") && err.contains("retry 1 of 3"),
        "{err}"
    );
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "the reset was waited for"
    );
}

#[test]
fn a_duplicate_is_not_run_again() {
    let duplicate = || {
        let body = r#"{"errors":[{"code":187,"message":"Status is a duplicate."}]}"#;
        response("403 Forbidden", "", body)
    };
    let (url, served) = serve(vec![Box::new(duplicate), ok_answer()]);
    let (code, _, err) = run_curl(&[], &url);
    assert_eq!(
        code, 3,
        "curl exited 0: the verdict's status (do-not-retry); {err}"
    );
    assert_eq!(served.served(), 1);
    assert!(
        err.contains("403 187 do-not-retry Status is a duplicate"),
        "{err}"
    );
}

#[test]
fn a_server_error_is_backed_off_and_retried() {
    let (url, served) = serve(vec![over_capacity(), over_capacity(), ok_answer()]);
    let (code, out, err) = run_curl(&["--backoff", "20ms"], &url);
    assert_eq!(code, 0, "{err}");
    assert_eq!(served.served(), 3);
    assert!(out.ends_with(OK_BODY), "{out}");
    assert_eq!(err.matches("backing off").count(), 2, "{err}");
}

#[test]
fn retries_are_bounded() {
    let (url, served) = serve(vec![over_capacity(), over_capacity(), ok_answer()]);
    let (code, _, err) = run_curl(&["--backoff", "10ms", "--retries", "1"], &url);
    assert_eq!(code, 5, "the backoff verdict's status; {err}");
    assert_eq!(served.served(), 2);
    assert!(err.contains("still failing after 1 retry"), "{err}");
}

#[test]
fn a_reset_beyond_max_wait_is_not_waited_for() {
    let (url, served) = serve(vec![rate_limited(3600), ok_answer()]);
    let started = Instant::now();
    let (code, _, err) = run_curl(&["--max-wait", "10s"], &url);
    assert_eq!(code, 4, "the wait-for-reset verdict's status; {err}");
    assert_eq!(served.served(), 1);
    assert!(err.contains("beyond --max-wait 10s: not waiting"), "{err}");
    assert!(started.elapsed() < Duration::from_secs(10));
}

/// `--json`: one document on stdout (README "Retrying a call"); `--report` still writes
/// the diagnosis of the failure alone.
#[test]
fn json_is_one_document_on_stdout_and_the_report_the_diagnosis() {
    let (url, _served) = serve(vec![rate_limited(3600)]);
    let (code, out, err) = run_curl(&["--json", "--max-wait", "1s"], &url);
    assert_eq!(code, 4, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("stdout is one JSON document");
    assert_eq!(v["final"]["errors"][0]["code"], 88);
    assert_eq!(v["exit"], 4);
    assert_eq!(v["attempts"].as_array().unwrap().len(), 1);
    assert!(
        err.contains("429 88 wait-for-reset"),
        "progress stays on stderr: {err}"
    );
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.json");
    let (url, _served) = serve(vec![rate_limited(3600)]);
    let (_, _, err) = run_curl(
        &["--report", report.to_str().unwrap(), "--max-wait", "1s"],
        &url,
    );
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    assert_eq!(v["retry"]["verdict"], "wait-for-reset");
    assert!(err.contains("429 88 wait-for-reset"), "{err}");
}

/// `twerr run -- sh -c SCRIPT`.
fn run_sh(script: &str) -> (i32, String, String) {
    run_twerr(&["--", "sh", "-c", script])
}

/// `-q` after `run` (its own flag) or before it (the global one, which `run` takes on):
/// twerr's own lines go, the command's output and the verdict's exit status stay.
#[test]
fn quiet_silences_twerr_but_not_the_command() {
    let script = r#"printf 'HTTP/1.1 403 Forbidden\r\n\r\n{"errors":[{"code":187}]}'"#;
    let loud = run_sh(script);
    assert!(loud.2.contains("do-not-retry"), "{loud:?}");
    for args in [
        &["-q", "--", "sh", "-c", script][..],
        &["--quiet", "--", "sh", "-c", script],
    ] {
        for global in [false, true] {
            let mut cmd = twerr();
            if global {
                cmd.arg("-q");
            }
            let out = cmd.arg("run").args(args).output().expect("runs");
            let said = String::from_utf8_lossy(&out.stderr);
            assert_eq!(
                (out.status.code(), said.as_ref()),
                (Some(3), ""),
                "{args:?}"
            );
            assert_eq!(
                String::from_utf8_lossy(&out.stdout),
                loud.1,
                "the command's output"
            );
        }
    }
}

#[test]
fn a_command_that_succeeds_is_left_alone() {
    assert_eq!(
        run_sh("echo fetched"),
        (0, "fetched\n".into(), String::new())
    );
}

#[test]
fn a_command_failing_on_its_own_terms_keeps_its_status() {
    assert_eq!(
        run_sh("echo oops >&2; exit 7"),
        (7, String::new(), "oops\n".into())
    );
}

#[test]
fn a_traceback_on_stderr_is_diagnosed_and_the_status_kept() {
    let traceback = "Traceback (most recent call last):\n  File \"post.py\", line 9, in <module>\n    client.create_tweet(text=\"same again\")\n  File \"/srv/venv/lib/python3.12/site-packages/tweepy/client.py\", line 824, in create_tweet\n    return self._make_request(\ntweepy.errors.Forbidden: 403 Forbidden\n187 - Status is a duplicate.\n";
    let script = format!("printf '%s' '{traceback}' >&2; exit 1");
    let (code, out, err) = run_sh(&script);
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(
        err.starts_with("Traceback"),
        "the command's stderr passes through: {err}"
    );
    assert!(err.contains("twerr: 403 187 do-not-retry"), "{err}");
}

#[test]
fn a_command_that_cannot_start_is_one_line_and_127() {
    let out = twerr()
        .args(["run", "--", "twerr-no-such-command-here"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(127));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("twerr: cannot run `twerr-no-such-command-here`"),
        "{err}"
    );
}

/// Starts `twerr run ARGS`, waits until it has said `marker` on stderr, then sends
/// `signal`; returns its exit status and how long it took to end after the signal.
pub(crate) fn signalled(args: &[&str], marker: &str, signal: i32) -> (Option<i32>, Duration) {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("twerr"))
        .arg("run")
        .args(args)
        .env("TERM", "dumb")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut err = BufReader::new(child.stderr.take().unwrap());
    let mut said = String::new();
    while !said.contains(marker) {
        let mut line = String::new();
        assert!(
            err.read_line(&mut line).unwrap() > 0,
            "ended before {marker:?}: {said}"
        );
        said.push_str(&line);
    }
    let sent = Instant::now();
    // SAFETY: a plain kill(2) of the child this test started.
    unsafe {
        libc::kill(child.id() as i32, signal);
    }
    let status = child.wait().unwrap();
    let _ = err.read_to_string(&mut said);
    (status.code(), sent.elapsed())
}

#[test]
fn ctrl_c_while_waiting_ends_at_once_with_130() {
    let (url, _) = serve(vec![rate_limited(3600)]);
    let args = ["--max-wait", "2h", "--", "curl", "-si", &url];
    let (code, took) = signalled(&args, "waiting", libc::SIGINT);
    assert_eq!(code, Some(130));
    assert!(took < Duration::from_secs(5), "{took:?}");
}

#[test]
fn sigterm_is_passed_to_the_running_command() {
    let script = "trap 'kill $!; exit 42' TERM; echo started >&2; sleep 30 & wait";
    let (code, took) = signalled(&["--", "sh", "-c", script], "started", libc::SIGTERM);
    assert_eq!(
        code,
        Some(42),
        "the command's own status after it was told to stop"
    );
    assert!(took < Duration::from_secs(10), "{took:?}");
}
