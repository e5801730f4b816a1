//! The request that failed, read from each kind of text that shows it, and the advice that
//! names it (issue 16). Fixtures are written for these tests.

use crate::common::{codes, fixture, json};

#[test]
fn a_tweepy3_traceback_moves_update_status_to_create_tweet() {
    let (exit, v) = json(&[], &fixture("tweepy3_453.txt"));
    assert_eq!(exit, 0);
    assert_eq!(codes(&v), [453]);
    let r = &v["request"];
    assert_eq!(r["endpoint"]["path"], "/1.1/statuses/update");
    assert_eq!(r["endpoint"]["v2"], "POST /2/tweets");
    assert_eq!(
        r["implied_by"], "API.update_status",
        "no URL in the text: implied by the call"
    );
    assert_eq!(r["library"]["name"], "tweepy");
    assert_eq!(r["library"]["version"], "3.x");
    let advice = r["advice"].to_string();
    assert!(
        advice.contains("X's move is POST /2/tweets: in tweepy, call Client.create_tweet instead of API.update_status"),
        "{advice}"
    );
}

#[test]
fn a_tweepy4_traceback_names_the_auth_the_endpoint_needs() {
    let text = "Traceback (most recent call last):\n  File \"/srv/post.py\", line 11, in <module>\n    client.create_tweet(text=\"hello\")\n  File \"/usr/local/lib/python3.11/site-packages/tweepy/client.py\", line 835, in create_tweet\n    return self._make_request(\n  File \"/usr/local/lib/python3.11/site-packages/tweepy/client.py\", line 100, in request\n    raise Forbidden(response)\ntweepy.errors.Forbidden: 403 Forbidden\nAuthenticating with OAuth 2.0 Application-Only is forbidden for this endpoint.  Supported authentication types are [OAuth 1.0a User Context, OAuth 2.0 User Context].\n";
    let (_, v) = json(&[], text.as_bytes());
    assert_eq!(v["status"]["code"], 403);
    let r = &v["request"];
    assert_eq!(
        (r["method"].as_str(), r["endpoint"]["path"].as_str()),
        (Some("POST"), Some("/2/tweets"))
    );
    assert_eq!(r["library"]["version"], "4.x");
    assert_eq!(r["library"]["method"], "Client.create_tweet");
}

#[test]
fn a_twitter_api_v2_dump_gives_the_request_and_its_auth() {
    let dump = r#"ApiResponseError: Request failed with code 403
    at RequestHandlerHelper.createResponseError (/app/node_modules/twitter-api-v2/dist/cjs/client-mixins/request-handler.helper.js:104:16) {
  error: true,
  type: 'response',
  code: 403,
  request: ClientRequest {
    _header: 'POST /2/tweets HTTP/1.1\r\nAuthorization: Bearer AAAAAAAAAAAAAAAAAAAAAhidden\r\nHost: api.twitter.com\r\n\r\n',
    method: 'POST',
    path: '/2/tweets',
    host: 'api.twitter.com',
  },
  data: {
    title: 'Unsupported Authentication',
    detail: 'Authenticating with OAuth 2.0 Application-Only is forbidden for this endpoint.  Supported authentication types are [OAuth 1.0a User Context, OAuth 2.0 User Context].',
    type: 'https://api.twitter.com/2/problems/unsupported-authentication',
    status: 403
  }
}"#;
    let (_, v) = json(&[], dump.as_bytes());
    let r = &v["request"];
    assert_eq!(r["host"], "api.twitter.com");
    assert_eq!(r["endpoint"]["path"], "/2/tweets");
    assert_eq!(r["auth_used"], "oauth2-app");
    assert_eq!(r["library"]["name"], "twitter-api-v2");
    assert!(
        r["advice"].to_string().contains("which it does not accept"),
        "{}",
        r["advice"]
    );
    assert!(!v.to_string().contains("hidden"));
}

#[test]
fn a_twitter4j_trace_names_the_method_and_version() {
    let trace = "403:The request is understood, but it has been refused.\nmessage - You currently have access to a subset of Twitter API v2 endpoints and limited v1.1 endpoints (e.g. media post, oauth) only.\ncode - 453\n\nTwitterException{exceptionCode=[a8c9f2ee-13e8b4a1], statusCode=403, message=You currently have access to a subset of Twitter API v2 endpoints, code=453, retryAfter=-1, rateLimitStatus=null, version=4.0.7}\n\tat twitter4j.HttpClientImpl.handleRequest(HttpClientImpl.java:164)\n\tat twitter4j.TwitterImpl.post(TwitterImpl.java:1929)\n\tat twitter4j.TwitterImpl.updateStatus(TwitterImpl.java:316)\n\tat bot.Main.main(Main.java:20)\n";
    let (_, v) = json(&[], trace.as_bytes());
    assert_eq!(codes(&v), [453]);
    let r = &v["request"];
    assert_eq!(r["endpoint"]["path"], "/1.1/statuses/update");
    assert_eq!(
        (
            r["library"]["name"].as_str(),
            r["library"]["version"].as_str()
        ),
        (Some("Twitter4J"), Some("4.0.7"))
    );
    assert_eq!(r["library"]["method"], "updateStatus");
    assert!(
        r["advice"]
            .to_string()
            .contains("X's move is POST /2/tweets"),
        "{}",
        r["advice"]
    );
}

#[test]
fn a_url_in_a_log_line_names_the_endpoint() {
    let log = "2026-11-25 12:00:01 ERROR GET https://api.x.com/2/users/2244994945/tweets?max_results=5 -> 429 Too Many Requests\n";
    let (_, v) = json(&[], log.as_bytes());
    let r = &v["request"];
    assert_eq!(r["path"], "/2/users/2244994945/tweets");
    assert_eq!(r["endpoint"]["path"], "/2/users/:id/tweets");
    assert_eq!(r["seen"]["how"], "url");
    assert!(
        r["advice"]
            .to_string()
            .contains("the limit hit is GET /2/users/:id/tweets's"),
        "{}",
        r["advice"]
    );
}

#[test]
fn no_request_in_the_text_no_request_report() {
    let (_, v) = json(&[], br#"{"errors":[{"code":453,"message":"x"}]}"#);
    assert!(
        v["request"].is_null(),
        "nothing is guessed: {}",
        v["request"]
    );
    let (_, v) = json(&["453"], b"");
    assert!(v["request"].is_null());
}

#[test]
fn a_signature_error_compares_the_clocks() {
    let response = b"HTTP/1.1 401 Unauthorized\r\ndate: Wed, 25 Nov 2026 12:00:00 GMT\r\n\r\n{\"errors\":[{\"code\":135,\"message\":\"Timestamp out of bounds.\"}]}\n";
    let date = 1_795_608_000; // Wed, 25 Nov 2026 12:00:00 GMT
    let (_, v) = json(&["--now", &(date - 200).to_string()], response);
    let notes = v["notes"].to_string();
    assert!(
        notes.contains("code 135: this machine's clock is 200 s behind the server's"),
        "{notes}"
    );
    let (_, v) = json(&["--now", &(date + 200).to_string()], response);
    assert!(
        v["notes"]
            .to_string()
            .contains("200 s ahead of the server's"),
        "{}",
        v["notes"]
    );
    let (_, v) = json(&["--now", &(date + 2 * 86_400).to_string()], response);
    assert!(
        v["notes"]
            .to_string()
            .contains("too far apart to be clock skew"),
        "{}",
        v["notes"]
    );
    let (_, v) = json(&["--now", &(date + 5).to_string()], response);
    assert!(
        v["notes"].to_string().contains("agree within 5 s"),
        "{}",
        v["notes"]
    );
    // Without a date header there is nothing to compare.
    let (_, v) = json(
        &["--now", "1"],
        br#"{"errors":[{"code":135,"message":"Timestamp out of bounds."}]}"#,
    );
    assert!(!v["notes"].to_string().contains("clock"), "{}", v["notes"]);
}

#[test]
fn the_endpoint_subcommand_by_path_url_or_library_method() {
    let (exit, out, _) = crate::common::run(
        &[
            "endpoint",
            "POST",
            "https://api.twitter.com/1.1/statuses/update.json",
        ],
        b"",
    );
    assert_eq!(exit, 0);
    assert!(
        out.starts_with("POST /1.1/statuses/update — Post a Tweet\n"),
        "{out}"
    );
    assert!(
        out.contains("  v2 move:     POST /2/tweets — Post a Tweet\n"),
        "{out}"
    );
    assert!(
        out.contains("  tweepy:      API.update_status -> Client.create_tweet\n"),
        "{out}"
    );
    let (_, v) = json(&["endpoint", "/2/tweets"], b"");
    let methods: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["method"].as_str().unwrap())
        .collect();
    assert_eq!(
        methods,
        ["GET", "POST"],
        "both methods of the path, not /2/tweets/:id"
    );
    assert_eq!(v[1]["from_v1"][0], "POST /1.1/statuses/update");
    let (_, v) = json(&["endpoint", "/1.1/statuses/show/1234567890.json"], b"");
    assert_eq!(v[0]["path"], "/1.1/statuses/show/:id");
    let (_, v) = json(&["endpoint", "create_tweet"], b"");
    assert_eq!(
        (v[0]["method"].as_str(), v[0]["path"].as_str()),
        (Some("POST"), Some("/2/tweets"))
    );
    let (exit, out, err) = crate::common::run(&["endpoint", "/2/nothing"], b"");
    assert_eq!((exit, out.as_str()), (1, ""));
    assert!(
        err.starts_with("twerr: `/2/nothing` is no endpoint of the table"),
        "{err}"
    );
}

#[test]
fn the_method_is_the_texts_and_a_wrong_one_is_said() {
    // Go's net/http: `Get https://...`, for an endpoint that takes POST.
    let text = b"Get https://api.twitter.com/1.1/friendships/create.json returned status 401, {\"errors\":[{\"code\":89,\"message\":\"Invalid or expired token.\"}]}\n";
    let (_, v) = json(&[], text);
    let r = &v["request"];
    assert_eq!(r["method"], "GET", "as the text says, not the table's");
    assert_eq!(r["endpoint"]["method"], "POST");
    assert!(
        r["advice"]
            .to_string()
            .contains("the request was GET, but /1.1/friendships/create takes POST"),
        "{}",
        r["advice"]
    );
    // With no method in the text, none is reported.
    let (_, v) = json(
        &[],
        b"see https://api.twitter.com/1.1/friendships/create.json: 401 Unauthorized\n",
    );
    assert!(v["request"]["method"].is_null(), "{}", v["request"]);
    assert_eq!(v["request"]["endpoint"]["path"], "/1.1/friendships/create");
}
