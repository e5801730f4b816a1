//! What client libraries and HTTP stacks say in words, wherever it stands in a line:
//! `Request failed with status code 403`, `client error: (403) Forbidden`, `Twitter API
//! returned a 400 (Bad Request)`, `HTTP/1.1 401 Authorization Required` in the middle of a
//! PHP warning, `API Error: 306`, Twitter4J's `message - ... / code - ...`, go-twitter's
//! `twitter: 326 text`, and error classes that name a status without its number.
//!
//! A three-digit number is an HTTP status only where its context says so: a status word
//! before it (`status`, `HTTP`, `returned`, ...) or its own reason phrase after it. A number
//! with neither (a line number, an ID, a byte count, an exit code) is nothing. Text already
//! read as a body is never searched ([`Gaps`]).

use super::{Evidence, Finding, Gaps, How, LineIndex, Seen, framing::code_finding};
use crate::catalog::{is_reason_phrase, reasons, status_named};
use regex::Regex;
use std::sync::LazyLock;

/// A number of three digits standing alone.
static NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u:\b)[1-5][0-9]{2}(?-u:\b)").expect("the pattern compiles"));

/// Words that, just before a number, make it an HTTP status (matched lower-cased, at the end
/// of the text before the number).
static STATUS_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?x)(?:
            http/[0-9](?:\.[0-9])?"?
          | (?-u:\b)http(?:[\ _-]?(?:status|result|response|error))?(?:[\ _-]?code)?
          | (?-u:\b)(?:response[\ _-]?)?status(?:[\ _-]?code)?(?:[\ _-]?error)?
          | (?-u:\b)response[\ _-]?code
          | <response\ \[
          | (?-u:\b)returned(?:\ an?|\ status|\ http)?
          | (?-u:\b)api\ failed
          | (?-u:\b)(?:client|server)\ error
          | <title>(?:error)?
        )[[:space:]:=\#(\[\]'"]{0,4}$"#,
    )
    .expect("the pattern compiles")
});

/// `error 429`, `Stream error 420`: a status when the number is one of 4xx/5xx...
static ERROR_WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u:\b)error ?[:#]? ?$").expect("the pattern compiles"));
/// ...but not the registered statuses that are also API error codes of the same number:
/// `error 422` may be either, so only other words decide.
const AMBIGUOUS: &[u16] = &[407, 415, 416, 417, 421, 422];
/// urllib3's `too many 429 error responses`.
static ERROR_RESPONSES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^ (?:error )?responses?(?-u:\b)").expect("the pattern compiles")
});

/// A verb of receiving before a number (`caught 503 from`, `got a 429 response`)...
static RECEIVED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:got|get|gets|getting|received|receive|receiving|caught|returned|returns|with|hit|hitting)(?: an?)? $")
        .expect("the pattern compiles")
});
/// ...makes it a status only with a word of the answer after it.
static RESPONSE_NOUN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^ (?:from|response|error|status|http)(?-u:\b)").expect("the pattern compiles")
});

/// An error class that names a status: `tweepy.errors.Unauthorized`,
/// `Twitter::Error::TooManyRequests`, `NotFoundError`, `UnauthorizedException`.
static ERROR_CLASS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:(?i:errors?|exceptions?)(?:\.|::|\\)|Error::)(?<a>[A-Z][A-Za-z]+)(?-u:\b)|(?-u:\b)(?<b>[A-Z][A-Za-z]+?)(?:Error|Exception)(?-u:\b)",
    )
    .expect("the pattern compiles")
});

/// tweepy 4's error lines flattened onto the status line: `403 Forbidden 453 - text`.
static FOLLOWING_CODE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[[:space:]]+([0-9]{1,4}) - ([^[:space:]].*)$").expect("the pattern compiles")
});

/// Twitter4J glues the page's text to the status: `403:The request is understood, ...`.
static TWITTER4J_STATUS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^:[A-Z][a-z]+ +[A-Za-z]").expect("the pattern compiles"));
static TWITTER4J_CODE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^code - ([0-9]{1,20})[[:space:]]*$").expect("the pattern compiles")
});
static GO_TWITTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^twitter: ([0-9]{1,6}) ([^[:space:]].*)$").expect("the pattern compiles")
});
/// A `.NET`-style report (Tweetinvi): `Reason : Forbidden` and `Code : 403` on lines of
/// their own, where `Code` is the HTTP status.
static REPORT_FIELD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[[:space:]]*(Reason|Code)[[:space:]]+:[[:space:]]+(.+?)[[:space:]]*$")
        .expect("the pattern compiles")
});

/// How many bytes before and after a number its context is read from.
const BEFORE: usize = 48;
const AFTER: usize = 96;
/// How much of the next line a number at the end of its line looks at.
const NEXT_LINE: usize = 1 << 10;

pub(super) fn read_prose(text: &str, lines: &LineIndex, gaps: &Gaps, out: &mut Vec<Evidence>) {
    statuses(text, lines, gaps, out);
    status_variants(lines, gaps, out);
    line_shapes(gaps, out);
    implied(text, lines, gaps, out);
}

fn push(out: &mut Vec<Evidence>, line: usize, finding: Finding, how: How) {
    out.push(Evidence {
        finding,
        seen: Seen { line, how },
    });
}

/// Three-digit numbers that their context makes statuses.
fn statuses(text: &str, lines: &LineIndex, gaps: &Gaps, out: &mut Vec<Evidence>) {
    let bytes = text.as_bytes();
    for m in gaps.find_iter(&NUMBER) {
        if super::full(out) {
            break;
        }
        let (start, end) = (m.start(), m.end());
        if part_of_a_larger_number(bytes, start, end) {
            continue;
        }
        let Ok(code) = m.as_str().parse::<u16>() else {
            continue;
        };
        let Some(phrases) = reasons(code) else {
            continue;
        };
        let before = &text[super::floor_boundary(text, start.saturating_sub(BEFORE))..start];
        let before = &before[before.rfind('\n').map_or(0, |n| n + 1)..];
        let near = &text[end..super::ceil_boundary(text, end + AFTER)];
        let after = &near[..near.find(['\n', '\r']).unwrap_or(near.len())];
        // A number that ends its line may have its reason phrase, or tweepy's code lines,
        // on the next one (a terminal or a log wrapped the line there).
        // Looked at only when the line ends within the window and nothing on it decided.
        let next = || {
            if near.len() > after.len() {
                next_line(text, end + after.len())
            } else {
                ""
            }
        };
        let reason = reason_after(code, phrases, after);
        let wrapped = reason.is_none()
            && after.trim().is_empty()
            && reason_after(code, phrases, next().trim_start()).is_some();
        let lower = before.to_ascii_lowercase();
        // `if r.status_code == 200:` tests a status; it is no answer's.
        if super::roles::compared(before) {
            continue;
        }
        let said = reason.is_some()
            || wrapped
            || reason_before(phrases, &lower)
            || STATUS_WORDS.is_match(&lower)
            || ERROR_WORD.is_match(&lower) && code >= 400 && !AMBIGUOUS.contains(&code)
            || RECEIVED.is_match(&lower) && RESPONSE_NOUN.is_match(after)
            || ERROR_RESPONSES.is_match(after)
            || TWITTER4J_STATUS.is_match(after) && !before.ends_with(char::is_alphanumeric);
        if !said {
            continue;
        }
        let line = lines.line_of(start);
        let reason_text = reason.map(|(r, _)| r.to_string());
        push(
            out,
            line,
            Finding::Status {
                code,
                reason: reason_text,
            },
            How::ClientText,
        );
        // tweepy's `NNN - message` after the status and its reason, on the same line or,
        // when the reason ends the line, on the next.
        let following = reason.and_then(|(_, used)| {
            let rest = &after[used..];
            match FOLLOWING_CODE.captures(rest) {
                None if rest.trim().is_empty() => FOLLOWING_CODE.captures(next()).map(|c| (c, 1)),
                found => found.map(|c| (c, 0)),
            }
        });
        if let Some((c, below)) = following {
            let finding = code_finding(&c[1], Some(c[2].trim().to_string()));
            push(out, line + below, finding, How::ClientText);
        }
    }
}

/// The line after the one that ends at `at` (at most [`NEXT_LINE`] bytes of it), with
/// the line break before it, as FOLLOWING_CODE expects a space: empty when there is none.
fn next_line(text: &str, at: usize) -> &str {
    let rest = &text[at..];
    let rest = rest.strip_prefix('\r').unwrap_or(rest);
    if !rest.starts_with('\n') {
        return "";
    }
    let rest = &rest[..super::floor_boundary(rest, NEXT_LINE)];
    &rest[..rest[1..].find(['\n', '\r']).map_or(rest.len(), |n| n + 1)]
}

/// `1.403`, `12:207`, `403.5`: digits of a version, a time or a decimal, not a status.
fn part_of_a_larger_number(bytes: &[u8], start: usize, end: usize) -> bool {
    let digit_at = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
    let joined_before =
        start >= 2 && matches!(bytes[start - 1], b'.' | b':' | b',') && digit_at(start - 2);
    let joined_after = matches!(bytes.get(end), Some(b'.' | b',')) && digit_at(end + 1);
    joined_before || joined_after
}

/// The reason phrase of `code` right after it (`403 Forbidden`, `(403) Forbidden`,
/// `400 (Bad Request)`, `[429] Too Many Requests`, `404 Client Error: Not Found`): the
/// phrase as the input spells it and the bytes of `after` it took.
fn reason_after<'a>(code: u16, phrases: &[&str], after: &'a str) -> Option<(&'a str, usize)> {
    let skipped = after.len()
        - after
            .trim_start_matches([' ', ')', ']', '(', '[', ':', '-', ',', '|'])
            .len();
    if skipped > 3 {
        return None;
    }
    let rest = &after[skipped..];
    let class = match code / 100 {
        4 => Some("Client Error"),
        5 => Some("Server Error"),
        _ => None,
    };
    phrases.iter().copied().chain(class).find_map(|p| {
        let candidate = rest.get(..p.len())?;
        let ends_word = !rest[p.len()..].starts_with(|c: char| c.is_alphanumeric());
        (candidate.eq_ignore_ascii_case(p) && ends_word).then_some((candidate, skipped + p.len()))
    })
}

/// The reason phrase of `code` just before it: `unauthorized (401)`, `Forbidden [403]`.
fn reason_before(phrases: &[&str], before_lower: &str) -> bool {
    let t = before_lower.trim_end_matches([' ', '(', '[', ':']);
    phrases.iter().any(|p| {
        let Some(at) = t
            .len()
            .checked_sub(p.len())
            .filter(|&at| t.is_char_boundary(at))
        else {
            return false;
        };
        t[at..].eq_ignore_ascii_case(p) && !t[..at].ends_with(|c: char| c.is_alphanumeric())
    })
}

/// Shapes that take a line of their own: Twitter4J's `message - ` / `code - ` pair with the
/// status before them, go-twitter's `twitter: N text`, and a Tweetinvi report's fields.
fn line_shapes(gaps: &Gaps, out: &mut Vec<Evidence>) {
    let mut message: Option<(usize, String)> = None;
    let mut reason: Option<(usize, String)> = None;
    let mut code_field: Option<(usize, String)> = None;
    for free in gaps.lines() {
        if super::full(out) {
            break;
        }
        let (line_no, line) = (free.number, free.text);
        if let Some(text) = line.strip_prefix("message - ") {
            message = Some((line_no, text.trim().to_string()));
        } else if let Some(c) = TWITTER4J_CODE.captures(line) {
            let text = message
                .take()
                .filter(|(l, _)| line_no - l <= 2)
                .map(|(_, t)| t);
            push(out, line_no, code_finding(&c[1], text), How::ClientText);
        } else if let Some(c) = GO_TWITTER.captures(line)
            // `twitter: 403 Forbidden` is a status with its reason phrase, not a code.
            && status_with_reason(&c[1], &c[2]).is_none()
        {
            let finding = code_finding(&c[1], Some(c[2].trim().to_string()));
            push(out, line_no, finding, How::ClientText);
        } else if let Some(c) = REPORT_FIELD.captures(line) {
            let field = (line_no, c[2].to_string());
            match &c[1] {
                "Reason" => reason = Some(field),
                _ => code_field = Some(field),
            }
            // Tweetinvi prints the two in either order, a few lines apart.
            if let (Some((code_at, digits)), Some((reason_at, said))) = (&code_field, &reason)
                && code_at.abs_diff(*reason_at) <= 10
                && let Some(code) = status_with_reason(digits, said)
            {
                let reason = Some(said.clone());
                push(
                    out,
                    *code_at,
                    Finding::Status { code, reason },
                    How::ClientText,
                );
                code_field = None;
            }
        }
    }
}

/// The status `digits` names when `said` is its reason phrase (`403` and `Forbidden`).
fn status_with_reason(digits: &str, said: &str) -> Option<u16> {
    let code = digits.parse::<u16>().ok()?;
    reasons(code)?
        .iter()
        .any(|p| p.eq_ignore_ascii_case(said))
        .then_some(code)
}

/// How far back a class name's qualifier (`Twitter::Error::`) is followed.
const MAX_QUALIFIER: usize = 64;

/// Error classes that name a status without its number, and reason phrases that stand as
/// an error's whole message.
fn implied(text: &str, lines: &LineIndex, gaps: &Gaps, out: &mut Vec<Evidence>) {
    error_classes(text, lines, gaps, out);
    reason_identifiers(lines, gaps, out);
    reasons_as_messages(gaps, out);
    limit_words(lines, gaps, out);
    type_uris(lines, gaps, out);
}

/// A v2 problem type written out (`https://api.x.com/2/problems/usage-capped`) or X's
/// troubleshooting page for one (`.../error-troubleshooting#client-not-enrolled`), as
/// clients print it in a message (twitter-api-v2's `(see TYPE)`) or people in a log.
static TYPE_URI: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"https?://api\.(?:twitter|x)\.com/2/problems/[a-z][a-z0-9-]{0,60}(?-u:\b)|https?://developer\.(?:twitter|x)\.com/en/support/(?:twitter|x)-api/error-troubleshooting#[a-z][a-z0-9-]{0,60}(?-u:\b)")
        .expect("the pattern compiles")
});

/// The problem types named by URI in free text; a URI whose name no table knows is left
/// alone (a troubleshooting page's other anchors are not types).
fn type_uris(lines: &LineIndex, gaps: &Gaps, out: &mut Vec<Evidence>) {
    for m in gaps.find_iter(&TYPE_URI) {
        if super::full(out) {
            break;
        }
        let Some(entry) = crate::catalog::problem(m.as_str()) else {
            continue;
        };
        let mut problem = super::Problem::named(m.as_str());
        let name = crate::catalog::problem_name(m.as_str());
        // An anchor that is a value of the type's field (`client-not-enrolled`) is that
        // field's value, the type its entry's.
        if let Some(field) = entry.field_holding(name) {
            problem
                .fields
                .push((field.name.to_string(), name.to_string()));
        }
        let finding = Finding::Problem(Box::new(problem));
        push(out, lines.line_of(m.start()), finding, How::TypeUri);
    }
}

/// An app's own words for a limit it hit, with no number: tweepy's `Rate limit reached.
/// Sleeping for: 873`, `rate-limited`, `Waiting until 12:00 (rate limit)`.
static LIMIT_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)rate[ -]limit(?: has been| was)? (?:reached|hit)(?-u:\b)|(?-u:\b)rate[ -]limited(?-u:\b)|\(rate limit\)")
        .expect("the pattern compiles")
});

fn limit_words(lines: &LineIndex, gaps: &Gaps, out: &mut Vec<Evidence>) {
    for m in gaps.find_iter(&LIMIT_WORDS) {
        if super::full(out) {
            break;
        }
        let finding = Finding::ImpliedStatus {
            code: 429,
            words: m.as_str().to_string(),
        };
        push(out, lines.line_of(m.start()), finding, How::Implied);
    }
}

/// A status as the first value of a variant named for it, as languages print enums, also
/// spread over lines: Elm's and Rust's `BadStatus(401)`, `Status(\n    429,\n)`.
static STATUS_VARIANT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)[A-Za-z]*Status(?:Code)?\([[:space:]]*([1-5][0-9]{2})[[:space:]]*[,)]")
        .expect("the pattern compiles")
});

fn status_variants(lines: &LineIndex, gaps: &Gaps, out: &mut Vec<Evidence>) {
    for c in gaps.captures_iter(&STATUS_VARIANT) {
        let number = c.get(1).expect("group 1");
        if super::full(out) {
            break;
        }
        if let Ok(code) = number.as_str().parse::<u16>()
            && reasons(code).is_some()
        {
            let finding = Finding::Status { code, reason: None };
            push(out, lines.line_of(number.start()), finding, How::ClientText);
        }
    }
}

/// `Error in doAPICall(...) : Unauthorized`, `Exception Name: Forbidden`, `HTTPError: Too
/// Many Requests`, or the phrase alone on the line after `Error in f() :` (R breaks it so).
/// Single words other than Unauthorized and Forbidden are too plain to count.
fn reasons_as_messages(gaps: &Gaps, out: &mut Vec<Evidence>) {
    // The line number that an `Error in f() :` line was on: the phrase must be on the next.
    let mut error_colon_on = None;
    for free in gaps.lines() {
        if super::full(out) {
            break;
        }
        let line = free.text;
        let after_error_colon = error_colon_on == Some(free.number - 1);
        let lower = line.to_ascii_lowercase();
        let erring = ["error", "exception", "failed"]
            .iter()
            .any(|w| lower.contains(w));
        let tail = if erring {
            line.rsplit_once(": ")
                .or_else(|| line.rsplit_once(" - "))
                .map(|(_, t)| t)
        } else if after_error_colon {
            Some(line)
        } else {
            None
        };
        error_colon_on = (erring && line.trim_end().ends_with(':')).then_some(free.number);
        // The message's last part (`...: Not Found`), or its first (an old client's
        // `TwythonError: 'Bad Request: The request was invalid...'`).
        let head = line
            .split_once(": ")
            .filter(|_| erring)
            .and_then(|(_, m)| message_head(m));
        let phrase = [tail.map(tail_phrase), head]
            .into_iter()
            .flatten()
            .find(|p| named_by_reason(p).is_some());
        if let Some(phrase) = phrase {
            let code = named_by_reason(phrase).expect("found above");
            let finding = Finding::ImpliedStatus {
                code,
                words: phrase.to_string(),
            };
            push(out, free.number, finding, How::Implied);
        }
    }
}

/// A message's last part as a phrase: trimmed of quotes and the sentence's end.
fn tail_phrase(tail: &str) -> &str {
    tail.trim()
        .trim_end_matches(['.', ',', ';', ')', '`', '\'', '"'])
}

/// A message's first part, when a colon or a dash ends it: `'Bad Request: The ...`.
fn message_head(message: &str) -> Option<&str> {
    let m = message.trim_start_matches(['\'', '"', ' ', '(', '[']);
    let end = m.find(": ").or_else(|| m.find(" - "))?;
    Some(m[..end].trim())
}

/// The status a phrase names when it is a reason phrase as written, of more than one
/// word (or the two one-word phrases that cannot be anything else).
fn named_by_reason(phrase: &str) -> Option<u16> {
    let plain_word = !phrase.contains(' ') && !matches!(phrase, "Unauthorized" | "Forbidden");
    if phrase.is_empty() || plain_word {
        return None;
    }
    status_named(phrase).filter(|_| is_reason_phrase(phrase))
}

/// Error classes that name a status without its number.
fn error_classes(text: &str, lines: &LineIndex, gaps: &Gaps, out: &mut Vec<Evidence>) {
    for c in gaps.captures_iter(&ERROR_CLASS) {
        if super::full(out) {
            break;
        }
        let whole = c.get(0).expect("group 0 is the match");
        let Some(name) = c.name("a").or(c.name("b")) else {
            continue;
        };
        if let Some(code) = status_named(name.as_str()).or_else(|| named_at_end(name.as_str())) {
            // The words are the whole qualified name: `Twitter::Error::DuplicateStatus`.
            let words = &text[qualifier_start(text, whole.start())..whole.end()];
            let finding = Finding::ImpliedStatus {
                code,
                words: words.to_string(),
            };
            push(out, lines.line_of(whole.start()), finding, How::Implied);
        }
    }
}

/// The status a class name ends with after words naming the API or its client:
/// `EpiTwitterForbidden` (of `EpiTwitterForbiddenException`), `HttpNotFound`,
/// `ApiTooManyRequests`. Other prefixes name other things (`FileNotFound` is no HTTP
/// answer), so one of these words must stand before the status's.
fn named_at_end(name: &str) -> Option<u16> {
    const CLIENT_WORDS: &[&str] = &["Twitter", "Tweet", "Http", "HTTP", "Api", "API", "Client"];
    let seams = name
        .char_indices()
        .skip(1)
        .filter(|&(_, c)| c.is_ascii_uppercase())
        .map(|(i, _)| i);
    seams
        .filter(|&i| CLIENT_WORDS.iter().any(|w| name[..i].contains(w)))
        .find_map(|i| status_named(&name[i..]))
}

/// Identifiers that spell a reason phrase of two words or more, as enums and exception
/// classes name statuses (`except TooManyRequests`, `NOT_FOUND`, `ServiceUnavailable`):
/// no prose writes words glued so. A one-word phrase (`Forbidden`) is prose as well, and
/// counts only in the class shapes of [`error_classes`].
static REASON_IDENTIFIER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:(?:[A-Z][a-z]+){2,6}|[A-Z]+(?:_[A-Z]+){1,5})(?-u:\b)")
        .expect("the pattern compiles")
});

fn reason_identifiers(lines: &LineIndex, gaps: &Gaps, out: &mut Vec<Evidence>) {
    // A class the class shapes read already (`Twitter::Error::TooManyRequests`) is one.
    let mut said: std::collections::HashSet<(usize, u16)> = out
        .iter()
        .filter_map(|e| match e.finding {
            Finding::ImpliedStatus { code, .. } => Some((e.seen.line, code)),
            _ => None,
        })
        .collect();
    for m in gaps.find_iter(&REASON_IDENTIFIER) {
        if super::full(out) {
            break;
        }
        let name = m.as_str();
        let code = if name.contains('_') {
            crate::catalog::status_of_reason(&name.replace('_', " "))
        } else {
            status_named(name)
        };
        let Some(code) = code.filter(|&c| c >= 400) else {
            continue;
        };
        let line = lines.line_of(m.start());
        if said.insert((line, code)) {
            let words = name.to_string();
            push(
                out,
                line,
                Finding::ImpliedStatus { code, words },
                How::Implied,
            );
        }
    }
}

/// Where the qualified name before a class ends at `end` begins: over the characters of
/// names and their separators (`::`, `.`, PHP's `\\`), at most [`MAX_QUALIFIER`] of them,
/// stopping at a `\\uXXXX` escape, which is no part of a name (and may be one the reader
/// defused, whose text is not the input's).
fn qualifier_start(text: &str, end: usize) -> usize {
    let bytes = text.as_bytes();
    let mut start = end;
    while start > 0 && end - start < MAX_QUALIFIER {
        let b = bytes[start - 1];
        let in_name = b.is_ascii_alphanumeric() || matches!(b, b'.' | b':' | b'_' | b'\\');
        let ends_escape = start >= 6
            && bytes[start - 6..start - 4] == *b"\\u"
            && bytes[start - 4..start].iter().all(u8::is_ascii_hexdigit);
        if !in_name || ends_escape {
            break;
        }
        start -= 1;
    }
    start
}

#[cfg(test)]
mod tests {
    use super::super::testing::{codes, implied, statuses};
    use super::super::{Finding, extract};

    #[test]
    fn problem_type_uris_in_free_text_are_types() {
        let types = |text: &str| -> Vec<(String, Vec<(String, String)>)> {
            extract(text)
                .into_iter()
                .filter_map(|e| match e.finding {
                    Finding::Problem(p) => Some((p.type_uri, p.fields)),
                    _ => None,
                })
                .collect()
        };
        assert_eq!(
            types("giving up: https://api.twitter.com/2/problems/usage-capped."),
            [(
                "https://api.twitter.com/2/problems/usage-capped".to_string(),
                vec![]
            )]
        );
        let anchor =
            "https://developer.x.com/en/support/x-api/error-troubleshooting#client-not-enrolled";
        assert_eq!(
            types(&format!("see {anchor}")),
            [(
                anchor.to_string(),
                vec![("reason".to_string(), "client-not-enrolled".to_string())]
            )]
        );
        assert!(types("https://api.x.com/2/problems/no-such-type-here").is_empty());
        assert!(
            types("https://developer.x.com/en/support/x-api/error-troubleshooting#intro")
                .is_empty()
        );
    }

    #[test]
    fn status_words_before_the_number() {
        for text in [
            "AxiosError: Request failed with status code 404",
            "TweepError: Twitter error response: status code = 404",
            "Error: Status Code: 404",
            "Error Domain=HTTP Code=404 \"x\"",
            "done. HTTP result code: 404",
            "panic: response status: 404 whatever",
            "Stream encountered HTTP error: 404",
            "the API returned a 404",
            "anaconda: Get https://x returned status 404",
            "x failed: HTTP/1.1 404 in y.php",
            "\"GET /2/tweets/1 HTTP/1.1\" 404 94",
            "{'status_code'= 404}",
            "StatusCodeError: 404 - \"{}\"",
            "<Response [404]>",
            "ERROR:twarc:caught 404 from Twitter API, sleeping",
            "Twitter API failed [404]. Check error message",
            "Response code: 404",
            "I keep getting a 404 error on every call",
            "TwitterException: 404:The URI requested is invalid",
            "Request failed: not found (404)",
            "Stream error 404, reconnecting",
            "(Caused by ResponseError('too many 404 error responses'))",
        ] {
            assert_eq!(statuses(text), [404], "{text}");
        }
    }

    #[test]
    fn reason_phrase_after_the_number() {
        assert_eq!(statuses("client error: (403) Forbidden"), [403]);
        assert_eq!(statuses("[429] Too Many Requests: slow down"), [429]);
        assert_eq!(statuses("returned a 400 (Bad Request), Bad data"), [400]);
        assert_eq!(
            statuses("HTTPError: 404 Client Error: Not Found for url"),
            [404]
        );
        assert_eq!(statuses("x 503 Service Temporarily Unavailable"), [503]);
        assert_eq!(
            statuses("| 429 | Too Many Requests |"),
            [429],
            "a markdown table row"
        );
    }

    #[test]
    fn numbers_without_context_are_nothing() {
        for text in [
            "File \"bot.py\", line 404, in <module>",
            "archived 622089779308593152",
            "[Finished in 1.0s with exit code 1]",
            "at Request.emit (node:events:513:28)",
            "memory 141616 563936",
            "version 1.403.2",
            "    192             raise ExceptionType(",
            "status 187 is not a status",
            "PlainOAuth[21267:207] posted",
            "got 200 tweets in 3 pages",
            "at 12:404:Then",
            "Twitter error 422",
        ] {
            assert!(statuses(text).is_empty(), "{text}: {:?}", statuses(text));
            assert!(codes(text).is_empty(), "{text}: {:?}", codes(text));
        }
    }

    #[test]
    fn a_reason_phrase_wrapped_onto_the_next_line() {
        let text = "ERROR: GET https://api.example.test/oauth/token failed: 401\n      Unauthorized at Client.pm line 88.\n";
        assert_eq!(statuses(text), [401]);
        assert!(
            statuses("count: 401\n   apples and pears").is_empty(),
            "a number is no status for the words that follow it on the next line"
        );
    }

    #[test]
    fn code_lines_below_a_status_and_its_reason() {
        let text = "Forbidden: 403 Forbidden\n187 - Status is a duplicate.\n";
        assert_eq!(statuses(text), [403]);
        assert_eq!(codes(text), [187]);
        assert!(codes("HTTP 403 Forbidden\nsee the docs - page 2\n").is_empty());
        assert!(codes("error 403 Forbidden for 12 - 14 users").is_empty());
    }

    #[test]
    fn twitter4j_status_text_with_doubled_spaces() {
        let text = "403:The  request is understood, but it has been  refused.";
        assert_eq!(statuses(text), [403]);
    }

    #[test]
    fn a_reason_phrase_opening_an_exception_message_implies_its_status() {
        assert_eq!(
            implied("ClientError: 'Too Many Requests: slow down, please.'"),
            [429]
        );
        assert_eq!(implied("SomeError: Service Unavailable - try later"), [503]);
        assert!(implied("SomeError: 'Invalid input: name'").is_empty());
        assert!(
            implied("note: Bad Request: all went well").is_empty(),
            "only an error's message"
        );
    }

    #[test]
    fn a_status_as_the_value_of_a_variant_named_for_it() {
        assert_eq!(statuses("Err(BadStatus(\n    429,\n))"), [429]);
        assert_eq!(statuses("Left (HttpStatus(503))"), [503]);
        assert!(statuses("Progress(403, 12)").is_empty());
        assert!(statuses("BadStatus(999)").is_empty(), "999 is no status");
    }

    #[test]
    fn a_reason_phrase_in_brackets_after_the_number() {
        let log = "403 [Forbidden] (403 ms) POST https://api.twitter.com/2/tweets";
        assert_eq!(statuses(log), [403], "the duration is no second status");
    }

    #[test]
    fn an_apps_own_words_for_a_limit_it_hit() {
        assert_eq!(implied("Rate limit reached. Sleeping for: 873"), [429]);
        assert_eq!(implied("bot was rate-limited, backing off"), [429]);
        assert_eq!(implied("Waiting until 12:15:00 (rate limit)"), [429]);
        assert!(implied("rate limit: 300 per window").is_empty());
    }

    #[test]
    fn a_php_exception_class_alone_implies_its_status() {
        let stack = "PHP Fatal error:  Uncaught App\\Twitter\\TooManyRequestsException: in /srv/app.php:40\n#0 {main}";
        assert_eq!(implied(stack), [429]);
    }

    #[test]
    fn flattened_tweepy_lines_give_the_code() {
        let text = "Forbidden: 403 Forbidden 453 - You currently have access to a subset";
        assert_eq!(statuses(text), [403]);
        assert_eq!(codes(text), [453]);
    }

    #[test]
    fn code_keys_in_prose() {
        assert_eq!(
            codes("HTTP Error: 403 Forbidden, API Error: 306, User"),
            [306]
        );
        assert_eq!(codes("failed, error_code=89"), [89]);
        assert!(codes("HTTP error code 403").is_empty());
        assert_eq!(statuses("HTTP error code 403"), [403]);
        assert!(
            codes("X API error 403 status 403").is_empty(),
            "a key needs its separator"
        );
    }

    #[test]
    fn twitter4j_go_and_report_shapes() {
        let t4j =
            "java.io.IOException: 403:The request is understood\nmessage - Locked.\ncode - 326\n";
        assert_eq!(statuses(t4j), [403]);
        assert_eq!(codes(t4j), [326]);
        assert_eq!(codes("twitter: 326 To protect our users"), [326]);
        assert!(codes("twitter: 403 Forbidden").is_empty());
        assert_eq!(statuses("twitter: 403 Forbidden"), [403]);
        let report = "Reason : Forbidden\nDetails : x\nCode : 403\n";
        assert_eq!(statuses(report), [403]);
        let report = "Code : 401\nDate : 3/1/2021\nReason : Unauthorized\n";
        assert_eq!(statuses(report), [401], "either order");
        assert!(statuses("Reason : <html>\nCode : 403\n").is_empty());
        assert!(codes("Code : -1").is_empty());
    }

    #[test]
    fn identifiers_that_spell_a_status_imply_it() {
        assert_eq!(implied("except TooManyRequests as e:"), [429]);
        assert_eq!(implied("status: NOT_FOUND"), [404]);
        assert_eq!(
            implied("exception 'EpiTwitterForbiddenException' in x.php:264"),
            [403]
        );
        assert_eq!(implied("raise HttpServiceUnavailableError()"), [503]);
        // Not HTTP answers: a file, a one-word phrase of prose, an identifier of another.
        for text in [
            "FileNotFoundException: a.txt",
            "Forbidden fruit",
            "PageNotFound component",
            "HTTP_OK",
        ] {
            assert!(implied(text).is_empty(), "{text:?}: {:?}", implied(text));
        }
    }

    #[test]
    fn error_classes_imply_a_status() {
        let found = extract("Twitter::Error::TooManyRequests: Rate limit exceeded");
        assert!(found.iter().any(|e| matches!(
            &e.finding,
            Finding::ImpliedStatus { code: 429, words } if words.contains("TooManyRequests")
        )));
        for (text, code) in [
            ("tweepy.errors.Unauthorized: x", 401),
            ("raise NotFoundError()", 404),
            // PHP namespaces: the Ads SDK's `...\TwitterAds\Errors\Forbidden`.
            (
                r"Uncaught Hborras\TwitterAdsSDK\TwitterAds\Errors\Forbidden:  FORBIDDEN in x.php",
                403,
            ),
            ("EnhanceYourCalmException", 420),
        ] {
            assert!(
                extract(text).iter().any(
                    |e| matches!(e.finding, Finding::ImpliedStatus { code: c, .. } if c == code)
                ),
                "{text}"
            );
        }
        assert!(implied("requests.exceptions.HTTPError: x").is_empty());
        assert_eq!(implied("Exception Name: Forbidden"), [403]);
        assert_eq!(
            implied("Error in doAPICall(cmd, params) : Unauthorized"),
            [401]
        );
        assert_eq!(
            implied("Error in doAPICall(cmd, params) :\n  Too Many Requests\n"),
            [429]
        );
        assert!(
            implied("Note: Forbidden").is_empty(),
            "no error in the line"
        );
        assert!(implied("Error: Gone").is_empty(), "too plain a word");
    }
}
