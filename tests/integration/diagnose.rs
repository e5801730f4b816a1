//! End to end: every input shape of a failed response, piped into `twerr --json`, gives
//! exactly the statuses, codes and problems it holds, the verdict, and the reset time.

use crate::common::{codes, fixture, json, problems, run};

/// One fixture and everything its diagnosis must say.
struct Case {
    fixture: &'static str,
    status: Option<u64>,
    codes: &'static [u64],
    problems: &'static [&'static str],
    verdict: &'static str,
    wait_seconds: Option<i64>,
}

const NOW: &str = "1796047200"; // 300 s before the fixtures' x-rate-limit-reset

const CASES: &[Case] = &[
    Case {
        fixture: "v1_body.json",
        status: None,
        codes: &[187],
        problems: &[],
        verdict: "do-not-retry",
        wait_seconds: None,
    },
    Case {
        fixture: "curl_i_429.txt",
        status: Some(429),
        codes: &[88],
        problems: &[],
        verdict: "wait-for-reset",
        wait_seconds: Some(300),
    },
    Case {
        fixture: "curl_v_403.txt",
        status: Some(403),
        codes: &[187],
        problems: &[],
        verdict: "do-not-retry",
        wait_seconds: None,
    },
    Case {
        fixture: "curl_fail.txt",
        status: Some(401),
        codes: &[],
        problems: &[],
        verdict: "do-not-retry",
        wait_seconds: None,
    },
    Case {
        fixture: "curl_w_http_code.txt",
        status: Some(429),
        codes: &[88],
        problems: &[],
        verdict: "wait-for-reset",
        wait_seconds: None,
    },
    Case {
        fixture: "v2_usage_capped.json",
        status: Some(429),
        codes: &[],
        problems: &["usage-capped"],
        // A monthly cap: waiting for x-rate-limit-reset would retry against it all month.
        verdict: "do-not-retry",
        wait_seconds: None,
    },
    Case {
        fixture: "v2_client_forbidden.txt",
        status: Some(403),
        codes: &[],
        problems: &["client-forbidden"],
        verdict: "do-not-retry",
        wait_seconds: None,
    },
    Case {
        fixture: "v2_partial_errors.txt",
        status: Some(200),
        codes: &[],
        problems: &["resource-not-found"],
        verdict: "not-needed",
        wait_seconds: None,
    },
    Case {
        fixture: "v2_invalid_request.json",
        status: None,
        codes: &[],
        problems: &["invalid-request"],
        verdict: "do-not-retry",
        wait_seconds: None,
    },
    Case {
        fixture: "legacy_error.txt",
        status: Some(401),
        codes: &[],
        problems: &[],
        verdict: "do-not-retry",
        wait_seconds: None,
    },
    Case {
        fixture: "xml_error.xml",
        status: None,
        codes: &[34],
        problems: &[],
        verdict: "do-not-retry",
        wait_seconds: None,
    },
    Case {
        fixture: "oauth2_error.txt",
        status: Some(400),
        codes: &[],
        problems: &[],
        verdict: "do-not-retry",
        wait_seconds: None,
    },
    Case {
        fixture: "tweepy4.txt",
        status: Some(403),
        codes: &[187],
        problems: &[],
        verdict: "do-not-retry",
        wait_seconds: None,
    },
    Case {
        fixture: "tweepy3.txt",
        status: None,
        codes: &[187],
        problems: &[],
        verdict: "do-not-retry",
        wait_seconds: None,
    },
    Case {
        fixture: "python_twitter.txt",
        status: None,
        codes: &[88],
        problems: &[],
        verdict: "wait-for-reset",
        wait_seconds: None,
    },
    Case {
        fixture: "node_twitter_api_v2.txt",
        status: Some(403),
        codes: &[187],
        problems: &[],
        verdict: "do-not-retry",
        wait_seconds: None,
    },
    Case {
        fixture: "html_proxy.html",
        status: Some(502),
        codes: &[],
        problems: &[],
        verdict: "backoff",
        wait_seconds: Some(5),
    },
    Case {
        fixture: "stream_420.txt",
        status: Some(420),
        codes: &[],
        problems: &[],
        verdict: "backoff",
        wait_seconds: Some(60),
    },
    Case {
        fixture: "python_twitter_tools.txt",
        status: Some(403),
        codes: &[187],
        problems: &[],
        verdict: "do-not-retry",
        wait_seconds: None,
    },
    Case {
        fixture: "v2_streaming_connection.json",
        status: None,
        codes: &[],
        problems: &["streaming-connection"],
        verdict: "backoff",
        wait_seconds: Some(60),
    },
];

#[test]
fn every_fixture_gives_exactly_what_it_holds() {
    for case in CASES {
        let (exit, v) = json(&["--now", NOW], &fixture(case.fixture));
        let name = case.fixture;
        assert_eq!(exit, 0, "{name}: exit status");
        assert_eq!(v["status"]["code"].as_u64(), case.status, "{name}: status");
        assert_eq!(codes(&v), case.codes, "{name}: codes");
        assert_eq!(problems(&v), case.problems, "{name}: problems");
        assert_eq!(v["retry"]["verdict"], case.verdict, "{name}: verdict");
        assert_eq!(
            v["retry"]["wait_seconds"].as_i64(),
            case.wait_seconds,
            "{name}: wait_seconds"
        );
    }
}

#[test]
fn reset_time_comes_from_the_date_header_without_now() {
    // date: 12:00:00, reset 1796047500 = 2026-11-30 14:05:00 UTC
    let (_, v) = json(&[], &fixture("curl_i_429.txt"));
    assert_eq!(v["rate_limit"]["now"]["from"], "date-header");
    assert_eq!(v["rate_limit"]["limit"], 900);
    assert_eq!(v["rate_limit"]["remaining"], 0);
    assert_eq!(v["rate_limit"]["reset"], 1796047500);
    assert_eq!(v["rate_limit"]["reset_utc"], "2026-11-30 14:05:00 UTC");
    // Five days for a 15-minute window: not a wait to sleep on, but a note.
    assert!(v["retry"]["wait_seconds"].is_null(), "{}", v["retry"]);
    assert!(
        v["notes"].to_string().contains("no window lasts that long"),
        "{}",
        v["notes"]
    );
}

#[test]
fn rate_limit_from_node_dump_and_headers() {
    let (_, v) = json(&["--now", NOW], &fixture("node_twitter_api_v2.txt"));
    assert_eq!(v["rate_limit"]["limit"], 200);
    assert_eq!(v["rate_limit"]["remaining"], 199);
    assert_eq!(v["rate_limit"]["reset_in_seconds"], 300);
}

#[test]
fn interim_status_lines_are_noted_and_ignored() {
    let (_, v) = json(&[], &fixture("curl_i_429.txt"));
    let notes = v["notes"].to_string();
    assert!(notes.contains("earlier status lines (100)"), "{notes}");
}

#[test]
fn problem_fields_are_explained() {
    let (_, v) = json(&[], &fixture("v2_client_forbidden.txt"));
    let fields = &v["errors"][0]["problem"]["fields"];
    let reason = fields
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "reason")
        .expect("reason field");
    assert_eq!(reason["value"], "client-not-enrolled");
    assert!(
        reason["value_meaning"]
            .as_str()
            .unwrap()
            .contains("Project")
    );
    let (_, v) = json(&[], &fixture("v2_invalid_request.json"));
    assert_eq!(
        v["errors"][0]["problem"]["details"][0],
        "The `ids` query parameter value [abc] is not valid"
    );
}

#[test]
fn oauth2_errors_are_explained_and_legacy_messages_fall_back_to_the_status() {
    let (_, v) = json(&[], &fixture("oauth2_error.txt"));
    let e = &v["errors"][0];
    assert_eq!(e["oauth_error"], "invalid_request");
    assert_eq!(
        e["known"], true,
        "the token endpoint's errors are in data/conditions.toml"
    );
    assert_eq!(e["fallback"], serde_json::Value::Null);
    assert_eq!(e["condition"]["kind"], "oauth2");
    assert!(
        e["advice"].as_str().unwrap().contains("offline.access"),
        "{e}"
    );
    let (_, v) = json(&[], &fixture("legacy_error.txt"));
    assert_eq!(v["errors"][0]["message"], "Not authorized.");
    assert_eq!(v["errors"][0]["fallback"], "status");
}

#[test]
fn unlisted_code_in_a_response_falls_back_to_its_status() {
    let (exit, v) = json(
        &[],
        br#"HTTP/2 403

{"errors":[{"code":9999,"message":"Something new"}]}"#,
    );
    assert_eq!(exit, 0);
    assert_eq!(v["errors"][0]["known"], false);
    assert_eq!(v["errors"][0]["fallback"], "status");
    assert_eq!(v["errors"][0]["verdict"], "do-not-retry");
}

#[test]
fn code_that_does_not_fit_its_status_is_flagged() {
    let (_, v) = json(
        &[],
        b"HTTP/2 403\n\n{\"errors\":[{\"code\":88,\"message\":\"Rate limit exceeded\"}]}",
    );
    assert_eq!(v["errors"][0]["consistent"], false);
    assert!(v["notes"].to_string().contains("documented with HTTP 429"));
}

#[test]
fn a_json_body_as_an_argument_is_diagnosed() {
    let (exit, v) = json(
        &[r#"{"errors":[{"code":88,"message":"Rate limit exceeded"}]}"#],
        b"",
    );
    assert_eq!(exit, 0);
    assert_eq!(codes(&v), vec![88]);
}

#[test]
fn file_flag_reads_a_file() {
    let path = format!("{}/tests/fixtures/tweepy4.txt", env!("CARGO_MANIFEST_DIR"));
    let (exit, v) = json(&["--file", &path], b"");
    assert_eq!(exit, 0);
    assert_eq!(codes(&v), vec![187]);
}

#[test]
fn nothing_recognisable_exits_one_with_one_line() {
    let (exit, out, err) = run(&[], b"hello world, nothing to see\n");
    assert_eq!(exit, 1);
    assert!(out.is_empty());
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("looked for HTTP status lines"), "{err}");
}

#[test]
fn exit_verdict_maps_each_verdict() {
    let cases: &[(&str, i32)] = &[
        ("curl_i_429.txt", 4),
        ("tweepy4.txt", 3),
        ("html_proxy.html", 5),
        ("v2_partial_errors.txt", 0),
    ];
    for (name, want) in cases {
        let (exit, out, _) = run(&["--quiet", "--exit-verdict"], &fixture(name));
        assert_eq!(exit, *want, "{name}");
        assert!(out.is_empty(), "--quiet prints nothing: {out}");
    }
}

#[test]
fn human_output_names_what_was_seen_where() {
    let (exit, out, _) = run(&["--now", NOW], &fixture("curl_i_429.txt"));
    assert_eq!(exit, 0);
    assert!(out.contains("HTTP 429 Too Many Requests"), "{out}");
    assert!(out.contains("API error code 88"), "{out}");
    assert!(out.contains("resets 2026-11-30 14:05:00 UTC"), "{out}");
    assert!(out.contains("in 5m 0s"), "{out}");
    assert!(out.contains("retry: wait-for-reset"), "{out}");
}

#[test]
fn untrusted_text_is_neutralised_in_both_modes() {
    let body =
        b"{\"errors\":[{\"code\":187,\"message\":\"evil \\u001b]0;pwned\\u0007 \\u001b[2J\"}]}";
    let (_, out, _) = run(&["--color", "never"], body);
    assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
    assert!(out.contains("\\u{1b}]0;pwned\\u{7}"), "{out}");
    let (_, v) = json(&[], body);
    assert!(
        !v["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains('\u{1b}')
    );
}

#[test]
fn several_responses_keep_each_error_with_its_own_status() {
    let input = b"HTTP/2 403\n\n{\"errors\":[{\"code\":187,\"message\":\"Status is a duplicate.\"}]}\nHTTP/2 429\n\n{\"errors\":[{\"code\":88,\"message\":\"Rate limit exceeded\"},{\"code\":9999,\"message\":\"new\"}]}\n";
    let (exit, v) = json(&[], input);
    assert_eq!(exit, 0);
    assert_eq!(v["status"]["code"], 429, "the last response's status");
    let errors = v["errors"].as_array().unwrap();
    assert_eq!(
        (
            errors[0]["code"].as_u64(),
            errors[0]["response_status"].as_u64(),
            errors[0]["consistent"].as_bool()
        ),
        (Some(187), Some(403), Some(true))
    );
    assert_eq!(
        (
            errors[1]["code"].as_u64(),
            errors[1]["response_status"].as_u64(),
            errors[1]["consistent"].as_bool()
        ),
        (Some(88), Some(429), Some(true))
    );
    assert_eq!(errors[2]["fallback"], "status");
    assert!(
        v["notes"].to_string().contains("several responses"),
        "{}",
        v["notes"]
    );
}

#[test]
fn a_message_without_a_code_is_explained_through_its_entry_and_the_class_implies_the_status() {
    // The Ruby gem's lines carry a message and an error class, but no number: the message
    // is explained through the code whose official text it is, with `code` left null, and
    // the class implies the status, marked as implied by those words.
    let (exit, v) = json(&[], &fixture("ruby_twitter_gem.txt"));
    assert_eq!(exit, 0, "something was recognised");
    assert_eq!(v["status"]["code"], 403);
    assert_eq!(v["status"]["seen"]["how"], "implied");
    let words = v["status"]["implied_by"].as_str().unwrap();
    assert_eq!(words, "Twitter::Error::DuplicateStatus");
    let errors = v["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0]["message"], "Status is a duplicate.");
    assert!(
        errors[0]["code"].is_null(),
        "the number was not in the input"
    );
    assert_eq!(errors[0]["matched_code"], 187);
    assert_eq!(errors[0]["verdict"], "do-not-retry");
    assert!(
        errors[0]["response_status"].is_null(),
        "an implied status is no response's status"
    );
    let notes = v["notes"].to_string();
    assert!(notes.contains("official text of code 187"), "{notes}");
}

#[test]
fn a_status_given_on_the_command_line_completes_a_piped_response() {
    let (exit, v) = json(&["--status", "403", "-"], &fixture("ruby_twitter_gem.txt"));
    assert_eq!(exit, 0);
    assert_eq!(v["status"]["code"], 403);
    assert_eq!(v["status"]["seen"]["how"], "argument");
    assert_eq!(v["errors"][0]["matched_code"], 187);
    assert_eq!(v["errors"][0]["consistent"], true);
    assert_eq!(
        v["errors"][0]["occurrences"], 2,
        "one message, seen on two lines"
    );
}

/// `--short` is one line per error on stdout; what the reader should know of how the input
/// was read (here a body cut short) goes to stderr, and `-q` silences both.
#[test]
fn short_output_says_its_notes_on_stderr() {
    let cut = br#"HTTP/1.1 403 Forbidden

{"errors":[{"code":187,"message":"Status is a duplicate."},{"code":"#;
    let (code, out, err) = run(&["--short"], cut);
    assert_eq!(code, 0);
    assert_eq!(out, "403 187 do-not-retry Status is a duplicate\n");
    assert!(
        err.starts_with("twerr: note: ") && err.contains("cut short"),
        "{err}"
    );
    let (_, out, err) = run(&["--short", "-q"], cut);
    assert_eq!((out.as_str(), err.as_str()), ("", ""));
}

/// A v2 about:blank answer is explained through its status once, in the status's block,
/// in words about v2 (the 2015 page's meaning of 429 speaks of v1.1); a v1.1 answer keeps
/// the page's words.
#[test]
fn an_about_blank_answer_is_explained_once_and_in_v2_words() {
    let v2 = "HTTP/2 429\ncontent-type: application/problem+json\n\n{\"title\":\"Too Many Requests\",\"detail\":\"Too Many Requests\",\"type\":\"about:blank\",\"status\":429}";
    let (_, out, _) = run(&["--no-pager"], v2.as_bytes());
    assert_eq!(
        out.matches("You used up a rate-limit window").count(),
        1,
        "{out}"
    );
    assert!(
        out.contains("see:") && out.contains("HTTP 429, whose meaning and advice apply"),
        "{out}"
    );
    assert!(!out.contains("API v1.1"), "{out}");
    let request = "> GET /2/users/me HTTP/2\n> Host: api.x.com\n>\n< HTTP/2 429\n<\n";
    let (_, v) = json(&[], request.as_bytes());
    assert!(
        !v["status"]["description"]
            .as_str()
            .unwrap()
            .contains("v1.1"),
        "{v}"
    );
    let v1 = "HTTP/1.1 429 Too Many Requests\n\n{\"errors\":[{\"code\":88,\"message\":\"Rate limit exceeded\"}]}";
    let (_, v) = json(&[], v1.as_bytes());
    assert!(
        v["status"]["description"]
            .as_str()
            .unwrap()
            .contains("API v1.1"),
        "{v}"
    );
}

#[test]
fn a_short_wait_is_said_once() {
    let text = "HTTP/2 429\nx-rate-limit-remaining: 0\nx-rate-limit-reset: 1800000005\n\n";
    let (_, v) = json(&["--now", "1800000000"], text.as_bytes());
    assert_eq!(
        v["retry"]["advice"],
        "Wait 5 s for the limit to reset, then retry."
    );
    let later = text.replace("1800000005", "1800000412");
    let (_, v) = json(&["--now", "1800000000"], later.as_bytes());
    assert_eq!(
        v["retry"]["advice"],
        "Wait 412 s (6m 52s) for the limit to reset, then retry."
    );
}

/// `twerr scna bot.log`: a misspelt subcommand with words after it is said so, not read
/// as a response; a word that means something on its own is still looked up.
#[test]
fn a_misspelt_subcommand_before_a_file_is_said_so() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("bot.log");
    std::fs::write(
        &log,
        "{\"errors\":[{\"code\":88,\"message\":\"Rate limit exceeded\"}]}\n",
    )
    .unwrap();
    let (code, out, err) = run(&["scna", log.to_str().unwrap()], b"");
    assert_eq!((code, out.as_str()), (2, ""), "{err}");
    assert_eq!(
        err,
        "twerr: `scna` is not a command; did you mean `twerr scan`?\n"
    );
    let (code, _, err) = run(&["forbidden", "duplicate"], b"");
    assert_eq!(code, 0, "words of the tables are searched: {err}");
}

/// A flag of a subcommand given to twerr itself names the subcommand; a missing value
/// does not list every code of the table.
#[test]
fn usage_errors_point_where_the_flag_belongs() {
    let (code, _, err) = run(&["-j", "2"], b"");
    assert_eq!(code, 2);
    assert!(err.contains("`-j` is an option of `twerr scan`"), "{err}");
    let (code, _, err) = run(&["--code"], b"");
    assert_eq!(code, 2);
    assert!(
        err.contains("a value is required for '--code <N>'"),
        "{err}"
    );
    assert!(
        !err.contains("possible values") && !err.contains("187"),
        "{err}"
    );
}

#[test]
fn a_later_or_earlier_success_does_not_replace_the_failing_call() {
    let status = |text: &str| {
        let (_, v) = json(&[], text.as_bytes());
        v["status"]["code"].as_u64()
    };
    let framed = "HTTP/1.1 403 Forbidden\ncontent-type: application/json\n\n{\"errors\":[{\"code\":187,\"message\":\"Status is a duplicate.\"}]}\n\nHTTP/1.1 200 OK\n\n{\"data\":{\"id\":\"1\"}}\n";
    assert_eq!(status(framed), Some(403));
    let (_, v) = json(&[], framed.as_bytes());
    assert!(
        v["notes"].to_string().contains("later: HTTP 200"),
        "{}",
        v["notes"]
    );
    assert_eq!(
        status("POST /2/tweets returned 403 Forbidden\nGET /2/users/me returned 200 OK\n"),
        Some(403)
    );
    assert_eq!(
        status("media upload: HTTP/1.1 200 OK\nthen HTTP/1.1 429 Too Many Requests\n"),
        Some(429)
    );
    // A status compared in code is a test, not an answer.
    assert_eq!(
        status("if r.status_code == 200:\n    ok()\nprint(r)  # 429 Too Many Requests\n"),
        Some(429)
    );
    // Words of another call's status contradict nothing.
    let (_, v) = json(
        &[],
        b"upload returned status 200\nthen the post returned 403 Forbidden\n",
    );
    assert!(
        !v["notes"]
            .to_string()
            .contains("but the response's status is"),
        "{}",
        v["notes"]
    );
}
