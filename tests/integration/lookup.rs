//! End to end: looking up numbers, names and messages; list, search, colour, exit statuses.

use crate::common::{codes, json, run, twerr};

/// The two tables of the 2015 "Error Codes & Responses" page, copied here so that the
/// data cannot drift from the page (and the test needs nothing outside the repository).
const PAGE_STATUSES: &[(u64, &str)] = &[
    (200, "OK"),
    (304, "Not Modified"),
    (400, "Bad Request"),
    (401, "Unauthorized"),
    (403, "Forbidden"),
    (404, "Not Found"),
    (406, "Not Acceptable"),
    (410, "Gone"),
    (420, "Enhance Your Calm"),
    (422, "Unprocessable Entity"),
    (429, "Too Many Requests"),
    (500, "Internal Server Error"),
    (502, "Bad Gateway"),
    (503, "Service Unavailable"),
    (504, "Gateway timeout"),
];

const PAGE_CODES: &[(u64, &str)] = &[
    (32, "Could not authenticate you"),
    (34, "Sorry, that page does not exist"),
    (
        64,
        "Your account is suspended and is not permitted to access this feature",
    ),
    (
        68,
        "The Twitter REST API v1 is no longer active. Please migrate to API v1.1. https://dev.twitter.com/rest/public",
    ),
    (88, "Rate limit exceeded"),
    (89, "Invalid or expired token"),
    (92, "SSL is required"),
    (130, "Over capacity"),
    (131, "Internal error"),
    (135, "Could not authenticate you"),
    (161, "You are unable to follow more people at this time"),
    (179, "Sorry, you are not authorized to see this status"),
    (185, "User is over daily status update limit"),
    (187, "Status is a duplicate"),
    (215, "Bad authentication data"),
    (
        226,
        "This request looks like it might be automated. To protect our users from spam and other malicious activity, we can't complete this action right now.",
    ),
    (231, "User must verify login"),
    (
        251,
        "This endpoint has been retired and should not be used.",
    ),
    (261, "Application cannot perform write actions."),
    (271, "You can't mute yourself."),
    (272, "You are not muting the specified user."),
];

#[test]
fn every_status_of_the_page_with_its_text() {
    for &(code, text) in PAGE_STATUSES {
        let (exit, v) = json(&["--status", &code.to_string()], b"");
        assert_eq!(exit, 0, "{code}");
        assert_eq!(v["status"]["code"], code);
        assert_eq!(v["status"]["message"], text, "{code}");
        assert_eq!(v["status"]["known"], true);
        assert_eq!(v["status"]["source"], "2015");
        assert!(!v["status"]["advice"].as_str().unwrap().is_empty());
    }
}

#[test]
fn every_code_of_the_page_with_its_text() {
    for &(code, text) in PAGE_CODES {
        let (exit, v) = json(&["--code", &code.to_string()], b"");
        assert_eq!(exit, 0, "{code}");
        let e = &v["errors"][0];
        assert_eq!(e["code"], code);
        assert_eq!(e["official_message"], text, "{code}");
        assert_eq!(e["known"], true);
        assert_eq!(e["source"], "2015", "{code}");
        assert!(e["description"].as_str().is_some_and(|d| !d.is_empty()));
    }
}

#[test]
fn the_page_tables_are_all_there_is_from_2015() {
    let (_, v) = json(&["list", "--source", "2015"], b"");
    let rows = v.as_array().unwrap();
    let statuses = rows.iter().filter(|r| r["kind"] == "status").count();
    let codes = rows.iter().filter(|r| r["kind"] == "code").count();
    assert_eq!((statuses, codes), (PAGE_STATUSES.len(), PAGE_CODES.len()));
}

#[test]
fn bare_number_is_looked_up_in_both_tables() {
    let (exit, v) = json(&["187"], b"");
    assert_eq!(exit, 0);
    assert_eq!(codes(&v), vec![187]);
    assert!(v["status"].is_null());
    let (_, v) = json(&["429"], b"");
    assert_eq!(v["status"]["code"], 429);
    assert_eq!(v["retry"]["verdict"], "wait-for-reset");
}

#[test]
fn status_and_code_together_are_checked_for_fit() {
    let (_, v) = json(&["403", "187"], b"");
    assert_eq!(v["status"]["code"], 403);
    assert_eq!(v["errors"][0]["consistent"], true);
    let (_, v) = json(&["403", "88"], b"");
    assert_eq!(v["errors"][0]["consistent"], false);
}

#[test]
fn unlisted_code_falls_back_to_the_given_status() {
    let (exit, v) = json(&["--status", "403", "--code", "999"], b"");
    assert_eq!(exit, 0);
    assert_eq!(v["errors"][0]["known"], false);
    assert_eq!(v["errors"][0]["fallback"], "status");
    let (_, out, _) = run(&["--status", "403", "--code", "999"], b"");
    assert!(out.contains("explained through HTTP 403"), "{out}");
}

#[test]
fn unlisted_code_alone_says_how_to_give_a_status() {
    let (exit, v) = json(&["--code", "999"], b"");
    assert_eq!(exit, 1);
    assert!(v["errors"][0]["fallback"].is_null());
    assert!(v["notes"].to_string().contains("--status N"));
}

#[test]
fn unlisted_status_falls_back_to_its_class() {
    for (code, class, verdict) in [
        (418, "4xx", "do-not-retry"),
        (509, "5xx", "backoff"),
        (308, "3xx", "not-needed"),
    ] {
        let (exit, v) = json(&[&code.to_string()], b"");
        assert_eq!(exit, 0);
        assert_eq!(v["status"]["known"], false);
        assert_eq!(v["status"]["fallback"], "class");
        assert_eq!(v["status"]["class"], class);
        assert_eq!(v["retry"]["verdict"], verdict);
    }
}

#[test]
fn implausible_number_is_unknown_not_an_error() {
    let (exit, out, err) = run(&["999999"], b"");
    assert_eq!(exit, 1);
    assert!(out.contains("not in the tables"), "{out}");
    assert!(!err.contains("panicked"));
    let (exit, _, err) = run(&["99999999999999999999999"], b"");
    assert_eq!(exit, 1);
    assert!(err.contains("too large"), "{err}");
}

#[test]
fn out_of_range_flags_are_usage_errors() {
    let (exit, _, err) = run(&["--status", "999"], b"");
    assert_eq!(exit, 2);
    assert!(err.contains("999"), "{err}");
    let (exit, _, _) = run(&["--code", "99999999999999999999"], b"");
    assert_eq!(exit, 2);
    let (exit, _, _) = run(&["--no-such-flag"], b"");
    assert_eq!(exit, 2);
}

#[test]
fn pasted_message_finds_its_code() {
    let (exit, v) = json(&["Status is a duplicate"], b"");
    assert_eq!(exit, 0);
    assert_eq!(codes(&v), vec![187]);
    // Two codes share this message: both are shown.
    let (_, v) = json(&["Could not authenticate you."], b"");
    assert_eq!(codes(&v), vec![32, 135]);
}

#[test]
fn problem_type_by_name() {
    let (exit, v) = json(&["--type", "client-forbidden"], b"");
    assert_eq!(exit, 0);
    assert_eq!(v["errors"][0]["problem"]["name"], "client-forbidden");
    let (_, v) = json(&["usage-capped"], b"");
    assert_eq!(v["errors"][0]["problem"]["name"], "usage-capped");
}

#[test]
fn list_filters_by_table_and_status() {
    let (exit, v) = json(&["list", "--codes"], b"");
    assert_eq!(exit, 0);
    assert!(v.as_array().unwrap().iter().all(|r| r["kind"] == "code"));
    let (_, v) = json(&["ls", "--status", "403"], b"");
    let rows = v.as_array().unwrap();
    assert!(rows.iter().any(|r| r["number"] == 187));
    assert!(
        rows.iter()
            .all(|r| r["status"] == 403 && r["kind"] != "status")
    );
    let (_, v) = json(&["list", "--statuses"], b"");
    assert!(v.as_array().unwrap().iter().all(|r| r["kind"] == "status"));
}

#[test]
fn list_text_in_a_pipe_is_one_tab_separated_line_per_entry() {
    let (exit, out, _) = run(&["list", "--codes"], b"");
    assert_eq!(exit, 0);
    let line = out
        .lines()
        .find(|l| l.starts_with("code\t187\t"))
        .expect("row for 187");
    assert_eq!(
        line,
        "code\t187\t403\tStatus is a duplicate\t2015\tdo-not-retry"
    );
    let (_, v) = json(&["list", "--codes"], b"");
    assert_eq!(
        out.lines().count(),
        v.as_array().unwrap().len(),
        "no header, no wrapped lines"
    );
    assert!(
        out.lines()
            .all(|l| l.split('\t').count() == 6 && l == l.trim() && !l.contains("  ")),
        "no padding"
    );
}

#[test]
fn search_requires_every_word_in_any_case() {
    let (exit, v) = json(&["search", "DUPLICATE", "status"], b"");
    assert_eq!(exit, 0);
    assert!(v.as_array().unwrap().iter().any(|r| r["number"] == 187));
    let (exit, _, err) = run(&["search", "zebra", "unicorn"], b"");
    assert_eq!(exit, 1);
    assert!(err.contains("no entry"), "{err}");
}

#[test]
fn global_flags_go_before_or_after_a_subcommand() {
    let before = twerr()
        .args(["--json", "list", "--codes"])
        .output()
        .unwrap();
    let after = twerr()
        .args(["list", "--codes", "--json"])
        .output()
        .unwrap();
    assert_eq!(before.stdout, after.stdout);
    assert!(before.stdout.starts_with(b"["));
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let (_, always, _) = run(&["--color", "always", "187"], b"");
    assert!(always.contains("\u{1b}["), "always gives escapes");
    let (_, auto, _) = run(&["187"], b"");
    assert!(!auto.contains('\u{1b}'), "auto in a pipe gives none");
    let out = twerr()
        .env("NO_COLOR", "1")
        .args(["--color", "auto", "187"])
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&out.stdout).contains('\u{1b}'));
    let (_, never, _) = run(&["--color", "never", "list"], b"");
    assert!(!never.contains('\u{1b}'));
}

#[test]
fn closed_stdout_ends_quietly() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let bin = assert_cmd::cargo::cargo_bin("twerr");
    let mut child = Command::new(bin)
        .arg("list")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read one byte, then close the pipe like `head -c1` would.
    let mut stdout = child.stdout.take().unwrap();
    let mut one = [0u8; 1];
    stdout.read_exact(&mut one).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn help_documents_exit_statuses() {
    let (exit, out, _) = run(&["--help"], b"");
    assert_eq!(exit, 0);
    assert!(
        out.contains("Exit status:") && out.contains("4 wait-for-reset"),
        "{out}"
    );
}

#[test]
fn on_a_terminal_text_is_wrapped_to_its_width() {
    // script(1) runs twerr on a pseudo-terminal of 60 columns.
    let bin = assert_cmd::cargo::cargo_bin("twerr");
    let cmd = format!("stty rows 40 cols 60; {} --color never 226", bin.display());
    let out = std::process::Command::new("script")
        .args(["-qec", &cmd, "/dev/null"])
        .output()
        .expect("script(1) runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("API error code 226"), "{text}");
    for line in text.lines() {
        assert!(
            line.trim_end().chars().count() <= 60,
            "{} columns: {line:?}",
            line.chars().count()
        );
    }
    assert!(
        text.lines().count() > 10,
        "long descriptions wrap onto more lines: {text}"
    );
}

#[test]
fn a_bare_unknown_number_falls_back_to_a_status_given_with_it() {
    let (exit, v) = json(&["403", "999"], b"");
    assert_eq!(exit, 0);
    assert_eq!(v["errors"][0]["code"], 999);
    assert_eq!(v["errors"][0]["fallback"], "status");
}

#[test]
fn a_list_filter_that_matches_nothing_says_so() {
    // Two filters that each match entries, and none together (an unknown family is a
    // usage error of its own).
    let (exit, out, err) = run(&["list", "--family", "success", "--codes"], b"");
    assert_eq!((exit, out.as_str()), (1, ""));
    assert_eq!(err, "twerr: no entry matches those filters\n");
    let (exit, v) = json(&["list", "--family", "success", "--codes"], b"");
    assert_eq!((exit, v), (1, serde_json::json!([])));
}
