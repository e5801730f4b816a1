//! Other APIs' error bodies (`data/envelopes.toml`): each is said to be its API's, none of
//! its codes is reported as X's, and a status its API documents is the response's. The
//! checker that runs at build time refuses a broken entry.

use crate::common::{codes, json};

#[allow(dead_code)]
#[path = "../../build/envelopes.rs"]
mod table;

const REAL: &str = include_str!("../../data/envelopes.toml");

/// Bodies written from each API's documentation of its errors, and the status each holds.
const BODIES: &[(&str, &str, Option<u64>)] = &[
    (
        "Facebook",
        r#"{"error":{"message":"Error validating access token","type":"OAuthException","code":190,"error_subcode":463,"fbtrace_id":"Xy1"}}"#,
        None,
    ),
    (
        "Google",
        r#"{"error":{"code":429,"message":"Quota exceeded","status":"RESOURCE_EXHAUSTED"}}"#,
        Some(429),
    ),
    (
        "Bluesky",
        r#"{"error":"ExpiredToken","message":"Token has expired"}"#,
        None,
    ),
    (
        "Discord",
        r#"{"message":"Unknown Channel","code":10003}"#,
        None,
    ),
    (
        "Reddit",
        r#"{"message":"Unauthorized","error":401}"#,
        Some(401),
    ),
    (
        "LinkedIn",
        r#"{"serviceErrorCode":100,"message":"Not enough permissions","status":403}"#,
        Some(403),
    ),
    (
        "Telegram",
        r#"{"ok":false,"error_code":403,"description":"Forbidden: bot was blocked by the user"}"#,
        Some(403),
    ),
    ("Slack", r#"{"ok":false,"error":"channel_not_found"}"#, None),
];

#[test]
fn another_apis_body_is_named_and_its_codes_are_not_xs() {
    for (api, body, status) in BODIES {
        // Also inside a log line's text, where the body is read from a string.
        for text in [body.to_string(), format!("ERROR request failed: {body}")] {
            let (_, v) = json(&[], text.as_bytes());
            assert!(codes(&v).is_empty(), "{api}: {v}");
            assert_eq!(v["status"]["code"].as_u64(), *status, "{api}: {v}");
            let notes = v["notes"].to_string();
            assert!(notes.contains(api), "{api}: {notes}");
        }
    }
}

#[test]
fn xs_own_bodies_stay_xs() {
    for body in [
        r#"{"errors":[{"code":88,"message":"Rate limit exceeded"}]}"#,
        r#"{"code":88,"message":"Rate limit exceeded"}"#,
        r#"{"title":"Unauthorized","type":"about:blank","status":401,"detail":"Unauthorized"}"#,
        r#"{"error":"invalid_request","error_description":"Value passed for the token was invalid."}"#,
    ] {
        let (_, v) = json(&[], body.as_bytes());
        assert!(
            !v["notes"].to_string().contains("not the Twitter/X API's"),
            "{body}: {v}"
        );
    }
}

#[test]
fn the_checker_refuses_a_broken_entry_and_passes_the_real_file() {
    assert!(table::check("data/envelopes.toml", REAL).is_ok());
    let broken = REAL.replacen("\"error.code\"]]", "\"error.code=maybe\"]]", 1);
    assert_ne!(broken, REAL);
    let problems = table::check("data/envelopes.toml", &broken).unwrap_err();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].starts_with("data/envelopes.toml: entry \"Facebook Graph API"),
        "{problems:?}"
    );
    let empty = REAL.replacen("when = [[\"serviceErrorCode\"]]", "when = []", 1);
    assert!(table::check("data/envelopes.toml", &empty).unwrap_err()[0].contains("LinkedIn"));
}
