//! The X API of 2026 in the tables: pay-per-use (402 and the credit problems), the
//! oauth1-permissions problem, code 425, usage caps that are no rate-limit window,
//! about:blank bodies, and the official table's later wordings. Each new entry is reached
//! by number or name, by its official text, and in a piped body.

use crate::common::{codes, json, problems, run};

#[test]
fn status_402_says_to_add_credits_and_not_to_retry() {
    let (exit, v) = json(&["402"], b"");
    assert_eq!(exit, 0);
    assert_eq!(v["status"]["message"], "Payment Required");
    assert!(
        v["status"]["advice"]
            .as_str()
            .unwrap()
            .contains("Developer Console")
    );
    assert_eq!(v["retry"]["verdict"], "do-not-retry");
}

#[test]
fn both_credit_problems_in_a_402_response() {
    let early = b"HTTP/2 402\r\nx-transaction-id: 1d2e3f\r\n\r\n{\"account_id\":42,\"title\":\"CreditsDepleted\",\"detail\":\"Your enrolled account [42] does not have any credits to fulfill this request.\",\"type\":\"https://api.twitter.com/2/problems/credits\"}\n";
    let (exit, v) = json(&["--exit-verdict"], early);
    assert_eq!(exit, 3, "do-not-retry");
    assert_eq!(problems(&v), ["credits"]);
    assert_eq!(v["errors"][0]["problem"]["fields"][0]["name"], "account_id");
    assert!(
        v["errors"][0]["advice"]
            .as_str()
            .unwrap()
            .contains("credits")
    );
    assert!(
        v["notes"]
            .to_string()
            .contains("request ID (x-transaction-id): 1d2e3f"),
        "{}",
        v["notes"]
    );
    let later = br#"{"title":"Payment Required","detail":"credits depleted","status":402,"type":"https://api.x.com/2/problems/credits-depleted"}"#;
    let (_, v) = json(&[], later);
    assert_eq!(v["status"]["code"], 402);
    assert_eq!(problems(&v), ["credits-depleted"]);
    assert_eq!(v["retry"]["verdict"], "do-not-retry");
}

#[test]
fn oauth1_permissions_says_to_set_read_and_write_and_regenerate() {
    let body = br#"{"title":"Forbidden","status":403,"detail":"Your client app is not configured with the appropriate oauth1 app permissions for this endpoint.","type":"https://api.twitter.com/2/problems/oauth1-permissions"}"#;
    let (_, v) = json(&[], body);
    assert_eq!(problems(&v), ["oauth1-permissions"]);
    let advice = v["errors"][0]["advice"].as_str().unwrap();
    assert!(
        advice.contains("Read and write") && advice.contains("regenerate"),
        "{advice}"
    );
    let (exit, v) = json(&["oauth1-permissions"], b"");
    assert_eq!(
        (exit, problems(&v)),
        (0, vec!["oauth1-permissions".to_string()])
    );
}

#[test]
fn code_425_and_http_425_are_both_shown() {
    let (_, out, _) = run(&["425"], b"");
    assert!(out.contains("API error code 425"), "{out}");
    assert!(out.contains("HTTP 425 Too Early"), "{out}");
    let (_, v) = json(&[], br#"{"errors":[{"code":425,"message":"Some actions on this user's Post have been disabled by X."}]}"#);
    assert_eq!(codes(&v), [425]);
    assert_eq!(v["errors"][0]["documented_status"], 403);
}

#[test]
fn a_monthly_usage_cap_is_not_a_rate_limit_window() {
    let capped = b"HTTP/2 429\r\nx-rate-limit-limit: 40000\r\nx-rate-limit-remaining: 39999\r\nx-rate-limit-reset: 1800000900\r\n\r\n{\"account_id\":7,\"product_name\":\"standard-basic\",\"title\":\"UsageCapExceeded\",\"period\":\"Monthly\",\"scope\":\"Product\",\"detail\":\"Usage cap exceeded: Monthly product cap\",\"type\":\"https://api.twitter.com/2/problems/usage-capped\"}\n";
    let (exit, v) = json(&["--now", "1800000000", "--exit-verdict"], capped);
    assert_eq!(exit, 3, "do-not-retry, not wait-for-reset: {}", v["retry"]);
    assert!(v["retry"]["wait_seconds"].is_null());
    let fields = v["errors"][0]["problem"]["fields"].to_string();
    assert!(
        fields.contains("product_name") && fields.contains("The product (plan)"),
        "{fields}"
    );
}

#[test]
fn a_daily_usage_cap_waits_for_its_24_hour_window() {
    let capped = b"HTTP/2 429\r\nx-rate-limit-remaining: 290\r\nx-rate-limit-reset: 1800000900\r\nx-app-limit-24hour-limit: 17\r\nx-app-limit-24hour-remaining: 0\r\nx-app-limit-24hour-reset: 1800036000\r\n\r\n{\"title\":\"UsageCapExceeded\",\"period\":\"Daily\",\"scope\":\"Account\",\"detail\":\"Usage cap exceeded: Daily user cap\",\"type\":\"https://api.twitter.com/2/problems/usage-capped\"}\n";
    let (_, v) = json(&["--now", "1800000000"], capped);
    assert_eq!(v["retry"]["verdict"], "wait-for-reset");
    assert_eq!(
        v["retry"]["wait_seconds"], 36000,
        "the 24-hour window, not x-rate-limit-reset"
    );
}

#[test]
fn about_blank_takes_its_title_from_the_status_and_its_detail_from_its_v1_kin() {
    let body = b"HTTP/2 403\r\n\r\n{\"detail\":\"You are not allowed to create a Tweet with duplicate content.\",\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403}\n";
    let (_, v) = json(&[], body);
    let e = &v["errors"][0];
    assert_eq!(
        e["official_message"], "Forbidden",
        "never Too Many Requests for a 403"
    );
    assert_eq!(e["matched_code"], 187);
    assert!(e["code"].is_null());
    assert_eq!(e["verdict"], "do-not-retry");
    let (_, out, _) = run(&[], body);
    assert!(out.contains("v1.1 kin:    API error code 187"), "{out}");
    let (_, v) = json(&[], br#"{"title":"Too Many Requests","detail":"Too Many Requests","type":"about:blank","status":429}"#);
    assert_eq!(
        v["errors"][0]["verdict"], "wait-for-reset",
        "a 429 about:blank is the status's"
    );
}

#[test]
fn conflict_409_names_the_stream_without_rules() {
    let (_, v) = json(&["--status", "409"], b"");
    assert!(
        v["status"]["advice"]
            .as_str()
            .unwrap()
            .contains("add at least one rule")
    );
}

#[test]
fn an_unlisted_status_says_its_reason_phrase_before_its_class() {
    let (_, v) = json(&["--status", "405"], b"");
    assert_eq!(v["status"]["message"], "Method Not Allowed");
    assert_eq!(v["status"]["fallback"], "class");
}

#[test]
fn a_proxys_jsend_answer_is_a_status_not_an_api_code() {
    let (_, v) = json(
        &[],
        br#"{"status":"error","code":402,"message":"Insufficient balance"}"#,
    );
    assert_eq!(v["status"]["code"], 402);
    assert!(codes(&v).is_empty(), "{v}");
}

#[test]
fn new_codes_are_reached_by_number_text_and_body() {
    for (code, text) in [
        (
            425,
            "Some actions on this user's Tweet have been disabled by Twitter.",
        ),
        (108, "Cannot find specified user."),
        (
            136,
            "You have been blocked from viewing this user's profile.",
        ),
        (
            162,
            "You have been blocked from following this account at the request of the user.",
        ),
        (163, "Could not determine source user."),
        (7, "No data available for the given coordinate and radius."),
        (25, "Query parameters are missing."),
        (
            431,
            "Invalid conversation control parameter for this endpoint. You need to change the endpoint to a supported endpoint.",
        ),
        (261, "Your App cannot perform write actions."),
        (109, "The specified user is not found in this list."),
        (
            110,
            "The user you are trying to remove from this list is not a member.",
        ),
        (
            93,
            "This App is not allowed to access or delete your Direct Messages.",
        ),
        (416, "Invalid / suspended App."),
        (186, "Post needs to be a bit shorter."),
        (
            327,
            "sharing is not permissible for this status (Share validations failed)",
        ),
    ] {
        let (exit, v) = json(&["--code", &code.to_string()], b"");
        assert_eq!(
            (exit, v["errors"][0]["known"].as_bool()),
            (0, Some(true)),
            "{code}"
        );
        let (_, v) = json(&[text], b"");
        assert!(codes(&v).contains(&code), "{code} by its text: {v}");
        let body = format!(
            "{{\"errors\":[{{\"code\":{code},\"message\":\"{}\"}}]}}",
            text.replace('"', "\\\"")
        );
        let (_, v) = json(&[], body.as_bytes());
        assert_eq!(codes(&v), [code], "{code} in a body");
        assert_eq!(v["errors"][0]["known"], true);
    }
}

#[test]
fn new_problem_types_are_reached_by_name_and_body() {
    for name in [
        "credits",
        "credits-depleted",
        "oauth1-permissions",
        "rate-limit-exceeded",
        "rule-length",
        "field-unauthorized",
        "field-hydration-failure",
        "internal-error",
    ] {
        let (exit, v) = json(&[name], b"");
        assert_eq!((exit, problems(&v)), (0, vec![name.to_string()]), "{name}");
        let body = format!(
            "{{\"title\":\"x\",\"detail\":\"y\",\"type\":\"https://api.x.com/2/problems/{name}\"}}"
        );
        let (_, v) = json(&[], body.as_bytes());
        assert_eq!(v["errors"][0]["known"], true, "{name} in a body");
    }
    let (_, v) = json(&[], br#"{"title":"UnprocessableEntity","type":"https://api.twitter.com/2/problems/invalid-rules","value":"from:","details":["Rules must contain a non-negation term"]}"#);
    assert_eq!(v["errors"][0]["official_message"], "UnprocessableEntity");
    assert!(
        v["errors"][0]["problem"]["fields"]
            .to_string()
            .contains("details")
    );
}

#[test]
fn a_failed_media_upload_is_read_by_name_not_as_api_code() {
    let body = br#"{"media_id":1,"processing_info":{"state":"failed","error":{"code":1,"name":"InvalidMedia","message":"Invalid or Unsupported media."}}}"#;
    let (exit, v) = json(&[], body);
    assert_eq!(exit, 0);
    assert!(codes(&v).is_empty(), "1 is a media processing code: {v}");
    assert!(
        v["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("InvalidMedia"),
        "{v}"
    );
}

#[test]
fn the_ads_apis_account_limits_are_a_window() {
    let response = b"HTTP/2 429\r\nx-account-rate-limit-limit: 100\r\nx-account-rate-limit-remaining: 0\r\nx-account-rate-limit-reset: 1800000120\r\n\r\n";
    let (_, v) = json(&["--now", "1800000000"], response);
    let windows = v["rate_limit"]["windows"].to_string();
    assert!(windows.contains("ads-account"), "{windows}");
    assert_eq!(v["retry"]["wait_seconds"], 120);
}

#[test]
fn duplicate_rules_are_a_partial_error_of_a_created_response() {
    let (_, v) = json(&["duplicate-rules"], b"");
    assert_eq!(v["errors"][0]["documented_status"], 200);
}

#[test]
fn new_statuses_are_reached_by_number() {
    for (code, message) in [
        (201, "Created"),
        (204, "No Content"),
        (402, "Payment Required"),
        (408, "Request Timeout"),
        (412, "Precondition Failed"),
        (413, "Request Entity Too Large"),
        (415, "Unsupported Media Type"),
        (416, "Range Unacceptable"),
        (425, "Too Early"),
    ] {
        let (exit, v) = json(&["--status", &code.to_string()], b"");
        assert_eq!(exit, 0, "{code}");
        assert_eq!(v["status"]["message"], message, "{code}");
        assert_eq!(v["status"]["known"], true, "{code}");
    }
}

#[test]
fn codes_that_are_also_statuses_show_both() {
    for n in ["200", "425"] {
        let (_, out, _) = run(&[n], b"");
        assert!(out.contains(&format!("API error code {n}")), "{out}");
        assert!(out.contains(&format!("HTTP {n}")), "{out}");
    }
}
