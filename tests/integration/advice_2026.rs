//! Advice true in 2026 (issue 24): documented limits named on a 429, the reply rule and
//! the tier changes of 2026, twitter-api-v2's partial responses, type suffixes and code
//! 131, the OAuth 2.0 token endpoint's errors, and each item of the advice audit. The
//! texts are written for these tests in the shapes the API and the clients print.

use crate::common::json;
use serde_json::Value;

fn first_error(text: &str) -> Value {
    let (_, v) = json(&[], text.as_bytes());
    v["errors"][0].clone()
}

fn request_advice(v: &Value) -> String {
    v["request"]["advice"].to_string()
}

const TWEEPY_429: &str = "Traceback (most recent call last):
  File \"/srv/bot/search.py\", line 22, in <module>
    page = client.search_recent_tweets(query=\"from:someone -is:retweet\", max_results=100)
  File \"/usr/lib/python3.12/site-packages/tweepy/client.py\", line 1266, in search_recent_tweets
    return self._make_request(
  File \"/usr/lib/python3.12/site-packages/tweepy/client.py\", line 129, in _make_request
    response = self.request(method, route, params=request_params,
  File \"/usr/lib/python3.12/site-packages/tweepy/client.py\", line 112, in request
    raise TooManyRequests(response)
tweepy.errors.TooManyRequests: 429 Too Many Requests
";

#[test]
fn a_429_from_a_known_endpoint_names_its_documented_limit_when_no_header_does() {
    let (_, v) = json(&[], TWEEPY_429.as_bytes());
    assert_eq!(v["request"]["endpoint"]["path"], "/2/tweets/search/recent");
    let advice = request_advice(&v);
    assert!(
        advice.contains("documented limit is 450 per 15 minutes per app with an app-only bearer token, 300 per 15 minutes per user with user-context auth"),
        "no auth shown: both counts: {advice}"
    );
    assert!(advice.contains("as of 2026-08-22"), "{advice}");
    // With the live headers the table says nothing: they win.
    let with_headers = "GET /2/tweets/search/recent?query=x HTTP/1.1\nHost: api.x.com\nAuthorization: Bearer AAAAAAAAAAAAAAAAAAAAA\n\nHTTP/1.1 429 Too Many Requests\nx-rate-limit-limit: 450\nx-rate-limit-remaining: 0\nx-rate-limit-reset: 1767225600\n\n{\"title\":\"Too Many Requests\",\"detail\":\"Too Many Requests\",\"type\":\"about:blank\",\"status\":429}\n";
    let (_, v) = json(&["--now", "1767225000"], with_headers.as_bytes());
    assert!(
        !request_advice(&v).contains("documented limit"),
        "{}",
        request_advice(&v)
    );
}

#[test]
fn the_documented_limit_is_the_one_for_the_auth_the_request_carried() {
    let text = "> GET /2/users/2244994945/tweets HTTP/2\n> Host: api.x.com\n> Authorization: Bearer AAAAAAAAAAAAAAAAAAAAAMLheAAAAAAA0%2BuSeid\n>\n< HTTP/2 429\n<\n{\"title\":\"Too Many Requests\",\"detail\":\"Too Many Requests\",\"type\":\"about:blank\",\"status\":429}\n";
    let (_, v) = json(&[], text.as_bytes());
    assert_eq!(v["request"]["auth_used"], "oauth2-app");
    let advice = request_advice(&v);
    assert!(
        advice.contains("documented limit is 10000 per 15 minutes per app (the app-only bearer token this request carried)"),
        "{advice}"
    );
    assert!(!advice.contains("900 per 15 minutes per user"), "{advice}");
}

#[test]
fn a_403_on_likes_or_follows_names_the_tier_change_of_april_2026() {
    for (path, what) in [
        ("/2/users/12/likes", "likes"),
        ("/2/users/12/following", "following"),
    ] {
        let text = format!(
            "POST {path} HTTP/1.1\r\nHost: api.x.com\r\n\r\nHTTP/1.1 403 Forbidden\r\ncontent-type: application/problem+json\r\n\r\n{{\"title\":\"Forbidden\",\"detail\":\"Forbidden\",\"type\":\"about:blank\",\"status\":403}}\n"
        );
        let (_, v) = json(&[], text.as_bytes());
        let advice = request_advice(&v);
        assert!(advice.contains("Since 2026-04-16"), "{path}: {advice}");
        assert!(advice.contains(what), "{path}: {advice}");
        assert!(advice.contains("https://docs.x.com/changelog"), "{advice}");
    }
    // A 403 with a cause of its own (187 on POST /2/tweets) gets no note of the row's.
    let dup = "POST /2/tweets HTTP/1.1\r\nHost: api.x.com\r\n\r\nHTTP/1.1 403 Forbidden\r\n\r\n{\"detail\":\"You are not allowed to create a Tweet with duplicate content.\",\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403}\n";
    let (_, v) = json(&[], dup.as_bytes());
    assert_eq!(v["errors"][0]["matched_code"], 187);
    assert!(
        !request_advice(&v).contains("2026"),
        "{}",
        request_advice(&v)
    );
}

#[test]
fn the_reply_detail_is_explained_as_the_february_2026_rule() {
    let e = first_error(
        "{\"detail\":\"Reply to this conversation is not allowed because you have not been mentioned or otherwise engaged by the author of the post you are replying to.\",\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403}",
    );
    assert_eq!(e["verdict"], "do-not-retry");
    assert_eq!(e["documented_status"], 403);
    assert!(
        e["description"].as_str().unwrap().contains("February 2026"),
        "{e}"
    );
    assert!(e["note"].as_str().unwrap().contains("2026-02-23"), "{e}");
    assert!(
        !e["advice"].as_str().unwrap().contains("Account Activity"),
        "{e}"
    );
    let quote = first_error(
        "{\"detail\":\"Quoting this post is not allowed because you have not been mentioned or are not part of the conversation thread of the post you are quoting.\",\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403}",
    );
    assert!(
        quote["description"]
            .as_str()
            .unwrap()
            .contains("2026-04-16"),
        "{quote}"
    );
}

#[test]
fn the_reply_rule_as_not_authorized_for_resource_is_no_protected_account() {
    let body = "{\"errors\":[{\"message\":\"You can only reply to or quote posts where you are mentioned or are the author.\",\"title\":\"Authorization Error\",\"type\":\"https://api.x.com/2/problems/not-authorized-for-resource\",\"detail\":\"You can only reply to or quote posts where you are mentioned or are the author.\",\"resource_type\":\"tweet\",\"resource_id\":\"1460323737035677698\",\"section\":\"data\",\"parameter\":\"reply.in_reply_to_tweet_id\",\"value\":\"1460323737035677698\"}]}";
    let e = first_error(body);
    assert_eq!(e["problem"]["name"], "not-authorized-for-resource");
    assert_eq!(e["documented_status"], 403, "not HTTP 200");
    let advice = e["advice"].as_str().unwrap();
    assert!(
        !advice.contains("approved follower") || advice.contains("changes nothing"),
        "{advice}"
    );
    assert!(
        e["description"]
            .as_str()
            .unwrap()
            .contains("Not a protected account"),
        "{e}"
    );
    // The message alone, as tweepy prints it, names the same rule.
    let e = first_error(
        "tweepy.errors.Forbidden: 403 Forbidden\nYou can only reply to or quote posts where you are mentioned or are the author.\n",
    );
    assert_eq!(e["matched_type"], "not-authorized-for-resource");
    assert_eq!(e["type"], Value::Null, "no type in the input");
    assert!(e["note"].as_str().unwrap().contains("2026-02-23"), "{e}");
}

#[test]
fn a_partial_response_is_retried_not_success() {
    let (_, v) = json(
        &[],
        b"ApiPartialResponseError: Request failed with partial response with HTTP code 200 (connection abruptly closed)\n    at RequestHandlerHelper.createPartialResponseError (node_modules/twitter-api-v2/dist/cjs/client-mixins/request-handler.helper.js:105:16)\n",
    );
    assert_eq!(v["status"]["code"], 200);
    assert_eq!(v["retry"]["verdict"], "backoff", "{v}");
    let e = &v["errors"][0];
    assert_eq!(e["condition"]["name"], "partial-response");
    assert_eq!(e["condition"]["library"], "twitter-api-v2");
}

#[test]
fn type_uris_in_messages_and_troubleshooting_links_give_the_type() {
    let e = first_error(
        "ApiResponseError: Request failed with code 403 - Forbidden: Your client app is not configured with the appropriate oauth1 app permissions for this endpoint. (see https://api.twitter.com/2/problems/oauth1-permissions)\n",
    );
    assert_eq!(
        e["type"],
        "https://api.twitter.com/2/problems/oauth1-permissions"
    );
    assert_eq!(e["problem"]["name"], "oauth1-permissions");
    assert_eq!(
        e["problem"]["detail"],
        "Your client app is not configured with the appropriate oauth1 app permissions for this endpoint."
    );
    let (_, v) = json(&[], b"ApiResponseError: Request failed with code 403 - Forbidden: Reply to this conversation is not allowed because you have not been mentioned or otherwise engaged by the author of the post you are replying to. (see about:blank)\n");
    assert_eq!(v["errors"].as_array().unwrap().len(), 1, "read once: {v}");
    assert!(
        v["errors"][0]["note"]
            .as_str()
            .unwrap()
            .contains("2026-02-23")
    );
    let e = first_error(
        "2026-11-30T08:12:09Z ERROR post failed, see https://developer.x.com/en/support/x-api/error-troubleshooting#client-not-enrolled\n",
    );
    assert_eq!(e["problem"]["name"], "client-forbidden");
    assert_eq!(e["problem"]["fields"][0]["name"], "reason");
    assert_eq!(e["problem"]["fields"][0]["value"], "client-not-enrolled");
    let e = first_error("worker: giving up, type https://api.x.com/2/problems/usage-capped\n");
    assert_eq!(e["problem"]["name"], "usage-capped");
    assert_eq!(e["seen"]["how"], "type-uri");
    // A troubleshooting anchor that names no type is no error.
    let (exit, _) = json(
        &[],
        b"docs: https://developer.x.com/en/support/x-api/error-troubleshooting#introduction\n",
    );
    assert_eq!(exit, 1);
}

#[test]
fn twitter_api_v2s_code_131_for_a_bare_error_text_is_not_131() {
    let (_, v) = json(
        &[],
        b"ApiResponseError: Request failed with code 401\n  data: { error: 'Not authorized.', errors: [ { code: 131, message: 'Not authorized.' } ] }\n",
    );
    assert!(
        v["errors"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["code"] != 131),
        "{v}"
    );
    assert_eq!(
        v["retry"]["verdict"], "do-not-retry",
        "401's, not 131's backoff"
    );
    assert!(
        v["notes"].to_string().contains("twitter-api-v2 gives"),
        "{}",
        v["notes"]
    );
    // A real 131 keeps its meaning.
    let e = first_error("{\"errors\":[{\"code\":131,\"message\":\"Internal error\"}]}");
    assert_eq!(
        (e["code"].as_u64(), e["verdict"].as_str()),
        (Some(131), Some("backoff"))
    );
}

#[test]
fn problem_fields_of_the_current_spec_are_explained() {
    let e = first_error(
        "{\"title\":\"Invalid Request\",\"detail\":\"One or more parameters to your request was invalid.\",\"type\":\"https://api.x.com/2/problems/invalid-request\",\"parameter\":\"max_results\",\"value\":\"5000\"}",
    );
    let meaning = |name: &str| {
        e["problem"]["fields"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["name"] == name)
            .map(|f| f["meaning"].as_str().unwrap().to_string())
            .unwrap_or_default()
    };
    assert!(meaning("parameter").contains("flat form"), "{e}");
    assert!(!meaning("value").is_empty());
    let e = first_error(
        "{\"data\":{\"id\":\"1\"},\"errors\":[{\"title\":\"Field Authorization Error\",\"type\":\"https://api.x.com/2/problems/not-authorized-for-field\",\"field\":\"non_public_metrics\",\"resource_type\":\"tweet\",\"section\":\"data\",\"parameter\":\"tweet.fields\",\"resource_id\":\"1\",\"value\":\"non_public_metrics\"}]}",
    );
    let known: Vec<&str> = e["problem"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| !f["meaning"].is_null())
        .map(|f| f["name"].as_str().unwrap())
        .collect();
    for name in ["parameter", "resource_id", "value"] {
        assert!(known.contains(&name), "{name}: {known:?}");
    }
}

#[test]
fn credits_and_402_are_from_captured_responses_not_documentation() {
    for name in ["credits", "credits-depleted"] {
        let e = first_error(&format!(
            "{{\"title\":\"x\",\"type\":\"https://api.x.com/2/problems/{name}\",\"status\":402}}"
        ));
        assert_eq!(e["source"], "wild", "{name}");
        assert!(e["note"].as_str().unwrap().contains("No X document"), "{e}");
    }
    let (_, v) = json(&["--status", "402"], b"");
    assert_eq!(v["status"]["source"], "wild");
}

#[test]
fn the_audit_items_say_what_is_true_in_2026() {
    let lookup = |what: &[&str]| -> Value {
        let (_, v) = json(what, b"");
        v["errors"][0].clone()
    };
    let capped = lookup(&["--type", "usage-capped"]);
    let text = format!("{} {}", capped["description"], capped["advice"]);
    assert!(
        text.contains("3 million") && text.contains("2 million"),
        "both caps: {text}"
    );
    assert!(text.contains("opt in to pay-per-use"), "{text}");
    let e433 = lookup(&["--code", "433"]);
    assert!(
        !e433["advice"].as_str().unwrap().contains("a quote Tweet"),
        "{e433}"
    );
    assert!(e433["advice"].as_str().unwrap().contains("2026-04-16"));
    let e453 = lookup(&["--code", "453"]);
    let advice = e453["advice"].as_str().unwrap();
    assert!(
        advice.contains("console.x.com") && advice.contains("pay-per-use"),
        "{advice}"
    );
    assert!(!advice.contains("developer portal"), "{advice}");
    let forbidden = lookup(&["--type", "client-forbidden"]);
    let advice = forbidden["advice"].as_str().unwrap();
    assert!(
        advice.contains("Pay-per-use package") && advice.contains("Production"),
        "{advice}"
    );
    let e186 = lookup(&["--code", "186"]);
    assert!(
        e186["advice"].as_str().unwrap().contains("25,000"),
        "{e186}"
    );
    let e = first_error(
        "{\"detail\":\"Your Tweet text is too long.\",\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403}",
    );
    assert_eq!(e["matched_code"], 186);
    let e = first_error(
        "{\"errors\":[{\"parameters\":{\"media.media_ids\":[\"1880028106020515840\"]},\"message\":\"Your media IDs are invalid.\"}],\"title\":\"Invalid Request\",\"detail\":\"One or more parameters to your request was invalid.\",\"type\":\"https://api.twitter.com/2/problems/invalid-request\"}",
    );
    let (_, v) = json(&[], b"{\"detail\":\"Your media IDs are invalid.\",\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400}");
    assert_eq!(v["errors"][0]["matched_code"], 324, "{v} / {e}");
    let advice = v["errors"][0]["advice"].as_str().unwrap();
    assert!(
        advice.contains("same user's token") && advice.contains("STATUS"),
        "{advice}"
    );
    for (code, words) in [(170, "status"), (344, "daily")] {
        let (exit, v) = json(&[&code.to_string()], b"");
        assert_eq!(exit, 0);
        let e = v["errors"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["code"] == code)
            .cloned();
        let e = e.unwrap_or_else(|| panic!("{code} is an API error code: {v}"));
        assert_eq!(e["documented_status"], 403);
        assert_eq!(e["verdict"], "do-not-retry");
        assert!(e["message"].as_str().unwrap().contains(words));
    }
}

#[test]
fn oauth2_user_tokens_and_the_token_endpoint_get_their_own_advice() {
    let text = "> GET /2/users/me HTTP/2\n> Host: api.x.com\n> Authorization: Bearer VGhpc0lzQVVzZXJUb2tlbjoxNzAwMDAwMDAwMDAwOjE6MTphdDox\n>\n< HTTP/2 401\n<\n{\"title\":\"Unauthorized\",\"type\":\"about:blank\",\"status\":401,\"detail\":\"Unauthorized\"}\n";
    let (_, v) = json(&[], text.as_bytes());
    assert_eq!(v["request"]["auth_used"], "oauth2-user");
    let advice = request_advice(&v);
    assert!(
        advice.contains("two hours") && advice.contains("offline.access"),
        "{advice}"
    );
    let e = first_error(
        "HTTP/1.1 401 Unauthorized\n\n{\"error\":\"unauthorized_client\",\"error_description\":\"Missing valid authorization header\"}\n",
    );
    assert_eq!(e["oauth_error"], "unauthorized_client");
    assert!(e["advice"].as_str().unwrap().contains("Basic"), "{e}");
    let e = first_error(
        "HTTP/1.1 400 Bad Request\n\n{\"error\":\"invalid_request\",\"error_description\":\"Value passed for the authorization code was invalid.\"}\n",
    );
    assert!(
        e["description"].as_str().unwrap().contains("30 seconds"),
        "{e}"
    );
    assert_eq!(e["verdict"], "do-not-retry");
}
