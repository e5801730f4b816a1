//! What a new user trips on (issue 13): stdin beside flags, several words as one query,
//! truncated numbers, a proxy page counted once, plural counts.

use crate::common::{codes, json, run};

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
    assert!(!text.contains("Windows"), "no other system's keys: {text}");
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

/// Runs `twerr ARGS` on a pseudo-terminal of `rows` x `cols`, with `env` set; returns what
/// the terminal showed, carriage returns removed.
fn on_sized_terminal(rows: u16, cols: u16, args: &str, env: &[(&str, &str)]) -> String {
    let bin = assert_cmd::cargo::cargo_bin("twerr");
    let command = format!("stty rows {rows} cols {cols}; {} {args}", bin.display());
    let mut cmd = std::process::Command::new("timeout");
    cmd.args(["20", "script", "-qec", &command, "/dev/null"])
        .env("TERM", "dumb")
        .env("PAGER", "cat")
        .env_remove("TWERR_PAGER")
        .stdin(std::process::Stdio::null());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("script(1) from util-linux runs");
    String::from_utf8_lossy(&out.stdout).replace('\r', "")
}

#[test]
fn a_class_is_explained_with_its_statuses_and_filters_list() {
    let (exit, out, _) = run(&["4xx"], b"");
    assert_eq!(exit, 0);
    assert!(out.starts_with("HTTP 4xx Client Error\n"), "{out}");
    assert!(out.contains("status\t403\t-\tForbidden"), "{out}");
    assert!(
        !out.contains("\t500\t") && !out.contains("code\t187"),
        "statuses of 4xx only: {out}"
    );
    let (_, v) = json(&["5XX"], b"");
    assert_eq!(v["class"], "5xx");
    assert!(
        v["statuses"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["number"].as_u64().unwrap() / 100 == 5)
    );
    let (_, v) = json(&["list", "--status", "4xx"], b"");
    let rows = v.as_array().unwrap();
    assert!(
        rows.iter()
            .any(|r| r["kind"] == "status" && r["number"] == 429)
    );
    assert!(
        rows.iter()
            .any(|r| r["kind"] == "code" && r["number"] == 187)
    );
    assert!(
        !rows
            .iter()
            .any(|r| r["number"] == 500 || r["status"] == 503)
    );
    let (exit, _, err) = run(&["list", "--status", "7xx"], b"");
    assert_eq!(exit, 2, "{err}");
}

#[test]
fn problems_resolve_by_title_and_near_misses_get_a_suggestion() {
    for text in [
        "UsageCapExceeded",
        "Usage cap exceeded: Monthly product cap",
        "usage capped",
    ] {
        let (exit, v) = json(&[text], b"");
        assert_eq!(exit, 0, "{text}");
        assert_eq!(v["errors"][0]["type"], "usage-capped", "{text}: {v}");
    }
    // A title that is also a code's message still finds the code.
    let (_, v) = json(&["Rate limit exceeded"], b"");
    assert_eq!(codes(&v), [88]);
    let (exit, out, err) = run(&["usage-caped"], b"");
    assert_eq!((exit, out.as_str()), (1, ""));
    assert_eq!(
        err,
        "twerr: `usage-caped` is in no table; did you mean the problem type `usage-capped`?\n"
    );
    let (_, v) = json(&["--type", "client-forbiden"], b"");
    assert!(
        v["notes"]
            .to_string()
            .contains("did you mean `client-forbidden`?"),
        "{}",
        v["notes"]
    );
}

#[test]
fn an_argument_naming_a_file_reads_it() {
    let dir = std::env::temp_dir().join(format!("twerr-file-arg-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("resp.txt");
    std::fs::write(&path, "HTTP/1.1 403 Forbidden\r\n\r\n{\"errors\":[{\"code\":187,\"message\":\"Status is a duplicate.\"}]}\n").unwrap();
    let (exit, v) = json(&[path.to_str().unwrap()], b"");
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(exit, 0);
    assert_eq!(codes(&v), [187]);
    assert_eq!(v["status"]["code"], 403);
    assert!(
        v["notes"]
            .to_string()
            .contains("is a file: it was read as the input"),
        "{}",
        v["notes"]
    );
}

#[test]
fn search_ranks_by_where_the_words_are_and_says_where() {
    let (_, v) = json(&["search", "duplicate"], b"");
    let rows = v.as_array().unwrap();
    let matched: Vec<&str> = rows
        .iter()
        .map(|r| r["matched"].as_str().unwrap())
        .collect();
    let order = [
        "id",
        "message",
        "family",
        "description",
        "advice",
        "several",
    ];
    let ranks: Vec<usize> = matched
        .iter()
        .map(|m| order.iter().position(|o| o == m).unwrap())
        .collect();
    assert!(
        ranks.windows(2).all(|w| w[0] <= w[1]),
        "ranked: {matched:?}"
    );
    assert_eq!(matched[0], "id", "duplicate-rules: {matched:?}");
    assert!(
        rows.iter()
            .any(|r| r["number"] == 187 && r["matched"] == "message")
    );
    assert!(
        matched.contains(&"advice") || matched.contains(&"description"),
        "{matched:?}"
    );
    let (_, out, _) = run(&["search", "duplicate"], b"");
    assert!(out.lines().all(|l| l.split('\t').count() == 7), "{out}");
    // `list` has no such key.
    let (_, v) = json(&["list", "--codes"], b"");
    assert!(v[0].get("matched").is_none());
}

#[test]
fn short_is_one_line_per_error() {
    let capture = b"HTTP/1.1 403 Forbidden\r\n\r\n{\"errors\":[{\"code\":187,\"message\":\"Status is a duplicate.\"},{\"code\":326,\"message\":\"locked\"}]}\n";
    let (exit, out, _) = run(&["--short"], capture);
    assert_eq!(exit, 0);
    assert_eq!(
        out,
        "403 187 do-not-retry Status is a duplicate\n403 326 do-not-retry To protect our users from spam and other malicious activity, this account is temporarily locked. Please log in to https://twitter.com to unlock your account.\n"
    );
    let (_, out, _) = run(
        &["--oneline", "--now", "1796047200"],
        &crate::common::fixture("curl_i_429.txt"),
    );
    assert_eq!(
        out,
        "429 88 wait-for-reset Rate limit exceeded (wait 5m 0s)\n"
    );
    let (_, out, _) = run(&["--short", "504"], b"");
    assert_eq!(out, "504 - backoff Gateway Timeout (wait 5s)\n");
    let (exit, _, _) = run(&["--short", "--json", "187"], b"");
    assert_eq!(exit, 2, "--short and --json conflict");
}

#[test]
fn our_headings_use_the_standard_phrase_and_quote_the_page() {
    let (_, out, _) = run(&["504"], b"");
    assert!(out.starts_with("HTTP 504 Gateway Timeout\n"), "{out}");
    assert!(
        out.contains("  official:    Gateway timeout\n"),
        "the page's words, quoted: {out}"
    );
    let (_, out, _) = run(&["420"], b"");
    assert!(
        out.starts_with("HTTP 420 Enhance Your Calm\n") && !out.contains("official:"),
        "{out}"
    );
}

#[test]
fn terminal_tables_never_break_a_word_and_text_stays_narrow() {
    for cols in [60u16, 80, 100, 200] {
        let out = on_sized_terminal(50, cols, "--no-pager list", &[]);
        assert!(out.lines().count() > 100, "{cols}: {out}");
        for line in out.lines() {
            assert!(line.chars().count() <= usize::from(cols), "{cols}: {line}");
            for word in ["do-not-retr", "wait-for-res", "not-neede"] {
                if line.contains(word) {
                    assert!(
                        line.contains("do-not-retry")
                            || line.contains("wait-for-reset")
                            || line.contains("not-needed"),
                        "{cols} columns, a verdict broken: {line}"
                    );
                }
            }
        }
        assert!(out.contains("usage-capped"), "ids whole at {cols}");
    }
    let wide = on_sized_terminal(50, 200, "--no-pager 187", &[]);
    assert!(wide.lines().all(|l| l.chars().count() <= 100), "{wide}");
    assert!(
        wide.lines().any(|l| l.chars().count() > 80),
        "wrapped at 100, not less: {wide}"
    );
}

#[test]
fn long_output_on_a_terminal_goes_through_the_pager() {
    let dir = std::env::temp_dir().join(format!("twerr-pager-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let marker = dir.join("paged");
    let pager = format!(
        "cat > {}; echo \"LESS=$LESS\" >> {}",
        marker.display(),
        marker.display()
    );
    let _ = on_sized_terminal(10, 80, "list", &[("PAGER", &pager)]);
    let paged = std::fs::read_to_string(&marker).unwrap_or_default();
    assert!(
        paged.contains("usage-capped") && paged.ends_with("LESS=FRX\n"),
        "{paged}"
    );
    std::fs::remove_file(&marker).unwrap();
    for (args, rows) in [("--no-pager list", 10), ("429", 60)] {
        let shown = on_sized_terminal(rows, 80, args, &[("PAGER", &pager)]);
        assert!(!marker.exists(), "{args}: no pager");
        assert!(shown.contains("429"), "{args}: printed directly: {shown}");
    }
    // In a pipe there is never a pager.
    let out = crate::common::twerr()
        .args(["list"])
        .env("PAGER", &pager)
        .output()
        .unwrap();
    assert!(!marker.exists() && !out.stdout.is_empty());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_pager_that_cannot_run_loses_no_output() {
    // Not found (the shell's 127) and a pager that fails without reading: the list is
    // printed directly all the same, with a note saying why.
    for (pager, why) in [
        ("nopager-here", "`nopager-here` was not found"),
        ("false", "failed (exit 1)"),
    ] {
        let shown = on_sized_terminal(10, 80, "list", &[("PAGER", pager)]);
        assert!(shown.contains("usage-capped"), "{pager}: {shown}");
        assert!(
            shown.contains(&format!("twerr: note: the pager {why}")),
            "{pager}: {shown}"
        );
        assert!(!shown.contains("sh: "), "only twerr's own note: {shown}");
    }
}

#[test]
fn twerr_pager_comes_before_pager() {
    let dir = tempfile::tempdir().unwrap();
    let marker = dir.path().join("paged");
    let pager = format!("cat > {}", marker.display());
    let shown = on_sized_terminal(
        10,
        80,
        "list",
        &[("TWERR_PAGER", &pager), ("PAGER", "nopager-here")],
    );
    let paged = std::fs::read_to_string(&marker).unwrap_or_default();
    assert!(paged.contains("usage-capped"), "{paged} / {shown}");
    assert!(!shown.contains("note: the pager"), "{shown}");
    // An empty TWERR_PAGER means no pager, whatever PAGER says.
    let direct = on_sized_terminal(10, 80, "list", &[("TWERR_PAGER", ""), ("PAGER", &pager)]);
    assert!(direct.contains("usage-capped"), "{direct}");
}

#[test]
fn an_empty_scan_prints_a_line_not_an_empty_table() {
    let (exit, out, _) = run(&["scan"], b"nothing here\n");
    assert_eq!(exit, 1);
    assert_eq!(out, "0 errors in 1 line (13 bytes)\n");
}

#[test]
fn scan_summarises_the_readable_files_and_exits_2_for_the_others() {
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let mixed = format!("{fixtures}/mixed.log");
    let capture = format!("{fixtures}/curl_i_429.txt");
    let (exit, out, err) = run(&["scan", &mixed, "/no/such/file.log", &capture], b"");
    assert_eq!(exit, 2);
    assert_eq!(
        err,
        "twerr: cannot read /no/such/file.log: No such file or directory (os error 2)\n"
    );
    assert!(
        out.contains("mixed.log: 8 errors") && out.contains("curl_i_429.txt: 1 error"),
        "{out}"
    );
    // The all-files table: LINES of one file each, the file named.
    let all = &out[out.find("all files:").unwrap()..];
    assert!(all.contains(&format!("{mixed}:6-12 +1 files")), "{all}");
    assert!(all.contains(&format!("{mixed}:3-5")), "{all}");
    let (_, v) = json(&["scan", &mixed, "/no/such/file.log", &capture], b"");
    assert_eq!(v["unreadable"][0]["path"], "/no/such/file.log");
    let e88 = v["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["code"] == 88 && e["status"] == 429)
        .unwrap();
    assert_eq!(
        (
            e88["first_file"].as_str(),
            e88["files"].as_u64(),
            e88["first_line"].as_u64()
        ),
        (Some(mixed.as_str()), Some(2), Some(6))
    );
    let (exit, out, _) = run(&["scan", "/no/such/file.log"], b"");
    assert_eq!((exit, out.as_str()), (2, ""));
}

#[test]
fn now_takes_epoch_seconds_or_an_rfc_3339_time() {
    let capture = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/curl_i_429.txt"
    ))
    .unwrap();
    let (exit, by_epoch, _) = run(&["--now", "1796047200"], &capture);
    assert_eq!(exit, 0);
    assert!(by_epoch.contains("in 5m 0s"), "{by_epoch}");
    for time in ["2026-11-30T14:00:00Z", "2026-11-30 15:00:00+01:00"] {
        let (exit, out, err) = run(&["--now", time], &capture);
        assert_eq!(
            (exit, out.as_str()),
            (0, by_epoch.as_str()),
            "{time}: {err}"
        );
    }
    let (exit, _, err) = run(&["--now", "yesterday"], &capture);
    assert_eq!(exit, 2);
    assert!(
        err.contains("`yesterday` is no time (write epoch seconds, or RFC 3339"),
        "{err}"
    );
}

#[test]
fn a_reason_phrase_explains_its_status_and_piped_numbers_are_lookups() {
    let (exit, out, _) = run(&["Unauthorized", "--short"], b"");
    assert_eq!(
        (exit, out.as_str()),
        (0, "401 - do-not-retry Unauthorized\n")
    );
    let (exit, out, _) = run(&["Too Many Requests"], b"");
    assert_eq!(exit, 0);
    assert!(out.starts_with("HTTP 429 Too Many Requests\n"), "{out}");
    // `echo 187 | twerr`: the number is looked up as an argument would be.
    let (exit, out, _) = run(&["--short"], b"187\n");
    assert_eq!(
        (exit, out.as_str()),
        (0, "- 187 do-not-retry Status is a duplicate\n")
    );
    let (exit, out, _) = run(&["--short"], b"403 187\n");
    assert_eq!(
        (exit, out.as_str()),
        (0, "403 187 do-not-retry Status is a duplicate\n")
    );
    // Numbers among other words are a response's text as before: nothing to go on.
    let (exit, _, _) = run(&[], b"we sent 187 posts\n");
    assert_eq!(exit, 1);
}

#[test]
fn a_flag_given_where_it_means_nothing_is_a_usage_error() {
    for (args, said) in [
        (
            &["--code", "88", "list"][..],
            "twerr: --code does not apply to `list`\n",
        ),
        (&["man", "-q"], "twerr: --quiet does not apply to `man`\n"),
        (
            &["--short", "search", "rate"],
            "twerr: --short does not apply to `search`\n",
        ),
        (
            &["--status", "403", "scan"],
            "twerr: --status does not apply to `scan`\n",
        ),
        (
            &["187", "list"],
            "twerr: `list` is a subcommand: give it first (`twerr list ...`); after `187` it would be looked up as words\n",
        ),
    ] {
        let (exit, out, err) = run(args, b"");
        assert_eq!(
            (exit, out.as_str(), err.as_str()),
            (2, "", said),
            "{args:?}"
        );
    }
    // Where they mean something they still work, before or after the subcommand: -q
    // with scan, and with list, whose exit status then says whether an entry matched.
    for args in [&["-q", "scan"][..], &["scan", "-q"]] {
        let (exit, out, _) = run(args, b"{\"errors\":[{\"code\":88}]}\n");
        assert_eq!((exit, out.as_str()), (0, ""), "{args:?}");
    }
    let (exit, out, _) = run(&["list", "-q", "--family", "auth"], b"");
    assert_eq!((exit, out.as_str()), (0, ""));
}

#[test]
fn an_unknown_family_is_a_usage_error_listing_the_families() {
    let (exit, out, err) = run(&["list", "--family", "nope"], b"");
    assert_eq!((exit, out.as_str()), (2, ""));
    assert!(
        err.contains("invalid value 'nope' for '--family <FAMILY>'"),
        "{err}"
    );
    assert!(
        err.contains("auth, access-level"),
        "the families are listed: {err}"
    );
}

#[test]
fn several_classes_are_each_explained() {
    let (exit, out, _) = run(&["4xx", "5xx"], b"");
    assert_eq!(exit, 0);
    let first = out.find("HTTP 4xx Client Error").expect("4xx");
    let second = out.find("HTTP 5xx Server Error").expect("5xx");
    assert!(first < second, "{out}");
    assert!(
        out.contains("429") && out.contains("503"),
        "each with its statuses: {out}"
    );
    let (_, v) = json(&["4xx", "5xx"], b"");
    let classes: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["class"].as_str().unwrap())
        .collect();
    assert_eq!(classes, ["4xx", "5xx"]);
    let (_, v) = json(&["4xx"], b"");
    assert_eq!(v["class"], "4xx", "one class is one document, as before");
}

#[test]
fn version_is_a_subcommand_not_a_search() {
    let (exit, out, _) = run(&["version"], b"");
    assert_eq!(
        (exit, out.trim()),
        (0, format!("twerr {}", env!("CARGO_PKG_VERSION")).as_str())
    );
    let (_, v) = json(&["version"], b"");
    assert_eq!(v["version"], env!("CARGO_PKG_VERSION"));
}

#[test]
fn misspelt_words_search_for_the_words_they_are_nearest() {
    for (typed, meant, finds) in [
        ("duplcate", "duplicate", "187"),
        ("unauthorised", "unauthorized", "401"),
        ("Status is a duplcate", "Status is a duplicate", "187"),
    ] {
        let (exit, out, err) = run(&[typed], b"");
        assert_eq!(exit, 0, "{typed}: {err}");
        assert!(
            err.contains(&format!("showing those that mention `{meant}`")),
            "{err}"
        );
        assert!(
            out.lines().any(|l| l.split('\t').nth(1) == Some(finds)),
            "{typed}: {out}"
        );
    }
    let (exit, _, _) = run(&["qqqqzzzz"], b"");
    assert_eq!(exit, 1, "no word near: nothing");
}

#[test]
fn nothing_recognised_has_the_keys_of_a_diagnosis_in_their_order() {
    let (exit, nothing) = json(&["qqqqzzzz"], b"");
    assert_eq!(exit, 1);
    let (_, found) = json(&["429"], b"");
    let keys =
        |v: &serde_json::Value| -> Vec<String> { v.as_object().unwrap().keys().cloned().collect() };
    let mut expected = keys(&found);
    expected.push("reason".to_string());
    assert_eq!(keys(&nothing), expected);
    assert!(nothing["retry"].is_object() && nothing["retry"]["verdict"].is_null());
    let found_retry: Vec<String> = found["retry"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    let nothing_retry: Vec<String> = nothing["retry"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    assert_eq!(found_retry, nothing_retry);
    // endpoint rows keep their written order, not the alphabet's.
    let (_, rows) = json(&["endpoint", "/2/tweets/search/recent"], b"");
    let row_keys = keys(&rows[0]);
    assert_eq!(&row_keys[..3], ["method", "path", "what"]);
}

#[test]
fn a_file_of_several_responses_keeps_each_errors_status_and_points_to_scan() {
    let dir = tempfile_dir();
    let log = dir.join("app.log");
    std::fs::write(
        &log,
        "HTTP/1.1 401 Unauthorized\n\n{\"title\":\"Unauthorized\",\"type\":\"about:blank\",\"status\":401,\"detail\":\"Unauthorized\"}\n\nHTTP/1.1 429 Too Many Requests\n\n{\"title\":\"Too Many Requests\",\"type\":\"about:blank\",\"status\":429,\"detail\":\"Too Many Requests\"}\n\nHTTP/1.1 200 OK\n\n{\"data\":{\"id\":\"1\"}}\n",
    )
    .unwrap();
    let (_, v) = json(&["--file", log.to_str().unwrap()], b"");
    let statuses: Vec<u64> = v["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["response_status"].as_u64().unwrap())
        .collect();
    assert_eq!(
        statuses,
        [401, 429],
        "each error with its own response's status"
    );
    let notes = v["notes"].to_string();
    assert!(notes.contains("`twerr scan`"), "{notes}");
    assert!(!notes.contains("but the response's status is"), "{notes}");
}

fn tempfile_dir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("twerr-new-user-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn color_always_colours_list_search_and_scan_in_a_pipe_too() {
    let dir = tempfile_dir();
    let log = dir.join("color.log");
    std::fs::write(
        &log,
        "{\"errors\":[{\"code\":88,\"message\":\"Rate limit exceeded\"}]}\n",
    )
    .unwrap();
    let log = log.to_str().unwrap();
    for args in [&["list"][..], &["search", "duplicate"], &["scan", log]] {
        let mut on = vec!["--color", "always"];
        on.extend_from_slice(args);
        let (_, out, _) = run(&on, b"");
        assert!(
            out.contains("\x1b[1;32mnot-needed")
                || out.contains("\x1b[1;31mdo-not-retry")
                || out.contains("\x1b[38;5;11m"),
            "{args:?}: {out}"
        );
        let (_, plain, _) = run(args, b"");
        assert!(
            !plain.contains('\x1b'),
            "{args:?}: no colour in a pipe by default"
        );
        // The text is the same, colour taken away.
        let stripped = out
            .replace("\x1b[1;32m", "")
            .replace("\x1b[1;31m", "")
            .replace("\x1b[1;33m", "")
            .replace("\x1b[0m", "");
        if args[0] != "scan" {
            assert_eq!(stripped, plain, "{args:?}");
        }
    }
}

#[test]
fn terminal_tables_tell_statuses_from_codes_and_box_only_in_utf8() {
    let narrow = on_sized_terminal(
        50,
        80,
        "--color never --no-pager list",
        &[("LC_ALL", "C.UTF-8")],
    );
    assert!(
        !narrow.contains("KIND"),
        "80 columns leave KIND out: {narrow}"
    );
    assert!(
        narrow.contains("HTTP 429") && narrow.contains("code 88"),
        "{narrow}"
    );
    let wide = on_sized_terminal(
        50,
        170,
        "--color never --no-pager list",
        &[("LC_ALL", "C.UTF-8")],
    );
    assert!(wide.contains('┌') && wide.contains("HTTP 429"), "{wide}");
    let ascii = on_sized_terminal(50, 170, "--color never --no-pager list", &[("LC_ALL", "C")]);
    assert!(ascii.is_ascii(), "no box characters outside UTF-8: {ascii}");
    assert!(ascii.starts_with("+-") || ascii.contains("\n+-"), "{ascii}");
    // In a pipe the ID stays the bare number: the KIND field says it.
    let (_, out, _) = run(&["list", "--codes"], b"");
    assert!(out.lines().any(|l| l.starts_with("code\t88\t")), "{out}");
}

#[test]
fn help_on_a_terminal_is_paged_like_other_long_output() {
    let dir = tempfile_dir();
    let marker = dir.join("help-paged");
    let pager = format!("cat > {}", marker.display());
    let _ = on_sized_terminal(10, 80, "--help", &[("PAGER", &pager)]);
    let paged = std::fs::read_to_string(&marker).unwrap_or_default();
    assert!(
        paged.starts_with("Explain Twitter/X API errors."),
        "{paged}"
    );
    assert!(!paged.contains('\x1b'), "TERM=dumb: no colour");
    std::fs::remove_file(&marker).unwrap();
    let shown = on_sized_terminal(10, 80, "--no-pager --help", &[("PAGER", &pager)]);
    assert!(!marker.exists(), "--no-pager: no pager");
    assert!(shown.contains("Explain Twitter/X API errors."), "{shown}");
    // In a pipe, --help prints as it always has.
    let (exit, out, _) = run(&["--help"], b"");
    assert_eq!(exit, 0);
    assert!(out.starts_with("Explain Twitter/X API errors."));
}

#[test]
fn terminal_tables_cut_a_url_only_after_a_slash_and_ids_take_their_own_width() {
    let out = on_sized_terminal(
        50,
        80,
        "--color never --no-pager list --codes",
        &[("LC_ALL", "C.UTF-8")],
    );
    // At 80 columns the message column is narrower than these URLs: each is cut only where
    // a path segment ends, never inside a host name or a segment.
    for piece in [
        "https://dev.twitter.com/rest/",
        "https://developer.twitter.com/",
        "en/portal/product",
    ] {
        assert!(out.contains(piece), "{piece} whole: {out}");
    }
    // The codes' table is as wide as its IDs (`code 453`), not as the longest problem name.
    let header = out.lines().find(|l| l.contains(" ID ")).unwrap();
    let id = header.find("ID").unwrap();
    let status = header.find("STATUS").unwrap();
    assert!(
        header[id..status].chars().count() <= 12,
        "ID column narrow: {header}"
    );
    // A listing of every kind keeps the problems' long names whole in a table of their own.
    let all = on_sized_terminal(50, 80, "--color never --no-pager list", &[]);
    assert!(all.contains("not-authorized-for-resource"), "{all}");
    let first = all.lines().find(|l| l.contains(" ID ")).unwrap();
    assert!(
        first[first.find("ID").unwrap()..first.find("STATUS").unwrap()]
            .chars()
            .count()
            <= 12,
        "{first}"
    );
}
