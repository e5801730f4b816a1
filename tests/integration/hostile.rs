//! The bad-input table of README.md, row by row: what twerr prints and how it exits on
//! input that is empty, binary, broken, deep, out of range, huge, or not there at all.

use crate::common::{codes, json, run, twerr};

#[test]
fn empty_stdin() {
    let (exit, out, err) = run(&[], b"");
    assert_eq!((exit, out.as_str()), (1, ""));
    assert_eq!(err, "twerr: the input is empty: nothing to explain\n");
}

#[test]
fn only_whitespace() {
    let (exit, _, err) = run(&[], b" \n\t\r\n  ");
    assert_eq!(exit, 1);
    assert_eq!(
        err,
        "twerr: the input holds only whitespace: nothing to explain\n"
    );
}

#[test]
fn binary_data() {
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0".to_vec();
    png.extend((0..4096u32).map(|i| (i.wrapping_mul(2654435761) >> 24) as u8));
    let out = twerr().write_stdin(png).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("binary data"), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn invalid_utf8_around_a_valid_body() {
    let mut input = b"\xff\xfe\x80 garbage \xc3\x28\n".to_vec();
    input.extend_from_slice(br#"{"errors":[{"code":187,"message":"Status is a duplicate."}]}"#);
    input.extend_from_slice(b"\n\xf0\x28\x8c\xbc");
    let (exit, v) = json(&[], &input);
    assert_eq!(exit, 0);
    assert_eq!(codes(&v), vec![187]);
    assert!(v["notes"].to_string().contains("not valid UTF-8"));
}

#[test]
fn truncated_json() {
    let (exit, _, err) = run(&[], br#"{"errors":[{"code":18"#);
    assert_eq!(exit, 1);
    assert!(err.contains("cut short"), "{err}");
    let (exit, v) = json(
        &[],
        br#"{"errors":[{"code":187,"message":"Status is a duplicate."},{"code":8"#,
    );
    assert_eq!(exit, 0);
    assert_eq!(codes(&v), vec![187]);
    assert!(v["notes"].to_string().contains("cut short"));
}

#[test]
fn json_nested_100000_deep() {
    let deep = format!("{}1{}", "{\"a\":".repeat(100_000), "}".repeat(100_000));
    let (exit, _, err) = run(&[], deep.as_bytes());
    assert_eq!(exit, 1);
    assert!(err.starts_with("twerr: nothing recognisable"), "{err}");
    // An error body after the deep part is still found.
    let both =
        format!("{deep}\n{{\"errors\":[{{\"code\":88,\"message\":\"Rate limit exceeded\"}}]}}");
    let (exit, v) = json(&[], both.as_bytes());
    assert_eq!(exit, 0);
    assert_eq!(codes(&v), vec![88]);
}

#[test]
fn numbers_that_do_not_fit() {
    let body = br#"HTTP/2 400

{"errors":[{"code":99999999999999999999,"message":"a"},{"code":1e400,"message":"b"},{"code":-1,"message":"c"},{"code":"88","message":"Rate limit exceeded"}]}"#;
    let (exit, v) = json(&[], body);
    assert_eq!(exit, 0);
    assert_eq!(codes(&v), vec![88], "only the numeric string is a code");
    let errors = v["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 4);
    assert!(
        errors[..3]
            .iter()
            .all(|e| e["code"].is_null() && e["fallback"] == "status")
    );
    let notes = v["notes"].to_string();
    assert!(
        notes.contains("99999999999999999999 is not a whole number"),
        "{notes}"
    );
    assert!(notes.contains("-1 is not a whole number"), "{notes}");
    let (exit, _, err) = run(&["--code", "-1"], b"");
    assert_eq!(exit, 2, "{err}");
}

#[test]
fn html_error_page_from_a_proxy() {
    let page = b"<!DOCTYPE html>\n<html><head><title>503 Service Temporarily Unavailable</title></head>\n<body><h1>Service Temporarily Unavailable</h1></body></html>\n";
    let (exit, v) = json(&[], page);
    assert_eq!(exit, 0);
    assert_eq!(v["status"]["code"], 503);
    assert_eq!(v["status"]["seen"]["how"], "html-title");
    assert_eq!(v["retry"]["verdict"], "backoff");
}

#[test]
fn a_hundred_megabytes_with_the_body_at_the_end() {
    let mut input = b"HTTP/2 429\r\nx-rate-limit-reset: 1800000000\r\n\r\n".to_vec();
    input.resize(100 << 20, b'x');
    input
        .extend_from_slice(b"\n{\"errors\":[{\"code\":88,\"message\":\"Rate limit exceeded\"}]}\n");
    let (exit, v) = json(&["--now", "1799999000"], &input);
    assert_eq!(exit, 0);
    assert_eq!(v["status"]["code"], 429);
    assert_eq!(codes(&v), vec![88]);
    assert_eq!(v["retry"]["wait_seconds"], 1000);
    let notes = v["notes"].to_string();
    assert!(notes.contains("bytes in between were skipped"), "{notes}");
}

#[test]
fn stdin_is_a_terminal_with_no_arguments() {
    // `script` gives the child a pseudo-terminal as stdin; twerr must not wait on it.
    let bin = assert_cmd::cargo::cargo_bin("twerr");
    let out = std::process::Command::new("timeout")
        .args(["20", "script", "-qec", bin.to_str().unwrap(), "/dev/null"])
        .stdin(std::process::Stdio::null())
        .output()
        .expect("script(1) from util-linux runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("nothing to explain") && text.contains("Usage: twerr"),
        "{text}"
    );
    assert_eq!(out.status.code(), Some(2), "{text}");
}

#[test]
fn json_output_is_valid_whatever_the_input() {
    let nasty = "HTTP/2 403\n\n{\"errors\":[{\"code\":187,\"message\":\"\\u0000\\u001b[31m\\u202e\\ud800 \\\" \\\\ end\"}]}";
    let (exit, v) = json(&[], nasty.as_bytes());
    assert_eq!(exit, 0);
    let message = v["errors"][0]["message"].as_str().unwrap();
    assert!(
        !message.chars().any(|c| c.is_control() || c == '\u{202e}'),
        "{message:?}"
    );
}

#[test]
fn a_hundred_thousand_distinct_messages_keep_a_thousand_errors_and_count_the_rest() {
    let input: String = (0..100_000)
        .map(|i| format!("{{\"errors\":[{{\"message\":\"m{i}\"}}]}}\n"))
        .collect();
    let (exit, v) = json(&[], input.as_bytes());
    assert_eq!(exit, 0);
    assert_eq!(
        v["errors"].as_array().unwrap().len(),
        twerr::util::overflow::MAX_ROWS
    );
    assert_eq!(v["other_errors"]["distinct"], 99_000);
    assert_eq!(v["other_errors"]["occurrences"], 99_000);
    assert_eq!(v["other_errors"]["distinct_at_least"], false);
    assert!(
        v["notes"]
            .to_string()
            .contains("99000 more distinct errors"),
        "{}",
        v["notes"]
    );
}

#[test]
fn scan_caps_its_rows_and_says_how_many_it_counted_together() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("codes.log");
    let log: String = (0..5000)
        .map(|i| {
            format!(
                "{{\"errors\":[{{\"code\":{},\"message\":\"x\"}}]}}\n",
                1000 + i
            )
        })
        .collect();
    std::fs::write(&path, log).unwrap();
    let (exit, out, _) = run(&["scan", "--json", path.to_str().unwrap()], b"");
    assert_eq!(exit, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        v["entries"].as_array().unwrap().len(),
        twerr::util::overflow::MAX_ROWS
    );
    assert_eq!(v["other"]["distinct"], 4000);
    assert_eq!(v["other"]["occurrences"], 4000);
    let (_, table, _) = run(&["scan", path.to_str().unwrap()], b"");
    assert!(
        table.contains("4000 more distinct rows, counted together"),
        "{table}"
    );
}

#[test]
fn a_utf8_bom_and_lone_carriage_returns() {
    let (_, v) = json(&[], b"\xef\xbb\xbfHTTP/1.1 429 Too Many Requests\r\n\r\n");
    assert_eq!(v["status"]["code"], 429);
    let (_, v) = json(
        &["--now", "1800000000"],
        b"HTTP/1.1 100 Continue\r\rHTTP/1.1 429 Too Many Requests\rx-rate-limit-reset: 1800000060\r\r{}",
    );
    assert_eq!(v["status"]["code"], 429);
    assert_eq!(v["status"]["seen"]["line"], 3, "CR alone ends a line");
    assert_eq!(
        v["retry"]["wait_seconds"], 60,
        "the headers after a lone CR are read"
    );
}

#[test]
fn out_of_range_status_lines_are_not_recognised() {
    for line in ["HTTP/1.1 999 Weird\r\n\r\n", "HTTP/1.1 000 Zero\r\n\r\n"] {
        let (exit, _, _) = run(&["--exit-verdict"], line.as_bytes());
        assert_eq!(exit, 1, "{line}: nothing in either table, so not a success");
    }
}

#[test]
fn a_prefix_of_a_longer_number_is_no_status() {
    for text in [
        "curl: (22) The requested URL returned error: 4031",
        "ApiResponseError: Request failed with code 4290",
    ] {
        let (exit, out, _) = run(&["--json"], text.as_bytes());
        assert_eq!(exit, 1, "{text}: {out}");
    }
}

#[test]
fn json_output_is_one_document_even_when_nothing_is_recognised() {
    let (exit, out, err) = run(&["--json"], b"hello\n");
    assert_eq!(exit, 1);
    assert!(err.contains("nothing recognisable"), "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("one JSON document");
    assert!(v["errors"].as_array().unwrap().is_empty());
    assert!(v["status"].is_null());
    assert!(
        v["reason"]
            .as_str()
            .unwrap()
            .contains("nothing recognisable")
    );
}

#[test]
fn extreme_reset_values_do_not_overflow() {
    for (reset, now) in [
        ("-9223372036854775808", "9223372036854775807"),
        ("9223372036854775807", "0"),
    ] {
        let response = format!(
            "HTTP/2 429\r\nx-rate-limit-remaining: 0\r\nx-rate-limit-reset: {reset}\r\n\r\n"
        );
        let (exit, out, err) = run(&["--json", "--now", now], response.as_bytes());
        assert_eq!(exit, 0, "{reset} / {now}: {err}");
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert!(
            v["retry"]["wait_seconds"].as_i64().is_none_or(|w| w >= 0),
            "{v}"
        );
    }
}

#[test]
fn an_implausible_reset_gets_a_note_not_a_wait() {
    let millis =
        b"HTTP/2 429\r\nx-rate-limit-remaining: 0\r\nx-rate-limit-reset: 1800000300000\r\n\r\n";
    let (_, v) = json(&["--now", "1800000000"], millis);
    assert!(v["retry"]["wait_seconds"].is_null(), "{}", v["retry"]);
    assert!(
        v["notes"].to_string().contains("no window lasts that long"),
        "{}",
        v["notes"]
    );
}

#[test]
fn file_names_are_untrusted_text_too() {
    let dir = tempfile::tempdir().unwrap();
    let evil = dir.path().join("evil\u{1b}]0;pwned\u{7}.log");
    std::fs::write(&evil, "{\"errors\":[{\"code\":88,\"message\":\"x\"}]}\n").unwrap();
    let other = dir.path().join("plain.log");
    std::fs::write(&other, "HTTP/2 503\n").unwrap();
    let missing = dir.path().join("gone\u{1b}[31m.log");
    let (_, out, err) = run(
        &["scan", evil.to_str().unwrap(), other.to_str().unwrap()],
        b"",
    );
    assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
    assert!(!err.contains('\u{1b}'), "{err:?}");
    assert!(
        out.contains("\\u{1b}"),
        "the name is shown, made visible: {out:?}"
    );
    let (exit, _, err) = run(&["scan", missing.to_str().unwrap()], b"");
    assert_eq!(exit, 2);
    assert!(
        !err.contains('\u{1b}') && err.contains("\\u{1b}"),
        "{err:?}"
    );
    let (_, _, err) = run(&["--file", missing.to_str().unwrap()], b"");
    assert!(!err.contains('\u{1b}'), "{err:?}");
}

#[test]
fn digits_that_are_only_escapes_are_no_number() {
    for text in [
        r#"{"errors":[{"code":"\u0031\u0038\u0037","message":"x"}]}"#,
        r#"{"title":"x","type":"about:blank","status":"\u0034\u0032\u0039"}"#,
        r#"[{'code': '\x31\x38\x37', 'message': 'x'}]"#,
        r#"log body={\"errors\":[{\"code\":\u0031\u0038\u0037}]}"#,
    ] {
        let (_, out, _) = run(&["--json"], text.as_bytes());
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert!(codes(&v).is_empty(), "{text}: {v}");
        assert!(
            v["status"]["code"].as_u64() != Some(429),
            "{text}: {}",
            v["status"]
        );
    }
}

#[test]
fn a_failed_write_has_its_own_exit_status() {
    for args in [&["187"][..], &["--help"][..], &["list"][..]] {
        let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("twerr"))
            .args(args)
            .stdout(std::fs::File::create("/dev/full").unwrap())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(6), "{args:?}");
        if args != ["--help"] {
            assert!(
                String::from_utf8_lossy(&out.stderr)
                    .starts_with("twerr: cannot write the output: "),
                "{args:?}"
            );
        }
    }
}

#[test]
fn a_directory_on_stdin_is_refused_like_a_directory_file() {
    let dir = tempfile::tempdir().unwrap();
    let stdin = std::fs::File::open(dir.path()).unwrap();
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("twerr"))
        .stdin(stdin)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read stdin"));
    // Beside flags alone, stdin is read the same way, and refused the same way.
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("twerr"))
        .args(["--status", "403"])
        .stdin(std::fs::File::open(dir.path()).unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read stdin"));
    let (exit, _, err) = run(&["--file", dir.path().to_str().unwrap()], b"");
    assert_eq!(exit, 2, "{err}");
    let (exit, v) = json(
        &["--file", "-"],
        br#"{"errors":[{"code":88,"message":"x"}]}"#,
    );
    assert_eq!((exit, codes(&v)), (0, vec![88]), "--file - is stdin");
}

#[test]
fn retry_after_in_every_date_form_and_unreadable_headers_said() {
    for date in [
        "Sun, 06 Nov 1994 08:50:37 GMT",
        "Sunday, 06-Nov-94 08:50:37 GMT",
        "Sun Nov  6 08:50:37 1994",
    ] {
        let response = format!("HTTP/1.1 503 Service Unavailable\r\nretry-after: {date}\r\n\r\n");
        let (_, v) = json(&["--now", "784111777"], response.as_bytes());
        assert_eq!(v["rate_limit"]["retry_after"], 60, "{date}");
    }
    let response = b"HTTP/1.1 429 Too Many Requests\r\ndate: Someday, 99 Foo 2026\r\nretry-after: soon\r\n\r\n";
    let (_, v) = json(&[], response);
    let notes = v["notes"].to_string();
    assert!(notes.contains("is not an HTTP date"), "{notes}");
    assert!(
        notes.contains("neither seconds nor an HTTP date"),
        "{notes}"
    );
}

#[test]
fn lines_after_the_skipped_middle_are_the_inputs_lines() {
    let mut input = b"HTTP/2 429\r\n\r\n".to_vec();
    input.extend(b"x\n".repeat(5_000_000));
    input.extend(br#"{"errors":[{"code":88,"message":"Rate limit exceeded"}]}"#);
    input.push(b'\n');
    let (_, v) = json(&[], &input);
    assert_eq!(v["errors"][0]["seen"]["line"], 5_000_003);
    assert!(
        v["notes"].to_string().contains("were skipped"),
        "{}",
        v["notes"]
    );
}

#[test]
fn a_gzip_body_says_to_add_compressed() {
    // A gzip stream's header and a few deflate bytes, as curl -si prints them.
    let mut response = b"HTTP/2 403\r\ncontent-encoding: gzip\r\n\r\n".to_vec();
    response.extend([
        0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0xab, 0x56, 0x4a,
    ]);
    let (exit, v) = json(&[], &response);
    assert_eq!((exit, v["status"]["code"].as_u64()), (0, Some(403)));
    let notes = v["notes"].to_string();
    assert!(notes.contains("--compressed"), "{notes}");
    assert!(!notes.contains("not valid UTF-8"), "{notes}");
}

#[test]
fn endless_devices_end() {
    for args in [
        &["--file", "/dev/zero"][..],
        &["--file", "/dev/urandom"][..],
    ] {
        let out = std::process::Command::new("timeout")
            .arg("60")
            .arg(assert_cmd::cargo::cargo_bin("twerr"))
            .args(args)
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(1),
            "{args:?} ends, having read the head only"
        );
    }
    for (args, exit) in [(&[][..], 1), (&["--status", "403"][..], 0)] {
        let zero = std::fs::File::open("/dev/zero").unwrap();
        let out = std::process::Command::new("timeout")
            .arg("60")
            .arg(assert_cmd::cargo::cargo_bin("twerr"))
            .args(args)
            .stdin(zero)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(exit), "{args:?} on /dev/zero ends");
    }
    let (exit, _, err) = run(&["scan", "/dev/zero"], b"");
    assert_eq!(exit, 2, "{err}");
    assert!(err.contains("device"), "{err}");
    let (exit, _, _) = run(&["scan", "/dev/null"], b"");
    assert_eq!(exit, 1, "/dev/null is an empty log");
}

#[test]
fn utf16_as_powershell_pipes_it() {
    let text = "HTTP/1.1 429 Too Many Requests\r\nx-rate-limit-reset: 1800000060\r\n\r\n{\"errors\":[{\"code\":88,\"message\":\"Rate limit exceeded \u{1F600}\"}]}\r\n";
    let units: Vec<u16> = text.encode_utf16().collect();
    let mut le = vec![0xff, 0xfe];
    le.extend(units.iter().flat_map(|u| u.to_le_bytes()));
    let be: Vec<u8> = units.iter().flat_map(|u| u.to_be_bytes()).collect();
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in [("le", le), ("be", be)] {
        let (exit, v) = json(&["--now", "1800000000"], &bytes);
        assert_eq!(
            (exit, v["status"]["code"].as_u64()),
            (0, Some(429)),
            "{name}"
        );
        assert_eq!(codes(&v), [88], "{name}");
        assert!(
            v["errors"][0]["message"]
                .as_str()
                .unwrap()
                .contains('\u{1F600}')
        );
        assert!(v["notes"].to_string().contains("UTF-16"), "{name}");
        let path = dir.path().join(name);
        std::fs::write(&path, &bytes).unwrap();
        let (_, out, _) = run(&["scan", path.to_str().unwrap()], b"");
        assert!(out.contains("1 error in"), "{name}: {out}");
    }
}

#[test]
fn a_chunked_body_from_curl_raw_is_read_across_its_chunks() {
    // `curl --raw -si`: the body's pieces each after a hex size line, split mid-word.
    let body = r#"{"errors":[{"code":187,"message":"Status is a duplicate."}]}"#;
    let (first, second) = body.split_at(25);
    let input = format!(
        "HTTP/1.1 403 Forbidden\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n{:x}\r\n{first}\r\n{:x}\r\n{second}\r\n0\r\n\r\n",
        first.len(),
        second.len()
    );
    let (exit, v) = json(&[], input.as_bytes());
    assert_eq!(exit, 0);
    assert_eq!(codes(&v), [187]);
    assert_eq!(v["errors"][0]["message"], "Status is a duplicate.");
    assert_eq!(v["errors"][0]["seen"]["line"], 5, "where the body started");
    assert_eq!(v["errors"][0]["seen"]["how"], "json-body");
    // The same capture after a paste turned CRLF into LF and the sizes no longer count.
    let pasted = input
        .replace("\r\n", "\n")
        .replace(&format!("\n{:x}\n", first.len()), "\n99\n");
    let (_, v) = json(&[], pasted.as_bytes());
    assert_eq!(codes(&v), [187]);
    assert_eq!(v["errors"][0]["message"], "Status is a duplicate.");
}

#[test]
fn a_key_given_twice_is_noted_not_lost() {
    let (exit, v) = json(
        &[],
        br#"{"errors":[{"code":187,"code":88,"message":"Rate limit exceeded"}]}"#,
    );
    assert_eq!(exit, 0);
    assert_eq!(
        codes(&v),
        [88],
        "read as JSON readers read it: the last counts"
    );
    let notes = v["notes"].to_string();
    assert!(
        notes.contains(r#"gives \"code\" twice (187, then 88)"#),
        "{notes}"
    );
}

#[test]
fn lenient_json_a_float_code_comments_and_a_raw_newline() {
    let (_, v) = json(&[], br#"{"errors":[{"code":187.0,"message":"x"}]}"#);
    assert_eq!(codes(&v), [187]);
    let commented = "{\n  // what came back\n  \"errors\": [{\"code\": 187, /* here */ \"message\": \"Status is a\nduplicate.\"}]\n}";
    let (exit, v) = json(&[], commented.as_bytes());
    assert_eq!((exit, codes(&v)), (0, vec![187]));
    assert!(
        v["errors"][0]["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("Status is a") && m.ends_with("duplicate.")),
        "{}",
        v["errors"][0]["message"]
    );
}

#[test]
fn several_bodies_on_one_line_are_each_an_occurrence_in_scan() {
    let line = br#"{"errors":[{"code":187,"message":"a"}]}{"errors":[{"code":187,"message":"a"}]}{"errors":[{"code":88,"message":"b"}]}
"#;
    let (exit, v) = json(&["scan"], line);
    assert_eq!(exit, 0);
    assert_eq!(v["total"], 3);
    let counts: Vec<(u64, u64)> = v["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["code"].as_u64().unwrap(), e["count"].as_u64().unwrap()))
        .collect();
    assert_eq!(counts, [(187, 2), (88, 1)]);
}

/// Chunked framing inside chunked framing, `levels` deep, around one error body.
fn nested_chunked(levels: usize) -> String {
    let mut inner = r#"{"errors":[{"code":88,"message":"Rate limit exceeded"}]}"#.to_string();
    for _ in 0..levels {
        inner = format!(
            "HTTP/1.1 429 Too Many Requests\r\ntransfer-encoding: chunked\r\n\r\n{:x}\r\n{inner}\r\n0\r\n\r\n",
            inner.len()
        );
    }
    inner
}

#[test]
fn chunked_bodies_nested_deeply_neither_abort_nor_grow() {
    // A proxy's capture of a proxy's: once aborted with a stack overflow past a few
    // thousand levels, and kept a copy of the text per level.
    let deep = nested_chunked(20_000);
    let (code, out, err) = run(&["--short"], deep.as_bytes());
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("429 "), "{out}");
    let shallow = nested_chunked(3);
    let (code, out, _) = run(&["--short"], shallow.as_bytes());
    assert_eq!(
        (code, out.trim()),
        (0, "429 88 wait-for-reset Rate limit exceeded")
    );
    let (code, out, err) = run(&["scan", "--json"], deep.as_bytes());
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(v["total"].as_u64().unwrap() >= 1);
}

#[test]
fn digits_that_exist_only_as_escapes_make_no_status_or_code() {
    // Strings decoded and read again as text: a log record's message, a body in a string.
    for text in [
        r#"{"msg":"Request failed with status code \u0034\u0030\u0033"}"#,
        r#"{"body":"{\"errors\":[{\"code\":\u0031\u0038\u0037}]}"}"#,
        r#"{"body":"{\"errors\":[{\"code\":\"\\u0031\\u0038\\u0037\"}]}"}"#,
        // A console's dump: some of the digits written, the rest escapes beside them.
        r"{ message: 'Request failed with status code 4\x32\x39' }",
        r"{ message: 'Request failed with status code 4\u0032\u0039' }",
        r"{ message: 'Request failed with status code 4\29' }",
        // A body in a log string, with a backslash JSON has no escape for before a digit.
        r#"log body="{\"errors\":[{\"code\":\"1\87\"}]}" x"#,
        r#"log body="{\"msg\":\"Request failed with status code 4\29\"}""#,
    ] {
        let (_, v) = json(&[], text.as_bytes());
        assert!(v["status"].is_null() && codes(&v).is_empty(), "{text}: {v}");
    }
    let (_, v) = json(&[], br#"{"msg":"Request failed with status code 403"}"#);
    assert_eq!(
        v["status"]["code"], 403,
        "the same text with its digits written is read"
    );
}

#[test]
fn brackets_that_never_close_cost_linear_time() {
    // `[` a million times once made the PHP key reader look for `]` to the end from each
    // one (22 s); and `[a]=>string(1) ` repeated made its string reader do the same.
    let brackets = "[".repeat(1 << 20);
    let (code, _, err) = run(&[], brackets.as_bytes());
    assert_eq!(code, 1, "{err}");
    let dumps = "[a]=>string(1) ".repeat(1 << 16);
    let (code, _, err) = run(&[], dumps.as_bytes());
    assert_eq!(code, 1, "{err}");
}

#[test]
fn a_foreign_host_with_escapes_reaches_no_terminal_raw() {
    let body = "{\"message\":\"Bad credentials\",\"documentation_url\":\"https://evil\u{1b}]0;owned\u{7}.example/x\"}";
    let (_, out, err) = run(&[], body.as_bytes());
    for text in [&out, &err] {
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{7}'),
            "{text:?}"
        );
    }
    assert!(err.contains("not the Twitter/X API's"), "{err}");
}

#[test]
fn numbers_in_other_roles_are_no_codes() {
    for text in [
        "{'code': 093, 'message': 'x'}",
        "{\"errors\":[{\"code\":\"093\",\"message\":\"x\"}]}",
        "API error: 88.5\n",
        "API error: 088\n",
        // PHP prints an integer with no sign and no leading zero: these are no code.
        "Array\n(\n    [code] =>+0144\n    [message] => N\n)\n",
        "array(1) {\n  [\"code\"]=>\n  int(0144)\n}\n",
        // Cut by the end of the input right after its digits: the number may go on.
        "{\"errors\":[{\"message\":\"Status is a duplicate.\",\"code\":18",
    ] {
        let (_, v) = json(&[], text.as_bytes());
        assert!(codes(&v).is_empty(), "{text}: {v}");
    }
    let (_, v) = json(&[], b"API error: 88\n");
    assert_eq!(
        codes(&v),
        [88],
        "the same key with the number written whole"
    );
}

#[test]
fn a_problem_status_written_padded_or_signed_is_no_status() {
    let problem = |status: &str| {
        format!(
            "{{\"type\":\"https://api.twitter.com/2/problems/usage-capped\",\"status\":{status}}}"
        )
    };
    for status in ["0429", "\"0429\"", "\"+429\""] {
        let (_, v) = json(&[], problem(status).as_bytes());
        assert_ne!(
            v["status"]["seen"]["how"], "problem-status",
            "{status}: {v}"
        );
        assert_ne!(v["status"]["code"], 429, "{status}: {v}");
    }
    for status in ["429", "\"429\""] {
        let (_, v) = json(&[], problem(status).as_bytes());
        assert_eq!(
            v["status"]["seen"]["how"], "problem-status",
            "{status}: {v}"
        );
        assert_eq!(v["status"]["code"], 429, "{status}: {v}");
    }
}

#[test]
fn short_shows_only_a_status_the_input_shows() {
    let (_, out, _) = run(
        &["--short"],
        br#"{"errors":[{"code":88,"message":"Rate limit exceeded"}]}"#,
    );
    assert_eq!(
        out, "- 88 wait-for-reset Rate limit exceeded\n",
        "not the table's 429"
    );
    let (_, out, _) = run(
        &["--short"],
        b"Twitter::Error::TooManyRequests: Rate limit exceeded\n",
    );
    assert!(
        out.starts_with("- "),
        "an implied status is no digits of the input: {out}"
    );
    let (_, out, _) = run(
        &["--short"],
        b"HTTP/2 429\n\n{\"errors\":[{\"code\":88,\"message\":\"Rate limit exceeded\"}]}",
    );
    assert!(out.starts_with("429 88 "), "{out}");
}

/// `twerr ARGS` with its stdout or stderr on /dev/full: the exit status.
fn exit_with_full(args: &[&str], full_stderr: bool) -> (Option<i32>, String) {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("twerr"));
    cmd.args(args).stdin(std::process::Stdio::null());
    if full_stderr {
        cmd.stderr(full).stdout(std::process::Stdio::null());
    } else {
        cmd.stdout(full).stderr(std::process::Stdio::piped());
    }
    let out = cmd.output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_full_stderr_keeps_the_documented_exit_status() {
    assert_eq!(exit_with_full(&["zzz-in-no-table"], true).0, Some(1));
    assert_eq!(exit_with_full(&["--no-such-flag"], true).0, Some(2));
    assert_eq!(exit_with_full(&["187"], true).0, Some(0));
}

#[test]
fn help_and_version_to_a_full_stdout_say_so_and_exit_6() {
    for flag in ["--help", "--version"] {
        let (code, err) = exit_with_full(&[flag], false);
        assert_eq!(code, Some(6), "{flag}");
        assert!(
            err.starts_with("twerr: cannot write the output:"),
            "{flag}: {err}"
        );
    }
}

#[test]
fn an_echoed_word_is_made_safe_and_cut() {
    let (code, _, err) = run(&["search", "\u{1b}]0;owned\u{7}"], b"");
    assert_eq!(code, 1);
    assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "{err:?}");
    let long = "w".repeat(100_000);
    let (_, _, err) = run(&["search", &long], b"");
    assert!(err.len() < 4_096, "echoed in full: {} bytes", err.len());
}

#[test]
fn about_blank_alone_gets_no_title_the_input_never_gave() {
    let (_, out, _) = run(&[], br#"{"type":"about:blank"}"#);
    assert!(!out.contains("Too Many Requests"), "{out}");
    let (_, v) = json(
        &[],
        br#"{"type":"about:blank","title":"Forbidden","status":403}"#,
    );
    assert_eq!(v["errors"][0]["message"], "Forbidden");
}
