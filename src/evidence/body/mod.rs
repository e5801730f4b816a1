//! Finds response bodies inside text: JSON, the object literals and dumps clients print,
//! bodies escaped inside strings, bodies cut short, and `curl -w` codes after them. What a
//! body says is read by `interpret`; this file only locates them, in bounded work.

mod foreign;
mod fragment;
mod interpret;
mod members;

use super::values::{bounded, escape, php, relaxed};
use super::{Evidence, Finding, How, LineIndex, Seen, framing::code_finding};
use interpret::read_value;
use regex::Regex;
use serde_json::Value;
use std::sync::LazyLock;

/// Bodies nest a few levels (a client dump: data, errors, an entry); anything nested
/// deeper than this is not tried as a body, which keeps hostile input (`{"a":[` a million
/// times) linear: no parse attempt allocates its way down a deep nest.
const MAX_BODY_DEPTH: usize = 32;
/// How far the nesting check looks.
const NESTING_WINDOW: usize = 4 << 10;

/// A complete entry of a body cut short, its keys in either order; a code's number must be
/// followed by what ends it (a number cut by the end of the text is no number).
static SALVAGE_CODE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"\{[[:space:]]*"code"[[:space:]]*:[[:space:]]*(?<code>[0-9]{1,20})[[:space:]]*,[[:space:]]*"message"[[:space:]]*:[[:space:]]*"(?<msg>(?:[^"\\]|\\.)*)"|\{[[:space:]]*"message"[[:space:]]*:[[:space:]]*"(?<msg2>(?:[^"\\]|\\.)*)"[[:space:]]*,[[:space:]]*"code"[[:space:]]*:[[:space:]]*(?<code2>[0-9]{1,20})[[:space:]]*[,}]"#).unwrap()
});

/// Scans `text` for bodies and appends what they hold. Returns the byte ranges read as
/// bodies, in order, so that later readers leave them alone.
pub(super) fn find_bodies(
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
            i = match php::dump_prefix(&text[start..]) {
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
                    leading_http_code(text, start, lines, out);
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
    let fragments = fragment::read_fragments(text, lines, &spans, depth, out);
    if !fragments.is_empty() {
        spans.extend(fragments);
        spans.sort_unstable();
    }
    spans
}

/// A key given twice is read as JSON readers read it (the last value counts), with a note
/// naming both values, so that the first one is not lost silently.
fn note_repeats(repeats: &[bounded::Repeat], seen: Seen, out: &mut Vec<Evidence>) {
    // Keys and values are the input's: a long one is shown by its start.
    // Made safe as well: a note is printed as it is, and these are the input's bytes.
    let short = |text: String| {
        let text = crate::util::sanitize::clean(&text);
        match text.char_indices().nth(40) {
            Some((at, _)) => format!("{}...", &text[..at]),
            None => text,
        }
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
    let parsed = bounded::json_prefix(&inner)
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
                Some((at, 'u')) => match escape::unicode(&s[at + 1..]) {
                    // A digit written as an escape stays an escape: it is no digit of the
                    // input, and must not become part of a number.
                    Some((ch, _)) if ch.is_ascii_digit() => {
                        out.push('\\');
                        'u'
                    }
                    Some((ch, used)) => {
                        // The hex digits (and a second `\u`) are ASCII: one byte a char.
                        for _ in 0..used {
                            chars.next();
                        }
                        ch
                    }
                    None => 'u',
                },
                // `\5` is no escape of JSON's: the digit stays behind its backslash, as
                // written, and joins no number.
                Some((_, digit)) if digit.is_ascii_digit() => {
                    out.push('\\');
                    digit
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
pub(super) fn nesting_within_limit(bytes: &[u8], start: usize) -> bool {
    let mut depth = 0usize;
    let end = bytes.len().min(start.saturating_add(NESTING_WINDOW));
    let window = &bytes[start..end];
    let mut at = 0;
    while let Some(&b) = window.get(at) {
        at += 1;
        match b {
            b'"' | b'\'' => at = quote_end(window, at, b),
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

/// Where a quoted string whose text begins at `at` ends: past its closing `quote` or the
/// end of its line, escapes passed (the window's end if neither comes).
fn quote_end(bytes: &[u8], mut at: usize, quote: u8) -> usize {
    while let Some(found) =
        memchr::memchr3(quote, b'\\', b'\n', bytes.get(at..).unwrap_or_default())
    {
        at += found + 1;
        if bytes[at - 1] != b'\\' {
            return at;
        }
        // The escaped byte.
        at += 1;
    }
    bytes.len()
}

fn parse_at(text: &str, start: usize, work: &mut Work) -> Parsed {
    let rest = &text[start..];
    let cut_short = match bounded::json_prefix_noting(rest) {
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
        let (parsed, examined) = relaxed::literal_prefix_counted(window);
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
    // `{...} 503`, `{...} - 403`: a registered status alone after the body, behind a
    // short separator, ends the line.
    let separated = same_line.trim_start_matches([' ', '-', ':', '|', '\t']);
    if separated.len() < same_line.len()
        && same_line.len() - separated.len() <= 3
        && separated.len() == 3
        && let Ok(code) = separated.parse::<u16>()
        && crate::catalog::reasons(code).is_some()
    {
        let at = end + (same_line.len() - separated.len());
        let seen = Seen {
            line: lines.line_of(at),
            how: How::TrailingHttpCode,
        };
        let finding = Finding::Status { code, reason: None };
        out.push(Evidence { finding, seen });
        return;
    }
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

/// A status printed alone on the line right above a body that starts its own line: a
/// script's `print(r.status_code)` then `print(r.text)`, a CI log's `echo $code; cat
/// body`. Only three digits of a registered 4xx or 5xx status, nothing else on that line,
/// count: any other number alone on a line (a count, a line of a listing) is nothing.
fn leading_http_code(text: &str, start: usize, lines: &LineIndex, out: &mut Vec<Evidence>) {
    // The body's indentation and the line above, if both are short: only a few bytes are
    // looked at, whatever the length of the line a body stands in.
    const SHORT: usize = 16;
    let before = &text[..start];
    let near = super::floor_boundary(before, start.saturating_sub(SHORT));
    let Some(line_start) = before[near..].rfind('\n').map(|n| near + n + 1) else {
        return;
    };
    if !before[line_start..].trim().is_empty() {
        return;
    }
    let above = before[..line_start - 1].trim_end_matches('\r');
    let from = super::floor_boundary(above, above.len().saturating_sub(SHORT));
    let own = match above[from..].rfind('\n') {
        Some(n) => &above[from + n + 1..],
        None if from == 0 => above,
        None => return,
    };
    let digits = own.trim();
    let Ok(code) = digits.parse::<u16>() else {
        return;
    };
    if digits.len() == 3 && code >= 400 && crate::catalog::reasons(code).is_some() {
        let seen = Seen {
            line: lines.line_of(line_start - 1),
            how: How::LeadingHttpCode,
        };
        out.push(Evidence {
            finding: Finding::Status { code, reason: None },
            seen,
        });
    }
}

/// A code whose number is complete (a comma or brace follows it) in a body cut short
/// after it: `{"errors":[{"code":187,"message":"Status is a dup`.
static SALVAGE_LONE_CODE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"\{[[:space:]]*"code"[[:space:]]*:[[:space:]]*(?<code>[0-9]{1,20})[[:space:]]*[,}]"#,
    )
    .expect("the pattern compiles")
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

#[cfg(test)]
mod tests {
    use crate::evidence::testing::statuses;

    /// [`super::nesting_within_limit`] a byte at a time, quotes followed as they come:
    /// what the version that passes quoted strings at once must agree with.
    fn nesting_bytewise(bytes: &[u8], start: usize) -> bool {
        let (mut depth, mut quote, mut escaped) = (0usize, None, false);
        let end = bytes.len().min(start + super::NESTING_WINDOW);
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
                    if depth > super::MAX_BODY_DEPTH {
                        return false;
                    }
                }
                b'}' | b']' if depth == 1 => return true,
                b'}' | b']' => depth -= 1,
                _ => {}
            }
        }
        true
    }

    proptest::proptest! {
        #[test]
        fn nesting_agrees_with_a_walk_byte_by_byte(
            body in proptest::collection::vec(
                proptest::sample::select(b"{}[]\"'\\\nax".to_vec()), 0..120),
            deep in 0usize..40,
        ) {
            // Opened at its first byte, as the readers ask it.
            let mut text = vec![b'{'; deep + 1];
            text.extend(body);
            proptest::prop_assert_eq!(
                super::nesting_within_limit(&text, 0),
                nesting_bytewise(&text, 0)
            );
        }
    }
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
    fn a_status_printed_alone_above_a_body_is_its_status() {
        let body = r#"{"errors":[{"message":"Over capacity","code":130}]}"#;
        let found = extract(&format!("## Error\n503\n{body}\n"));
        let status = found
            .iter()
            .find(|e| matches!(e.finding, Finding::Status { code: 503, .. }));
        assert_eq!(
            status.map(|e| (e.seen.line, e.seen.how)),
            Some((2, How::LeadingHttpCode))
        );
        // Any other number, or words beside it, or a body not at its line's start: nothing.
        for above in ["12", "200", "1503", "took 503", "503 ms"] {
            let found = extract(&format!("{above}\n{body}\n"));
            assert!(
                !found.iter().any(|e| e.seen.how == How::LeadingHttpCode),
                "{above:?}"
            );
        }
        let found = extract(&format!("503\nsaid {body}\n"));
        assert!(!found.iter().any(|e| e.seen.how == How::LeadingHttpCode));
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
    fn a_status_alone_after_a_body_on_its_line() {
        for (line, status) in [
            (
                r#"{"title":"Unauthorized","type":"about:blank","status":401} - 401"#,
                401,
            ),
            (
                r#"{"errors":[{"code":130,"message":"Over capacity"}]} 503"#,
                503,
            ),
        ] {
            let f = extract(line);
            let trailing = f.iter().find(|e| e.seen.how == How::TrailingHttpCode);
            assert_eq!(
                trailing.map(|e| &e.finding),
                Some(&Finding::Status {
                    code: status,
                    reason: None
                }),
                "{line}"
            );
        }
        for line in [
            r#"{"errors":[{"code":88,"message":"x"}]} - 1234"#,
            r#"{"errors":[{"code":88,"message":"x"}]} 200 items"#,
            r#"{"errors":[{"code":88,"message":"x"}]} -- 999"#,
        ] {
            let f = extract(line);
            assert!(
                !f.iter().any(|e| e.seen.how == How::TrailingHttpCode),
                "{line}: {f:?}"
            );
        }
    }

    #[test]
    fn bodies_inside_an_extra_list() {
        let listed = r#"[{"errors":[{"code":88,"message":"Rate limit exceeded"}]},{"errors":[{"code":130,"message":"Over capacity"}]}]"#;
        let f = kinds(listed);
        assert!(f.contains(&code(88, "Rate limit exceeded")), "{f:?}");
        assert!(f.contains(&code(130, "Over capacity")), "{f:?}");
    }

    #[test]
    fn another_apis_envelope_gives_no_code() {
        let telegram =
            r#"{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 7"}"#;
        let f = kinds(telegram);
        assert!(
            !f.iter().any(|k| matches!(k, Finding::Code { .. })),
            "{f:?}"
        );
        // Telegram's `error_code` is the HTTP status of its answer: that status applies.
        assert!(
            f.contains(&Finding::Status {
                code: 429,
                reason: None
            }),
            "{f:?}"
        );
        assert!(
            f.iter().any(
                |k| matches!(k, Finding::Hint { text } if text.contains("not the Twitter/X API's"))
            ),
            "{f:?}"
        );
    }

    #[test]
    fn a_headers_dict_with_a_limit_at_zero_implies_429() {
        let dict = "{'x-rate-limit-limit': '450', 'x-rate-limit-remaining': '0'}";
        assert_eq!(crate::evidence::testing::implied(dict), [429]);
    }

    #[test]
    fn php_with_its_quotes_escaped_one_level_deeper() {
        let dumped = r"array(\'code\' => 215, \'message\' => \'Bad Authentication data.\')";
        assert!(
            kinds(dumped).contains(&code(215, "Bad Authentication data.")),
            "{:?}",
            kinds(dumped)
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
                request: None,
                title_len: None,
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
                Finding::ImpliedStatus {
                    code: 429,
                    words: "x-rate-limit-remaining".into()
                },
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
