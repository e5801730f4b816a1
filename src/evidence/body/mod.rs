//! Finds response bodies inside text (JSON, or the object literals clients print) and reads
//! the errors out of them: v1.1 `errors` arrays, v2 problems, legacy `error` bodies, OAuth 2
//! token errors, and the rate-limit and header objects of client dumps.

use super::values::{bounded, php, relaxed};
use super::{
    Evidence, Finding, How, LineIndex, Problem, Seen, framing::code_finding, is_interesting_header,
    prose,
};
use regex::Regex;
use serde_json::{Map, Value};
use std::sync::LazyLock;

/// How far into nested `data` objects of client dumps the interpreter follows.
const MAX_INTERPRET_DEPTH: usize = 4;

/// Bodies nest a few levels (a client dump: data, errors, an entry); anything nested
/// deeper than this is not tried as a body, which keeps hostile input (`{"a":[` a million
/// times) linear: no parse attempt allocates its way down a deep nest.
const MAX_BODY_DEPTH: usize = 32;
/// How far the nesting check looks.
const NESTING_WINDOW: usize = 4 << 10;

static SALVAGE_CODE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"\{\s*"code"\s*:\s*(?<code>[0-9]{1,20})\s*,\s*"message"\s*:\s*"(?<msg>(?:[^"\\]|\\.)*)"|\{\s*"message"\s*:\s*"(?<msg2>(?:[^"\\]|\\.)*)"\s*,\s*"code"\s*:\s*(?<code2>[0-9]{1,20})"#).unwrap()
});

/// Scans `text` for bodies and appends what they hold. Returns the byte ranges read as
/// bodies, in order, so that later readers leave them alone.
pub(super) fn scan(
    text: &str,
    lines: &LineIndex,
    depth: usize,
    out: &mut Vec<Evidence>,
) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut spans = Vec::new();
    let mut work = Work::for_text(text);
    let mut i = 0;
    while let Some(off) = memchr::memchr2(b'{', b'[', &bytes[i..]) {
        if super::full(out) {
            break;
        }
        let start = i + off;
        if bytes[start] == b'[' && php::starts_key(&text[start..]) {
            i = match php::parse_prefix(&text[start..]) {
                Some((value, used)) => {
                    let line = lines.line_of(start);
                    read_value(&value, How::ObjectLiteral, line, depth, out);
                    spans.push((start, start + used));
                    start + used.max(1)
                }
                None => start + 1,
            };
            continue;
        }
        let escaped =
            bytes[start + 1..].starts_with(b"\\\"") || bytes[start + 1..].starts_with(b"\\\\\\\"");
        if bytes[start] == b'{' && escaped {
            i = escaped_body(text, start, lines, depth, &mut work, out, &mut spans);
            continue;
        }
        if !plausible_start(bytes, start) || !nesting_within_limit(bytes, start) {
            i = start + 1;
            continue;
        }
        let line = lines.line_of(start);
        match parse_at(text, start, &mut work) {
            Parsed::Value(value, end, how, repeats) => {
                if read_value(&value, how, line, depth, out) {
                    note_repeats(&repeats, Seen { line, how }, out);
                    trailing_http_code(text, end, lines, out);
                }
                spans.push((start, end));
                i = end;
            }
            Parsed::Truncated => {
                out.push(Evidence {
                    finding: Finding::Truncated,
                    seen: Seen {
                        line,
                        how: How::TruncatedJson,
                    },
                });
                salvage(&text[start..], start, lines, out);
                spans.push((start, text.len()));
                break;
            }
            Parsed::Nothing => i = start + 1,
        }
    }
    spans
}

/// A key given twice is read as JSON readers read it (the last value counts), with a note
/// naming both values, so that the first one is not lost silently.
fn note_repeats(repeats: &[bounded::Repeat], seen: Seen, out: &mut Vec<Evidence>) {
    // Keys and values are the input's: a long one is shown by its start.
    let short = |text: String| match text.char_indices().nth(40) {
        Some((at, _)) => format!("{}...", &text[..at]),
        None => text,
    };
    for r in repeats {
        let (key, first, last) = (
            short(r.key.clone()),
            short(r.first.to_string()),
            short(r.last.to_string()),
        );
        out.push(Evidence {
            finding: Finding::Hint {
                text: format!(
                    "the body gives \"{key}\" twice ({first}, then {last}); JSON readers keep the last, so it is read as {last}"
                ),
            },
            seen,
        });
    }
}

/// Interprets one parsed value, marking it as a body when it holds something or looks like
/// a response. Returns whether it was a body.
fn read_value(value: &Value, how: How, line: usize, depth: usize, out: &mut Vec<Evidence>) -> bool {
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
    // Another API's error body: its words mean nothing in these tables.
    match foreign_host(value) {
        Some(host) => out.push(Evidence {
            finding: Finding::Hint {
                text: format!(
                    "the body there is not the Twitter/X API's (it points to {host}); only its HTTP status and headers apply"
                ),
            },
            seen: Seen { line, how },
        }),
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

/// The host of a link in an error body that is not the Twitter/X API's own (GitHub's
/// `{"message": ..., "documentation_url": "https://docs.github.com/..."}`).
fn foreign_host(value: &Value) -> Option<String> {
    let Value::Object(map) = value else {
        return None;
    };
    let twitter_shape = ["errors", "type", "title", "code"]
        .iter()
        .any(|k| map.contains_key(*k));
    if twitter_shape || !map.contains_key("message") && !map.contains_key("error") {
        return None;
    }
    map.values().filter_map(Value::as_str).find_map(|v| {
        let rest = v
            .strip_prefix("https://")
            .or_else(|| v.strip_prefix("http://"))?;
        let host = rest
            .split(['/', '?', '#', ':'])
            .next()?
            .to_ascii_lowercase();
        let own = ["twitter.com", "x.com", "twimg.com", "t.co"]
            .iter()
            .any(|d| host == *d || host.ends_with(&format!(".{d}")));
        (!own && !host.is_empty()).then_some(host)
    })
}

/// A JSON body escaped inside a string (`"body":"{\"errors\":[...]}"` in a log line): one
/// level of string escapes is undone, up to the string's closing quote or the line's end,
/// and the result is read as a body. Returns where scanning goes on.
fn escaped_body(
    text: &str,
    start: usize,
    lines: &LineIndex,
    depth: usize,
    work: &mut Work,
    out: &mut Vec<Evidence>,
    spans: &mut Vec<(usize, usize)>,
) -> usize {
    let rest = work.window(&text[start..]);
    let (mut inner, examined) = unescape_string(rest, None);
    work.charge(examined);
    // A body escaped twice (JSON in a string in a string): one more level.
    if inner.starts_with("{\\\"") {
        let (twice, examined) = unescape_string(&inner, None);
        work.charge(examined);
        inner = twice;
    }
    let line = lines.line_of(start);
    let parsed = bounded::parse_prefix(&inner)
        .ok()
        .or_else(|| work.relaxed(&inner));
    match parsed {
        Some((value, used)) if value.is_object() || value.is_array() => {
            read_value(&value, How::JsonBody, line, depth, out);
            // Where the body ends in the escaped text: the next body on the line is read too.
            let (_, end) = unescape_string(rest, Some(used));
            spans.push((start, start + end));
            start + end.max(1)
        }
        _ => start + 1,
    }
}

/// Undoes JSON string escapes in `s` up to its first unescaped `"` or line end, or until
/// `stop_after` bytes have been written, or where the brackets of the body it holds close;
/// returns the text and the bytes of `s` used.
fn unescape_string(s: &str, stop_after: Option<usize>) -> (String, usize) {
    let mut out = String::new();
    let mut body = Balance::default();
    let mut chars = s.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if stop_after.is_some_and(|n| out.len() >= n) || body.closed() {
            return (out, at);
        }
        let decoded = match c {
            '"' | '\n' => return (out, at),
            '\\' => match chars.next() {
                Some((_, 'n')) => '\n',
                Some((_, 't')) => '\t',
                Some((_, 'r')) => '\r',
                Some((at, 'u')) => {
                    let hex = s
                        .get(at + 1..at + 5)
                        .and_then(|h| u32::from_str_radix(h, 16).ok());
                    match hex.and_then(char::from_u32) {
                        // A digit written as an escape stays an escape: it is no digit
                        // of the input, and must not become part of a number.
                        Some(ch) if ch.is_ascii_digit() => {
                            out.push('\\');
                            'u'
                        }
                        Some(ch) => {
                            for _ in 0..4 {
                                chars.next();
                            }
                            ch
                        }
                        None => 'u',
                    }
                }
                Some((_, other)) => other,
                None => break,
            },
            c => c,
        };
        body.feed(decoded);
        out.push(decoded);
    }
    (out, s.len())
}

/// Follows the brackets of JSON text char by char, outside its strings.
#[derive(Default)]
struct Balance {
    depth: usize,
    opened: bool,
    in_string: bool,
    escaped: bool,
}

impl Balance {
    fn feed(&mut self, c: char) {
        if self.in_string {
            match c {
                _ if self.escaped => self.escaped = false,
                '\\' => self.escaped = true,
                '"' => self.in_string = false,
                _ => {}
            }
            return;
        }
        match c {
            '"' => self.in_string = true,
            '{' | '[' => {
                self.depth += 1;
                self.opened = true;
            }
            '}' | ']' => self.depth = self.depth.saturating_sub(1),
            _ => {}
        }
    }

    fn closed(&self) -> bool {
        self.opened && self.depth == 0
    }
}

enum Parsed {
    /// A value, where it ends, how it was read, and the keys it gave twice.
    Value(Value, usize, How, Vec<bounded::Repeat>),
    Truncated,
    Nothing,
}

/// A body starts with `{` followed by a key or `}`, or `[` followed by an object.
fn plausible_start(bytes: &[u8], start: usize) -> bool {
    let next = bytes[start + 1..].iter().find(|c| !c.is_ascii_whitespace());
    match (bytes[start], next) {
        (b'{', Some(c)) => {
            matches!(c, b'"' | b'\'' | b'}' | b'<' | b'[' | b':')
                || c.is_ascii_alphabetic()
                || *c == b'_'
        }
        (b'[', Some(c)) => *c == b'{',
        _ => false,
    }
}

/// Whether the brackets opened at `start` close (or the text ends) before nesting deeper
/// than [`MAX_BODY_DEPTH`]. Quoted strings (either quote) are skipped; no allocation. Only
/// [`NESTING_WINDOW`] bytes are looked at: past them the parsers' own depth limits hold,
/// and a check that could scan to the end of the text from every bracket would be
/// quadratic.
fn nesting_within_limit(bytes: &[u8], start: usize) -> bool {
    let mut depth = 0usize;
    let mut quote: Option<u8> = None;
    let mut escaped = false;
    let end = bytes.len().min(start.saturating_add(NESTING_WINDOW));
    for &b in &bytes[start..end] {
        if let Some(q) = quote {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'\n' => quote = None,
                _ if b == q => quote = None,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' | b'\'' => quote = Some(b),
            b'{' | b'[' => {
                depth += 1;
                if depth > MAX_BODY_DEPTH {
                    return false;
                }
            }
            b'}' | b']' => {
                depth -= 1;
                if depth == 0 {
                    return true;
                }
            }
            _ => {}
        }
    }
    true
}

fn parse_at(text: &str, start: usize, work: &mut Work) -> Parsed {
    let rest = &text[start..];
    let cut_short = match bounded::parse_prefix_noting(rest) {
        Ok((v, used, repeats)) => return Parsed::Value(v, start + used, How::JsonBody, repeats),
        Err(e) => e.is_some_and(|e| e.is_eof()) && looks_like_error_body(rest),
    };
    match work.relaxed(rest) {
        Some((v, used)) if v.is_object() || v.is_array() => {
            Parsed::Value(v, start + used, How::ObjectLiteral, Vec::new())
        }
        _ if cut_short => Parsed::Truncated,
        _ => Parsed::Nothing,
    }
}

/// The work left for readers whose failed attempts may look far ahead (the relaxed parser,
/// escaped bodies): a multiple of the text's length, so that no input, however many
/// almost-bodies it holds, costs more than linear time. Real bodies are read long before
/// it runs out; a degenerate input stops being tried as literals when it does.
struct Work {
    left: usize,
}

impl Work {
    const PER_BYTE: usize = 8;
    const BASE: usize = 1 << 20;

    fn for_text(text: &str) -> Work {
        Work {
            left: text
                .len()
                .saturating_mul(Self::PER_BYTE)
                .saturating_add(Self::BASE),
        }
    }

    /// The longest prefix of `text` that the budget allows, at a char boundary.
    fn window<'a>(&self, text: &'a str) -> &'a str {
        &text[..super::floor_boundary(text, self.left)]
    }

    fn relaxed(&mut self, text: &str) -> Option<(Value, usize)> {
        let window = self.window(text);
        let (parsed, examined) = relaxed::parse_prefix_counted(window);
        self.left = self.left.saturating_sub(examined.max(1));
        parsed
    }

    fn charge(&mut self, bytes: usize) {
        self.left = self.left.saturating_sub(bytes.max(1));
    }
}

fn looks_like_error_body(text: &str) -> bool {
    let head = &text.as_bytes()[..text.len().min(256)];
    [&b"\"errors\""[..], b"\"error\"", b"\"title\"", b"\"code\""]
        .iter()
        .any(|k| memchr::memmem::find(head, k).is_some())
}

/// A value that is a response body even when it holds no error (a `data`-only 200).
fn looks_like_response(value: &Value) -> bool {
    value.get("data").is_some() || value.get("errors").is_some()
}

/// `curl -w '%{http_code}'` prints the status right after the body, on the same line or
/// (with `-w '\n%{http_code}'`) on a last line of its own.
fn trailing_http_code(text: &str, end: usize, lines: &LineIndex, out: &mut Vec<Evidence>) {
    // Only a few bytes are looked at: a body in the middle of a long line (many bodies
    // appended to a log with no newline) must not cost a scan of the rest of the line.
    const NEAR: usize = 8;
    let rest = &text[end..];
    let head = &rest.as_bytes()[..rest.len().min(NEAR)];
    let line_len = match memchr::memchr(b'\n', head) {
        Some(n) => n,
        None if rest.len() <= NEAR => rest.len(),
        None => return,
    };
    let same_line = rest[..line_len].trim_end_matches('\r');
    let (candidate, offset) = if same_line.trim().is_empty() {
        // `-w '\n%{http_code}'`: the digits are the next line and the last of the text.
        let after = &rest[(line_len + 1).min(rest.len())..];
        let own_len = memchr::memchr(b'\n', &after.as_bytes()[..after.len().min(NEAR)])
            .unwrap_or(after.len());
        if own_len > NEAR || !after[own_len..].trim().is_empty() {
            return;
        }
        let own_line = &after[..own_len];
        (
            own_line.trim(),
            end + line_len + 1 + (own_line.len() - own_line.trim_start().len()),
        )
    } else {
        (same_line, end)
    };
    if candidate.len() == 3
        && candidate.bytes().all(|b| b.is_ascii_digit())
        && let Ok(code @ 100..=599) = candidate.parse::<u16>()
    {
        out.push(Evidence {
            finding: Finding::Status { code, reason: None },
            seen: Seen {
                line: lines.line_of(offset),
                how: How::TrailingHttpCode,
            },
        });
    }
}

/// A code whose number is complete (a comma or brace follows it) in a body cut short
/// after it: `{"errors":[{"code":187,"message":"Status is a dup`.
static SALVAGE_LONE_CODE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"\{\s*"code"\s*:\s*(?<code>[0-9]{1,20})\s*[,}]"#).expect("the pattern compiles")
});

/// Reads the complete `{"code":..,"message":..}` entries out of a body that was cut short,
/// then a code whose message was cut; a number cut by the end of the text is no number.
fn salvage(text: &str, base: usize, lines: &LineIndex, out: &mut Vec<Evidence>) {
    let before = out.len();
    salvage_pairs(text, base, lines, out);
    if out.len() > before {
        return;
    }
    for c in SALVAGE_LONE_CODE.captures_iter(text) {
        let start = c.get(0).expect("group 0 is the whole match").start();
        out.push(Evidence {
            finding: code_finding(&c["code"], None),
            seen: Seen {
                line: lines.line_of(base + start),
                how: How::TruncatedJson,
            },
        });
    }
}

fn salvage_pairs(text: &str, base: usize, lines: &LineIndex, out: &mut Vec<Evidence>) {
    for c in SALVAGE_CODE.captures_iter(text) {
        // The entry's keys come in either order; each order has its own pair of groups.
        let (Some(digits), Some(message)) = (
            c.name("code").or(c.name("code2")),
            c.name("msg").or(c.name("msg2")),
        ) else {
            continue;
        };
        let message = serde_json::from_str::<String>(&format!("\"{}\"", message.as_str())).ok();
        let start = c.get(0).expect("group 0 is the whole match").start();
        out.push(Evidence {
            finding: code_finding(digits.as_str(), message),
            seen: Seen {
                line: lines.line_of(base + start),
                how: How::TruncatedJson,
            },
        });
    }
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
            if let Some(inner) = embedded_body(text) {
                interpret(&inner, place.deeper(), out);
            }
        }
        _ => {}
    }
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

/// The members of one object that say what went wrong.
fn object(map: &Map<String, Value>, how: How, line: usize, out: &mut Vec<Evidence>) {
    let mut push = pusher(line, out);
    let problem_type = map
        .get("type")
        .and_then(Value::as_str)
        .filter(|t| is_problem_type(t));
    if let Some(type_uri) = problem_type {
        problem(map, type_uri, how, &mut push);
    } else if let (Some(title), Some(detail)) =
        (str_member(map, "title"), str_member(map, "detail"))
    {
        // Shaped like a problem but with no type (cut, or replaced by the user): its
        // words are all there is; diagnosis matches them against the tables.
        push(message(&format!("{title}: {detail}"), None, None), how);
    }
    if let Some(Value::Array(errors)) = map.get("errors") {
        for e in errors {
            match e {
                Value::Object(m) => error_entry(m, problem_type, how, &mut push),
                Value::String(s) => push(message(s, None, None), how),
                _ => {}
            }
        }
    }
    if let Some(Value::String(err)) = map.get("error") {
        match map.get("error_description").and_then(Value::as_str) {
            Some(desc) => push(message(desc, Some(err), None), how),
            None => push(
                message(err, None, map.get("request").and_then(Value::as_str)),
                how,
            ),
        }
    }
    if is_client_response_dump(map) {
        if let Some(code) = map.get("code").and_then(status_value) {
            push(Finding::Status { code, reason: None }, how);
        }
    } else if !map.contains_key("errors") && map.contains_key("code") && map.contains_key("message")
    {
        error_entry(map, None, how, &mut push);
    } else if !map.contains_key("code")
        && let Some(digits) = CODE_KEYS
            .iter()
            .find_map(|k| map.get(*k))
            .and_then(whole_number)
    {
        push(
            code_finding(&digits, str_member(map, "message").map(str::to_string)),
            how,
        );
    }
    if problem_type.is_none() {
        for key in STATUS_KEYS {
            if let Some(code) = map.get(*key).and_then(status_value) {
                push(Finding::Status { code, reason: None }, how);
                break;
            }
        }
    }
    // A media upload's status: its `error.code` numbers media processing failures, not API
    // error codes, so the failure is reported by its name and message.
    if let Some(Value::Object(info)) = map.get("processing_info")
        && info.get("state").and_then(Value::as_str) == Some("failed")
    {
        let error = info.get("error");
        let name = error.and_then(|e| e.get("name")).and_then(Value::as_str);
        let text = error.and_then(|e| e.get("message")).and_then(Value::as_str);
        let said = match (name, text) {
            (Some(n), Some(t)) => format!("media processing failed ({n}): {t}"),
            (Some(n), None) => format!("media processing failed ({n})"),
            (None, Some(t)) => format!("media processing failed: {t}"),
            (None, None) => "media processing failed".to_string(),
        };
        push(message(&said, None, None), how);
    }
    if let Some(Value::Object(rl)) = map.get("rateLimit") {
        for (key, name) in [
            ("limit", "x-rate-limit-limit"),
            ("remaining", "x-rate-limit-remaining"),
            ("reset", "x-rate-limit-reset"),
        ] {
            if let Some(v) = rl.get(key).and_then(scalar_text) {
                push(
                    Finding::Header {
                        name: name.to_string(),
                        value: v,
                    },
                    how,
                );
            }
        }
    }
    // A client's headers object, or the headers printed as an object of their own.
    let headers = match map.get("headers") {
        Some(Value::Object(h)) => Some(h),
        _ => map
            .keys()
            .any(|k| k.to_ascii_lowercase().starts_with("x-rate-limit-"))
            .then_some(map),
    };
    for (name, v) in headers.into_iter().flatten() {
        if let Some(v) = scalar_text(v).filter(|_| is_interesting_header(name)) {
            push(
                Finding::Header {
                    name: name.to_ascii_lowercase(),
                    value: v,
                },
                how,
            );
        }
    }
}

/// Keys whose value is the HTTP status, whatever the client calls it.
const STATUS_KEYS: &[&str] = &[
    "statusCode",
    "status_code",
    "httpStatus",
    "httpStatusCode",
    "http_status",
    "http_code",
    "httpCode",
    "status",
];

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
        Value::String(s)
            if !s.is_empty() && s.len() <= 20 && s.bytes().all(|b| b.is_ascii_digit()) =>
        {
            Some(s.clone())
        }
        _ => None,
    }
}

fn str_member<'a>(map: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    map.get(key).and_then(Value::as_str)
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
            Value::String(text) => match embedded_body(text) {
                Some(body) => interpret(&body, inner, out),
                None if !said && inner.free_text && inner.depth <= MAX_INTERPRET_DEPTH => {
                    out.extend(super::read_text(text, place.line, inner.depth));
                }
                None => {}
            },
            Value::Array(items)
                if key != "errors" && key.to_ascii_lowercase().contains("error") =>
            {
                error_entries(items, place.how, place.line, out)
            }
            _ => {}
        }
    }
}

/// A body kept as a string value: parsed when the string is one.
fn embedded_body(text: &str) -> Option<Value> {
    let t = text.trim();
    if t.len() > 1 << 20 || !(t.starts_with('{') || t.starts_with("[{")) {
        return None;
    }
    let bytes = t.as_bytes();
    if !nesting_within_limit(bytes, 0) {
        return None;
    }
    bounded::parse_prefix(t)
        .ok()
        .or_else(|| relaxed::parse_prefix(t))
        .map(|(v, _)| v)
        .filter(|v| v.is_object() || v.is_array())
}

/// Objects whose `code` is the HTTP status, not an API error code: twitter-api-v2's error
/// (`error: true, type: 'response', code: 403`), a client's response array beside its
/// headers or body (tmhOAuth's `[code] => 401 [response] => ...`), and an object whose
/// `code` comes with its own reason phrase (`{ code: 403, message: 'Forbidden' }`) or
/// with the same number under a status key.
fn is_client_response_dump(map: &Map<String, Value>) -> bool {
    let Some(code) = map.get("code").and_then(status_value) else {
        return false;
    };
    let beside_response = ["headers", "response", "raw_body", "statusText"]
        .iter()
        .any(|k| map.contains_key(*k));
    let own_reason = ["message", "statusText", "reason"]
        .iter()
        .filter_map(|k| str_member(map, k))
        .any(|text| prose::status_named(text) == Some(code));
    let same_status = STATUS_KEYS
        .iter()
        .any(|k| map.get(*k).and_then(status_value) == Some(code));
    // A proxy's JSend-style answer, `{"status":"error","code":402,"message":...}`.
    let jsend = matches!(str_member(map, "status"), Some("error" | "fail"));
    map.get("type").and_then(Value::as_str) == Some("response")
        || (map.get("error") == Some(&Value::Bool(true)) && map.contains_key("data"))
        || jsend
        || beside_response
        || own_reason
        || same_status
}

fn is_problem_type(t: &str) -> bool {
    t.eq_ignore_ascii_case("about:blank") || t.contains("/problems/")
}

/// One entry of an `errors` array: a v1.1 code, a partial v2 problem, or a bare message.
fn error_entry(
    m: &Map<String, Value>,
    parent_problem: Option<&str>,
    how: How,
    push: &mut impl FnMut(Finding, How),
) {
    let text = m.get("message").and_then(Value::as_str).map(str::to_string);
    if let Some(code) = m.get("code") {
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
            Value::String(s)
                if !s.is_empty() && s.len() <= 20 && s.bytes().all(|b| b.is_ascii_digit()) =>
            {
                code_finding(s, text)
            }
            other => Finding::InvalidCode {
                raw: other.to_string(),
                message: text,
            },
        };
        push(finding, how);
    } else if let Some(t) = m
        .get("type")
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
    let status = m
        .get("status")
        .and_then(|v| {
            v.as_u64()
                .or_else(|| v.as_str().and_then(|t| t.parse().ok()))
        })
        .and_then(|s| u16::try_from(s).ok())
        .filter(|s| (100..=599).contains(s));
    let fields = m
        .iter()
        .filter(|(k, _)| !COMMON.contains(&k.as_str()))
        .filter_map(|(k, v)| scalar_text(v).map(|v| (k.clone(), v)))
        .collect();
    let details = match m.get("errors") {
        Some(Value::Array(errors)) => errors
            .iter()
            .filter(|e| e.get("code").is_none() && e.get("type").is_none())
            .filter_map(|e| e.get("message").and_then(Value::as_str).map(str::to_string))
            .collect(),
        _ => Vec::new(),
    };
    push(
        Finding::Problem(Box::new(Problem {
            type_uri: type_uri.to_string(),
            title: m.get("title").and_then(Value::as_str).map(str::to_string),
            detail: m.get("detail").and_then(Value::as_str).map(str::to_string),
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

#[cfg(test)]
mod tests {
    use crate::evidence::testing::statuses;
    use crate::evidence::{Finding, How, extract};

    /// What was found, without the markers of where bodies were.
    fn kinds(text: &str) -> Vec<Finding> {
        extract(text)
            .into_iter()
            .map(|e| e.finding)
            .filter(|f| *f != Finding::Body)
            .collect()
    }

    fn code(code: u64, message: &str) -> Finding {
        Finding::Code {
            code,
            message: Some(message.to_string()),
        }
    }

    #[test]
    fn v1_errors_any_key_order_and_extra_keys() {
        let f = kinds(
            r#"{"errors":[{"message":"Rate limit exceeded","code":88},{"code":187,"label":"x","message":"Status is a duplicate."}]}"#,
        );
        assert_eq!(
            f,
            vec![
                code(88, "Rate limit exceeded"),
                code(187, "Status is a duplicate.")
            ]
        );
    }

    #[test]
    fn v2_problem_gives_problem_and_status() {
        let f = kinds(
            r#"{"title":"Too Many Requests","detail":"Too Many Requests","type":"about:blank","status":429}"#,
        );
        assert!(
            matches!(&f[0], Finding::Problem(p) if p.type_uri == "about:blank" && p.status == Some(429))
        );
        assert_eq!(
            f[1],
            Finding::Status {
                code: 429,
                reason: None
            }
        );
        assert_eq!(f.len(), 2);
    }

    #[test]
    fn trailing_http_code_same_line_and_own_line() {
        let f = kinds(r#"{"errors":[{"code":88,"message":"Rate limit exceeded"}]}429"#);
        assert_eq!(
            f[1],
            Finding::Status {
                code: 429,
                reason: None
            }
        );
        let f = extract("{\"errors\":[{\"code\":88,\"message\":\"Rate limit exceeded\"}]}\n429\n");
        let status = f
            .iter()
            .find(|e| matches!(e.finding, Finding::Status { .. }))
            .expect("a status");
        assert_eq!(
            (status.seen.line, status.seen.how),
            (2, How::TrailingHttpCode)
        );
    }

    #[test]
    fn node_dump_code_is_the_status() {
        let f = kinds(
            "{\n  error: true,\n  type: 'response',\n  code: 403,\n  data: { errors: [ { code: 187, message: 'Status is a duplicate.' } ] }\n}",
        );
        assert!(f.contains(&Finding::Status {
            code: 403,
            reason: None
        }));
        assert!(f.contains(&code(187, "Status is a duplicate.")));
        assert!(!f.contains(&Finding::Code {
            code: 403,
            message: None
        }));
    }

    #[test]
    fn truncated_body_with_message_first_and_a_numeric_message() {
        let f = kinds(r#"{"errors":[{"message":"404","code":34},{"code":88,"mess"#);
        assert_eq!(f, vec![Finding::Truncated, code(34, "404")]);
    }

    #[test]
    fn a_complete_code_before_the_cut_is_kept_and_a_cut_number_is_not() {
        let f = kinds(r#"{"errors":[{"code":187,"message":"Status is a dup"#);
        assert!(
            f.contains(&Finding::Code {
                code: 187,
                message: None
            }),
            "{f:?}"
        );
        let f = kinds(r#"{"errors":[{"code":18"#);
        assert!(
            !f.iter().any(|x| matches!(x, Finding::Code { .. })),
            "{f:?}"
        );
    }

    #[test]
    fn a_body_without_errors_is_still_marked() {
        let f = extract("{\"data\":{\"id\":\"1\"}}");
        assert_eq!(
            f.iter().map(|e| &e.finding).collect::<Vec<_>>(),
            vec![&Finding::Body]
        );
    }

    #[test]
    fn truncated_body_keeps_complete_entries() {
        let f =
            kinds(r#"{"errors":[{"code":187,"message":"Status is a duplicate."},{"code":88,"mess"#);
        assert_eq!(
            f,
            vec![Finding::Truncated, code(187, "Status is a duplicate.")]
        );
    }

    #[test]
    fn oauth2_and_legacy_bodies() {
        let f = kinds(
            r#"{"error":"invalid_request","error_description":"Value passed for the token was invalid."}"#,
        );
        assert_eq!(
            f,
            vec![Finding::Message {
                text: "Value passed for the token was invalid.".into(),
                oauth_error: Some("invalid_request".into()),
                request: None
            }]
        );
        let f =
            kinds(r#"{"error":"Not authorized.","request":"/1.1/statuses/user_timeline.json"}"#);
        assert!(
            matches!(&f[0], Finding::Message { text, request: Some(_), .. } if text == "Not authorized.")
        );
    }

    #[test]
    fn escaped_bodies_and_bodies_kept_as_strings() {
        let f = kinds(
            r#"payload={\"errors\":[{\"code\":88,\"message\":\"Rate limit exceeded\"}]} tail"#,
        );
        assert_eq!(f, vec![code(88, "Rate limit exceeded")]);
        let f = kinds(
            r#"{"status":"failed","raw":"{\"errors\":[{\"code\":34,\"message\":\"Sorry\"}]}"}"#,
        );
        assert_eq!(f, vec![code(34, "Sorry")]);
    }

    #[test]
    fn a_whole_number_with_a_fraction_is_that_number() {
        assert_eq!(
            kinds(r#"{"errors":[{"code":187.0,"message":"x"}]}"#),
            vec![code(187, "x")]
        );
        assert!(matches!(
            kinds(r#"{"errors":[{"code":187.5,"message":"x"}]}"#)[0],
            Finding::InvalidCode { .. }
        ));
    }

    #[test]
    fn a_body_escaped_twice() {
        let f = kinds(r#"log="{\\\"errors\\\":[{\\\"code\\\":187,\\\"message\\\":\\\"x\\\"}]}""#);
        assert_eq!(f, vec![code(187, "x")]);
    }

    #[test]
    fn status_and_code_keys_by_meaning() {
        assert_eq!(statuses(r#"{"statusCode":429,"body":"x"}"#), [429]);
        assert_eq!(statuses("{'http_code': '503'}"), [503]);
        assert_eq!(
            statuses("{status: '200 OK', 'x-rate-limit-remaining': '3'}"),
            [200]
        );
        assert!(statuses(r#"{"status":"active","count":404}"#).is_empty());
        let f = kinds(r#"{"error_code":89,"message":"Invalid or expired token."}"#);
        assert_eq!(f, vec![code(89, "Invalid or expired token.")]);
    }

    #[test]
    fn a_header_object_of_its_own() {
        let f = kinds(
            "{ 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': '1700000000', server: 'tsa' }",
        );
        assert_eq!(
            f,
            vec![
                Finding::Header {
                    name: "x-rate-limit-remaining".into(),
                    value: "0".into()
                },
                Finding::Header {
                    name: "x-rate-limit-reset".into(),
                    value: "1700000000".into()
                }
            ]
        );
    }

    #[test]
    fn content_in_data_is_not_read_as_text() {
        let f = kinds(r#"{"data":[{"id":"1","text":"got a 404 status from my fridge"}]}"#);
        assert!(f.is_empty(), "{f:?}");
        let f = kinds(r#"{"data":{"id":"1","text":"HTTP 503 again"}}"#);
        assert!(f.is_empty(), "{f:?}");
    }
}
