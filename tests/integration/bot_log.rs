//! `twerr scan` on a bot's log (issue 22): every error event of a generated log is counted,
//! row by row, with one thread and with two, from a file and from a pipe.

use crate::common::twerr;
use serde_json::Value;
use std::collections::BTreeMap;

#[path = "../../examples/bot_log/shapes.rs"]
#[allow(dead_code)]
mod shapes;

/// (status, code or problem type) -> count, as a summary's entries give them.
fn counted(v: &Value) -> BTreeMap<(Option<u64>, String), u64> {
    let mut rows = BTreeMap::new();
    for e in v["entries"].as_array().unwrap() {
        let what = match (e["code"].as_u64(), e["type"].as_str()) {
            (Some(c), _) => c.to_string(),
            (None, Some(t)) => t.to_string(),
            _ => "-".to_string(),
        };
        *rows.entry((e["status"].as_u64(), what)).or_insert(0) += e["count"].as_u64().unwrap();
    }
    rows
}

#[test]
fn every_error_of_a_bots_log_is_counted_with_one_thread_or_two() {
    for emoji in [false, true] {
        // 9 MiB: more than two of the pieces that threads read apart.
        let mut log = Vec::new();
        let written = shapes::write(&mut log, 9 << 20, emoji, 22).unwrap();
        let mut expected = BTreeMap::new();
        for (shape, n) in shapes::SHAPES.iter().zip(written.errors) {
            let what = shape.code.map(|c| c.to_string());
            let what = what
                .as_deref()
                .or(shape.type_uri)
                .unwrap_or("-")
                .to_string();
            *expected
                .entry((shape.status.map(u64::from), what))
                .or_insert(0) += n;
        }
        let total: u64 = written.errors.iter().sum();
        assert!(total > 2_000, "a log of many errors: {total}");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bot.log");
        std::fs::write(&path, &log).unwrap();
        for threads in ["1", "2"] {
            let from_file = twerr()
                .args(["scan", "--json", "-j", threads])
                .arg(&path)
                .output()
                .unwrap();
            let from_pipe = twerr()
                .args(["scan", "--json", "-j", threads])
                .write_stdin(log.clone())
                .output()
                .unwrap();
            for out in [from_file, from_pipe] {
                let v: Value = serde_json::from_slice(&out.stdout).unwrap();
                assert_eq!(v["total"], total, "emoji {emoji}, {threads} threads");
                assert_eq!(
                    v["lines"], written.lines,
                    "emoji {emoji}, {threads} threads"
                );
                assert_eq!(v["bytes"], written.bytes);
                assert_eq!(counted(&v), expected, "emoji {emoji}, {threads} threads");
            }
        }
    }
}

#[test]
fn the_summary_is_the_same_with_any_number_of_threads() {
    let mut log = Vec::new();
    shapes::write(&mut log, 9 << 20, true, 5).unwrap();
    let summary = |threads: &str| {
        let out = twerr()
            .args(["scan", "--json", "-j", threads, "-"])
            .write_stdin(log.clone())
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let one = summary("1");
    assert!(one.contains("\"first_line\""), "{one}");
    assert_eq!(summary("2"), one, "first and last lines, order of rows");
    assert_eq!(summary("3"), one);
}
