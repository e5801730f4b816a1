//! Every entry of every table is reachable: codes by number and by each wording of their
//! message, statuses by number, problems by name; and each says where it comes from.

use crate::common::{codes, json, run};
use serde_json::Value;

fn entries(kind: &str) -> Vec<Value> {
    let (_, v) = json(&["list"], b"");
    v.as_array()
        .unwrap()
        .iter()
        .filter(|r| r["kind"] == kind)
        .cloned()
        .collect()
}

/// A message as the API would send it: placeholders filled in.
fn filled(message: &str) -> String {
    let mut out = String::new();
    let mut rest = message;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        out.push_str("media");
        rest = &rest[open + rest[open..].find('}').unwrap() + 1..];
    }
    out.push_str(rest);
    out
}

#[test]
fn every_code_by_number_and_by_every_message() {
    let all = entries("code");
    assert!(
        all.len() >= 63,
        "at least the codes the issue lists: {}",
        all.len()
    );
    for e in &all {
        let n = e["number"].as_u64().unwrap();
        let (exit, v) = json(&["--code", &n.to_string()], b"");
        assert_eq!(exit, 0, "{n}");
        assert_eq!(v["errors"][0]["known"], true, "{n}");
        let messages = std::iter::once(&e["message"]).chain(e["variants"].as_array().unwrap());
        for m in messages {
            let text = filled(m.as_str().unwrap());
            let (exit, v) = json(&[&text], b"");
            assert_eq!(exit, 0, "{n}: {text}");
            assert!(
                codes(&v).contains(&n),
                "{n} not found by {text:?}: {:?}",
                codes(&v)
            );
        }
    }
}

#[test]
fn every_problem_by_name_and_uri() {
    for e in entries("problem") {
        let name = e["name"].as_str().unwrap();
        let (exit, v) = json(&["--type", name], b"");
        assert_eq!(exit, 0, "{name}");
        assert_eq!(v["errors"][0]["problem"]["name"], name);
        assert_eq!(v["errors"][0]["known"], true);
        if name != "about:blank" {
            let uri = format!("https://api.x.com/2/problems/{name}");
            let (_, v) = json(&["--type", &uri], b"");
            assert_eq!(v["errors"][0]["problem"]["name"], name);
            let (_, v) = json(&[name], b"");
            assert_eq!(v["errors"][0]["problem"]["name"], name, "bare name {name}");
        }
    }
}

#[test]
fn the_issue_lists_are_covered() {
    let have: Vec<u64> = entries("code")
        .iter()
        .map(|e| e["number"].as_u64().unwrap())
        .collect();
    let wanted = [
        3, 13, 17, 32, 34, 36, 38, 44, 50, 63, 64, 68, 87, 88, 89, 92, 93, 99, 109, 110, 120, 130,
        131, 135, 139, 144, 150, 151, 160, 161, 179, 185, 186, 187, 195, 205, 214, 215, 220, 226,
        231, 251, 261, 271, 272, 323, 324, 325, 326, 327, 349, 354, 355, 385, 386, 407, 415, 416,
        417, 421, 422, 433, 453,
    ];
    let missing: Vec<_> = wanted.iter().filter(|c| !have.contains(c)).collect();
    assert!(missing.is_empty(), "missing codes {missing:?}");
    let names: Vec<String> = entries("problem")
        .iter()
        .map(|e| e["name"].as_str().unwrap().to_string())
        .collect();
    for p in [
        "invalid-request",
        "resource-not-found",
        "not-authorized-for-resource",
        "not-authorized-for-field",
        "resource-unavailable",
        "client-forbidden",
        "disallowed-resource",
        "unsupported-authentication",
        "usage-capped",
        "conflict",
        "duplicate-rules",
        "invalid-rules",
        "noncompliant-rules",
        "rule-cap",
        "streaming-connection",
        "operational-disconnect",
        "client-disconnected",
        "about:blank",
    ] {
        assert!(names.iter().any(|n| n == p), "missing problem {p}");
    }
}

#[test]
fn both_eras_of_453_are_recognised_in_a_body() {
    let old = br#"{"errors":[{"message":"You currently have Essential access which includes access to Twitter API v2 endpoints only. If you need access to this endpoint, you'll need to apply for Elevated access via the Developer Portal. You can learn more here: https://developer.twitter.com/en/docs/twitter-api/getting-started/about-twitter-api#v2-access-leve","code":453}]}"#;
    let (_, v) = json(&[], old);
    assert_eq!(v["errors"][0]["known"], true);
    assert!(
        v["errors"][0]["advice"]
            .as_str()
            .unwrap()
            .contains("regenerate")
    );
}

#[test]
fn traps_are_in_the_advice() {
    let advice = |args: &[&str]| {
        json(args, b"").1["errors"][0]["advice"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert!(advice(&["--code", "32"]).contains("!, ', (, ), *"));
    assert!(advice(&["--code", "135"]).contains("clock"));
    assert!(advice(&["--code", "144"]).contains("id_str"));
    assert!(advice(&["--code", "261"]).contains("regenerate"));
    assert!(advice(&["--code", "326"]).contains("person must log in"));
    assert!(
        advice(&["--type", "unsupported-authentication"])
            .contains("app-only bearer token cannot post")
    );
    assert!(advice(&["--type", "client-forbidden"]).contains("regenerate"));
    assert!(advice(&["--type", "usage-capped"]).contains("Waiting 15 minutes does not help"));
}

#[test]
fn list_filters_by_source_and_family_and_shows_the_source() {
    for (source, kinds) in [
        ("2015", &["status", "code"][..]),
        ("later", &["status", "code"][..]),
        ("v2", &["status", "problem"][..]),
        ("wild", &["status", "code", "problem"][..]),
    ] {
        let (exit, v) = json(&["list", "--source", source], b"");
        assert_eq!(exit, 0, "{source}");
        let rows = v.as_array().unwrap();
        assert!(!rows.is_empty(), "{source}");
        assert!(
            rows.iter()
                .all(|r| r["source"] == source && kinds.contains(&r["kind"].as_str().unwrap()))
        );
    }
    let (_, v) = json(&["list", "--family", "access-level"], b"");
    let ids: Vec<String> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["number"].as_u64().map_or_else(
                || r["name"].as_str().unwrap().to_string(),
                |n| n.to_string(),
            )
        })
        .collect();
    assert_eq!(ids, vec!["453", "client-forbidden"]);
    let (_, out, _) = run(&["list", "--source", "wild"], b"");
    assert!(
        !out.is_empty() && out.lines().all(|l| l.split('\t').nth(4) == Some("wild")),
        "{out}"
    );
}

#[test]
fn a_number_in_both_tables_shows_both_code_first() {
    let (exit, v) = json(&["422"], b"");
    assert_eq!(exit, 0);
    assert_eq!(codes(&v), vec![422]);
    assert_eq!(v["status"]["code"], 422);
    assert!(
        v["notes"]
            .to_string()
            .contains("both an API error code and an HTTP status")
    );
    let (_, out, _) = run(&["422"], b"");
    let code_at = out.find("API error code 422").unwrap();
    let status_at = out.find("HTTP 422 Unprocessable Entity").unwrap();
    assert!(code_at < status_at, "{out}");
    let (_, v) = json(&["--status", "422"], b"");
    assert!(codes(&v).is_empty());
    let (_, v) = json(&["--code", "422"], b"");
    assert!(v["status"].is_null());
}
