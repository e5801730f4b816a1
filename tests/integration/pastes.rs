//! What people paste into bug reports, end to end: wrapped in markdown and log prefixes,
//! bodies escaped inside strings, the dumps of PHP, Ruby, Java, Node and Python, what client
//! libraries and HTTP stacks say in words, statuses named only by words. Each shape here was
//! written for this project; each test names the reading it checks.

use crate::common::{codes, json, run};
use serde_json::Value;

fn status(v: &Value) -> Option<u64> {
    v["status"]["code"].as_u64()
}

fn how(v: &Value) -> &str {
    v["status"]["seen"]["how"].as_str().unwrap_or("")
}

#[test]
fn markdown_and_logging_prefixes_are_undone_and_lines_still_point_at_the_paste() {
    let paste = "Here is what I get:\n\n```python\n2026-01-05 09:12:44,301 ERROR:bot:posting failed\n2026-01-05 09:12:44,302 ERROR:bot:tweepy.errors.Forbidden: 403 Forbidden\n2026-01-05 09:12:44,302 ERROR:bot:187 - Status is a duplicate.\n```\n";
    let (exit, v) = json(&[], paste.as_bytes());
    assert_eq!(exit, 0);
    assert_eq!(status(&v), Some(403));
    assert_eq!(v["status"]["seen"]["line"], 5, "the line of the paste");
    assert_eq!(codes(&v), [187]);
    assert_eq!(v["errors"][0]["seen"]["line"], 6);
}

#[test]
fn quoted_and_backticked_lines() {
    let (_, v) = json(
        &[],
        b"> `tweepy.errors.Unauthorized: 401 Unauthorized`\n> `89 - Invalid or expired token.`\n",
    );
    assert_eq!((status(&v), codes(&v)), (Some(401), vec![89]));
}

#[test]
fn a_body_escaped_inside_a_log_string() {
    let line = br#"level=error msg="post failed" body="{\"errors\":[{\"code\":186,\"message\":\"Tweet needs to be a bit shorter.\"}]}" status=403"#;
    let (exit, v) = json(&[], line);
    assert_eq!(exit, 0);
    assert_eq!(codes(&v), [186]);
}

/// An emoji in a message is written as a UTF-16 surrogate pair (`\ud83d\ude00`) by JSON
/// encoders and JavaScript consoles alike; it reads as the one character, in a body escaped
/// inside a string as in a console's dump, and a half of a pair alone as U+FFFD.
#[test]
fn a_surrogate_pair_in_a_message_is_one_character() {
    let escaped =
        br#"body="{\"errors\":[{\"code\":187,\"message\":\"Duplicate \ud83d\ude00 post\"}]}""#;
    let console = br"{ errors: [ { message: 'Duplicate \ud83d\ude00 post \udc00', code: 187 } ] }";
    for (input, message) in [
        (&escaped[..], "Duplicate \u{1f600} post"),
        (&console[..], "Duplicate \u{1f600} post \u{fffd}"),
    ] {
        let (_, v) = json(&[], input);
        assert_eq!(codes(&v), [187]);
        assert_eq!(v["errors"][0]["message"], message, "{v}");
    }
}

#[test]
fn a_structured_log_record_carries_the_error_in_its_text() {
    let line = br#"{"level":50,"time":1767225600000,"msg":"upload failed: Request failed with status code 413"}"#;
    let (_, v) = json(&[], line);
    assert_eq!(status(&v), Some(413));
    assert!(
        v["errors"].as_array().unwrap().is_empty(),
        "1767225600000 and 50 are nothing: {v}"
    );
}

#[test]
fn php_print_r_and_var_dump() {
    let print_r = b"stdClass Object\n(\n    [errors] => Array\n        (\n            [0] => stdClass Object\n                (\n                    [message] => Sorry, that page does not exist\n                    [code] => 34\n                )\n\n        )\n\n)\n";
    let (_, v) = json(&[], print_r);
    assert_eq!(codes(&v), [34]);
    let var_dump = b"object(stdClass)#3 (1) {\n  [\"errors\"]=>\n  array(1) {\n    [0]=>\n    object(stdClass)#4 (2) {\n      [\"code\"]=>\n      int(99)\n      [\"message\"]=>\n      string(33) \"Unable to verify your credentials\"\n    }\n  }\n}\n";
    let (_, v) = json(&[], var_dump);
    assert_eq!(codes(&v), [99]);
    let (_, v) = json(&[], b"Array ( [code] => 401 [response] => {\"errors\":[{\"code\":32,\"message\":\"Could not authenticate you.\"}]} )");
    assert_eq!(
        (status(&v), codes(&v)),
        (Some(401), vec![32]),
        "tmhOAuth's code is the status"
    );
}

#[test]
fn ruby_inspect_and_java_to_string() {
    let (_, v) = json(
        &[],
        b"{:errors=>[{:code=>64, :message=>\"Your account is suspended\"}]}",
    );
    assert_eq!(codes(&v), [64]);
    let (_, v) = json(&[], b"TwitterException{exceptionCode=[1a2b3c4d-5e6f7a8b], statusCode=503, message=Over capacity, code=130, retryAfter=-1, rateLimitStatus=null, version=4.0.7}");
    assert_eq!((status(&v), codes(&v)), (Some(503), vec![130]));
}

#[test]
fn node_error_object_with_the_body_as_a_string() {
    let dump = b"{ [Error: Sorry, you are not authorized to see this status.]\n  message: 'Sorry, you are not authorized to see this status.',\n  code: 179,\n  allErrors: [ { code: 179, message: 'Sorry, you are not authorized to see this status.' } ],\n  twitterReply: '{\"errors\":[{\"code\":179,\"message\":\"Sorry, you are not authorized to see this status.\"}]}',\n  statusCode: 403 }\n";
    let (_, v) = json(&[], dump);
    assert_eq!((status(&v), codes(&v)), (Some(403), vec![179]));
    assert_eq!(
        v["errors"][0]["occurrences"], 3,
        "one error, said three ways"
    );
    let (_, v) = json(&[], b"{ code: 503, message: 'Service Unavailable' }");
    assert_eq!(
        (status(&v), codes(&v)),
        (Some(503), vec![]),
        "a code with its own reason phrase is the status"
    );
}

#[test]
fn what_http_stacks_and_libraries_say_in_words() {
    for (text, want) in [
        ("AxiosError: Request failed with status code 429", 429),
        (
            "TwythonAuthError: Twitter API returned a 401 (Unauthorized), Invalid or expired token",
            401,
        ),
        ("Error in doAPICall(): client error: (404) Not Found", 404),
        (
            "requests.exceptions.HTTPError: 503 Server Error: Service Unavailable for url: https://api.twitter.com/2/tweets",
            503,
        ),
        (
            "System.Net.WebException: The remote server returned an error: (401) Unauthorized.",
            401,
        ),
        (
            "Server returned HTTP response code: 403 for URL: https://api.twitter.com/1.1/x.json",
            403,
        ),
        (
            "2026/01/01 12:00:00 anaconda: Get https://api.twitter.com/1.1/x.json returned status 429",
            429,
        ),
        ("[420] Enhance Your Calm", 420),
        ("Error Domain=HTTP Code=401 \"(HTTP error 401.)\"", 401),
        ("<Response [403]>", 403),
    ] {
        let (exit, v) = json(&[], text.as_bytes());
        assert_eq!((exit, status(&v)), (0, Some(want)), "{text}");
    }
}

#[test]
fn codes_named_in_words() {
    let (_, v) = json(
        &[],
        b"twitter: 261 Application cannot perform write actions.",
    );
    assert_eq!(codes(&v), [261], "go-twitter");
    let (_, v) = json(
        &[],
        b"E/TwitterKit: HTTP Error: 403 Forbidden, API Error: 161, message",
    );
    assert_eq!((status(&v), codes(&v)), (Some(403), vec![161]));
    let (_, v) = json(&[], b"java.io.IOException: 429:Returned in API v1.1 when a request cannot be served\nmessage - Rate limit exceeded\ncode - 88\n");
    assert_eq!((status(&v), codes(&v)), (Some(429), vec![88]), "Twitter4J");
    let (_, v) = json(&[], b"Warning message:\nRate limit exceeded - 88\n");
    assert_eq!(codes(&v), [88], "a code beside its own message");
}

#[test]
fn an_error_class_implies_a_status_marked_as_implied() {
    let (exit, v) = json(&[], b"tweepy.errors.TooManyRequests\n");
    assert_eq!(exit, 0);
    assert_eq!(status(&v), Some(429));
    assert_eq!(how(&v), "implied");
    assert_eq!(v["status"]["implied_by"], "tweepy.errors.TooManyRequests");
    let (_, out, _) = run(&[], b"tweepy.errors.TooManyRequests\n");
    assert!(
        out.contains("HTTP 429 Too Many Requests (implied)"),
        "{out}"
    );
    assert!(
        out.contains("implied by \"tweepy.errors.TooManyRequests\""),
        "{out}"
    );
}

#[test]
fn a_message_without_its_number_is_explained_through_its_entry() {
    let (exit, v) = json(&[], b"[bot] giving up: Invalid or expired token.\n");
    assert_eq!(exit, 0);
    let e = &v["errors"][0];
    assert!(e["code"].is_null(), "89 is not in the input");
    assert_eq!(e["matched_code"], 89);
    assert_eq!(e["official_message"], "Invalid or expired token");
    assert_eq!(
        how(&v),
        "implied",
        "its documented status is implied by the words"
    );
    assert_eq!(status(&v), Some(401));
    let (_, v) = json(
        &[],
        b"Exception: Client Forbidden: When authenticating requests you must use a Project\n",
    );
    assert_eq!(v["errors"][0]["matched_type"], "client-forbidden");
    assert!(v["errors"][0]["type"].is_null());
    let (_, v) = json(&[], b"(x_x) Twitter is over capacity.\n");
    assert_eq!((status(&v), how(&v)), (Some(503), "implied"));
}

#[test]
fn never_invent_a_number() {
    let noise = "Traceback (most recent call last):\n  File \"bot.py\", line 404, in <module>\n    main()\nINFO fetched tweet 1429987654321098752 (4031 bytes) from user 187\nERROR 42000: SQLSTATE[42000] near column 403\n[Finished in 2.1s with exit code 1]\nException 0x0000017A failed at 12:40:03.429\n";
    let (_, out, err) = run(&[], noise.as_bytes());
    assert!(
        out.is_empty() && err.contains("nothing recognisable"),
        "{out}{err}"
    );
}

#[test]
fn another_apis_body_keeps_its_status_and_says_whose_it_is() {
    let page = b"HTTP/2 403\r\nx-ratelimit-remaining: 0\r\n\r\n{\"message\":\"API rate limit exceeded for 192.0.2.1.\",\"documentation_url\":\"https://docs.github.com/rest\"}\n";
    let (exit, v) = json(&[], page);
    assert_eq!((exit, status(&v)), (0, Some(403)));
    assert!(v["errors"].as_array().unwrap().is_empty(), "{v}");
    assert!(
        v["notes"]
            .to_string()
            .contains("not the Twitter/X API's (it points to docs.github.com)"),
        "{}",
        v["notes"]
    );
}

#[test]
fn a_recognised_error_exits_zero_even_when_its_code_is_in_no_table() {
    let (exit, v) = json(
        &[],
        br#"{"errors":[{"code":999,"message":"Something new"}]}"#,
    );
    assert_eq!(exit, 0);
    assert_eq!(codes(&v), [999]);
    let (exit, _) = json(
        &[],
        br#"{"error":"Not authorized.","request":"/1.1/x.json"}"#,
    );
    assert_eq!(exit, 0);
    let (exit, _, _) = run(&["99999"], b"");
    assert_eq!(
        exit, 1,
        "a bare number in neither table still recognises nothing"
    );
}

#[test]
fn curly_quotes_make_a_body_readable_again() {
    let paste = "error: {\n\u{201c}title\u{201d}: \u{201c}Unsupported Authentication\u{201d},\n\u{201c}detail\u{201d}: \u{201c}Authenticating with OAuth 2.0 Application-Only is forbidden for this endpoint.\u{201d},\n\u{201c}type\u{201d}: \u{201c}https://api.twitter.com/2/problems/unsupported-authentication\u{201d},\n\u{201c}status\u{201d}: 403\n}\n";
    let (_, v) = json(&[], paste.as_bytes());
    assert_eq!(status(&v), Some(403));
    assert_eq!(
        v["errors"][0]["problem"]["name"],
        "unsupported-authentication"
    );
}

#[test]
fn an_ide_token_after_a_tweepy_traceback_is_no_message() {
    // PyCharm ends a run's traceback with a line of its own.
    let text = "Traceback (most recent call last):\n  File \"/v/site-packages/tweepy/client.py\", line 123, in request\n    raise Forbidden(response)\ntweepy.errors.Forbidden: 403 Forbidden\npython-BaseException\n";
    let (_, v) = crate::common::json(&[], text.as_bytes());
    assert_eq!(v["status"]["code"], 403);
    assert!(
        v["errors"].as_array().unwrap().is_empty(),
        "{}",
        v["errors"]
    );
    // A one-word message tweepy prints for a v2 problem is still read.
    let (_, v) = crate::common::json(&[], b"tweepy.errors.Forbidden: 403 Forbidden\nForbidden\n");
    assert_eq!(v["errors"][0]["message"], "Forbidden");
}

#[test]
fn a_php_namespaced_error_class_implies_its_status() {
    let text = br"Fatal error: Uncaught Hborras\TwitterAdsSDK\TwitterAds\Errors\Forbidden:  FORBIDDEN in C:\wamp\www\TADS\src\TwitterAds.php on line 470";
    let (exit, v) = crate::common::json(&[], text);
    assert_eq!(exit, 0);
    assert_eq!(v["status"]["code"], 403);
    assert_eq!(v["status"]["seen"]["how"], "implied");
}
