//! Line-based recognisers: HTTP framing from curl (`-i`, `-v`, `--fail`), response
//! headers, HTML error pages, XML bodies, and the exception lines client libraries print.

use super::{Evidence, Finding, How, Seen, is_interesting_header};
use regex::Regex;
use std::sync::LazyLock;

/// The markers that decide which line-shaped recognisers are worth running on a line.
#[derive(Clone, Copy)]
enum Marker {
    Curl = 0,
    Title = 1,
    Xml = 2,
    Tweepy = 3,
    Node = 4,
    Ptt = 5,
    Ruby = 6,
}

static LITERAL_MARKERS: LazyLock<Vec<(memchr::memmem::Finder<'static>, Marker)>> =
    LazyLock::new(|| {
        [
            ("curl: (22)", Marker::Curl),
            ("tweepy.errors.", Marker::Tweepy),
            ("Request failed with code", Marker::Node),
            ("Request failed with partial response", Marker::Node),
            ("Twitter sent status ", Marker::Ptt),
            ("Twitter::Error::", Marker::Ruby),
        ]
        .into_iter()
        .map(|(literal, marker)| (memchr::memmem::Finder::new(literal), marker))
        .collect()
    });

/// Every marker in `text` with its byte position, in order: a few SIMD substring searches
/// over the whole text, instead of several regexes on every line.
fn markers(text: &str) -> Vec<(usize, Marker)> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    for (finder, marker) in LITERAL_MARKERS.iter() {
        found.extend(finder.find_iter(bytes).map(|at| (at, *marker)));
    }
    for at in memchr::memchr_iter(b'<', bytes) {
        let tag = &bytes[at + 1..bytes.len().min(at + 6)];
        if tag.eq_ignore_ascii_case(b"title") {
            found.push((at, Marker::Title));
        } else if tag == b"error" {
            found.push((at, Marker::Xml));
        }
    }
    found.sort_unstable_by_key(|(at, _)| *at);
    found
}

static CURL_FAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"curl: \(22\) The requested URL returned error: ([1-5][0-9]{2})\b(?: +([^\r\n]*))?")
        .unwrap()
});
static HTML_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)<title>[[:space:]]*([1-5][0-9]{2})(?-u:\b)[[:space:]]*([^<]{0,100})</title>")
        .unwrap()
});
static XML_ERROR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"<error[[:space:]]+code[[:space:]]*=[[:space:]]*["']([0-9]{1,20})["'][[:space:]]*>([^<]*)</error>"#).unwrap()
});
/// tweepy 4: `tweepy.errors.Forbidden: 403 Forbidden`, then one `187 - message` line per error.
static TWEEPY_EXCEPTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"tweepy\.errors\.[A-Za-z]+: ([1-5][0-9]{2})(?: ([A-Za-z][A-Za-z' -]*))?[[:space:]]*$",
    )
    .unwrap()
});
static TWEEPY_ERROR_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([0-9]{1,20}) - (.+)$").unwrap());
/// twitter-api-v2 (Node): `ApiResponseError: Request failed with code 403 - text (Twitter code 187)`.
static PTT_STATUS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"Twitter sent status ([1-5][0-9]{2})(?-u:\b)").unwrap());
/// `Twitter::Error::Forbidden: message`, or Ruby's report of an uncaught exception,
/// `file:12:in 'method': message (Twitter::Error::Forbidden)`.
static RUBY_ERROR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[[:space:]]*Twitter::Error::(?<class>[A-Za-z]+)(?::[[:space:]]*(?<text>.*))?$|: (?<text2>.+) \(Twitter::Error::(?<class2>[A-Za-z]+)\)[[:space:]]*$")
        .unwrap()
});

static NODE_REQUEST_FAILED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"Request failed with code ([1-5][0-9]{2})(?-u:\b)").unwrap());
/// twitter-api-v2's v2 form, `Request failed with code 403 - Title: detail (see TYPE)`.
static NODE_PROBLEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"Request failed with code ([1-5][0-9]{2}) - (?<title>[^:()\n]{1,80}): (?<detail>.*) \(see (?<type>about:blank|https?://[^[:space:]()]+)\)")
        .unwrap()
});
/// twitter-api-v2's `Request failed with partial response with HTTP code 200 (...)`.
static NODE_PARTIAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"Request failed with partial response with HTTP code ([1-5][0-9]{2})(?-u:\b)(?: \((?<why>[a-z ]{1,40})\))?").unwrap()
});
static NODE_TWITTER_CODE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"Request failed with code [0-9]{3} - (.*?) ?\(Twitter code ([0-9]{1,20})\)")
        .unwrap()
});

/// Reads `text` line by line and appends what the line-shaped recognisers find.
/// Returns the byte ranges of the HTTP framing it read (status lines and the header blocks
/// after them, consecutive lines as one range): a region of its own, which the free-text
/// readers are not given.
pub(super) fn read_framing(text: &str, out: &mut Vec<Evidence>) -> Vec<(usize, usize)> {
    let mut state = Framing::default();
    let mut regions: Vec<(usize, usize)> = Vec::new();
    // One pass over the whole text finds every marker; each line then looks up its own.
    let mut marks_at = markers(text).into_iter().peekable();
    let mut line_start = 0usize;
    for (index, raw) in text.split('\n').enumerate() {
        if super::full(out) {
            break;
        }
        let (start, line_end) = (line_start, line_start + raw.len());
        let mut marks = [false; 7];
        while let Some(&(at, pattern)) = marks_at.peek() {
            if at >= line_end {
                break;
            }
            marks[pattern as usize] = true;
            marks_at.next();
        }
        line_start = line_end + 1;
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        // curl -v marks response lines with "< "; request lines ("> "), its own
        // information ("* ") and data markers ("{ [82 bytes data]") are not the response.
        let line = match raw.strip_prefix("< ") {
            Some(rest) => rest,
            None if raw == "<" => "",
            None if is_curl_verbose_noise(raw) => continue,
            None => raw,
        };
        let mut push = |finding: Finding, how: How| {
            let seen = Seen {
                line: index + 1,
                how,
            };
            out.push(Evidence { finding, seen })
        };
        if state.read_line(line, marks, &mut push) {
            match regions.last_mut() {
                Some(last) if last.1 == start => last.1 = line_end + 1,
                _ => regions.push((start, line_end + 1)),
            }
        }
    }
    regions
}

/// What the lines before tell about the next one: inside a header block, or right after
/// a tweepy exception line (whose next lines are its codes or its message).
#[derive(Default)]
struct Framing {
    in_headers: bool,
    after_tweepy: bool,
    after_tweepy_first: bool,
}

impl Framing {
    /// Reads one line; true when it was HTTP framing (a status line or a header line).
    fn read_line(
        &mut self,
        line: &str,
        marks: [bool; 7],
        push: &mut impl FnMut(Finding, How),
    ) -> bool {
        if self.http_framing(line, push) {
            return true;
        }
        let [curl, title, xml, tweepy, node, ptt, ruby] = marks;
        markup(line, curl, title, xml, push);
        if tweepy && self.tweepy_exception(line, push) {
            return false;
        }
        if self.after_tweepy && self.after_tweepy_line(line, push) {
            return false;
        }
        // A twitter-api-v2 line with a v2 problem is a region of its own: its type URI and
        // detail are read here, not again by the free-text readers.
        other_clients(line, [ptt, ruby, node], push)
    }

    /// A status line, or a header line after one (or a rate-limit header pasted on its
    /// own); true when the line was one of them, or the blank line ending a header block.
    fn http_framing(&mut self, line: &str, push: &mut impl FnMut(Finding, How)) -> bool {
        if let Some((code, reason)) = status_line(line) {
            let reason = Some(reason.trim())
                .filter(|r| !r.is_empty())
                .map(str::to_string);
            push(Finding::Status { code, reason }, How::StatusLine);
            self.in_headers = true;
            self.after_tweepy = false;
            return true;
        }
        if self.in_headers {
            if let Some((name, value)) = header_line(line) {
                if is_interesting_header(name) {
                    push(header(name, value), How::Header);
                }
                return true;
            }
            // A blank line (or anything that is not a header) ends the header block.
            self.in_headers = false;
            return line.trim().is_empty();
        }
        // Rate-limit headers pasted on their own, without a status line: a limit at 0 then
        // implies the 429 that no status line shows.
        if let Some((name, value)) = pasted_header(line)
            && is_interesting_header(name)
            && !name.eq_ignore_ascii_case("date")
            && !name.eq_ignore_ascii_case("content-type")
        {
            push(header(name, value), How::Header);
            if let Some(implied) = super::exhausted_limit(name, value) {
                push(implied, How::Header);
            }
            return true;
        }
        false
    }

    /// tweepy's exception line (`tweepy.errors.Forbidden: 403 Forbidden`); true when the
    /// line was one.
    fn tweepy_exception(&mut self, line: &str, push: &mut impl FnMut(Finding, How)) -> bool {
        let Some(c) = TWEEPY_EXCEPTION.captures(line) else {
            return false;
        };
        if let Ok(code) = c[1].parse() {
            let reason = c.get(2).map(|m| m.as_str().trim().to_string());
            push(Finding::Status { code, reason }, How::ClientText);
        }
        self.after_tweepy = true;
        self.after_tweepy_first = true;
        true
    }

    /// A line after tweepy's exception line: a `187 - Status is a duplicate.` code line
    /// (true), or right after the exception the message of an error with no code.
    fn after_tweepy_line(&mut self, line: &str, push: &mut impl FnMut(Finding, How)) -> bool {
        if let Some(c) = TWEEPY_ERROR_LINE.captures(line.trim()) {
            push(
                code_finding(&c[1], Some(c[2].trim().to_string())),
                How::ClientText,
            );
            // A line without a code is the message of a codeless error only right
            // after the exception line; after code lines it is the log going on.
            self.after_tweepy_first = false;
            return true;
        }
        let first = line.trim_start().chars().next();
        // A message is words, or one plain word ("Forbidden"); a lone token such as
        // an IDE's `python-BaseException` after the traceback is not.
        let words = line.trim().contains(' ') || line.trim().chars().all(char::is_alphabetic);
        if self.after_tweepy_first
            && first.is_some_and(|c| c.is_alphabetic())
            && !line.starts_with(' ')
            && words
        {
            // tweepy prints the message alone for errors that have no code (v2 problems).
            push(text_message(line.trim()), How::ClientText);
        }
        self.after_tweepy = false;
        false
    }
}

/// curl's `--fail` line, an HTML page's `<title>`, an XML error body: where their
/// markers were seen on the line.
fn markup(line: &str, curl: bool, title: bool, xml: bool, push: &mut impl FnMut(Finding, How)) {
    if curl
        && let Some(c) = CURL_FAIL.captures(line)
        && let Ok(code) = c[1].parse()
    {
        let reason = c
            .get(2)
            .map(|m| m.as_str().trim().to_string())
            .filter(|r| !r.is_empty());
        push(Finding::Status { code, reason }, How::CurlFail);
    }
    if title {
        for c in HTML_TITLE.captures_iter(line) {
            if let Ok(code) = c[1].parse() {
                let reason = Some(c[2].trim().to_string()).filter(|r| !r.is_empty());
                push(Finding::Status { code, reason }, How::HtmlTitle);
            }
        }
    }
    if xml {
        for c in XML_ERROR.captures_iter(line) {
            let message = Some(c[2].trim().to_string()).filter(|m| !m.is_empty());
            push(code_finding(&c[1], message), How::XmlBody);
        }
    }
}

/// The lines of Python Twitter Tools, the Ruby gem and Node clients, where their markers
/// were seen on the line; true when the line was twitter-api-v2's whole report of a v2
/// problem or of a partial response.
fn other_clients(
    line: &str,
    [ptt, ruby, node]: [bool; 3],
    push: &mut impl FnMut(Finding, How),
) -> bool {
    // Python Twitter Tools: `TwitterHTTPError: Twitter sent status 403 for URL: ...`
    if ptt
        && let Some(c) = PTT_STATUS.captures(line)
        && let Ok(code) = c[1].parse()
    {
        push(Finding::Status { code, reason: None }, How::ClientText);
    }
    // The Ruby gem's error line: its text is the message (the class, which implies
    // a status, is read by the prose reader).
    if ruby
        && let Some(c) = RUBY_ERROR.captures(line)
        && c.name("class").or(c.name("class2")).is_some()
    {
        let text = c
            .name("text")
            .or(c.name("text2"))
            .map_or("", |m| m.as_str().trim());
        if !text.is_empty() {
            push(text_message(text), How::ClientText);
        }
    }
    node && node_line(line, push)
}

/// twitter-api-v2's error lines: the status, then its v1.1 codes, its v2 problem, or the
/// partial response it reports; true for the last two.
fn node_line(line: &str, push: &mut impl FnMut(Finding, How)) -> bool {
    if let Some(c) = NODE_PARTIAL.captures(line) {
        if let Ok(code) = c[1].parse() {
            push(Finding::Status { code, reason: None }, How::ClientText);
        }
        if let Some(entry) = crate::catalog::library_condition("partial-response") {
            let text = c[0].trim().to_string();
            push(Finding::Condition { entry, text }, How::ClientText);
        }
        return true;
    }
    let Some(c) = NODE_REQUEST_FAILED.captures(line) else {
        return false;
    };
    let status = c[1].parse().ok();
    if let Some(code) = status {
        push(Finding::Status { code, reason: None }, How::ClientText);
    }
    if let Some(c) = NODE_TWITTER_CODE.captures(line) {
        let message = Some(c[1].trim().to_string()).filter(|m| !m.is_empty());
        push(code_finding(&c[2], message), How::ClientText);
        return false;
    }
    let Some(c) = NODE_PROBLEM.captures(line) else {
        return false;
    };
    let problem = super::Problem {
        type_uri: c["type"].to_string(),
        title: Some(c["title"].trim().to_string()),
        detail: Some(c["detail"].trim().to_string()).filter(|d| !d.is_empty() && d != "undefined"),
        status,
        fields: Vec::new(),
        details: Vec::new(),
    };
    push(Finding::Problem(Box::new(problem)), How::ClientText);
    true
}

/// An error's message with no code, as a client printed it.
fn text_message(text: &str) -> Finding {
    Finding::Message {
        text: text.to_string(),
        oauth_error: None,
        request: None,
        title_len: None,
    }
}

/// `HTTP/1.1 429 Too Many Requests`, `HTTP/2 200`: the status and the rest of the line.
/// The version is one digit, or two with a dot; spaces come before the status, and before
/// a reason when one follows. Read by hand: a pattern would be compiled for every
/// response in `curl -i` framing, for one line.
fn status_line(line: &str) -> Option<(u16, &str)> {
    let rest = line.strip_prefix("HTTP/")?;
    let version = match rest.as_bytes() {
        [a, b'.', b, ..] if a.is_ascii_digit() && b.is_ascii_digit() => 3,
        [a, ..] if a.is_ascii_digit() => 1,
        _ => return None,
    };
    let after_version = &rest[version..];
    let at_status = after_version.trim_start_matches(' ');
    let status = at_status.as_bytes().get(..3)?;
    let spaced = at_status.len() < after_version.len();
    if !spaced || !(b'1'..=b'5').contains(&status[0]) || !status.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let code = status.iter().fold(0, |n, d| n * 10 + u16::from(d - b'0'));
    let reason = &at_status[3..];
    // After the status: nothing, or a space and the reason (`HTTP/1.1 2000` is no status).
    let whole = reason.is_empty() || reason.starts_with(' ') && !reason.contains('\n');
    whole.then_some((code, reason))
}

/// `name: value` where name is a header token.
fn header_line(line: &str) -> Option<(&str, &str)> {
    let (name, value) = line.split_once(':')?;
    let name = name.trim_end_matches(' ');
    let token = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        && name.as_bytes()[0].is_ascii_alphanumeric();
    token.then_some((name, value))
}

/// A rate-limit header pasted on its own line in any of the notations people copy one
/// from: `x-rate-limit-remaining: 0`, a JSON or dict member (`"x-rate-limit-remaining":
/// "0",`), with a comment after it (`x-rate-limit-reset: 1671157491, // Fri Dec 16`). The
/// value is what the quotes hold, or the text before a `,`, `;` or comment.
fn pasted_header(line: &str) -> Option<(&str, &str)> {
    let line = line.trim_start();
    let quote = line.chars().next().filter(|c| matches!(c, '"' | '\''));
    let (name, rest) = match quote {
        Some(q) => {
            let inner = &line[1..];
            let close = inner.find(q)?;
            let rest = inner[close + 1..].trim_start();
            (&inner[..close], rest.strip_prefix(':')?)
        }
        None => header_line(line)?,
    };
    if !name.starts_with(['x', 'X', 'r', 'R']) || name.contains(' ') {
        return None;
    }
    let rest = rest.trim_start();
    let value = match rest.chars().next().filter(|c| matches!(c, '"' | '\'')) {
        Some(q) => &rest[1..1 + rest[1..].find(q)?],
        None if quote.is_some() || rest.contains([',', ';']) || rest.contains("//") => {
            let end = rest.find([',', ';']).unwrap_or(rest.len());
            let end = rest[..end].find("//").unwrap_or(end);
            rest[..end].trim_end()
        }
        None => rest,
    };
    Some((name, value))
}

fn is_curl_verbose_noise(line: &str) -> bool {
    line.starts_with("> ")
        || line == ">"
        || line.starts_with("* ")
        || line.starts_with("{ [")
        || line.starts_with("} [")
}

fn header(name: &str, value: &str) -> Finding {
    Finding::Header {
        name: name.to_ascii_lowercase(),
        value: value.trim().to_string(),
    }
}

/// A code as digits from text: a number that does not fit is kept as raw text.
/// Digits padded with a leading zero (`code - 020`) are no code as the API writes one: they
/// are kept as written, never read as the number 20.
pub(super) fn code_finding(digits: &str, message: Option<String>) -> Finding {
    let padded = digits.len() > 1 && digits.starts_with('0');
    match digits.parse::<u64>() {
        Ok(code) if !padded => Finding::Code { code, message },
        _ => Finding::InvalidCode {
            raw: digits.to_string(),
            message,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_limit_at_zero_pasted_without_a_status_line_implies_429() {
        let pasted = "x-rate-limit-remaining: 0\nx-rate-limit-reset: 1796050000\n";
        assert_eq!(crate::evidence::testing::implied(pasted), [429]);
        assert!(crate::evidence::testing::implied("x-rate-limit-remaining: 12\n").is_empty());
        let framed = "HTTP/2 200\nx-rate-limit-remaining: 0\n\n";
        assert!(
            crate::evidence::testing::implied(framed).is_empty(),
            "the last call of a window may succeed: the status line says what happened"
        );
    }

    #[test]
    fn rate_limit_headers_pasted_in_any_notation_are_read() {
        for (line, value) in [
            ("x-rate-limit-remaining: 0", "0"),
            ("  \"x-rate-limit-remaining\": \"0\",  ", "0"),
            ("'x-rate-limit-remaining': '0',", "0"),
            (
                "x-rate-limit-reset: 1671157491, // Fri Dec 16 2022",
                "1671157491",
            ),
            (
                "\"x-rate-limit-reset\": 1671157491 // a comment",
                "1671157491",
            ),
        ] {
            assert_eq!(
                super::pasted_header(line).map(|h| h.1),
                Some(value),
                "{line:?}"
            );
        }
        for line in [
            "\"date\": \"Fri\"",
            "\"x rate\": 0",
            "x-rate-limit-remaining 0",
        ] {
            assert!(super::pasted_header(line).is_none(), "{line:?}");
        }
        let pasted =
            "\"x-rate-limit-remaining\": \"0\",\n\"x-rate-limit-reset\": \"1671196077\",\n";
        assert_eq!(crate::evidence::testing::implied(pasted), [429]);
    }

    #[test]
    fn a_status_line_is_its_version_spaces_status_and_reason() {
        assert_eq!(
            status_line("HTTP/1.1 429 Too Many Requests"),
            Some((429, " Too Many Requests"))
        );
        assert_eq!(status_line("HTTP/2 200"), Some((200, "")));
        assert_eq!(status_line("HTTP/1.0   503  "), Some((503, "  ")));
        for no in [
            "HTTP/1.1 2000",
            "HTTP/1.1 200OK",
            "HTTP/1.1 600 Odd",
            "HTTP/1.1 42",
            "HTTP/1.x 200",
            "HTTP/1.1200",
            "HTTP/ 200",
            "http/1.1 200",
            "HTTP/1.1 4٣3",
        ] {
            assert_eq!(status_line(no), None, "{no}");
        }
    }

    fn findings(text: &str) -> Vec<(usize, How, Finding)> {
        let mut out = Vec::new();
        read_framing(text, &mut out);
        out.into_iter()
            .map(|e| (e.seen.line, e.seen.how, e.finding))
            .collect()
    }

    fn status(code: u16, reason: Option<&str>) -> Finding {
        Finding::Status {
            code,
            reason: reason.map(String::from),
        }
    }

    #[test]
    fn twitter_api_v2_reports_a_v2_problem_and_a_partial_response_whole() {
        let line = "ApiResponseError: Request failed with code 403 - Forbidden: Not allowed here. (see https://api.x.com/2/problems/not-authorized-for-resource)";
        let mut out = Vec::new();
        let regions = read_framing(line, &mut out);
        assert_eq!(
            regions,
            [(0, line.len() + 1)],
            "the line is a region of its own"
        );
        let problem = out.iter().find_map(|e| match &e.finding {
            Finding::Problem(p) => Some(p),
            _ => None,
        });
        let p = problem.expect("a problem");
        assert_eq!(
            (
                p.type_uri.as_str(),
                p.title.as_deref(),
                p.detail.as_deref(),
                p.status
            ),
            (
                "https://api.x.com/2/problems/not-authorized-for-resource",
                Some("Forbidden"),
                Some("Not allowed here."),
                Some(403)
            )
        );
        let partial = "Request failed with partial response with HTTP code 200 (parse error)";
        let f = findings(partial);
        assert_eq!(f[0].2, status(200, None));
        assert!(
            matches!(&f[1].2, Finding::Condition { entry, .. } if entry.name == "partial-response")
        );
        // v1.1 codes keep their reading, and the line stays free text for the others.
        let mut out = Vec::new();
        let regions = read_framing(
            "ApiResponseError: Request failed with code 403 - Status is a duplicate. (Twitter code 187)",
            &mut out,
        );
        assert!(regions.is_empty());
    }

    #[test]
    fn status_line_and_headers_of_curl_i() {
        let text = "HTTP/2 429\r\ndate: Wed, 25 Nov 2026 12:00:00 GMT\r\nx-rate-limit-reset: 1795000000\r\nserver: tsa\r\n\r\n{}";
        let f = findings(text);
        assert_eq!(f[0], (1, How::StatusLine, status(429, None)));
        assert_eq!(
            f[1].2,
            Finding::Header {
                name: "date".into(),
                value: "Wed, 25 Nov 2026 12:00:00 GMT".into()
            }
        );
        assert_eq!(
            f[2].2,
            Finding::Header {
                name: "x-rate-limit-reset".into(),
                value: "1795000000".into()
            }
        );
        assert_eq!(f.len(), 3, "server is not an interesting header: {f:?}");
    }

    #[test]
    fn curl_verbose_skips_request_lines() {
        let text = "* Connected\n> GET /1.1/x HTTP/1.1\n> x-rate-limit-reset: 1\n< HTTP/1.1 403 Forbidden\n< x-rate-limit-remaining: 3\n<\n{ [82 bytes data]\n";
        let f = findings(text);
        assert_eq!(f[0], (4, How::StatusLine, status(403, Some("Forbidden"))));
        assert_eq!(
            f[1].2,
            Finding::Header {
                name: "x-rate-limit-remaining".into(),
                value: "3".into()
            }
        );
        assert_eq!(f.len(), 2);
    }

    #[test]
    fn curl_fail_line_old_and_new() {
        assert_eq!(
            findings("curl: (22) The requested URL returned error: 403")[0].2,
            status(403, None)
        );
        assert_eq!(
            findings("curl: (22) The requested URL returned error: 404 Not Found")[0].2,
            status(404, Some("Not Found"))
        );
    }

    #[test]
    fn tweepy_four_lines() {
        let text = "Traceback (most recent call last):\n  File \"x.py\", line 3\ntweepy.errors.Forbidden: 403 Forbidden\n187 - Status is a duplicate.\n";
        let f = findings(text);
        assert_eq!(f[0], (3, How::ClientText, status(403, Some("Forbidden"))));
        assert_eq!(
            f[1].2,
            Finding::Code {
                code: 187,
                message: Some("Status is a duplicate.".into())
            }
        );
        assert_eq!(f.len(), 2);
    }

    #[test]
    fn node_error_line_gives_status_and_code() {
        let f = findings(
            "ApiResponseError: Request failed with code 403 - Status is a duplicate. (Twitter code 187)",
        );
        assert_eq!(f[0].2, status(403, None));
        assert_eq!(
            f[1].2,
            Finding::Code {
                code: 187,
                message: Some("Status is a duplicate.".into())
            }
        );
    }

    #[test]
    fn python_twitter_tools_and_ruby_gem_lines() {
        let f = findings(
            "twitter.api.TwitterHTTPError: Twitter sent status 403 for URL: 1.1/statuses/update.json using parameters: (status=x)",
        );
        assert_eq!(f[0].2, status(403, None));
        let f = findings("Twitter::Error::TooManyRequests: Rate limit exceeded");
        assert!(
            f.iter().all(|x| !matches!(x.2, Finding::Status { .. })),
            "no status number is invented"
        );
        assert_eq!(
            f[0].2,
            Finding::Message {
                text: "Rate limit exceeded".into(),
                oauth_error: None,
                request: None,
                title_len: None,
            }
        );
    }

    #[test]
    fn xml_error_and_html_title() {
        let f =
            findings("<errors><error code=\"34\">Sorry, that page does not exist</error></errors>");
        assert_eq!(
            f[0].2,
            Finding::Code {
                code: 34,
                message: Some("Sorry, that page does not exist".into())
            }
        );
        let f = findings("<html><head><title>502 Bad Gateway</title></head>");
        assert_eq!(f[0], (1, How::HtmlTitle, status(502, Some("Bad Gateway"))));
    }

    #[test]
    fn a_code_too_large_is_kept_as_text() {
        let f = findings("<error code=\"99999999999999999999\">x</error>");
        assert_eq!(
            f[0].2,
            Finding::InvalidCode {
                raw: "99999999999999999999".into(),
                message: Some("x".into())
            }
        );
    }
}
