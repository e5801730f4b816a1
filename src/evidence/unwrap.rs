//! The wrapping people put around an error when they paste it: markdown (fences, inline
//! backticks, `> ` quotes, bold), log-line prefixes (timestamps, levels, logger names,
//! process tags), and typographic quotes. It is undone before any evidence is looked for,
//! so that every recogniser sees the text the client printed.
//!
//! The transformation works line by line and never adds or removes a line: line `n` of the
//! result is what remains of line `n` of the input, so every line number reported still
//! points at the user's own text. Chunk framing (`curl --raw`) is taken out first by
//! [`super::chunked`], which keeps line numbers the same way.

use regex::Regex;
use std::borrow::Cow;
use std::sync::LazyLock;

/// One log prefix at the start of a line. Each alternative is a shape some logger or
/// process runner writes; they are stripped repeatedly (a timestamp, then a level, then a
/// logger name), at most [`MAX_PREFIXES`] times.
static PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^(?:
          # ISO 8601 and its log variants: 2015-07-18 16:48:49,156 / 2026-01-02T03:04:05.6Z
          \[?[0-9]{4}-[0-9]{2}-[0-9]{2}[T\ ][0-9]{2}:[0-9]{2}:[0-9]{2}(?:[.,][0-9]+)?(?:Z|\ ?[+-][0-9]{2}:?[0-9]{2})?\]?:?[[:space:]]+(?:[-|][[:space:]]+)?
          # Android logcat and other year-less timestamps: 07-17 08:34:17.236
        | [0-9]{2}-[0-9]{2}\ [0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]+)?[[:space:]]+(?:[0-9]+[[:space:]]+[0-9]+[[:space:]]+)?(?:[VDIWEF][/\ ][^:[:space:]]*[[:space:]]*:[[:space:]])?
          # syslog: Nov 26 01:11:08 host prog[123]:
        | [A-Z][a-z]{2}\ [\ 0-9][0-9]\ [0-9]{2}:[0-9]{2}:[0-9]{2}\ [^[:space:]]+\ [^[:space:]:]+:[[:space:]]
          # a bare time of day: 12:00:01.123
        | [0-9]{2}:[0-9]{2}:[0-9]{2}(?:[.,][0-9]+)?[[:space:]]+
          # NSLog's process[pid:thread] after its timestamp; Heroku's app[web.1]:
        | [[:word:].-]+\[[0-9]+:[[:word:]]+\][[:space:]]+
        | (?:app|heroku)\[[[:word:].-]+\]:[[:space:]]*
          # a logger's name before its level: Python's `name - LEVEL - ` (the format of its
          # logging cookbook), Monolog's `channel.LEVEL: `
        | [[:word:].-]+?(?:[[:space:]]+-[[:space:]]+|\.)(?:CRITICAL|FATAL|ERROR|WARNING|WARN|INFO|DEBUG|TRACE|NOTICE)(?::|[[:space:]]+-)?[[:space:]]+
          # Python logging's default format: WARNING:root:, DEBUG:urllib3.connectionpool:
        | (?:CRITICAL|FATAL|ERROR|WARNING|WARN|INFO|DEBUG|TRACE):[[:word:].-]+:
          # level words and tags: [ERROR], ERROR:, E/Tag:, [-] (Twisted), [1] (process runners)
        | \[(?i:critical|fatal|error|err|warning|warn|info|debug|trace|notice)\][[:space:]]*
        | (?:CRITICAL|FATAL|ERROR|WARNING|WARN|INFO|DEBUG|TRACE|NOTICE)(?::|[[:space:]]+-)?[[:space:]]+
        | \[-\][[:space:]]+
        | \[[0-9]\][[:space:]]+
          # docker compose: svc_1  | 
        | [[:word:].-]+[[:space:]]+\|[[:space:]]
        )",
    )
    .expect("the prefix pattern compiles")
});

/// A component tag right after a level (`[ERROR] [UserManager] `): stripped only there.
static TAG_AFTER_LEVEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\[[A-Za-z][[:word:].:-]*\][[:space:]]+").expect("the tag pattern compiles")
});

const MAX_PREFIXES: usize = 4;

/// How many levels of chunked framing inside chunked framing (a proxy's capture of a
/// proxy's) are taken out: each is one linear pass over one copy, so nesting set by the
/// input never costs more than this many passes, nor more than two copies at once.
const MAX_CHUNK_LEVELS: usize = 4;

/// The text with its wrapping undone, one output line per input line. Borrowed when there
/// was nothing to undo.
pub(crate) fn unwrap(text: &str) -> Cow<'_, str> {
    let mut text = Cow::Borrowed(text);
    // Old Mac line endings (a lone CR) are line endings too.
    if memchr::memchr(b'\r', text.as_bytes()).is_some()
        && memchr::memchr(b'\n', text.as_bytes()).is_none()
    {
        text = Cow::Owned(text.replace('\r', "\n"));
    }
    for _ in 0..MAX_CHUNK_LEVELS {
        match super::chunked::undo(&text) {
            Some(dechunked) => text = Cow::Owned(dechunked),
            None => break,
        }
    }
    match unwrap_lines(&text) {
        Some(unwrapped) => Cow::Owned(unwrapped),
        None => text,
    }
}

/// Each line with its wrapping undone; `None` when no line had any.
/// The copy is begun at the first line that changes: text with no wrapping (most of it,
/// and every large body) is never copied.
fn unwrap_lines(text: &str) -> Option<String> {
    let curl_verbose = is_curl_verbose(text);
    let mut out: Option<String> = None;
    let mut in_fence = false;
    let mut offset = 0;
    for line in text.split('\n') {
        let start = offset;
        offset += line.len() + 1;
        let body = line.strip_suffix('\r').unwrap_or(line);
        let clean = unwrap_line(body, curl_verbose, &mut in_fence);
        let out = match (&mut out, clean == body) {
            (None, true) => continue,
            (None, false) => out.insert(text[..start].to_string()),
            (Some(out), _) => out,
        };
        out.push_str(&clean);
        out.push_str(&line[body.len()..]);
        if offset <= text.len() {
            out.push('\n');
        }
    }
    out
}

/// `curl -v` marks request lines with `> `, which must not be taken for markdown quotes.
fn is_curl_verbose(text: &str) -> bool {
    text.lines().any(|l| {
        l.starts_with("< HTTP/") || l.starts_with("* Connected") || l.starts_with("* Trying")
    })
}

fn unwrap_line<'a>(line: &'a str, curl_verbose: bool, in_fence: &mut bool) -> Cow<'a, str> {
    let trimmed = line.trim_start();
    // A code fence line (```, ````javascript, ~~~) is markup only.
    if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
        *in_fence = !*in_fence;
        return Cow::Borrowed("");
    }
    let mut s: &str = line;
    if !curl_verbose && !*in_fence {
        s = strip_quote_markers(s);
    }
    s = strip_backticks(s);
    s = strip_prefixes(s);
    let mut owned: Cow<'a, str> = Cow::Borrowed(s);
    if owned.contains("**") {
        owned = Cow::Owned(strip_bold(&owned));
    }
    if let Some(fixed) = straighten_quotes(&owned) {
        owned = Cow::Owned(fixed);
    }
    if let Some(fixed) = html_entities(&owned) {
        owned = Cow::Owned(fixed);
    }
    owned
}

/// A body copied from a web page keeps its HTML entities (`{&quot;errors&quot;:...}`):
/// undone on lines with no straight double quote, where they cannot be the text's own.
fn html_entities(s: &str) -> Option<String> {
    if !s.contains("&quot;") && !s.contains("&#34;") || s.contains('"') {
        return None;
    }
    Some(
        s.replace("&quot;", "\"")
            .replace("&#34;", "\"")
            .replace("&#39;", "'")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&"),
    )
}

/// Markdown bold markers (`**Error**:`), except where removing one would join two word
/// characters (`4**03` must not become a number that was never in the input).
fn strip_bold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find("**") {
        let before = rest[..at].chars().next_back().or(out.chars().next_back());
        let after = rest[at + 2..].chars().next();
        let joins =
            before.is_some_and(char::is_alphanumeric) && after.is_some_and(char::is_alphanumeric);
        out.push_str(&rest[..at]);
        if joins {
            out.push_str("**");
        }
        rest = &rest[at + 2..];
    }
    out.push_str(rest);
    out
}

/// Markdown block quotes: `> text`, `>> text`, `> > text`.
fn strip_quote_markers(mut s: &str) -> &str {
    loop {
        let t = s.trim_start();
        match t.strip_prefix('>') {
            Some(rest) if rest.is_empty() || rest.starts_with(' ') => {
                s = rest.strip_prefix(' ').unwrap_or(rest);
            }
            _ => return s,
        }
    }
}

/// Inline code around a whole line, or a backtick left at either end of a wrapped block.
/// Indentation is kept: it is part of what the client printed.
fn strip_backticks(s: &str) -> &str {
    let body = s.trim_end();
    let body = body.strip_suffix('`').unwrap_or(body);
    let indent = body.len() - body.trim_start().len();
    match body[indent..].strip_prefix('`') {
        Some(rest) => rest,
        None => body,
    }
}

fn strip_prefixes(mut s: &str) -> &str {
    let mut after_level = false;
    for _ in 0..MAX_PREFIXES {
        if !may_begin_with_prefix(s) {
            break;
        }
        let found = PREFIX
            .find(s)
            .filter(|m| m.end() > 0 && !is_php_key(m.as_str(), &s[m.end()..]));
        let Some(m) = found else {
            if after_level
                && let Some(t) = TAG_AFTER_LEVEL.find(s)
                && !is_php_key(t.as_str(), &s[t.end()..])
            {
                s = &s[t.end()..];
            }
            break;
        };
        after_level = true;
        s = &s[m.end()..];
    }
    s
}

/// Whether `s` can begin with one of [`PREFIX`]'s shapes, told from a few bytes: the lines
/// that cannot (a body's `{`, an indented frame, a header such as `content-type: ...`) are
/// passed by without compiling or running the pattern. Each shape begins with a digit or a
/// bracket, with a level word, with a syslog month (`Nov 26 `), or holds a bracket or a bar
/// (`proc[12:34] `, `app[web.1]:`, `svc_1  | `) after a word.
fn may_begin_with_prefix(s: &str) -> bool {
    /// How far into a line a logger's name and its level may reach.
    const HEAD: usize = 80;
    const LEVELS: [&str; 9] = [
        "CRITICAL", "FATAL", "ERROR", "WARNING", "WARN", "INFO", "DEBUG", "TRACE", "NOTICE",
    ];
    match s.as_bytes() {
        [b'0'..=b'9' | b'[', ..] => true,
        [b'A'..=b'Z', b'a'..=b'z', b'a'..=b'z', b' ', ..] => true,
        [first, ..] if first.is_ascii_alphanumeric() || matches!(first, b'_' | b'.' | b'-') => {
            let head = &s.as_bytes()[..s.len().min(HEAD)];
            memchr::memchr2(b'[', b'|', s.as_bytes()).is_some()
                || LEVELS
                    .iter()
                    .any(|l| memchr::memmem::find(head, l.as_bytes()).is_some())
        }
        _ => false,
    }
}

/// `[0] => ...` is a PHP array dump, not a process tag: the bracket the prefix matched
/// is followed by PHP's arrow. (A level before a dump's line, `ERROR [code] => 144`, is a
/// prefix all the same.)
fn is_php_key(prefix: &str, rest: &str) -> bool {
    prefix.trim_end().ends_with(']') && rest.starts_with("=>")
}

/// Typographic quotes in place of straight ones make a pasted body unreadable as JSON (or
/// a Python dict). Each kind, double and single, is straightened only on lines with no
/// straight quote of that kind, where they cannot be quotes inside a string.
fn straighten_quotes(s: &str) -> Option<String> {
    let double = |c: char| matches!(c, '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{2033}');
    let single = |c: char| matches!(c, '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{2032}');
    // Each of them is encoded from the bytes E2 80: a line without those has none.
    memchr::memmem::find(s.as_bytes(), b"\xe2\x80")?;
    let doubles = s.contains(double) && !s.contains('"');
    let singles = s.contains(single) && !s.contains('\'');
    if !doubles && !singles {
        return None;
    }
    let straight = s.chars().map(|c| match c {
        c if doubles && double(c) => '"',
        c if singles && single(c) => '\'',
        c => c,
    });
    Some(straight.collect())
}

#[cfg(test)]
mod tests {
    use super::unwrap;

    /// The gate before [`super::PREFIX`] lets through every line the pattern strips: the
    /// shapes its comments name, and every line of the test fixtures and of this module.
    #[test]
    fn every_line_with_a_prefix_passes_the_gate() {
        let shapes = [
            "2015-07-18 16:48:49,156 x",
            "[2026-01-02T03:04:05.6Z] x",
            "07-17 08:34:17.236  1234  5678 E/Tag: x",
            "Nov 26 01:11:08 host prog[123]: x",
            "12:00:01.123 x",
            "bot[123:456] x",
            "app[web.1]: x",
            "heroku[router]: x",
            "WARNING:root:x",
            "[error] x",
            "ERROR: x",
            "NOTICE - x",
            "[-] x",
            "[1] x",
            "svc_1  | x",
            "bot.poster - ERROR - x",
            "production.ERROR: x",
        ];
        let mut texts = crate::evidence::testing::fixture_texts();
        texts.push(include_str!("unwrap.rs").to_string());
        for shape in shapes {
            assert!(
                super::PREFIX.find(shape).is_some_and(|m| m.end() > 0),
                "{shape}"
            );
        }
        let mut stripped = 0;
        for line in shapes
            .into_iter()
            .chain(texts.iter().flat_map(|t| t.lines()))
        {
            let line = line.trim_end_matches('\r');
            if super::PREFIX.find(line).is_some_and(|m| m.end() > 0) {
                stripped += 1;
                assert!(super::may_begin_with_prefix(line), "{line:?}");
            }
        }
        assert!(stripped >= shapes.len(), "{stripped}");
        for passed_by in [
            "{\"errors\":[]}",
            "content-type: text/html",
            "HTTP/2 200",
            "  at x",
        ] {
            assert!(!super::may_begin_with_prefix(passed_by), "{passed_by}");
        }
    }

    fn lines(text: &str) -> Vec<String> {
        unwrap(text).split('\n').map(str::to_string).collect()
    }

    #[test]
    fn a_php_dump_behind_a_level_keeps_its_keys() {
        let text = "ERROR     [code] => 144\nERROR     [0] => stdClass Object\n";
        assert_eq!(lines(text), ["[code] => 144", "[0] => stdClass Object", ""]);
    }

    #[test]
    fn line_count_is_kept() {
        let text = "```python\nERROR:root:x\n```\n> quoted\n";
        assert_eq!(unwrap(text).split('\n').count(), text.split('\n').count());
        assert_eq!(lines(text), ["", "x", "", "quoted", ""]);
    }

    #[test]
    fn markdown_wrapping() {
        assert_eq!(
            lines("`client error: (403) Forbidden`"),
            ["client error: (403) Forbidden"]
        );
        assert_eq!(lines("> > **Error**: 429"), ["Error: 429"]);
        assert_eq!(lines("**Forbidden** x"), ["Forbidden x"]);
        assert_eq!(
            lines("HTTP/2 4**03"),
            ["HTTP/2 4**03"],
            "never joins digits"
        );
        assert_eq!(
            lines("`Error: Status Code: 403"),
            ["Error: Status Code: 403"]
        );
        assert_eq!(lines("    at x (y.js:1:2)`"), ["    at x (y.js:1:2)"]);
    }

    #[test]
    fn log_prefixes() {
        assert_eq!(
            lines("2015-07-18 16:48:49,156 INFO archived 1"),
            ["archived 1"]
        );
        assert_eq!(
            lines("WARNING:root:Exception Name: Forbidden"),
            ["Exception Name: Forbidden"]
        );
        assert_eq!(
            lines("DEBUG:pleroma_bot:x-rate-limit-remaining: 0"),
            ["x-rate-limit-remaining: 0"]
        );
        assert_eq!(
            lines("07-17 08:34:17.236 E/Digits: HTTP Error: 403"),
            ["HTTP Error: 403"]
        );
        assert_eq!(
            lines("2011-09-09 16:33:28.440 PlainOAuth[21267:207] Status posted."),
            ["Status posted."]
        );
        assert_eq!(lines("[ERROR] [UserManager] get: failed"), ["get: failed"]);
        assert_eq!(
            lines("2026-11-26T01:00:00.000000+00:00 app[web.1]: HTTP/1.1 429"),
            ["HTTP/1.1 429"]
        );
        assert_eq!(
            lines("bot_1  | x-rate-limit-reset: 1"),
            ["x-rate-limit-reset: 1"]
        );
        assert_eq!(lines("2020-01-01 12:00:00-0500 [-] Stopping"), ["Stopping"]);
        assert_eq!(
            lines("Nov 26 01:11:08 box twbot[412]: HTTP 503"),
            ["HTTP 503"]
        );
        // A logger's name before its level: Python's cookbook format, Monolog's.
        assert_eq!(
            lines("2026-03-14 09:26:53,589 - bot.poster - ERROR - 453 - You currently"),
            ["453 - You currently"]
        );
        assert_eq!(
            lines("[2026-03-14 09:26:53] production.ERROR: TwythonError: x"),
            ["TwythonError: x"]
        );
    }

    #[test]
    fn what_is_not_a_prefix_stays() {
        assert_eq!(
            lines("[429] Too Many Requests"),
            ["[429] Too Many Requests"]
        );
        assert_eq!(lines("[0] => stdClass Object"), ["[0] => stdClass Object"]);
        assert_eq!(lines("HTTP/1.1 403 Forbidden"), ["HTTP/1.1 403 Forbidden"]);
        // A class named after a level is no logger's name.
        assert_eq!(
            lines("tweepy.errors.Forbidden: ERROR 403"),
            ["tweepy.errors.Forbidden: ERROR 403"]
        );
        let verbose = "* Connected to x\n> GET /1.1/a HTTP/1.1\n< HTTP/1.1 403";
        assert_eq!(unwrap(verbose), verbose);
    }

    #[test]
    fn html_entities_of_a_copied_body() {
        assert_eq!(lines("{&quot;code&quot;:32}"), ["{\"code\":32}"]);
        assert_eq!(lines("say \"&quot;\""), ["say \"&quot;\""]);
    }

    #[test]
    fn lone_carriage_returns_end_lines() {
        assert_eq!(
            lines("HTTP/1.1 100 Continue\r\rHTTP/1.1 429 Too Many\rx: 1"),
            ["HTTP/1.1 100 Continue", "", "HTTP/1.1 429 Too Many", "x: 1"]
        );
    }

    #[test]
    fn curly_quotes_only_where_no_straight_ones() {
        assert_eq!(
            lines("\u{201c}title\u{201d}: \u{201c}x\u{201d}"),
            ["\"title\": \"x\""]
        );
        let inside = "{\"m\":\"say \u{201c}hi\u{201d}\"}";
        assert_eq!(lines(inside), [inside]);
        assert_eq!(
            lines("{\u{2019}code\u{2019}: 130} don\u{2019}t"),
            ["{'code': 130} don't"]
        );
        let apostrophe = "{'m': 'it\u{2019}s'}";
        assert_eq!(lines(apostrophe), [apostrophe]);
    }
}
