//! What a parsed body says: the members of its objects read by meaning (v1.1 `errors`
//! arrays, v2 problems, legacy `error` bodies, OAuth 2 token errors, client dumps with
//! their status, rate-limit and header objects), followed into nested objects and bodies
//! kept as strings.

use super::super::framing::code_finding;
use super::super::values::{bounded, is_plain_number, relaxed};
use super::super::{Evidence, Finding, How, Problem, Seen, is_interesting_header};
use super::foreign::foreign;
use super::members::Members;
use crate::catalog::lexicon::is_status_key;
use serde_json::{Map, Value};

/// How far into nested `data` objects of client dumps the interpreter follows.
const MAX_INTERPRET_DEPTH: usize = 4;

/// Interprets one parsed value, marking it as a body when it holds something or looks like
/// a response. Returns whether it was a body.
pub(super) fn read_value(
    value: &Value,
    how: How,
    line: usize,
    depth: usize,
    out: &mut Vec<Evidence>,
) -> bool {
    let marker = Evidence {
        finding: Finding::Body,
        seen: Seen { line, how },
    };
    // A body right after another on the same line (responses appended to a log with no
    // newline) is marked where it starts, so that batch mode counts each one.
    let repeat = out.last().is_some_and(|e| {
        e.seen.line == line && matches!(e.seen.how, How::JsonBody | How::ObjectLiteral)
    });
    if repeat {
        out.push(marker.clone());
    }
    let before = out.len();
    let place = Place {
        how,
        line,
        depth,
        free_text: true,
    };
    // Another API's error body: its words and numbers mean nothing in these tables.
    match foreign(value) {
        Some(f) => {
            out.push(Evidence {
                finding: Finding::Hint {
                    text: format!(
                        "the body there is not the Twitter/X API's ({}); only its HTTP status and headers apply",
                        f.why
                    ),
                },
                seen: Seen { line, how },
            });
            // Its status member is the response's status by that API's documentation.
            if let Some(code) = f.status {
                out.push(Evidence {
                    finding: Finding::Status { code, reason: None },
                    seen: Seen { line, how },
                });
            }
        }
        None => interpret(value, place, out),
    }
    let said = out.len() > before;
    let body = said || looks_like_response(value);
    // What a body says is seen as read from a body; a body that says nothing (a 200's
    // `data`) is marked, so that batch mode still sees where that response was.
    match (repeat, body, said) {
        (false, true, false) => out.push(marker),
        (true, false, _) => {
            out.pop();
        }
        _ => {}
    }
    body
}

/// A value that is a response body even when it holds no error (a `data`-only 200).
fn looks_like_response(value: &Value) -> bool {
    value.member("data").is_some() || value.member("errors").is_some()
}

/// Where a value is read: its shape and line, how deep in nested objects (a client's error
/// object holds the response, which holds the body, sometimes as a string), and whether
/// its strings may be read as text (not in `data`, which is the API's content: a tweet's
/// text saying "404" is no status).
#[derive(Clone, Copy)]
struct Place {
    how: How,
    line: usize,
    depth: usize,
    free_text: bool,
}

impl Place {
    fn deeper(self) -> Place {
        Place {
            depth: self.depth + 1,
            ..self
        }
    }
}

/// Reads what a parsed body says.
fn interpret(value: &Value, place: Place, out: &mut Vec<Evidence>) {
    let Place {
        how, line, depth, ..
    } = place;
    if depth > MAX_INTERPRET_DEPTH {
        return;
    }
    match value {
        // tweepy 3 / python-twitter print the errors list itself.
        // A list of whole bodies (`[{"errors": [...]}]`, responses collected by a client)
        // is read body by body; a list of errors, entry by entry.
        Value::Array(items) if items.iter().any(is_a_body) => {
            for item in items.iter().filter(|v| is_a_body(v)) {
                interpret(item, place.deeper(), out);
            }
        }
        Value::Array(items) => error_entries(items, how, line, out),
        Value::Object(map) => {
            let before = out.len();
            object(map, how, line, out);
            // An object that said nothing as an error body (a structured log record) may
            // hold the error in its text: `{"msg":"Request failed with status code 429"}`.
            let said = out.len() > before;
            nested(map, place, said, out);
        }
        Value::String(text) => {
            if let Some((inner, _)) = embedded_body(text) {
                interpret(&inner, place.deeper(), out);
            }
        }
        _ => {}
    }
}

/// An object shaped as a whole body: an `errors` list, or a problem's type.
fn is_a_body(value: &Value) -> bool {
    value.as_object().is_some_and(|m| {
        m.member("errors").is_some_and(Value::is_array)
            || m.member("type")
                .and_then(Value::as_str)
                .is_some_and(is_problem_type)
    })
}

/// A list of errors printed on its own (tweepy 3's `[{'code': 187, ...}]`) or kept under
/// another name (`allErrors`): each object an entry.
fn error_entries(items: &[Value], how: How, line: usize, out: &mut Vec<Evidence>) {
    let mut push = pusher(line, out);
    for item in items {
        if let Value::Object(m) = item {
            error_entry(m, None, how, &mut push);
        }
    }
}

fn pusher(line: usize, out: &mut Vec<Evidence>) -> impl FnMut(Finding, How) + '_ {
    move |finding, how| {
        out.push(Evidence {
            finding,
            seen: Seen { line, how },
        })
    }
}

/// The members of one object that say what went wrong, in the order they are reported:
/// a problem, the `errors` list, a legacy `error`, a code, the status, a media upload's
/// failure, a rate-limit object, headers.
fn object(map: &Map<String, Value>, how: How, line: usize, out: &mut Vec<Evidence>) {
    let mut push = pusher(line, out);
    let push = &mut push;
    let problem_type = map
        .member("type")
        .and_then(Value::as_str)
        .filter(|t| is_problem_type(t));
    problem_members(map, problem_type, how, push);
    legacy_error(map, how, push);
    code_members(map, how, push);
    if problem_type.is_none()
        && let Some(code) = status_member(map)
    {
        push(Finding::Status { code, reason: None }, how);
    }
    media_failure(map, how, push);
    rate_limit_members(map, how, push);
    header_members(map, how, push);
}

/// A v2 problem (or what is shaped like one), then each entry of an `errors` list.
fn problem_members(
    map: &Map<String, Value>,
    problem_type: Option<&str>,
    how: How,
    push: &mut impl FnMut(Finding, How),
) {
    if let Some(type_uri) = problem_type {
        problem(map, type_uri, how, push);
    } else if let (Some(title), Some(detail)) =
        (str_member(map, "title"), str_member(map, "detail"))
    {
        // Shaped like a problem but with no type (cut, or replaced by the user): its
        // words are all there is; diagnosis matches them against the tables.
        let joined = Finding::Message {
            text: format!("{title}: {detail}"),
            oauth_error: None,
            request: None,
            title_len: Some(title.len()),
        };
        push(joined, how);
    }
    if let Some(Value::Array(errors)) = map.member("errors") {
        for e in errors {
            match e {
                Value::Object(m) => error_entry(m, problem_type, how, push),
                Value::String(s) => push(message(s, None, None), how),
                _ => {}
            }
        }
    }
}

/// A legacy `{"error": ...}` body, or an OAuth 2 token error with its description.
fn legacy_error(map: &Map<String, Value>, how: How, push: &mut impl FnMut(Finding, How)) {
    if let Some(Value::String(err)) = map.member("error") {
        match map.member("error_description").and_then(Value::as_str) {
            Some(desc) => push(message(desc, Some(err), None), how),
            None => push(
                message(err, None, map.member("request").and_then(Value::as_str)),
                how,
            ),
        }
    }
}

/// `code` as a client's status, or as an API error code beside its message, or a code
/// under another key.
fn code_members(map: &Map<String, Value>, how: How, push: &mut impl FnMut(Finding, How)) {
    if is_client_response_dump(map) {
        if let Some(code) = map.member("code").and_then(status_value) {
            push(Finding::Status { code, reason: None }, how);
        }
    } else if !map.has("errors") && map.has("code") && map.has("message") {
        error_entry(map, None, how, push);
    } else if !map.has("code")
        && let Some(digits) = CODE_KEYS
            .iter()
            .find_map(|k| map.member(k))
            .and_then(whole_number)
    {
        push(
            code_finding(&digits, str_member(map, "message").map(str::to_string)),
            how,
        );
    }
}

/// A media upload's status: its `error.code` numbers media processing failures, not API
/// error codes, so the failure is reported by its name and message.
fn media_failure(map: &Map<String, Value>, how: How, push: &mut impl FnMut(Finding, How)) {
    let Some(Value::Object(info)) = map.member("processing_info") else {
        return;
    };
    if info.member("state").and_then(Value::as_str) != Some("failed") {
        return;
    }
    let error = info.member("error");
    let name = error.and_then(|e| e.member("name")).and_then(Value::as_str);
    let text = error
        .and_then(|e| e.member("message"))
        .and_then(Value::as_str);
    let said = match (name, text) {
        (Some(n), Some(t)) => format!("media processing failed ({n}): {t}"),
        (Some(n), None) => format!("media processing failed ({n})"),
        (None, Some(t)) => format!("media processing failed: {t}"),
        (None, None) => "media processing failed".to_string(),
    };
    push(message(&said, None, None), how);
}

/// A client's `rateLimit` object, read as the headers it stands for.
fn rate_limit_members(map: &Map<String, Value>, how: How, push: &mut impl FnMut(Finding, How)) {
    let Some(Value::Object(rl)) = map.member("rateLimit") else {
        return;
    };
    for (key, name) in [
        ("limit", "x-rate-limit-limit"),
        ("remaining", "x-rate-limit-remaining"),
        ("reset", "x-rate-limit-reset"),
    ] {
        if let Some(v) = rl.member(key).and_then(scalar_text) {
            let name = name.to_string();
            push(Finding::Header { name, value: v }, how);
        }
    }
}

/// A client's headers object, or the headers printed as an object of their own.
fn header_members(map: &Map<String, Value>, how: How, push: &mut impl FnMut(Finding, How)) {
    let headers = match map.member("headers") {
        Some(Value::Object(h)) => Some(h),
        _ => map
            .keys()
            .any(|k| k.to_ascii_lowercase().starts_with("x-rate-limit-"))
            .then_some(map),
    };
    for (name, v) in headers.into_iter().flatten() {
        if let Some(v) = scalar_text(v).filter(|_| is_interesting_header(name)) {
            if let Some(implied) = super::super::exhausted_limit(name, &v) {
                // Seen as a header: it belongs to the response whose headers it is.
                push(implied, How::Header);
            }
            let name = name.to_ascii_lowercase();
            push(Finding::Header { name, value: v }, how);
        }
    }
}

/// The HTTP status a member holds under a key that names one, whatever the client calls
/// it (the lexicon's key words: `statusCode`, `http_code`, `httpstatus`, `status`).
fn status_member(map: &Map<String, Value>) -> Option<u16> {
    map.iter()
        .filter(|(k, _)| is_status_key(k))
        .find_map(|(_, v)| status_value(v))
}

/// Keys whose value is an API error code, besides `code`.
const CODE_KEYS: &[&str] = &[
    "error_code",
    "errorCode",
    "api_code",
    "api_error_code",
    "apiCode",
];

/// A number written with a zero fraction (`187.0`), as a whole number.
fn whole(n: &serde_json::Number) -> Option<u64> {
    let text = n.to_string();
    let (int, frac) = text.split_once('.')?;
    let zero = !frac.is_empty() && frac.bytes().all(|b| b == b'0');
    zero.then(|| int.parse().ok()).flatten()
}

/// A status as a member's value: `403`, `"403"` or `"403 Forbidden"`.
fn status_value(v: &Value) -> Option<u16> {
    let n = match v {
        Value::Number(n) => n.as_u64()?,
        Value::String(s) => {
            let digits = s.split(' ').next()?;
            if digits.len() != 3 || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            digits.parse().ok()?
        }
        _ => return None,
    };
    u16::try_from(n).ok().filter(|c| (100..=599).contains(c))
}

/// A whole number written as digits (a number, or a string of digits).
fn whole_number(v: &Value) -> Option<String> {
    match v {
        Value::Number(n) if n.as_u64().is_some() => Some(n.to_string()),
        Value::String(s) if is_number_as_written(s) => Some(s.clone()),
        _ => None,
    }
}

/// Digits a number is written with: `"88"`, not `"093"` (padded, or Python 2's octal: the
/// digits of 93 do not stand there as 93) nor 21 digits or more.
fn is_number_as_written(s: &str) -> bool {
    s.len() <= 20 && is_plain_number(s)
}

fn str_member<'a>(map: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    map.member(key).and_then(Value::as_str)
}

/// Follows the members that hold more of the answer: nested objects (`response`, `data`,
/// `error`), bodies kept as strings (`twitterReply: '{"errors":...}'`), error lists under
/// other names (`allErrors`), and, in an object that said nothing itself, the text of its
/// strings.
fn nested(map: &Map<String, Value>, place: Place, said: bool, out: &mut Vec<Evidence>) {
    for (key, v) in map {
        let inner = Place {
            free_text: place.free_text && !matches!(key.as_str(), "data" | "includes"),
            ..place.deeper()
        };
        match v {
            Value::Object(_)
                if !matches!(key.as_str(), "headers" | "rateLimit" | "processing_info") =>
            {
                interpret(v, inner, out);
            }
            Value::String(text) => {
                let as_text = !said && inner.free_text && inner.depth <= MAX_INTERPRET_DEPTH;
                match embedded_body(text) {
                    // A body with more after it (curl -w's status, a log's words) is read
                    // as text, which finds the body and what follows it.
                    Some((body, whole)) if whole || !as_text => interpret(&body, inner, out),
                    _ if as_text => {
                        out.extend(super::super::read_text(text, place.line, inner.depth));
                    }
                    _ => {}
                }
            }
            Value::Array(items)
                if key != "errors" && key.to_ascii_lowercase().contains("error") =>
            {
                error_entries(items, place.how, place.line, out)
            }
            _ => {}
        }
    }
}

/// A body kept as a string value: parsed when the string begins with one, and whether the
/// body is the whole string.
fn embedded_body(text: &str) -> Option<(Value, bool)> {
    let t = text.trim();
    if t.len() > 1 << 20 || !(t.starts_with('{') || t.starts_with("[{")) {
        return None;
    }
    let bytes = t.as_bytes();
    if !super::nesting_within_limit(bytes, 0) {
        return None;
    }
    bounded::json_prefix(t)
        .ok()
        .or_else(|| relaxed::literal_prefix(t))
        .filter(|(v, _)| v.is_object() || v.is_array())
        .map(|(v, used)| (v, t[used..].trim().is_empty()))
}

/// Objects whose `code` is the HTTP status, not an API error code: twitter-api-v2's error
/// (`error: true, type: 'response', code: 403`), a client's response array beside its
/// headers or body (tmhOAuth's `[code] => 401 [response] => ...`), and an object whose
/// `code` comes with its own reason phrase (`{ code: 403, message: 'Forbidden' }`) or
/// with the same number under a status key.
fn is_client_response_dump(map: &Map<String, Value>) -> bool {
    let Some(code) = map.member("code").and_then(status_value) else {
        return false;
    };
    let beside_response = ["headers", "response", "raw_body", "statusText"]
        .iter()
        .any(|k| map.has(k));
    let own_reason = ["message", "statusText", "reason"]
        .iter()
        .filter_map(|k| str_member(map, k))
        .any(|text| crate::catalog::status_named(text) == Some(code));
    let same_status = status_member(map) == Some(code);
    // A proxy's JSend-style answer, `{"status":"error","code":402,"message":...}`.
    let jsend = matches!(str_member(map, "status"), Some("error" | "fail"));
    map.member("type").and_then(Value::as_str) == Some("response")
        || (map.member("error") == Some(&Value::Bool(true)) && map.has("data"))
        || jsend
        || beside_response
        || own_reason
        || same_status
}

/// A v2 problem's type: a URI of its own, so no spaces, quotes or backslashes (a dump read
/// with its escapes still in, `\n  string(61) "https://..."`, is no type).
fn is_problem_type(t: &str) -> bool {
    let uri = !t.contains(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '\\'));
    uri && (t.eq_ignore_ascii_case("about:blank")
        || t.contains("/problems/")
        || t.contains("/error-troubleshooting#"))
}

/// One entry of an `errors` array: a v1.1 code, a partial v2 problem, or a bare message.
fn error_entry(
    m: &Map<String, Value>,
    parent_problem: Option<&str>,
    how: How,
    push: &mut impl FnMut(Finding, How),
) {
    let text = m
        .member("message")
        .and_then(Value::as_str)
        .map(str::to_string);
    if let Some(code) = m.member("code") {
        let finding = match code {
            // `187.0` is 187: a whole number written with a fraction.
            Value::Number(n) => match n.as_u64().or_else(|| whole(n)) {
                Some(c) => Finding::Code {
                    code: c,
                    message: text,
                },
                None => Finding::InvalidCode {
                    raw: n.to_string(),
                    message: text,
                },
            },
            Value::String(s) if is_number_as_written(s) => code_finding(s, text),
            other => Finding::InvalidCode {
                raw: other.to_string(),
                message: text,
            },
        };
        push(finding, how);
    } else if let Some(t) = m
        .member("type")
        .and_then(Value::as_str)
        .filter(|t| is_problem_type(t))
    {
        problem(m, t, how, push);
    } else if let Some(text) = text {
        // The messages of an invalid-request problem are reported with the problem itself.
        if parent_problem.is_none() {
            push(message(&text, None, None), how);
        }
    }
}

fn problem(m: &Map<String, Value>, type_uri: &str, how: How, push: &mut impl FnMut(Finding, How)) {
    const COMMON: &[&str] = &["type", "title", "detail", "status", "errors"];
    // As for a code: `0429` or `+429` does not write 429.
    let status = m
        .member("status")
        .and_then(whole_number)
        .and_then(|t| t.parse::<u16>().ok())
        .filter(|s| (100..=599).contains(s));
    let fields = m
        .iter()
        .filter(|(k, _)| !COMMON.contains(&k.as_str()))
        .filter_map(|(k, v)| scalar_text(v).map(|v| (k.clone(), v)))
        .collect();
    let details = match m.member("errors") {
        Some(Value::Array(errors)) => errors
            .iter()
            .filter(|e| e.member("code").is_none() && e.member("type").is_none())
            .filter_map(|e| {
                e.member("message")
                    .and_then(Value::as_str)
                    .map(str::to_string)
            })
            .collect(),
        _ => Vec::new(),
    };
    push(
        Finding::Problem(Box::new(Problem {
            type_uri: type_uri.to_string(),
            title: m
                .member("title")
                .and_then(Value::as_str)
                .map(str::to_string),
            detail: m
                .member("detail")
                .and_then(Value::as_str)
                .map(str::to_string),
            status,
            fields,
            details,
        })),
        how,
    );
    if let Some(code) = status {
        push(Finding::Status { code, reason: None }, How::ProblemStatus);
    }
}

fn message(text: &str, oauth_error: Option<&str>, request: Option<&str>) -> Finding {
    Finding::Message {
        text: text.to_string(),
        oauth_error: oauth_error.map(str::to_string),
        request: request.map(str::to_string),
        title_len: None,
    }
}

fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().filter_map(scalar_text).collect();
            (!parts.is_empty()).then(|| parts.join(", "))
        }
        _ => None,
    }
}
