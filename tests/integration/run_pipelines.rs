//! `twerr run` as people use it inside pipelines, against the loopback fake of X with
//! real curl: stdin given to every attempt, stdout holding one answer, the waits X
//! documents, writes not resent blindly, `--json`, signals, a status printed alone,
//! `--deadline`, `--dry-run`, a real Python client. Waits are kept short with `--backoff`,
//! `--max-wait` and resets a second or two away; nothing sleeps long.

use crate::fake_x::{
    self, OK_BODY, ok_answer, over_capacity, over_capacity_with, rate_limited, response,
};
use crate::run::{run_curl, run_twerr, signalled};
use std::io::Write;
use std::process::Stdio;
use std::time::{Duration, Instant};

/// `twerr run ARGS` with `input` on its stdin: exit status, stdout, stderr.
fn run_with_input(args: &[&str], input: &[u8]) -> (i32, String, String) {
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("twerr"))
        .arg("run")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    child.stdin.take().unwrap().write_all(input).unwrap();
    let out = child.wait_with_output().unwrap();
    let text = |b: Vec<u8>| String::from_utf8(b).expect("UTF-8");
    (
        out.status.code().unwrap(),
        text(out.stdout),
        text(out.stderr),
    )
}

#[test]
fn the_body_on_stdin_reaches_every_attempt() {
    let fake = fake_x::serve(vec![over_capacity(), ok_answer()]);
    let url = fake.url("/2/tweets");
    let body = br#"{"text":"the same post both times"}"#;
    let args = [
        "--backoff",
        "10ms",
        "--retry-writes",
        "--",
        "curl",
        "-s",
        "--data-binary",
        "@-",
        &url,
    ];
    let (code, out, err) = run_with_input(&args, body);
    assert_eq!(code, 0, "{err}");
    let requests = fake.requests();
    assert_eq!(requests.len(), 2, "{err}");
    for r in &requests {
        assert_eq!((r.method.as_str(), r.body.as_slice()), ("POST", &body[..]));
    }
    assert_eq!(out, OK_BODY);
}

#[test]
fn stdout_is_the_answer_of_the_attempt_returned() {
    let fake = fake_x::serve(vec![over_capacity(), over_capacity(), ok_answer()]);
    let (code, out, err) = run_twerr(&[
        "--backoff",
        "10ms",
        "--",
        "curl",
        "-s",
        &fake.url("/2/tweets"),
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out, OK_BODY,
        "one JSON document, not the 503 bodies before it"
    );
    serde_json::from_str::<serde_json::Value>(&out).expect("stdout parses");
}

#[test]
fn twerrs_lines_start_on_a_line_of_their_own() {
    let script = r#"printf 'no newline here' >&2; printf 'HTTP/1.1 403 Forbidden\r\n\r\n{"errors":[{"code":187,"message":"Status is a duplicate."}]}'"#;
    let (code, _, err) = run_twerr(&["--", "sh", "-c", script]);
    assert_eq!(code, 3);
    assert!(err.starts_with("no newline here\ntwerr: "), "{err:?}");
}

#[test]
fn retry_after_is_a_floor_that_jitter_never_cuts() {
    let fake = fake_x::serve(vec![over_capacity_with("retry-after: 2\r\n"), ok_answer()]);
    let started = Instant::now();
    let (code, _, err) = run_curl(&["--backoff", "10ms"], &fake.url("/2/tweets"));
    assert_eq!(code, 0, "{err}");
    assert_eq!(fake.served(), 2);
    assert!(
        started.elapsed() >= Duration::from_secs(2),
        "{:?}: {err}",
        started.elapsed()
    );
    assert!(err.contains("retry after 2s"), "{err}");
}

#[test]
fn a_reset_is_measured_from_the_answers_date() {
    // The answer is dated 100 s ago and resets 2 s after its date: by the machine's clock
    // the reset has long passed, by the answer's own it is 2 s away.
    let dated = Box::new(|| {
        let date = fake_x::now() - 100;
        let when = jiff::Timestamp::from_second(date as i64).unwrap();
        let headers = format!(
            "date: {}\r\nx-rate-limit-remaining: 0\r\nx-rate-limit-reset: {}\r\n",
            when.strftime("%a, %d %b %Y %H:%M:%S GMT"),
            date + 2
        );
        response(
            "429 Too Many Requests",
            &headers,
            r#"{"errors":[{"code":88,"message":"Rate limit exceeded"}]}"#,
        )
    });
    let fake = fake_x::serve(vec![dated, ok_answer()]);
    let started = Instant::now();
    let (code, _, err) = run_curl(&[], &fake.url("/2/tweets"));
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("waiting 3s for the rate limit to reset"),
        "{err}"
    );
    assert!(started.elapsed() >= Duration::from_secs(3));
}

#[test]
fn a_passed_reset_gets_one_retry_at_once_then_the_minute_floor() {
    let fake = fake_x::serve(vec![rate_limited(-30), rate_limited(-30), ok_answer()]);
    let started = Instant::now();
    let (code, _, err) = run_curl(&["--max-wait", "10s"], &fake.url("/2/tweets"));
    assert_eq!(code, 4, "{err}");
    assert_eq!(
        fake.served(),
        2,
        "one retry at once, then a minute: beyond --max-wait"
    );
    assert!(err.contains("running it again at once"), "{err}");
    assert!(
        err.contains("the next wait is 1m 0s, beyond --max-wait 10s"),
        "{err}"
    );
    assert!(started.elapsed() < Duration::from_secs(10));
}

#[test]
fn a_rate_limit_with_no_reset_waits_a_minute() {
    let bare = || {
        let body = r#"{"errors":[{"code":88,"message":"Rate limit exceeded"}]}"#;
        Box::new(move || response("429 Too Many Requests", "", body)) as fake_x::Answer
    };
    let fake = fake_x::serve(vec![bare()]);
    let (code, _, err) = run_curl(&["--max-wait", "30s"], &fake.url("/2/tweets"));
    assert_eq!(code, 4, "{err}");
    assert!(
        err.contains("the next wait is 1m 0s, beyond --max-wait 30s"),
        "{err}"
    );
}

#[test]
fn http_errors_start_at_five_seconds() {
    let fake = fake_x::serve(vec![over_capacity()]);
    let (code, _, err) = run_curl(&["--max-wait", "4s"], &fake.url("/2/tweets"));
    assert_eq!(code, 5, "{err}");
    assert!(
        err.contains("the next backoff step is 5s, beyond --max-wait 4s"),
        "{err}"
    );
}

#[test]
fn an_operational_disconnect_reconnects_at_once() {
    let disconnect = Box::new(|| {
        let body = r#"{"errors":[{"title":"operational-disconnect","disconnect_type":"OperationalDisconnect","detail":"This stream has been disconnected upstream for operational reasons.","type":"https://api.twitter.com/2/problems/operational-disconnect"}]}"#;
        response("200 OK", "", body)
    });
    let fake = fake_x::serve(vec![disconnect, ok_answer()]);
    let started = Instant::now();
    let url = fake.url("/2/tweets/search/stream");
    let (code, out, err) = run_twerr(&["--", "curl", "-s", &url]);
    assert_eq!(code, 0, "{err}");
    assert_eq!((fake.served(), out.as_str()), (2, OK_BODY));
    assert!(err.contains("reconnecting at once"), "{err}");
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn a_write_is_not_resent_after_a_server_error_but_is_after_a_rate_limit() {
    let fake = fake_x::serve(vec![over_capacity(), ok_answer()]);
    let url = fake.url("/2/tweets");
    let (code, _, err) = run_twerr(&[
        "--backoff",
        "10ms",
        "--",
        "curl",
        "-si",
        "-X",
        "POST",
        "--json",
        "{}",
        &url,
    ]);
    assert_eq!(code, 5, "{err}");
    assert_eq!(fake.served(), 1, "not resent: {err}");
    assert!(
        err.contains("did the post land?") && err.contains("--retry-writes"),
        "{err}"
    );
    let fake = fake_x::serve(vec![rate_limited(1), ok_answer()]);
    let url = fake.url("/2/tweets");
    let (code, _, err) = run_twerr(&["--", "curl", "-si", "--json", "{}", &url]);
    assert_eq!(
        (code, fake.served()),
        (0, 2),
        "a rate limit refused it unprocessed: {err}"
    );
}

#[test]
fn a_stream_with_no_rules_is_not_retried() {
    let no_rules = Box::new(|| {
        let body = r#"{"title":"ConnectionException","detail":"This stream has no rules. Add a rule before connecting.","type":"https://api.twitter.com/2/problems/streaming-connection","connection_issue":"RuleConfigurationIssue"}"#;
        response("409 Conflict", "", body)
    });
    let fake = fake_x::serve(vec![no_rules, ok_answer()]);
    let (code, _, err) = run_curl(&[], &fake.url("/2/tweets/search/stream"));
    assert_eq!((code, fake.served()), (3, 1), "{err}");
    assert!(
        err.contains("409 streaming-connection do-not-retry"),
        "{err}"
    );
}

#[test]
fn json_lists_every_attempt_and_the_final_diagnosis() {
    let fake = fake_x::serve(vec![over_capacity(), ok_answer()]);
    let dir = tempfile::tempdir().unwrap();
    let answer = dir.path().join("answer.json");
    let args = [
        "--json",
        "--backoff",
        "10ms",
        "--output",
        answer.to_str().unwrap(),
        "--",
        "curl",
        "-si",
        &fake.url("/2/tweets"),
    ];
    let (code, out, err) = run_twerr(&args);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("one JSON document");
    let attempts = v["attempts"].as_array().unwrap();
    assert_eq!(attempts.len(), 2);
    assert_eq!(attempts[0]["status"], 503);
    assert_eq!(attempts[0]["code"], 130);
    assert_eq!(attempts[0]["verdict"], "backoff");
    assert_eq!(attempts[0]["rule"], "http-error");
    assert!(attempts[0]["waited_seconds"].as_f64().unwrap() >= 0.01);
    assert!(attempts[0]["started"].as_str().unwrap().ends_with('Z'));
    assert_eq!(attempts[1]["status"], 200);
    assert_eq!(v["final"]["status"]["code"], 200);
    assert_eq!(v["exit"], 0);
    let saved = std::fs::read_to_string(&answer).unwrap();
    assert!(
        saved.starts_with("HTTP/1.1 200") && saved.ends_with(OK_BODY),
        "{saved}"
    );
}

#[test]
fn a_status_printed_alone_is_read_as_that_status() {
    let fake = fake_x::serve(vec![over_capacity(), ok_answer()]);
    let url = fake.url("/2/tweets");
    let args = [
        "--backoff",
        "10ms",
        "--",
        "curl",
        "-s",
        "-o",
        "/dev/null",
        "-w",
        "%{http_code}",
        &url,
    ];
    let (code, out, err) = run_twerr(&args);
    assert_eq!((code, out.as_str()), (0, "200"), "{err}");
    assert_eq!(fake.served(), 2);
}

#[test]
fn sighup_and_sigquit_reach_the_command_and_sigint_to_twerr_alone_too() {
    for (signal, name) in [
        (libc::SIGHUP, "HUP"),
        (libc::SIGQUIT, "QUIT"),
        (libc::SIGINT, "INT"),
    ] {
        let script = format!("trap 'exit 42' {name}; echo started >&2; sleep 30 & wait");
        let (code, took) = signalled(&["--", "sh", "-c", &script], "started", signal);
        assert_eq!(
            code,
            Some(42),
            "SIG{name}: the command's own status after its trap"
        );
        assert!(took < Duration::from_secs(10), "SIG{name}: {took:?}");
    }
}

#[test]
fn a_signal_during_a_wait_ends_it_with_128_and_the_signal() {
    let fake = fake_x::serve(vec![rate_limited(3600)]);
    let url = fake.url("/2/tweets");
    let args = ["--max-wait", "2h", "--", "curl", "-si", &url];
    let (code, took) = signalled(&args, "waiting", libc::SIGHUP);
    assert_eq!(code, Some(128 + libc::SIGHUP));
    assert!(took < Duration::from_secs(5), "{took:?}");
}

#[test]
fn the_deadline_bounds_waits_and_a_running_command() {
    let fake = fake_x::serve(vec![rate_limited(30)]);
    let started = Instant::now();
    let (code, _, err) = run_curl(&["--deadline", "5s"], &fake.url("/2/tweets"));
    assert_eq!(code, 4, "{err}");
    assert!(err.contains("would pass --deadline 5s"), "{err}");
    assert!(started.elapsed() < Duration::from_secs(5));
    let started = Instant::now();
    let (code, _, err) = run_twerr(&["--deadline", "1s", "--", "sh", "-c", "sleep 30"]);
    assert_eq!(code, 124, "{err}");
    assert!(err.contains("still running at --deadline 1s"), "{err}");
    assert!(started.elapsed() < Duration::from_secs(10));
}

#[test]
fn retry_on_leaves_verdicts_out() {
    let fake = fake_x::serve(vec![rate_limited(1), ok_answer()]);
    let (code, _, err) = run_curl(&["--retry-on", "backoff"], &fake.url("/2/tweets"));
    assert_eq!((code, fake.served()), (4, 1), "{err}");
    assert!(
        err.contains("wait-for-reset is not among --retry-on's verdicts"),
        "{err}"
    );
    let (code, _, err) = run_twerr(&["--retry-on", "do-not-retry", "--", "true"]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn a_stream_consumer_goes_live_and_is_not_run_again_once_it_has_begun() {
    let script = r#"printf '{"data":{"id":"1"}}\n'; sleep 1; printf 'HTTP/1.1 503 Service Unavailable\r\n\r\n'"#;
    let (code, out, err) = run_twerr(&[
        "--live-after",
        "200ms",
        "--backoff",
        "10ms",
        "--",
        "sh",
        "-c",
        script,
    ]);
    assert_eq!(code, 5, "{err}");
    assert!(out.starts_with("{\"data\":{\"id\":\"1\"}}\n"), "{out}");
    assert_eq!(out.matches("data").count(), 1, "run once: {out}");
    assert!(err.contains("its output had begun"), "{err}");
}

#[test]
fn a_dry_run_prints_the_plan_without_running_anything() {
    let (code, out, err) = run_twerr(&[
        "--dry-run",
        "--no-jitter",
        "--",
        "curl",
        "-si",
        "-X",
        "POST",
        "http://127.0.0.1:9/2/tweets/search/stream",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("a write yes, a stream yes"), "{out}");
    assert!(
        out.contains("not resent: it is a write and it was answered 503"),
        "{out}"
    );
    assert!(
        out.contains("retry 1: the stream is rate limited: backing off 1m 0s"),
        "{out}"
    );
    assert!(
        out.contains("retry 2: the stream is rate limited: backing off 2m 0s"),
        "{out}"
    );
    assert!(!out.contains("at random"), "--no-jitter: {out}");
    let (_, out, _) = run_twerr(&[
        "--dry-run",
        "--",
        "curl",
        "-s",
        "https://api.x.com/2/users/me",
    ]);
    for step in ["backing off 5s", "backing off 10s", "backing off 20s"] {
        assert!(out.contains(step), "{step}: {out}");
    }
    assert!(out.contains("https://docs.x.com/x-api/fundamentals/handling-disconnections"));
}

/// The Python that `.ci/run` installs the clients into (`TWERR_TEST_PYTHON`): required
/// there (`TWERR_REQUIRE_ALL`), skipped with a message elsewhere.
fn client_python(module: &str) -> Option<String> {
    let python = std::env::var("TWERR_TEST_PYTHON").unwrap_or_else(|_| "python3".into());
    let has = std::process::Command::new(&python)
        .args(["-c", &format!("import {module}")])
        .output()
        .is_ok_and(|o| o.status.success());
    if has {
        return Some(python);
    }
    crate::common::skip_without(&format!("{module} for {python} (TWERR_TEST_PYTHON)"));
    None
}

#[test]
fn a_requests_script_is_retried_through_its_traceback() {
    let Some(python) = client_python("requests") else {
        return;
    };
    let fake = fake_x::serve(vec![over_capacity(), ok_answer()]);
    let script = format!(
        "import requests\nr = requests.get('{}')\nr.raise_for_status()\nprint(r.json()['data']['text'])\n",
        fake.url("/2/tweets/1")
    );
    let (code, out, err) = run_twerr(&[
        "--json",
        "--backoff",
        "10ms",
        "--output",
        "/dev/stdout",
        "--",
        &python,
        "-c",
        &script,
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("HTTPError: 503 Server Error"),
        "the traceback passed through: {err}"
    );
    let json = out.trim_start_matches("hi\n");
    let v: serde_json::Value = serde_json::from_str(json).expect("the document after the answer");
    assert_eq!(v["attempts"][0]["status"], 503);
    assert_eq!(v["attempts"][0]["verdict"], "backoff");
    assert_eq!(v["attempts"][1]["exit"], 0);
    assert_eq!(fake.served(), 2);
}

/// tweepy calls api.x.com itself; the script points its session at the fake.
const TWEEPY_AT_THE_FAKE: &str = "import requests, tweepy
base = '{base}'
send = requests.Session.request
def to_fake(self, method, url, *a, **k):
    for host in ('https://api.x.com', 'https://api.twitter.com'):
        url = url.replace(host, base)
    return send(self, method, url, *a, **k)
requests.Session.request = to_fake
client = tweepy.Client(bearer_token='test', consumer_key='k', consumer_secret='s', access_token='t', access_token_secret='u')
";

#[test]
fn a_tweepy_script_backs_off_a_503_and_stops_at_187() {
    let Some(python) = client_python("tweepy") else {
        return;
    };
    let duplicate = Box::new(|| {
        let body = r#"{"errors":[{"code":187,"message":"Status is a duplicate."}]}"#;
        response("403 Forbidden", "", body)
    });
    let fake = fake_x::serve(vec![over_capacity(), ok_answer(), duplicate]);
    let prelude = TWEEPY_AT_THE_FAKE.replace("{base}", &fake.url(""));
    let get = format!("{prelude}print(client.get_tweet(1).data.text)\n");
    let (code, out, err) = run_twerr(&["--backoff", "10ms", "--", &python, "-c", &get]);
    assert_eq!((code, out.as_str()), (0, "hi\n"), "{err}");
    assert!(err.contains("TwitterServerError: 503"), "{err}");
    let post = format!("{prelude}client.create_tweet(text='again')\n");
    let (code, _, err) = run_twerr(&["--", &python, "-c", &post]);
    assert_eq!(code, 1, "the script's own status: {err}");
    assert!(err.contains("403 187 do-not-retry"), "{err}");
    let calls: Vec<String> = fake
        .requests()
        .iter()
        .map(|r| format!("{} {}", r.method, r.path.split('?').next().unwrap()))
        .collect();
    assert_eq!(
        calls,
        ["GET /2/tweets/1", "GET /2/tweets/1", "POST /2/tweets"]
    );
}

#[test]
fn run_help_states_the_rules_with_their_sources_and_the_json_shape() {
    let (code, out, _) = run_twerr(&["--help"]);
    assert_eq!(code, 0);
    for needle in [
        "RFC 9110, section 10.2.3",
        "docs.x.com/x-api/fundamentals/rate-limits",
        "docs.x.com/x-api/fundamentals/handling-disconnections",
        "5s doubling to 320s",
        "--retry-writes",
        "\"attempts\"",
        "\"waited_seconds\"",
        "124 when --deadline",
    ] {
        assert!(out.contains(needle), "{needle}: {out}");
    }
}

#[test]
fn a_write_shown_by_curls_verbose_lines_is_not_resent() {
    let script = "printf '> POST /2/tweets HTTP/1.1\\n> Host: api.x.com\\n>\\n< HTTP/1.1 503 Service Unavailable\\n<\\n' >&2";
    let (code, _, err) = run_twerr(&["--backoff", "10ms", "--", "sh", "-c", script]);
    assert_eq!(code, 5, "{err}");
    assert!(err.contains("not resent: it is a write"), "{err}");
    assert_eq!(err.matches("> POST").count(), 1, "run once: {err}");
}

#[test]
fn stdin_past_64_mib_is_given_once_and_the_run_says_why_it_stops() {
    // The command reads all of it, counts it, then fails as a server error would.
    let script = "wc -c; printf 'HTTP/1.1 503 Service Unavailable\\r\\n\\r\\n' >&2";
    let input = vec![b'x'; (64 << 20) + 4096];
    let (code, out, err) = run_with_input(&["--backoff", "10ms", "--", "sh", "-c", script], &input);
    assert_eq!(code, 5, "{err}");
    assert_eq!(
        out.trim(),
        input.len().to_string(),
        "every byte reached the command"
    );
    assert!(err.contains("its input is over 64 MiB"), "{err}");
}
