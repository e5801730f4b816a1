//! What X documented after the August 2026 spec: the operations of spec 2.168, the rows of
//! the rate-limit page that no spec has, where the page and the spec disagree, and the
//! advice and listing items of the audit of 2026-12-07, each against its source.

use crate::common::{json, run};
use serde_json::Value;

fn endpoint(words: &[&str]) -> Value {
    let mut args = vec!["endpoint"];
    args.extend_from_slice(words);
    let (exit, v) = json(&args, b"");
    assert_eq!(exit, 0, "{words:?}");
    v.as_array().expect("rows")[0].clone()
}

fn notes(row: &Value) -> String {
    row["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["text"].as_str().unwrap())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_bots_and_account_operations_of_spec_2_168_are_rows() {
    for (method, path, operation) in [
        ("GET", "/2/bots", "getBots"),
        ("POST", "/2/bots", "createBot"),
        ("PUT", "/2/bots/:id", "updateBot"),
        ("DELETE", "/2/bots/:id", "deleteBot"),
        ("POST", "/2/bots/:id/token", "rotateBotToken"),
        ("DELETE", "/2/bots/:id/token", "revokeBotToken"),
    ] {
        let r = endpoint(&[method, &path.replace(":id", "1460323737035677698")]);
        assert_eq!(
            (r["method"].as_str(), r["path"].as_str()),
            (Some(method), Some(path))
        );
        assert_eq!(r["operation"], operation);
        assert_eq!(r["auth"], serde_json::json!(["oauth2-app"]));
        assert!(
            r["source"].as_str().unwrap().contains("version 2.168"),
            "{r}"
        );
    }
    let account = endpoint(&["GET", "/2/account"]);
    assert_eq!(account["auth"], serde_json::json!(["oauth2-user"]));
    assert_eq!(account["scopes"], serde_json::json!(["developer.read"]));
    let ensure = endpoint(&["POST", "/2/account"]);
    assert_eq!(ensure["scopes"], serde_json::json!(["developer.write"]));
    let create = notes(&endpoint(&["POST", "/2/bots"]));
    assert!(
        create.contains("refused with a 400") && create.contains("no wording"),
        "{create}"
    );
}

#[test]
fn rows_of_the_rate_limit_page_the_spec_lacks_are_kept_with_their_limits() {
    let r = endpoint(&["GET", "/2/users/by/username/jack/tweets"]);
    assert_eq!(r["path"], "/2/users/by/username/:username/tweets");
    assert_eq!(
        r["limits"],
        serde_json::json!([
            {"per": "app", "requests": 1500, "window_seconds": 900},
            {"per": "user", "requests": 900, "window_seconds": 900}
        ])
    );
    assert!(notes(&r).contains("the spec has no such operation"), "{r}");
    assert_eq!(
        r["source"],
        "https://docs.x.com/x-api/fundamentals/rate-limits"
    );
    for words in [
        ["GET", "/2/users/by/username/jack/mentions"],
        ["GET", "/2/users/12/following/spaces"],
    ] {
        assert!(
            !endpoint(&words)["limits"].as_array().unwrap().is_empty(),
            "{words:?}"
        );
    }
}

#[test]
fn a_limit_for_an_auth_the_spec_does_not_take_says_so() {
    for path in ["/2/tweets/search/all", "/2/connections/all"] {
        let method = if path.ends_with("all") && path.contains("connections") {
            "DELETE"
        } else {
            "GET"
        };
        let n = notes(&endpoint(&[method, path]));
        assert!(
            n.contains("per-user limit") && n.contains("accepts only an app-only bearer token"),
            "{path}: {n}"
        );
    }
    let n = notes(&endpoint(&["GET", "/2/communities/search"]));
    assert!(
        n.contains("accepts no app-only bearer token") && n.contains("per-user limit"),
        "{n}"
    );
    let (_, out, _) = run(&["endpoint", "DELETE", "/2/connections/all"], b"");
    assert!(
        out.contains("note:") && out.contains("has no user"),
        "{out}"
    );
}

/// `twerr --json` on `text`: the first error.
fn first_error(text: &str) -> Value {
    let (_, v) = json(&[], text.as_bytes());
    v["errors"][0].clone()
}

fn unsupported(used: &str, supported: &str) -> String {
    format!(
        r#"{{"title":"Unsupported Authentication","detail":"Authenticating with {used} is forbidden for this endpoint.  Supported authentication types are [{supported}].","type":"https://api.twitter.com/2/problems/unsupported-authentication","status":403}}"#
    )
}

#[test]
fn unsupported_authentication_is_read_from_its_detail_both_ways() {
    let user_only = first_error(&unsupported(
        "OAuth 2.0 Application-Only",
        "OAuth 1.0a User Context, OAuth 2.0 User Context",
    ));
    assert!(
        user_only["advice"]
            .as_str()
            .unwrap()
            .contains("user context"),
        "{user_only}"
    );
    let app_only = first_error(&unsupported(
        "OAuth 1.0a User Context",
        "OAuth 2.0 Application-Only",
    ));
    let advice = app_only["advice"].as_str().unwrap();
    assert!(
        advice.contains("App's bearer token")
            && !advice.contains("sign the request in user context"),
        "{advice}"
    );
    let oauth2_user = first_error(&unsupported(
        "OAuth 1.0a User Context",
        "OAuth 2.0 User Context",
    ));
    assert!(
        oauth2_user["advice"].as_str().unwrap().contains("PKCE"),
        "{oauth2_user}"
    );
    let oauth2_any = first_error(&unsupported(
        "OAuth 1.0a User Context",
        "OAuth 2.0 Application-Only, OAuth 2.0 User Context",
    ));
    assert!(
        oauth2_any["advice"]
            .as_str()
            .unwrap()
            .contains("instead of the OAuth 1.0a signature"),
        "{oauth2_any}"
    );
}

#[test]
fn a_409_streaming_connection_says_the_stream_has_no_rules_and_not_to_retry() {
    let text = "HTTP/2 409\ncontent-type: application/json\n\n{\"title\":\"ConnectionException\",\"detail\":\"This stream has no rules.\",\"type\":\"https://api.twitter.com/2/problems/streaming-connection\",\"connection_issue\":\"RuleConfigurationIssue\"}";
    let (_, v) = json(&[], text.as_bytes());
    assert_eq!(v["retry"]["verdict"], "do-not-retry");
    assert_eq!(v["errors"][0]["verdict"], "do-not-retry");
    let (_, conflict) = json(&["--type", "conflict"], b"");
    let advice = conflict["errors"][0]["advice"].as_str().unwrap();
    assert!(
        advice.contains("stream has no rules") && advice.contains("/2/tweets/search/stream/rules"),
        "{advice}"
    );
}

#[test]
fn advice_for_433_and_150_is_current() {
    let (_, v) = json(&["433"], b"");
    let a433 = v["errors"][0]["advice"].as_str().unwrap();
    assert!(
        a433.contains("2026-02-23") && a433.contains("@mentions"),
        "{a433}"
    );
    assert!(
        !a433.contains("Mention the author in a post of your own"),
        "{a433}"
    );
    let (_, v) = json(&["150"], b"");
    assert!(
        v["errors"][0]["advice"]
            .as_str()
            .unwrap()
            .contains("receives_your_dm")
    );
}

#[test]
fn listing_items_follow_their_sources() {
    let (_, out, _) = run(&["list"], b"");
    let row = out
        .lines()
        .find(|l| l.starts_with("status\t409"))
        .expect("409's row");
    assert!(
        row.contains("\tv2\t"),
        "the v2 error page documents 409: {row}"
    );
    let blank = out.lines().find(|l| l.contains("about:blank")).unwrap();
    assert!(
        blank.ends_with("by-status") && !blank.contains("Too Many Requests"),
        "{blank}"
    );
    let (_, v) = json(&["list"], b"");
    let blank = v
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "about:blank")
        .unwrap();
    assert_eq!(blank["retry_from_status"], true);
    let post = notes(&endpoint(&["POST", "/2/tweets"]));
    assert!(
        !post.contains("quote_tweet_id is refused with a 403"),
        "{post}"
    );
    assert!(post.contains("names no status"), "{post}");
}

#[test]
fn the_spending_limit_and_de_duplication_are_said_without_inventing_an_answer() {
    let (_, v) = json(&["--type", "credits-depleted"], b"");
    let note = v["errors"][0]["note"].as_str().unwrap();
    assert!(
        note.contains("spending limit") && note.contains("gives no status or wording"),
        "{note}"
    );
    assert!(
        note.contains("de-duplication") && note.contains("not an error"),
        "{note}"
    );
}
