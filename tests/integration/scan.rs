//! `twerr scan`: a realistic mixed log gives exactly its error occurrences, counted per
//! status and code or problem type, with line ranges, verdicts and advice.

use crate::common::{fixture, json, run, twerr};
use serde_json::Value;

/// count, status, code, problem name, first line, last line, verdict
type Row = (
    u64,
    Option<u64>,
    Option<u64>,
    Option<String>,
    u64,
    u64,
    String,
);

fn rows(v: &Value) -> Vec<Row> {
    v["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["count"].as_u64().unwrap(),
                e["status"].as_u64(),
                e["code"].as_u64(),
                e["type"]
                    .as_str()
                    .map(|t| t.rsplit('/').next().unwrap().to_string()),
                e["first_line"].as_u64().unwrap(),
                e["last_line"].as_u64().unwrap(),
                e["verdict"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn mixed_log_gives_every_occurrence_once() {
    let (exit, v) = json(&["scan"], &fixture("mixed.log"));
    assert_eq!(exit, 0);
    assert_eq!(v["total"], 8);
    assert_eq!(v["lines"], 33);
    let dnr = "do-not-retry".to_string();
    assert_eq!(
        rows(&v),
        vec![
            (2, None, Some(187), None, 3, 5, dnr.clone()),
            (1, Some(429), Some(88), None, 6, 12, "wait-for-reset".into()),
            (1, Some(503), Some(130), None, 14, 19, "backoff".into()),
            (1, Some(403), Some(187), None, 23, 24, dnr.clone()),
            (
                1,
                Some(429),
                None,
                Some("usage-capped".into()),
                26,
                26,
                // A monthly cap: no rate-limit window to wait for.
                dnr.clone()
            ),
            (1, None, Some(88), None, 31, 31, "wait-for-reset".into()),
            (1, Some(401), None, None, 32, 32, dnr),
        ]
    );
    assert!(
        v["entries"][0]["advice"]
            .as_str()
            .unwrap()
            .starts_with("The same account already posted")
    );
}

#[test]
fn several_files_give_per_file_and_total_counts() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.log");
    let b = dir.path().join("b.log");
    std::fs::write(&a, fixture("mixed.log")).unwrap();
    std::fs::write(
        &b,
        b"{\"errors\":[{\"code\":187,\"message\":\"Status is a duplicate.\"}]}\nnoise\n",
    )
    .unwrap();
    let (exit, v) = json(&["scan", a.to_str().unwrap(), b.to_str().unwrap()], b"");
    assert_eq!(exit, 0);
    assert_eq!(v["total"], 9);
    let files = v["files"].as_array().unwrap();
    assert_eq!(files.len(), 2);
    assert_eq!(
        (files[0]["total"].as_u64(), files[1]["total"].as_u64()),
        (Some(8), Some(1))
    );
    assert!(files[0]["path"].as_str().unwrap().ends_with("a.log"));
    assert_eq!(
        v["entries"][0]["count"], 3,
        "187 without status: 2 in a.log + 1 in b.log"
    );
    let (_, out, _) = run(&["scan", a.to_str().unwrap(), b.to_str().unwrap()], b"");
    assert!(
        out.contains("a.log: 8 errors in 33 lines") && out.contains("all files:"),
        "{out}"
    );
}

#[test]
fn text_summary_is_a_table_most_frequent_first() {
    let (exit, out, _) = run(&["scan", "-"], &fixture("mixed.log"));
    assert_eq!(exit, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines[0].starts_with("COUNT") && lines[0].contains("WHAT TO DO"),
        "{out}"
    );
    assert!(
        lines[1].starts_with("2 ") && lines[1].contains("187"),
        "{out}"
    );
    assert!(out.contains("8 errors in 33 lines"), "{out}");
}

#[test]
fn no_errors_exits_one_and_a_missing_file_two() {
    let (exit, v) = json(&["scan"], b"INFO all good\nHTTP/2 200\n\n{\"data\":[]}\n");
    assert_eq!(exit, 1);
    assert_eq!(v["total"], 0);
    let out = twerr().args(["scan", "/nonexistent/log"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).starts_with("twerr: cannot read /nonexistent/log")
    );
}

#[test]
fn no_progress_line_when_stderr_is_not_a_terminal() {
    let mut big = Vec::new();
    for _ in 0..20_000 {
        big.extend_from_slice(
            b"{\"errors\":[{\"code\":88,\"message\":\"Rate limit exceeded\"}]}\n",
        );
    }
    let out = twerr()
        .args(["scan", "--json"])
        .write_stdin(big)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stderr.is_empty());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["total"], 20_000);
}

#[test]
fn an_implied_status_is_marked_and_counted_apart() {
    let log = "Twitter::Error::TooManyRequests: Rate limit exceeded\nHTTP/2 429\n\n{\"errors\":[{\"code\":88,\"message\":\"Rate limit exceeded\"}]}\n";
    let (_, v) = crate::common::json(&["scan"], log.as_bytes());
    let rows: Vec<(u64, bool)> = v["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["status"].as_u64().unwrap(),
                e["status_implied"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(rows.len(), 2, "{v}");
    assert!(
        rows.contains(&(429, true)) && rows.contains(&(429, false)),
        "{rows:?}"
    );
    let (_, out, _) = crate::common::run(&["scan"], log.as_bytes());
    assert!(out.contains("(429)"), "{out}");
}

/// A log file is read mapped into memory; one cut shorter while it is read (a log rotation
/// that truncates) makes the kernel send SIGBUS, which must be an error, not a crash. The
/// signal is sent here while scan waits on its second file, a FIFO, after the first (a
/// regular file, mapped) was read.
#[test]
fn a_sigbus_while_a_mapped_log_is_read_is_a_one_line_error_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("bot.log");
    std::fs::write(&log, "{\"errors\":[{\"code\":88}]}\n".repeat(1000)).unwrap();
    let fifo = dir.path().join("fifo");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let bin = assert_cmd::cargo::cargo_bin("twerr");
    let child = std::process::Command::new(bin)
        .arg("scan")
        .arg(&log)
        .arg(&fifo)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Opening the FIFO waits for a writer that never comes.
    std::thread::sleep(std::time::Duration::from_millis(500));
    let sent = std::process::Command::new("kill")
        .args(["-BUS", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("twerr: a log shrank while it was read"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
}

/// The total and the (count, status) of each row of `scan --json` over `log` on stdin.
fn counted(log: &str) -> (u64, Vec<(u64, Option<u64>)>) {
    let (exit, v) = json(&["scan"], log.as_bytes());
    assert!(exit == 0 || exit == 1, "{exit}");
    let rows = rows(&v).into_iter().map(|r| (r.0, r.1)).collect();
    (v["total"].as_u64().unwrap(), rows)
}

#[test]
fn a_failure_line_repeated_with_lines_between_is_counted_each_time() {
    let line = "POST /2/tweets gave up: HTTP 502 Bad Gateway\n";
    for between in [
        "",
        "sleeping 2s before the next try\n",
        "\n",
        "attempt done\n\n",
    ] {
        let log = format!("{line}{between}{line}{between}{line}{between}{line}");
        assert_eq!(counted(&log), (4, vec![(4, Some(502))]), "{log}");
    }
    let logfmt = "t=1 lvl=error msg=\"send failed\" status=504 path=/2/dm_conversations\n";
    assert_eq!(counted(&logfmt.repeat(32)), (32, vec![(32, Some(504))]));
    let access = "127.0.0.1 - - [03/Dec/2026:04:05:06 +0000] \"GET /2/users/me HTTP/1.1\" 401 61 \"-\" \"cron\"\n";
    assert_eq!(counted(&access.repeat(5)), (5, vec![(5, Some(401))]));
}

#[test]
fn one_record_holding_the_clients_message_and_the_body_counts_once() {
    let record = r#"{"lvl":"error","err":{"name":"ApiResponseError","message":"Request failed with code 429","data":{"title":"Too Many Requests","type":"about:blank","status":429,"detail":"Too Many Requests"}}}"#;
    let (total, rows) = counted(&format!("{record}\n{record}\n"));
    assert_eq!(total, 2, "{rows:?}");
    assert_eq!(rows, vec![(2, Some(429))]);
}

#[test]
fn a_captured_page_repeating_its_status_line_is_one_response() {
    let capture = "HTTP/1.1 503 Service Unavailable\ncontent-type: text/html\n\n<html><head><title>503 Service Unavailable</title></head>\n<body><h1>503 Service Unavailable</h1></body></html>\n";
    assert_eq!(counted(&capture.repeat(3)), (3, vec![(3, Some(503))]));
}
