//! Real curl output, captured from a loopback server started by the test, piped into twerr.

use crate::common::{codes, twerr};
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::process::Command;

const RESPONSE: &str = "HTTP/1.1 429 Too Many Requests\r\n\
date: Wed, 25 Nov 2026 12:00:00 GMT\r\n\
content-type: application/json;charset=utf-8\r\n\
x-rate-limit-limit: 900\r\n\
x-rate-limit-remaining: 0\r\n\
x-rate-limit-reset: 1795608600\r\n\
content-length: 56\r\n\
connection: close\r\n\
\r\n\
{\"errors\":[{\"code\":88,\"message\":\"Rate limit exceeded\"}]}";

/// Serves `RESPONSE` to `count` requests on a loopback port; returns the URL.
fn serve(count: usize) -> String {
    serve_at(RESPONSE, "/1.1/statuses/update.json", count)
}

/// Serves `response` to `count` requests on a loopback port; returns the URL of `path`.
fn serve_at(response: &'static str, path: &str, count: usize) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let url = format!("http://{}{path}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().take(count) {
            let mut stream = stream.expect("accept");
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 0) && line != "\r\n" {
                line.clear();
            }
            stream.write_all(response.as_bytes()).unwrap();
        }
    });
    url
}

fn curl(args: &[&str]) -> Vec<u8> {
    let out = Command::new("curl")
        .args(args)
        .output()
        .expect("curl is installed (.ci/run installs it)");
    let mut all = out.stdout;
    all.extend(out.stderr);
    all
}

fn diagnose(captured: &[u8]) -> serde_json::Value {
    let out = twerr()
        .args(["--json", "--now", "1795608000"])
        .write_stdin(captured.to_vec())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(captured)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn curl_include_output() {
    let url = serve(1);
    let v = diagnose(&curl(&["-si", &url]));
    assert_eq!(v["status"]["code"], 429);
    assert_eq!(codes(&v), vec![88]);
    assert_eq!(v["rate_limit"]["reset_in_seconds"], 600);
    assert_eq!(v["retry"]["verdict"], "wait-for-reset");
    assert_eq!(v["retry"]["wait_seconds"], 600);
}

#[test]
fn curl_verbose_merged_output() {
    let url = serve(1);
    let v = diagnose(&curl(&["-sv", &url]));
    assert_eq!(v["status"]["code"], 429);
    assert_eq!(codes(&v), vec![88]);
    assert_eq!(v["rate_limit"]["remaining"], 0);
}

#[test]
fn curl_fail_and_write_out() {
    let url = serve(2);
    let v = diagnose(&curl(&["-sS", "--fail", &url]));
    assert_eq!(v["status"]["code"], 429);
    assert_eq!(v["status"]["seen"]["how"], "curl-fail");
    let v = diagnose(&curl(&["-s", "-w", "%{http_code}", &url]));
    assert_eq!(v["status"]["code"], 429);
    assert_eq!(v["status"]["seen"]["how"], "trailing-http-code");
    assert_eq!(codes(&v), vec![88]);
}

const UNSUPPORTED_AUTH: &str = "HTTP/1.1 403 Forbidden\r\n\
date: Wed, 25 Nov 2026 12:00:00 GMT\r\n\
content-type: application/problem+json\r\n\
content-length: 299\r\n\
connection: close\r\n\
\r\n\
{\"title\":\"Unsupported Authentication\",\"detail\":\"Authenticating with OAuth 2.0 Application-Only is forbidden for this endpoint.  Supported authentication types are [OAuth 1.0a User Context, OAuth 2.0 User Context].\",\"type\":\"https://api.twitter.com/2/problems/unsupported-authentication\",\"status\":403}";

#[test]
fn curl_verbose_names_the_call_and_the_auth_it_needs() {
    let url = serve_at(UNSUPPORTED_AUTH, "/2/tweets", 1);
    let captured = curl(&[
        "-sv",
        "-X",
        "POST",
        "-H",
        "Authorization: Bearer AAAAAAAAAAAAAAAAAAAAAnotarealtoken",
        "-H",
        "Content-Type: application/json",
        "-d",
        "{\"text\":\"hello\"}",
        &url,
    ]);
    let v = diagnose(&captured);
    let r = &v["request"];
    assert_eq!(
        (r["method"].as_str(), r["path"].as_str()),
        (Some("POST"), Some("/2/tweets"))
    );
    assert_eq!(r["endpoint"]["path"], "/2/tweets");
    assert_eq!(r["api"], "2");
    assert_eq!(r["auth_used"], "oauth2-app");
    assert_eq!(r["seen"]["how"], "request-line");
    assert!(
        !v.to_string().contains("notarealtoken"),
        "the token is never repeated"
    );
    let advice = r["advice"].to_string();
    assert!(
        advice.contains("POST /2/tweets accepts OAuth 1.0a user context or OAuth 2.0 user context (scopes tweet.read tweet.write users.read); the request carried an OAuth 2.0 app-only bearer token, which it does not accept"),
        "{advice}"
    );
}

#[test]
fn a_rate_limited_call_says_whose_window_ran_out() {
    let url = serve(1);
    let v = diagnose(&curl(&["-sv", "-X", "POST", &url]));
    assert_eq!(v["request"]["endpoint"]["path"], "/1.1/statuses/update");
    let advice = v["request"]["advice"].to_string();
    assert!(
        advice.contains("the limit hit is POST /1.1/statuses/update's: its 15-minute window (x-rate-limit-*) ran out"),
        "{advice}"
    );
}
