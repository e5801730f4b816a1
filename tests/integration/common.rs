//! Runs the real `twerr` binary with a clean, predictable environment.

use assert_cmd::Command;
use serde_json::Value;

/// `twerr` with no colour variables, no pager and UTC as the local zone.
pub fn twerr() -> Command {
    let mut cmd = Command::cargo_bin("twerr").expect("binary builds");
    cmd.env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env("TZ", "UTC")
        .env("TERM", "dumb");
    cmd
}

/// Runs with `args` and `stdin`, returns the exit status and stdout.
pub fn run(args: &[&str], stdin: &[u8]) -> (i32, String, String) {
    let out = twerr()
        .args(args)
        .write_stdin(stdin.to_vec())
        .output()
        .expect("runs");
    (
        out.status.code().expect("exited normally, no signal"),
        String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    )
}

/// Runs with `--json` and parses stdout.
pub fn json(args: &[&str], stdin: &[u8]) -> (i32, Value) {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    let (code, out, err) = run(&all, stdin);
    let v = serde_json::from_str(&out)
        .unwrap_or_else(|e| panic!("stdout is JSON ({e}): {out}\nstderr: {err}"));
    (code, v)
}

pub fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("fixture exists")
}

/// The error codes of a diagnosis, in order.
pub fn codes(v: &Value) -> Vec<u64> {
    v["errors"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["code"].as_u64())
        .collect()
}

/// The v2 problem names of a diagnosis, in order.
pub fn problems(v: &Value) -> Vec<String> {
    v["errors"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["problem"]["name"].as_str().map(String::from))
        .collect()
}

/// A test that lacks `what`, which `.ci/run` provides: there (`TWERR_REQUIRE_ALL`) the
/// lack fails the test; elsewhere it is said, and the caller returns.
pub fn skip_without(what: &str) {
    assert!(
        std::env::var_os("TWERR_REQUIRE_ALL").is_none(),
        "{what} is missing, which .ci/run provides"
    );
    eprintln!("skipped: {what} is missing here");
}
